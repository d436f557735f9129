import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  daysToFirstAppointment,
  holdsPostOn,
  median,
  minimalRoots,
  outcomeOf,
  pipelineSteps,
  postAfter,
  tallyPosts,
  tallySteps,
  type GraduateFacts,
  type Term,
} from './pipeline-rules.ts';

/** The pipeline's definitions (pipeline-rules.ts header) stated as properties. */
const isoDate = fc
  .integer({ min: Date.UTC(2015, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
const term: fc.Arbitrary<Term> = fc
  .tuple(isoDate, fc.option(fc.integer({ min: 0, max: 2000 })))
  .map(([start, length]) => ({
    start,
    end:
      length === null
        ? null
        : new Date(Date.parse(`${start}T00:00:00Z`) + length * 86_400_000).toISOString().slice(0, 10),
  }));
const graduate: fc.Arbitrary<GraduateFacts> = fc.record({
  sex: fc.constantFrom<'P' | 'L' | null>('P', 'L', null),
  completedOn: isoDate,
  staged: fc.boolean(),
  delegations: fc.array(isoDate, { maxLength: 3 }),
  terms: fc.array(term, { maxLength: 3 }),
});
const base: GraduateFacts = {
  sex: 'P',
  completedOn: '2025-12-18',
  staged: false,
  delegations: [],
  terms: [],
};
const total = (tally: { women: number; men: number; unknown: number }) =>
  tally.women + tally.men + tally.unknown;

describe('the funnel', () => {
  it('the path never grows from one step to the next, and each outcome is at most the trained', () => {
    fc.assert(
      fc.property(fc.array(graduate, { maxLength: 40 }), (graduates) => {
        const { outcomes, path } = tallySteps(graduates);
        for (let index = 1; index < pipelineSteps.length; index += 1) {
          const [before, after] = [pipelineSteps[index - 1]!, pipelineSteps[index]!];
          for (const sex of ['women', 'men', 'unknown'] as const)
            expect(path[after][sex]).toBeLessThanOrEqual(path[before][sex]);
          expect(total(outcomes[after])).toBeLessThanOrEqual(total(outcomes.trained));
          // Each path step is at most the outcome of the same step (it asks for more).
          expect(total(path[after])).toBeLessThanOrEqual(total(outcomes[after]));
        }
        expect(total(path.trained)).toBe(graduates.length);
        expect(total(outcomes.trained)).toBe(graduates.length);
      }),
    );
  });

  it('appointed is counted on its own: a woman appointed without a delegation is appointed, off the path', () => {
    const appointedOnly = { ...base, staged: true, terms: [{ start: '2026-03-01', end: '2028-12-31' }] };
    expect(outcomeOf(appointedOnly)).toEqual({
      staged: true,
      nominated: false,
      appointed: true,
      pathLength: 2,
    });
    const { outcomes, path } = tallySteps([appointedOnly]);
    expect(outcomes.appointed.women).toBe(1);
    expect(path.appointed.women).toBe(0);
  });

  it('only delegations and terms starting after completion count', () => {
    fc.assert(
      fc.property(graduate, (g) => {
        const outcome = outcomeOf(g);
        expect(outcome.nominated).toBe(g.delegations.some((d) => d > g.completedOn));
        expect(outcome.appointed).toBe(g.terms.some((t) => t.start > g.completedOn));
        // A term that started on or before completion alone never makes her "appointed".
        const before = { ...g, terms: g.terms.filter((t) => t.start <= g.completedOn) };
        expect(outcomeOf(before).appointed).toBe(false);
        expect(daysToFirstAppointment(before)).toBeNull();
      }),
    );
  });
});

describe('posts held 12 and 24 months after completion', () => {
  it('completed in Dec 2025, appointed in Mar 2026: holds a post at 12 months only if her term covers Dec 2026', () => {
    const today = '2027-06-01';
    const covering = { ...base, terms: [{ start: '2026-03-01', end: '2028-12-31' }] };
    const endedEarly = { ...base, terms: [{ start: '2026-03-01', end: '2026-12-17' }] };
    const endsThatDay = { ...base, terms: [{ start: '2026-03-01', end: '2026-12-18' }] };
    expect(postAfter(covering, 12, today)).toBe('holds');
    expect(postAfter(endedEarly, 12, today)).toBe('none');
    expect(postAfter(endsThatDay, 12, today)).toBe('holds');
    // 24 months after is 18 Dec 2027, after "today": not yet known.
    expect(postAfter(covering, 24, today)).toBe('not_due');
    expect(tallyPosts([covering, endedEarly], today)).toEqual({
      graduates: 2,
      due12: 2,
      holds12: 1,
      due24: 0,
      holds24: 0,
    });
  });

  it('holding a post on a date means a term covering it; nobody holds one before being due', () => {
    fc.assert(
      fc.property(graduate, isoDate, fc.constantFrom(12, 24), (g, today, months) => {
        const at = addMonths(g.completedOn, months);
        const answer = postAfter(g, months, today);
        if (at > today) expect(answer).toBe('not_due');
        else
          expect(answer === 'holds').toBe(
            g.terms.some((t) => t.start <= at && (t.end === null || t.end >= at)),
          );
        const tally = tallyPosts([g], today);
        expect(tally.holds12).toBeLessThanOrEqual(tally.due12);
        expect(tally.holds24).toBeLessThanOrEqual(tally.due24);
        // Due at 24 months implies due at 12.
        expect(tally.due24).toBeLessThanOrEqual(tally.due12);
      }),
    );
  });

  it('an open-ended term covers every later date', () => {
    expect(holdsPostOn([{ start: '2020-01-01', end: null }], '2099-01-01')).toBe(true);
    expect(holdsPostOn([{ start: '2020-01-01', end: null }], '2019-12-31')).toBe(false);
  });
});

describe('calendar months', () => {
  it('adds months on the calendar, the last day of a shorter month standing in', () => {
    expect(addMonths('2025-12-18', 12)).toBe('2026-12-18');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('months add up (on days that exist in every month) and always move forward', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (year, month, day, a, b) => {
          const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(addMonths(addMonths(date, a), b)).toBe(addMonths(date, a + b));
          if (a > 0) expect(addMonths(date, a) > date).toBe(true);
        },
      ),
    );
  });
});

describe('time to first appointment', () => {
  it('counts days to the earliest term starting after completion', () => {
    const g = {
      ...base,
      terms: [
        { start: '2024-01-01', end: null },
        { start: '2026-06-01', end: null },
        { start: '2026-03-18', end: null },
      ],
    };
    expect(daysToFirstAppointment(g)).toBe(90);
  });

  it('the median lies between the smallest and largest value and halves the list', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 50 }), (values) => {
        const m = median(values)!;
        expect(m).toBeGreaterThanOrEqual(Math.min(...values));
        expect(m).toBeLessThanOrEqual(Math.max(...values));
        expect(values.filter((v) => v < m).length).toBeLessThanOrEqual(values.length / 2);
        expect(values.filter((v) => v > m).length).toBeLessThanOrEqual(values.length / 2);
      }),
    );
    expect(median([])).toBeNull();
    expect(median([10, 20, 31, 40])).toBe(25);
  });
});

describe('minimal subtree roots', () => {
  it('keeps every path covered by exactly one root, and no root inside another', () => {
    const path = fc
      .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
      .map((ids) => `/${ids.join('/')}/`);
    fc.assert(
      fc.property(fc.array(path, { maxLength: 30 }), (paths) => {
        const roots = minimalRoots(paths);
        for (const candidate of paths)
          expect(roots.filter((root) => candidate.startsWith(root)).length).toBe(1);
        for (const root of roots)
          expect(roots.some((other) => other !== root && root.startsWith(other))).toBe(false);
      }),
    );
    // '/1/12/' is not inside '/1/1/' (paths end with a slash).
    expect(minimalRoots(['/1/12/', '/1/1/', '/1/1/5/'])).toEqual(['/1/1/', '/1/12/']);
  });
});
