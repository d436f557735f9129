import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formFor,
  gainBand,
  halvesOf,
  learningGainReport,
  matchedPairs,
  normalisedGain,
  scoreAnswers,
  type GroupRow,
  type ReportAttempt,
  type ReportParticipant,
} from './test-scores.ts';

/** The rules of training.md "Tests and learning gain" stated as properties. */

const share = fc
  .integer({ min: 0, max: 20 })
  .chain((max) =>
    fc.integer({ min: 0, max: Math.max(max, 1) }).map((score) => ({ score, max: Math.max(max, 1) })),
  );

describe('normalised gain g = (post − pre) / (max − pre)', () => {
  it('is at most 1, 1 exactly when post is the maximum, at least −pre/(1 − pre), and has the sign of post − pre', () => {
    fc.assert(
      fc.property(share, share, (a, b) => {
        const pre = a.score / a.max;
        const post = b.score / b.max;
        const gain = normalisedGain(pre, post);
        if (pre >= 1) {
          expect(gain).toBeNull();
          return;
        }
        expect(gain).not.toBeNull();
        expect(gain!).toBeLessThanOrEqual(1 + 1e-12);
        expect(gain! >= 1 - 1e-12).toBe(post >= 1);
        expect(gain!).toBeGreaterThanOrEqual(-pre / (1 - pre) - 1e-12);
        expect(Math.sign(Math.round(gain! * 1e9))).toBe(Math.sign(Math.round((post - pre) * 1e9)));
      }),
    );
  });

  it('at the ceiling (pre = max) there is no gain to measure: null, band "ceiling"', () => {
    expect(normalisedGain(1, 1)).toBeNull();
    expect(normalisedGain(1, 0.4)).toBeNull();
    expect(gainBand(null)).toBe('ceiling');
  });

  it('bands: low below 0.3, medium from 0.3 to 0.7 inclusive, high above 0.7', () => {
    expect(gainBand(-2)).toBe('low');
    expect(gainBand(0.2999)).toBe('low');
    expect(gainBand(0.3)).toBe('medium');
    expect(gainBand((0.65 - 0.5) / (1 - 0.5))).toBe('medium');
    expect(gainBand(0.7)).toBe('medium');
    expect(gainBand((0.85 - 0.5) / (1 - 0.5))).toBe('medium');
    expect(gainBand(0.7001)).toBe('high');
    expect(gainBand(1)).toBe('high');
  });
});

describe('forms A and B', () => {
  const ids = fc
    .uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 12n }), { maxLength: 60 })
    .map((list) => list.map(String));

  it('the halves differ by at most one person, the first half takes the earliest enrolments, whatever the order given', () => {
    fc.assert(
      fc.property(ids, (list) => {
        const halves = halvesOf(list);
        const first = list.filter((id) => halves.get(id) === 1);
        const second = list.filter((id) => halves.get(id) === 2);
        expect(first.length + second.length).toBe(list.length);
        expect(first.length - second.length).toBeGreaterThanOrEqual(0);
        expect(first.length - second.length).toBeLessThanOrEqual(1);
        for (const a of first) for (const b of second) expect(BigInt(a) < BigInt(b)).toBe(true);
        expect(halvesOf([...list].reverse())).toEqual(halves);
      }),
    );
  });

  it('with two forms, each half answers the other form after; a matched pair never gets the same form twice', () => {
    fc.assert(
      fc.property(fc.constantFrom<1 | 2>(1, 2), fc.constantFrom<1 | 2>(1, 2), (halfBefore, halfAfter) => {
        const pre = formFor('pre', halfBefore, true);
        // Her half may have moved meanwhile (someone withdrew): the form she took before still decides.
        expect(formFor('post', halfAfter, true, pre)).not.toBe(pre);
        expect(formFor('post', halfBefore, true)).not.toBe(pre);
      }),
    );
    expect([formFor('pre', 1, true), formFor('post', 1, true)]).toEqual(['A', 'B']);
    expect([formFor('pre', 2, true), formFor('post', 2, true)]).toEqual(['B', 'A']);
  });

  it('with one form, everybody answers form A before and after', () => {
    for (const half of [1, 2] as const)
      for (const phase of ['pre', 'post'] as const) expect(formFor(phase, half, false, 'B')).toBe('A');
  });
});

describe('scores', () => {
  it('one point per correct option; blanks and unknown items score nothing; never above the maximum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.option(fc.integer({ min: 0, max: 3 })), { maxLength: 35 }),
        (keys, given) => {
          const items = keys.map((correct, index) => ({ id: index + 1, correct }));
          const answers = Object.fromEntries(given.map((answer, index) => [String(index + 1), answer]));
          const { score, max } = scoreAnswers(items, answers);
          expect(max).toBe(items.length);
          expect(score).toBe(items.filter((item, index) => given[index] === item.correct).length);
          expect(score).toBeLessThanOrEqual(max);
        },
      ),
    );
  });
});

// ── The report ──────────────────────────────────────────────────────────────────────────────────────
const participantArb = fc.record({
  sex: fc.constantFrom<'L' | 'P' | null>('L', 'P', 'P', null),
  unit: fc.constantFrom('PSP A', 'PSP B', 'PSP C', 'PSP D', null),
  pre: fc.option(share, { nil: undefined }),
  post: fc.option(share, { nil: undefined }),
});
const classArb = fc.array(participantArb, { maxLength: 40 }).map((rows) => {
  const participants: ReportParticipant[] = rows.map((row, index) => ({
    id: String(index + 1),
    sex: row.sex,
    unit: row.unit,
  }));
  const attempts: ReportAttempt[] = rows.flatMap((row, index) =>
    (['pre', 'post'] as const).flatMap((phase) => {
      const taken = row[phase];
      return taken
        ? [{ participantId: String(index + 1), phase, form: 'A' as const, answers: {}, ...taken }]
        : [];
    }),
  );
  return { participants, attempts, items: [] };
});

const shownCount = (row: GroupRow) => (row.n.status === 'shown' ? row.n.value! : null);

describe('the learning-gain report', () => {
  it('counts matched pairs only: tests of participants who took one of the two change nothing', () => {
    fc.assert(
      fc.property(classArb, (input) => {
        const matched = new Set(
          input.participants
            .filter(
              (participant) =>
                input.attempts.some((a) => a.participantId === participant.id && a.phase === 'pre') &&
                input.attempts.some((a) => a.participantId === participant.id && a.phase === 'post'),
            )
            .map((participant) => participant.id),
        );
        const full = learningGainReport(input);
        const onlyMatched = learningGainReport({
          ...input,
          attempts: input.attempts.filter((attempt) => matched.has(attempt.participantId)),
        });
        expect(matchedPairs(input.participants, input.attempts)).toHaveLength(matched.size);
        expect(full.overall).toEqual(onlyMatched.overall);
        expect(full.bySex).toEqual(onlyMatched.bySex);
        expect(full.byUnit).toEqual(onlyMatched.byUnit);
        expect(full.bands).toEqual(onlyMatched.bands);
      }),
    );
  });

  it('the overall means are the means over matched pairs, and the mean gain leaves out those at the ceiling', () => {
    const participants = ['1', '2', '3', '4', '5', '6'].map((id) => ({
      id,
      sex: 'P' as const,
      unit: 'PSP A',
    }));
    const take = (id: string, phase: 'pre' | 'post', score: number): ReportAttempt => ({
      participantId: id,
      phase,
      form: 'A',
      score,
      max: 10,
      answers: {},
    });
    const attempts = [
      ...[
        ['1', 2, 8],
        ['2', 4, 7],
        ['3', 5, 5],
        ['4', 0, 10],
        ['5', 10, 9],
      ].flatMap(([id, pre, post]) => [
        take(id as string, 'pre', pre as number),
        take(id as string, 'post', post as number),
      ]),
      take('6', 'pre', 1),
    ];
    const report = learningGainReport({ participants, attempts, items: [] });
    expect(report.overall.n).toEqual({ value: 5, status: 'shown' });
    expect(report.overall.meanPre).toBeCloseTo((0.2 + 0.4 + 0.5 + 0 + 1) / 5);
    expect(report.overall.meanPost).toBeCloseTo((0.8 + 0.7 + 0.5 + 1 + 0.9) / 5);
    expect(report.overall.meanGain).toBeCloseTo((0.75 + 0.5 + 0 + 1) / 4);
    expect(report.bands).toMatchObject({
      ceiling: { status: 'small' },
      low: { status: 'small' },
      medium: { status: 'small' },
      high: { status: 'small' },
    });
    expect(report.takers.pre).toEqual({ value: 6, status: 'shown' });
    expect(report.takers.post).toEqual({ value: 5, status: 'shown' });
  });

  it('never shows a group under 5, nor lets one be had back by subtraction from the total (counts or means)', () => {
    fc.assert(
      fc.property(classArb, (input) => {
        const report = learningGainReport(input);
        const pairs = matchedPairs(input.participants, input.attempts);
        const total = shownCount(report.overall);
        if (pairs.length < 5) {
          expect(total).toBeNull();
          expect(report.overall.meanPre).toBeNull();
          expect([...report.bySex, ...report.byUnit].every((row) => shownCount(row) === null)).toBe(true);
        }
        for (const [rows, keyOf] of [
          [report.bySex, (p: ReportParticipant) => p.sex],
          [report.byUnit, (p: ReportParticipant) => p.unit],
        ] as const) {
          let hiddenGroups = 0;
          let hiddenPeople = 0;
          for (const row of rows) {
            const size = pairs.filter((pair) => keyOf(pair.participant) === row.key).length;
            if (size < 5) {
              expect(row.n.status).not.toBe('shown');
              expect([row.meanPre, row.meanPost, row.meanGain]).toEqual([null, null, null]);
            }
            if (shownCount(row) === null) {
              hiddenGroups += 1;
              hiddenPeople += size;
              expect(row.meanPre).toBeNull();
            } else expect(shownCount(row)).toBe(size);
          }
          if (total !== null) {
            // Total minus the shown groups is what the hidden groups hold together: never one group
            // alone, never fewer than 5 people (their pooled mean is computable too).
            expect(hiddenGroups).not.toBe(1);
            expect(hiddenPeople === 0 || hiddenPeople >= 5).toBe(true);
          }
        }
        const shownBands = Object.values(report.bands).filter((cell) => cell.status === 'shown');
        const hiddenBands = Object.values(report.bands).filter((cell) => cell.status !== 'shown');
        if (total !== null) expect(hiddenBands.length).not.toBe(1);
        for (const cell of shownBands) expect(cell.value!).toBeGreaterThanOrEqual(5);
      }),
    );
  });

  it('item difficulty is the share correct among the takers of its form, hidden under 5 takers', () => {
    const items = [
      { id: 11, form: 'A' as const, correct: 2 },
      { id: 21, form: 'B' as const, correct: 0 },
    ];
    const attempts: ReportAttempt[] = [];
    for (let index = 1; index <= 6; index += 1)
      attempts.push({
        participantId: String(index),
        phase: 'pre',
        form: 'A',
        score: 0,
        max: 1,
        answers: { '11': index <= 3 ? 2 : 1 },
      });
    for (let index = 7; index <= 9; index += 1)
      attempts.push({
        participantId: String(index),
        phase: 'pre',
        form: 'B',
        score: 1,
        max: 1,
        answers: { '21': 0 },
      });
    const participants = Array.from({ length: 9 }, (_, index) => ({
      id: String(index + 1),
      sex: null,
      unit: null,
    }));
    const [a, b] = learningGainReport({ participants, attempts, items }).items;
    expect(a!.pre).toEqual({ takers: { value: 6, status: 'shown' }, difficulty: 0.5 });
    expect(a!.post.difficulty).toBeNull();
    expect(b!.pre).toEqual({ takers: { value: null, status: 'small' }, difficulty: null });
  });
});
