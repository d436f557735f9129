import { describe, expect, it } from 'vitest';
import {
  applicableRules,
  checkSlate,
  countSeats,
  evaluate,
  evaluateAll,
  requiredWomen,
  worstStatus,
  type QuotaRule,
  type Seat,
} from './quota-engine.ts';

const sizes = [3, 4, 5, 7, 8, 9, 11, 12, 25];

describe('requiredWomen: the rounding table', () => {
  // 30% with ceil is the domain file's table; the rest is worked by hand (n × bp / 10000, then rounded).
  const table: [number, string, number[]][] = [
    [3000, 'ceil', [1, 2, 2, 3, 3, 3, 4, 4, 8]],
    [3000, 'half_up', [1, 1, 2, 2, 2, 3, 3, 4, 8]],
    [3000, 'floor', [0, 1, 1, 2, 2, 2, 3, 3, 7]],
    [4000, 'ceil', [2, 2, 2, 3, 4, 4, 5, 5, 10]],
    [4000, 'half_up', [1, 2, 2, 3, 3, 4, 4, 5, 10]],
    [4000, 'floor', [1, 1, 2, 2, 3, 3, 4, 4, 10]],
  ];
  it.each(table)('%i bp, %s', (bp, rounding, expected) => {
    expect(sizes.map((n) => requiredWomen(n, bp, rounding as 'ceil'))).toEqual(expected);
  });

  it('ceil matches the compliance test women × 10000 ≥ bp × n for every n up to 200', () => {
    for (const bp of [2500, 3000, 3333, 4000, 5000]) {
      for (let n = 0; n <= 200; n++) {
        const required = requiredWomen(n, bp, 'ceil');
        expect(required * 10000 >= bp * n).toBe(true);
        if (required > 0) expect((required - 1) * 10000 >= bp * n).toBe(false);
      }
    }
  });

  it('half_up rounds exactly one half up (5 seats at 50% → 3, 2.5 → 3)', () => {
    expect(requiredWomen(5, 5000, 'half_up')).toBe(3);
    expect(requiredWomen(5, 5000, 'floor')).toBe(2);
    expect(requiredWomen(0, 3000)).toBe(0);
    expect(requiredWomen(10, 10000)).toBe(10);
  });

  it('refuses fractions, negatives and thresholds above 100%', () => {
    expect(() => requiredWomen(2.5, 3000)).toThrow(RangeError);
    expect(() => requiredWomen(-1, 3000)).toThrow(RangeError);
    expect(() => requiredWomen(3, 30.5)).toThrow(RangeError);
    expect(() => requiredWomen(3, 10001)).toThrow(RangeError);
  });
});

const rule = (overrides: Partial<QuotaRule> = {}): QuotaRule => ({
  id: 1,
  version: 1,
  name: '30%',
  scope: {
    subjectKinds: ['executive'],
    levels: [],
    delegationCategories: [],
    effectiveFrom: null,
    effectiveTo: null,
  },
  metric: 'filled_share',
  thresholdBp: 3000,
  rounding: 'ceil',
  minimum: null,
  positional: null,
  proportionalityFactorBp: null,
  enforcement: 'warn',
  ...overrides,
});

const seat = (sex: 'L' | 'P' | null, title = 'Anggota', extra: Partial<Seat> = {}): Seat => ({
  positionTitle: title,
  positionCategory: 'other',
  filled: true,
  sex,
  acting: false,
  ...extra,
});
const vacant = (title = 'Anggota'): Seat => ({ ...seat(null, title), filled: false });
const board = (women: number, men: number, unknown = 0, vacancies = 0) =>
  countSeats([
    ...Array.from({ length: women }, () => seat('P')),
    ...Array.from({ length: men }, () => seat('L')),
    ...Array.from({ length: unknown }, () => seat(null)),
    ...Array.from({ length: vacancies }, () => vacant()),
  ]);
const context = { asOf: '2026-06-01' };

describe('evaluate: statuses', () => {
  const cases: [string, ReturnType<typeof board>, string, number, number][] = [
    // name, counts, status, required, shortfall
    ['7 seats, 3 women: compliant with no spare', board(3, 4), 'at_risk', 3, 0],
    ['7 seats, 4 women: compliant', board(4, 3), 'compliant', 3, 0],
    ['7 seats, 2 women: non compliant', board(2, 5), 'non_compliant', 3, 1],
    ['nobody seated: not applicable', board(0, 0, 0, 5), 'not_applicable', 0, 0],
    ['2 women, 1 unknown of 7: the unknown could decide', board(2, 4, 1), 'unknown', 3, 1],
    ['4 women, 2 unknown of 7: compliant whatever the unknowns', board(4, 1, 2), 'compliant', 3, 0],
    ['1 woman, 1 unknown of 7: non compliant whatever the unknowns', board(1, 5, 1), 'non_compliant', 3, 2],
  ];
  it.each(cases)('%s', (_name, counts, status, required, shortfall) => {
    const result = evaluate(rule(), counts, context);
    expect(result.status).toBe(status);
    expect(result.requiredWomen).toBe(required);
    expect(result.shortfall).toBe(shortfall);
  });

  it('gives what it would take as a code with parameters', () => {
    expect(evaluate(rule(), board(2, 5), context).hint).toEqual({
      code: 'needs_more_women',
      params: { count: 1, seats: 7 },
    });
    expect(evaluate(rule(), board(2, 4, 1), context).hint).toEqual({
      code: 'record_sex',
      params: { count: 1 },
    });
    expect(evaluate(rule(), board(0, 0, 0, 3), context).hint.code).toBe('no_seats_filled');
  });

  it('reports unknown sex as unknown, never as a woman or a man', () => {
    const result = evaluate(rule(), board(2, 4, 1), context);
    expect([result.women, result.men, result.unknown]).toEqual([2, 4, 1]);
    expect(result.reasons).toContainEqual({ code: 'unknown_sex', params: { count: 1 } });
  });
});

describe('evaluate: vacancies', () => {
  it('filled share counts filled seats; a compliant board with vacancies is at risk when men could fill them', () => {
    // 2 women of 5 filled (needs 2, spare 0) → at_risk anyway; 2 women of 4 filled with 5 vacancies:
    // compliant now (needs 2)… at 9 seats it needs 3.
    const result = evaluate(rule(), board(2, 1, 0, 6), context);
    expect(result.filled).toBe(3);
    expect(result.seats).toBe(9);
    expect(result.vacant).toBe(6);
    expect(result.requiredWomen).toBe(1);
    expect(result.status).toBe('at_risk');
    expect(result.hint).toEqual({ code: 'vacancies_need_women', params: { count: 1, vacancies: 6 } });
  });

  it('stays compliant when the women already meet the full board', () => {
    expect(evaluate(rule(), board(3, 1, 0, 3), context).status).toBe('compliant');
  });

  it('statutory share counts vacancies against the body', () => {
    const result = evaluate(rule({ metric: 'statutory_share' }), board(2, 1, 0, 4), context);
    expect(result.base).toBe(7);
    expect(result.requiredWomen).toBe(3);
    expect(result.status).toBe('non_compliant');
    expect(result.shortfall).toBe(1);
  });

  it('statutory seats set higher than the seat list count as vacancies', () => {
    const counts = countSeats([seat('P'), seat('L')], 9);
    expect(counts.seats).toBe(9);
    expect(evaluate(rule({ metric: 'statutory_share' }), counts, context).requiredWomen).toBe(3);
  });
});

describe('evaluate: Plt (acting)', () => {
  it('an acting officer counts for her seat and is flagged', () => {
    const counts = countSeats([seat('P', 'Ketua', { acting: true }), seat('L'), seat('L')]);
    const result = evaluate(rule(), counts, context);
    expect(result.women).toBe(1);
    expect(result.acting).toBe(1);
    expect(result.status).toBe('at_risk');
    expect(result.reasons).toContainEqual({ code: 'acting_seats', params: { count: 1 } });
  });
});

describe('evaluate: minimum and positional rules', () => {
  const core = {
    titles: ['Ketua', 'Sekretaris', 'Bendahara'],
    categories: [] as never[],
    atLeast: 1,
  };

  it('a minimum applies from its seat count (10% would need 1 of 3 only with the minimum)', () => {
    const small = rule({ thresholdBp: 1000, rounding: 'floor', minimum: { women: 1, whenSeatsAtLeast: 3 } });
    expect(evaluate(small, board(0, 2), context).requiredWomen).toBe(0);
    const three = evaluate(small, board(0, 3), context);
    expect(three.requiredWomen).toBe(1);
    expect(three.status).toBe('non_compliant');
    expect(three.reasons.map((reason) => reason.code)).toContain('minimum_applies');
  });

  it('core posts: at least one woman among Ketua, Sekretaris, Bendahara (titles, any case)', () => {
    const postsRule = rule({ metric: 'core_posts', positional: core });
    const men = countSeats([seat('L', 'Ketua'), seat('L', 'sekretaris'), seat('L', 'Bendahara'), seat('P')]);
    const failing = evaluate(postsRule, men, context);
    expect(failing.status).toBe('non_compliant');
    expect(failing.base).toBe(3);
    expect(failing.hint).toEqual({
      code: 'needs_woman_in_posts',
      params: { count: 1, posts: 'Ketua, sekretaris, Bendahara' },
    });
    const withWoman = countSeats([seat('L', 'Ketua'), seat('P', 'Sekretaris'), seat('L', 'Bendahara')]);
    expect(evaluate(postsRule, withWoman, context).status).toBe('at_risk');
  });

  it('core posts by category (administrative)', () => {
    const byCategory = rule({
      metric: 'core_posts',
      positional: { titles: [], categories: ['administrative'], atLeast: 1 },
    });
    const counts = countSeats([
      seat('L', 'Ketua', { positionCategory: 'strategic' }),
      seat('P', 'Bendahara', { positionCategory: 'administrative' }),
    ]);
    expect(evaluate(byCategory, counts, context).status).toBe('at_risk');
  });

  it('core posts vacant: not applicable; a woman Plt in a core post counts', () => {
    const postsRule = rule({ metric: 'core_posts', positional: core });
    expect(evaluate(postsRule, countSeats([vacant('Ketua'), seat('L')]), context).status).toBe(
      'not_applicable',
    );
    const plt = countSeats([seat('P', 'Ketua', { acting: true }), seat('L', 'Sekretaris')]);
    expect(evaluate(postsRule, plt, context).status).toBe('at_risk');
  });

  it('a share rule with a positional part is as bad as its worst part', () => {
    const both = rule({ positional: core });
    const counts = countSeats([
      seat('L', 'Ketua'),
      seat('L', 'Sekretaris'),
      seat('L', 'Bendahara'),
      seat('P'),
      seat('P'),
      seat('P'),
      seat('L'),
    ]);
    const result = evaluate(both, counts, context);
    expect(result.requiredWomen).toBe(3);
    expect(result.positional).toMatchObject({ required: 1, women: 0, status: 'non_compliant' });
    expect(result.status).toBe('non_compliant');
    expect(result.hint.code).toBe('needs_woman_in_posts');
  });
});

describe('evaluate: proportionality', () => {
  it('women share ≥ k × membership share, in integers', () => {
    // Membership 8083 women, 459 men (a garment PSP): share 94.6%; k = 0.5 → 47.3% of 9 seats → 5 women.
    const proportional = rule({ metric: 'proportionality', proportionalityFactorBp: 5000 });
    const result = evaluate(proportional, board(4, 5), {
      asOf: '2026-06-01',
      membership: { women: 8083, men: 459, unknown: 10 },
    });
    expect(result.requiredWomen).toBe(5);
    expect(result.status).toBe('non_compliant');
    expect(evaluate(proportional, board(4, 5), context).status).toBe('unknown');
  });
});

describe('applicableRules: scope and dates', () => {
  const v1 = rule({ scope: { ...rule().scope, effectiveFrom: '2018-01-01', effectiveTo: null } });
  const v2 = rule({
    version: 2,
    thresholdBp: 4000,
    scope: { ...rule().scope, effectiveFrom: '2027-01-01', effectiveTo: null },
  });
  const dpd = rule({
    id: 2,
    scope: { ...rule().scope, levels: ['DPD'], effectiveFrom: null, effectiveTo: '2026-12-31' },
  });
  const delegation = rule({
    id: 3,
    scope: { ...rule().scope, subjectKinds: ['delegation'], delegationCategories: ['executive'] },
  });
  const all = [v1, v2, dpd, delegation];

  it('picks the highest version in force on the date', () => {
    expect(
      applicableRules(all, { kind: 'executive', level: 'DPC' }, '2026-12-31').map((r) => [r.id, r.version]),
    ).toEqual([[1, 1]]);
    expect(
      applicableRules(all, { kind: 'executive', level: 'DPC' }, '2027-01-01').map((r) => [r.id, r.version]),
    ).toEqual([[1, 2]]);
    expect(applicableRules(all, { kind: 'executive', level: 'DPC' }, '2017-12-31')).toEqual([]);
  });

  it('honours levels and the last day of a rule', () => {
    expect(applicableRules(all, { kind: 'executive', level: 'DPD' }, '2026-12-31').map((r) => r.id)).toEqual([
      1, 2,
    ]);
    expect(applicableRules(all, { kind: 'executive', level: 'DPD' }, '2027-01-01').map((r) => r.id)).toEqual([
      1,
    ]);
  });

  it('the delegation rule counts executive delegates, not Komite Perempuan delegates', () => {
    expect(
      applicableRules(
        all,
        { kind: 'delegation', level: 'DPD', delegationCategory: 'executive' },
        '2026-01-01',
      ),
    ).toHaveLength(1);
    expect(
      applicableRules(
        all,
        { kind: 'delegation', level: 'DPD', delegationCategory: 'komite_perempuan' },
        '2026-01-01',
      ),
    ).toHaveLength(0);
  });

  it('evaluateAll: info rules do not make the overall status', () => {
    const target = rule({ id: 4, thresholdBp: 4000, enforcement: 'info' });
    const result = evaluateAll([v1, target], { kind: 'executive', level: 'DPC' }, board(3, 5), context);
    expect(result.evaluations.map((e) => e.status)).toEqual(['at_risk', 'non_compliant']);
    expect(result.status).toBe('at_risk');
    expect(worstStatus(['compliant', 'unknown', 'at_risk'])).toBe('unknown');
  });
});

describe('checkSlate', () => {
  const share = rule({ id: 1 });
  const core = rule({
    id: 2,
    metric: 'core_posts',
    positional: { titles: ['Ketua', 'Sekretaris', 'Bendahara'], categories: [], atLeast: 1 },
  });
  const slate = (sexes: ('L' | 'P' | null)[][]) =>
    ['Ketua', 'Sekretaris', 'Bendahara', 'Wakil Ketua', 'A', 'B', 'C', 'D', 'E'].map((title, index) => ({
      positionTitle: title,
      positionCategory: null,
      candidates: sexes[index] ?? [],
    }));

  it('9 seats: 1 of Ketua/Sekretaris/Bendahara and 2 more among the remaining 6', () => {
    const results = checkSlate(
      [share, core],
      slate([['L', 'P'], ['L'], ['L'], ['L', 'P'], ['P'], ['L'], ['L'], ['L'], ['L']]),
    );
    const [shareResult, coreResult] = results;
    expect(coreResult!.messages).toContainEqual({
      code: 'slate_posts_need',
      params: { count: 1, posts: 'Ketua, Sekretaris, Bendahara', certain: 0 },
    });
    expect(shareResult!.messages).toContainEqual({
      code: 'slate_remaining_need',
      params: { count: 2, seats: 6 },
    });
    expect(shareResult!.requiredWomen).toBe(3);
    expect(shareResult!.possibleWomen).toBe(3);
    expect(shareResult!.couldComply).toBe(true);
    // No slack: each seat that can go to a woman must.
    expect(shareResult!.mustGoToWomen).toEqual([0, 3, 4]);
    expect(coreResult!.mustGoToWomen).toEqual([0]);
  });

  it('cannot comply when the core posts have only men standing', () => {
    const results = checkSlate(
      [share, core],
      slate([['L'], ['L'], ['L'], ['P'], ['P'], ['P'], ['P'], [], []]),
    );
    expect(results[1]!.couldComply).toBe(false);
    expect(results[1]!.messages.at(-1)!.code).toBe('slate_cannot_comply');
    expect(results[0]!.couldComply).toBe(true);
  });

  it('an unknown-sex candidate or an empty seat could still go to a woman; all-women seats are certain', () => {
    const [result] = checkSlate(
      [share],
      slate([[null], ['P'], ['P', 'P'], ['L'], ['L'], ['L'], ['L'], ['L'], ['L']]),
    );
    expect(result!.possibleWomen).toBe(3);
    expect(result!.certainWomen).toBe(2);
    expect(result!.couldComply).toBe(true);
  });
});
