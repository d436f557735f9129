import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibilityFailures } from '../../../shared/training-taxonomies.ts';
import {
  completionOf,
  eligibilityFailuresOf,
  maskedName,
  weightedAttendance,
  type ClassRequirements,
  type MemberAsOf,
} from './training-rules.ts';

/** The rules of training.md stated as properties, apart from how training-rules.ts computes them. */
const open: ClassRequirements = { womenOnly: false, maxAge: null, prerequisites: [], startsOn: '2025-12-16' };
const eligible: MemberAsOf = { status: 'aktif', sex: 'P', birthYear: 1995, completed: [] };

describe('eligibility, from the member record as of the class start date', () => {
  it('an active member passes a class with no requirements, whatever her sex or age', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'L' | 'P' | null>('L', 'P', null),
        fc.option(fc.integer({ min: 1940, max: 2010 })),
        (sex, birthYear) => {
          expect(eligibilityFailuresOf(open, { ...eligible, sex, birthYear })).toEqual([]);
        },
      ),
    );
  });

  it('only aktif members may be nominated; every other status (or none yet) names not_active', () => {
    for (const status of ['calon', 'non_aktif', 'keluar', 'phk', 'meninggal', null])
      expect(eligibilityFailuresOf(open, { ...eligible, status })).toEqual(['not_active']);
  });

  it('a women-only class refuses men and members whose sex is not recorded, for different reasons', () => {
    const women = { ...open, womenOnly: true };
    expect(eligibilityFailuresOf(women, eligible)).toEqual([]);
    expect(eligibilityFailuresOf(women, { ...eligible, sex: 'L' })).toEqual(['women_only']);
    expect(eligibilityFailuresOf(women, { ...eligible, sex: null })).toEqual(['sex_unknown']);
  });

  it('the age limit counts years on the class start date: 35 admits those born 35 years before, not 36', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 18, max: 60 }), (year, limit) => {
        const young = { ...open, maxAge: limit, startsOn: `${year}-06-01` };
        expect(eligibilityFailuresOf(young, { ...eligible, birthYear: year - limit })).toEqual([]);
        expect(eligibilityFailuresOf(young, { ...eligible, birthYear: year - limit - 1 })).toEqual([
          'too_old',
        ]);
      }),
    );
    expect(eligibilityFailuresOf({ ...open, maxAge: 35 }, { ...eligible, birthYear: null })).toEqual([
      'birth_year_unknown',
    ]);
  });

  it('a prerequisite is met by a completed class of that track (at that level, when one is named)', () => {
    const madya = { ...open, prerequisites: [{ track: 'perempuan', level: 'dasar' }] };
    expect(eligibilityFailuresOf(madya, eligible)).toEqual(['prerequisite_missing']);
    expect(
      eligibilityFailuresOf(madya, { ...eligible, completed: [{ track: 'perempuan', level: 'dasar' }] }),
    ).toEqual([]);
    expect(
      eligibilityFailuresOf(madya, { ...eligible, completed: [{ track: 'perempuan', level: 'madya' }] }),
    ).toEqual(['prerequisite_missing']);
    expect(
      eligibilityFailuresOf(madya, { ...eligible, completed: [{ track: 'media', level: 'dasar' }] }),
    ).toEqual(['prerequisite_missing']);
    const anyLevel = { ...open, prerequisites: [{ track: 'pendidikan_dasar', level: null }] };
    expect(
      eligibilityFailuresOf(anyLevel, {
        ...eligible,
        completed: [{ track: 'pendidikan_dasar', level: 'lanjut' }],
      }),
    ).toEqual([]);
  });

  it('every failing rule is named, each from the published list, none twice', () => {
    const strict: ClassRequirements = {
      womenOnly: true,
      maxAge: 35,
      prerequisites: [{ track: 'perempuan', level: 'dasar' }],
      startsOn: '2025-12-16',
    };
    const failures = eligibilityFailuresOf(strict, {
      status: 'keluar',
      sex: 'L',
      birthYear: 1970,
      completed: [],
    });
    expect(new Set(failures)).toEqual(
      new Set(['not_active', 'women_only', 'too_old', 'prerequisite_missing']),
    );
    for (const failure of failures) expect(eligibilityFailures).toContain(failure);
  });
});

const weights = { present: 2, late: 1, excused: 1, absent: 0 } as const;
describe('weighted attendance and the completion rule', () => {
  it('is the points earned over the most that could be earned; unmarked sessions count as absent', () => {
    expect(weightedAttendance(weights, 3, ['present', 'present', 'present'])).toBe(1);
    expect(weightedAttendance(weights, 4, ['present', 'late', 'excused'])).toBe(4 / 8);
    expect(weightedAttendance(weights, 2, [])).toBe(0);
    expect(weightedAttendance(weights, 0, [])).toBeNull();
  });

  it('stays between 0 and 1, and a better mark never lowers it', () => {
    const mark = fc.constantFrom('present', 'late', 'excused', 'absent' as const);
    fc.assert(
      fc.property(fc.array(mark, { minLength: 1, maxLength: 12 }), fc.nat({ max: 11 }), (marks, index) => {
        const share = weightedAttendance(weights, marks.length, marks)!;
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
        const improved = marks.map((value, i) => (i === index % marks.length ? 'present' : value));
        expect(weightedAttendance(weights, marks.length, improved)!).toBeGreaterThanOrEqual(share);
      }),
    );
  });

  it('default rule: attendance of at least 80%, and a post-test of at least 60% when the class has one', () => {
    const rule = { minAttendance: 0.8, minPostScore: 0.6 };
    expect(completionOf(rule, 0.8, 0.6)).toEqual({ completed: true });
    expect(completionOf(rule, 0.79, 0.9)).toEqual({ completed: false, reasons: ['attendance_below'] });
    expect(completionOf(rule, 1, 0.59)).toEqual({ completed: false, reasons: ['post_test_below'] });
    expect(completionOf(rule, 1, null)).toEqual({ completed: false, reasons: ['post_test_missing'] });
    expect(completionOf({ minAttendance: 0.8, minPostScore: null }, 0.9, null)).toEqual({ completed: true });
    expect(completionOf(rule, null, 1)).toEqual({ completed: false, reasons: ['no_sessions'] });
    // 4 of 5 full sessions is exactly 80%: floating point must not refuse it.
    expect(
      completionOf(rule, weightedAttendance(weights, 5, ['present', 'present', 'present', 'present'])!, 0.6),
    ).toEqual({
      completed: true,
    });
  });
});

describe('the masked name on the public verification page', () => {
  it('keeps the first word and only the initial of every later word', () => {
    expect(maskedName('Siti Rahayu')).toBe('Siti R****');
    expect(maskedName('  siti   rahayu lestari ')).toBe('siti R**** L****');
    expect(maskedName('Sumiati')).toBe('Sumiati');
  });

  it('never shows more than one letter of any later word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z]{2,12}$/), { minLength: 2, maxLength: 5 }),
        (words) => {
          const masked = maskedName(words.join(' ')).split(' ');
          expect(masked[0]).toBe(words[0]);
          for (const [index, word] of words.slice(1).entries())
            expect(masked[index + 1]).toBe(`${word[0]!.toUpperCase()}****`);
        },
      ),
    );
  });
});
