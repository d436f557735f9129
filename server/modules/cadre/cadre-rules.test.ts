import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classLevels } from '../../../shared/training-taxonomies.ts';
import type { Principal } from '../../platform/access.ts';
import {
  confirmingUnitOf,
  currentStageOf,
  evaluateStage,
  nextStageOf,
  parentPathOf,
  proposalFor,
  sameEvidence,
  wholeMonthsBetween,
  type CadreFacts,
  type CompletedClass,
  type StageRule,
} from './cadre-rules.ts';

/**
 * Cadre stage rules (training.md "Cadre stages"), stated apart from the code:
 * - more completed (or facilitated) classes never make a member fail a condition she met, nor does a later day;
 * - she proceeds one stage at a time: only the next stage above her current one can be proposed;
 * - a stage she holds is never proposed again;
 * - time since the previous stage counts from the stage below (from joining for the first cadre stage);
 * - only an officer of the level above her home unit decides.
 */
const rule = (code: string, rank: number, rest: Partial<StageRule> = {}): StageRule => ({
  code,
  rank,
  active: true,
  minCompletedClasses: 0,
  requiredTracks: [],
  minLevel: null,
  minAttendance: null,
  minMonthsSincePrevious: 0,
  minFacilitatedClasses: 0,
  ...rest,
});
/** SPN's default ladder, as the migration seeds it. */
const spn: StageRule[] = [
  rule('anggota', 0),
  rule('kader_dasar', 1, { minCompletedClasses: 1, minLevel: 'dasar', minAttendance: 0.8 }),
  rule('kader_madya', 2, {
    minCompletedClasses: 2,
    minLevel: 'madya',
    minAttendance: 0.8,
    minMonthsSincePrevious: 12,
  }),
  rule('kader_utama', 3, {
    minCompletedClasses: 3,
    minLevel: 'lanjut',
    minAttendance: 0.8,
    minMonthsSincePrevious: 24,
  }),
  rule('fasilitator', 4, {
    minCompletedClasses: 3,
    minLevel: 'lanjut',
    minAttendance: 0.8,
    minMonthsSincePrevious: 12,
    minFacilitatedClasses: 1,
  }),
];
let serial = 0;
const done = (
  level: CompletedClass['level'],
  completedOn: string,
  attendance = 1,
  track = 'perempuan',
): CompletedClass => ({
  participantId: String(++serial),
  track,
  level,
  attendance,
  completedOn,
});
const facts = (rest: Partial<CadreFacts> = {}): CadreFacts => ({
  joinedOn: '2020-01-01',
  completed: [],
  facilitated: [],
  records: [],
  ...rest,
});

describe('the SPN ladder, example by example', () => {
  it('a new member is anggota; one completed dasar class at ≥ 80% proposes kader_dasar', () => {
    expect(currentStageOf(spn, facts()).stage.code).toBe('anggota');
    expect(proposalFor(spn, facts(), '2025-12-20')).toBeNull();
    const bogor = done('dasar', '2025-12-18', 0.83);
    const proposal = proposalFor(spn, facts({ completed: [bogor] }), '2025-12-20');
    expect(proposal).toMatchObject({ stage: 'kader_dasar', met: true, failures: [] });
    expect(proposal!.evidence).toEqual({
      participantIds: [bogor.participantId],
      facilitatedClassIds: [],
      previousStage: 'anggota',
      previousAchievedOn: '2020-01-01',
    });
  });

  it('a class with weak attendance, or not yet ended, does not count; the failing conditions are named', () => {
    const weak = done('dasar', '2025-12-18', 0.5);
    expect(evaluateStage(spn, facts({ completed: [weak] }), 'kader_dasar', '2025-12-20').failures).toEqual([
      'completed_classes_below',
      'level_below',
    ]);
    const later = done('dasar', '2026-03-01');
    expect(evaluateStage(spn, facts({ completed: [later] }), 'kader_dasar', '2025-12-20').met).toBe(false);
  });

  it('kader_madya needs twelve whole months since kader_dasar was reached', () => {
    const member = facts({
      completed: [done('dasar', '2025-01-10'), done('madya', '2025-06-10')],
      records: [{ stage: 'kader_dasar', achievedOn: '2025-02-01' }],
    });
    expect(evaluateStage(spn, member, 'kader_madya', '2026-01-31').failures).toEqual(['too_soon']);
    expect(evaluateStage(spn, member, 'kader_madya', '2026-02-01').met).toBe(true);
    expect(proposalFor(spn, member, '2026-02-01')!.evidence.previousAchievedOn).toBe('2025-02-01');
  });

  it('names the stage she holds and a stage beyond the next one', () => {
    const member = facts({
      completed: [done('dasar', '2025-01-10')],
      records: [{ stage: 'kader_dasar', achievedOn: '2025-02-01' }],
    });
    expect(evaluateStage(spn, member, 'kader_dasar', '2026-06-01').failures).toContain('already_held');
    expect(evaluateStage(spn, member, 'kader_utama', '2030-06-01').failures[0]).toBe('not_next');
  });

  it('the facilitator stage needs a class she facilitated as a member', () => {
    const member = facts({
      completed: [done('dasar', '2020-03-01'), done('madya', '2021-03-01'), done('lanjut', '2022-03-01')],
      records: [
        { stage: 'kader_dasar', achievedOn: '2020-04-01' },
        { stage: 'kader_madya', achievedOn: '2021-04-01' },
        { stage: 'kader_utama', achievedOn: '2023-04-01' },
      ],
    });
    expect(evaluateStage(spn, member, 'fasilitator', '2025-01-01').failures).toEqual([
      'facilitated_classes_below',
    ]);
    const facilitator = { ...member, facilitated: [{ classId: 7, endsOn: '2024-12-18' }] };
    expect(proposalFor(spn, facilitator, '2025-01-01')!.evidence.facilitatedClassIds).toEqual([7]);
  });

  it('required tracks and an inactive stage', () => {
    const ladder = [rule('anggota', 0), rule('kader', 1, { requiredTracks: ['perempuan', 'sop_kasus'] })];
    const member = facts({ completed: [done('dasar', '2025-01-01', 1, 'perempuan')] });
    expect(evaluateStage(ladder, member, 'kader', '2025-02-01').failures).toEqual(['track_missing']);
    // An inactive stage is skipped: the next stage is the one above it.
    const skipping = [rule('anggota', 0), rule('off', 1, { active: false }), rule('on', 2)];
    expect(nextStageOf(skipping, facts())!.code).toBe('on');
    expect(evaluateStage(skipping, facts(), 'off', '2025-01-01').failures).toEqual(['stage_inactive']);
  });

  it('the first cadre stage counts time from joining; unknown joining with a time rule is named', () => {
    const ladder = [rule('anggota', 0), rule('kader', 1, { minMonthsSincePrevious: 6 })];
    expect(evaluateStage(ladder, facts({ joinedOn: '2025-01-15' }), 'kader', '2025-07-14').failures).toEqual([
      'too_soon',
    ]);
    expect(evaluateStage(ladder, facts({ joinedOn: '2025-01-15' }), 'kader', '2025-07-15').met).toBe(true);
    expect(evaluateStage(ladder, facts({ joinedOn: null }), 'kader', '2030-01-01').failures).toEqual([
      'previous_date_unknown',
    ]);
  });

  it('whole months between dates', () => {
    expect(wholeMonthsBetween('2025-01-31', '2025-02-28')).toBe(0);
    expect(wholeMonthsBetween('2025-01-31', '2025-03-31')).toBe(2);
    expect(wholeMonthsBetween('2024-12-18', '2025-12-18')).toBe(12);
    expect(wholeMonthsBetween('2024-12-18', '2025-12-17')).toBe(11);
  });
});

// ── Properties ─────────────────────────────────────────────────────────────────────────────────────
const isoDay = fc
  .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 11, 31) })
  .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));
const completedArb = fc.record({
  participantId: fc.integer({ min: 1, max: 1e9 }).map(String),
  track: fc.constantFrom('perempuan', 'media', 'tkbh'),
  level: fc.constantFrom(...classLevels),
  attendance: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  completedOn: isoDay,
});
const ladderArb = fc
  .array(
    fc.record({
      minCompletedClasses: fc.integer({ min: 0, max: 4 }),
      requiredTracks: fc.subarray(['perempuan', 'media', 'tkbh'], { maxLength: 2 }),
      minLevel: fc.option(fc.constantFrom(...classLevels), { nil: null }),
      minAttendance: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      minMonthsSincePrevious: fc.integer({ min: 0, max: 36 }),
      minFacilitatedClasses: fc.integer({ min: 0, max: 2 }),
      active: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((rules) => [
    rule('anggota', 0),
    ...rules.map((rest, index) => rule(`stage_${index + 1}`, index + 1, rest)),
  ]);
const factsArb = (ladder: StageRule[]) =>
  fc.record({
    joinedOn: fc.option(isoDay, { nil: null }),
    completed: fc.array(completedArb, { maxLength: 6 }),
    facilitated: fc.array(fc.record({ classId: fc.integer({ min: 1, max: 1e6 }), endsOn: isoDay }), {
      maxLength: 3,
    }),
    records: fc
      .subarray(ladder.slice(1).map((stage) => stage.code))
      .chain((codes) =>
        fc
          .tuple(...codes.map(() => isoDay))
          .map((days) => codes.map((stage, i) => ({ stage, achievedOn: days[i]! }))),
      ),
  });
const scenario = ladderArb.chain((ladder) =>
  fc.record({
    ladder: fc.constant(ladder),
    facts: factsArb(ladder),
    more: fc.array(completedArb, { maxLength: 4 }),
    moreFacilitated: fc.array(fc.record({ classId: fc.integer({ min: 1, max: 1e6 }), endsOn: isoDay }), {
      maxLength: 2,
    }),
    asOf: isoDay,
    stage: fc.constantFrom(...ladder.map((stage) => stage.code)),
  }),
);

describe('properties', () => {
  it('monotone: more completed or facilitated classes never add a failing condition', () => {
    fc.assert(
      fc.property(scenario, ({ ladder, facts: member, more, moreFacilitated, asOf, stage }) => {
        const before = evaluateStage(ladder, member, stage, asOf);
        const after = evaluateStage(
          ladder,
          {
            ...member,
            completed: [...member.completed, ...more],
            facilitated: [...member.facilitated, ...moreFacilitated],
          },
          stage,
          asOf,
        );
        for (const failure of after.failures) expect(before.failures).toContain(failure);
        if (before.met) expect(after.met).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('monotone in time: a later day never adds a failing condition', () => {
    fc.assert(
      fc.property(scenario, isoDay, ({ ladder, facts: member, asOf, stage }, other) => {
        const [early, late] = [asOf, other].sort() as [string, string];
        const before = evaluateStage(ladder, member, stage, early);
        const after = evaluateStage(ladder, member, stage, late);
        for (const failure of after.failures) expect(before.failures).toContain(failure);
      }),
      { numRuns: 300 },
    );
  });

  it('one step at a time: a proposal is always the lowest active stage above her current one', () => {
    fc.assert(
      fc.property(scenario, ({ ladder, facts: member, asOf }) => {
        const proposal = proposalFor(ladder, member, asOf);
        if (!proposal) return;
        const current = currentStageOf(ladder, member).stage.rank;
        const proposed = ladder.find((stage) => stage.code === proposal.stage)!;
        expect(proposed.rank).toBeGreaterThan(current);
        expect(proposed.active).toBe(true);
        expect(
          ladder.some((stage) => stage.active && stage.rank > current && stage.rank < proposed.rank),
        ).toBe(false);
        // Any other stage is refused as not next (or held, or inactive).
        for (const other of ladder.filter((stage) => stage.code !== proposal.stage && stage.rank > 0)) {
          expect(evaluateStage(ladder, member, other.code, asOf).met).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('no proposal for a stage she already holds', () => {
    fc.assert(
      fc.property(scenario, ({ ladder, facts: member, asOf }) => {
        const proposal = proposalFor(ladder, member, asOf);
        if (proposal) expect(member.records.map((record) => record.stage)).not.toContain(proposal.stage);
        for (const record of member.records)
          expect(evaluateStage(ladder, member, record.stage, asOf).failures).toContain('already_held');
      }),
      { numRuns: 400 },
    );
  });

  it('evidence comparison ignores order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 999 }).map(String)), (ids) => {
        const evidence = {
          participantIds: ids,
          facilitatedClassIds: [3, 1],
          previousStage: 'anggota',
          previousAchievedOn: null,
        };
        expect(
          sameEvidence(evidence, {
            ...evidence,
            participantIds: [...ids].reverse(),
            facilitatedClassIds: [1, 3],
          }),
        ).toBe(true);
        expect(sameEvidence(evidence, { ...evidence, participantIds: [...ids, '1000'] })).toBe(false);
      }),
    );
  });
});

describe('who decides: an officer of the level above', () => {
  // Paths: /1/ DPP, /1/4/ DPD Jawa Barat, /1/4/7/ DPC Bogor, /1/4/7/9/ PSP; /1/5/ DPD Banten.
  const as = (role: Principal['grants'][number]['role'], unitId: number, unitPath: string): Principal => ({
    userId: 'u',
    grants: [{ role, unitId, unitPath }],
  });
  const psp = '/1/4/7/9/';
  it('parent paths', () => {
    expect(parentPathOf(psp)).toBe('/1/4/7/');
    expect(parentPathOf('/1/')).toBe('/1/');
  });
  it.each([
    ['gender officer of her PSP', as('gender_officer', 9, psp), null],
    ['org admin of her DPC', as('org_admin', 7, '/1/4/7/'), 7],
    ['gender officer of her DPD', as('gender_officer', 4, '/1/4/'), 4],
    ['gender officer of DPD Banten', as('gender_officer', 5, '/1/5/'), null],
    ['trainer of her DPD', as('trainer', 4, '/1/4/'), null],
    ['viewer at DPP', as('viewer', 1, '/1/'), null],
  ] as const)('%s → %s', (_name, principal, unit) => {
    expect(confirmingUnitOf(principal, psp)).toBe(unit);
  });
  it('the most specific grant names the confirming unit; a DPC member needs DPD or above', () => {
    const both: Principal = {
      userId: 'u',
      grants: [
        { role: 'gender_officer', unitId: 1, unitPath: '/1/' },
        { role: 'org_admin', unitId: 4, unitPath: '/1/4/' },
      ],
    };
    expect(confirmingUnitOf(both, psp)).toBe(4);
    expect(confirmingUnitOf(as('org_admin', 7, '/1/4/7/'), '/1/4/7/')).toBeNull();
    expect(confirmingUnitOf(as('gender_officer', 1, '/1/'), '/1/')).toBe(1);
  });
});
