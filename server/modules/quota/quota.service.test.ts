import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestContext,
  createUser,
  seedTree,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import type { RuleInput } from './quota.service.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
const actors: Record<string, Actor> = {};

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

async function actorWith(name: string, role: Role, unitId: number): Promise<Actor> {
  const userId = await createUser(ctx, {
    email: `${name}@spn.test`,
    homeUnitId: unitId,
    grants: [{ role, unitId }],
  });
  const { path } = await ctx.db
    .selectFrom('units')
    .select('path')
    .where('id', '=', unitId)
    .executeTakeFirstOrThrow();
  return {
    userId,
    label: name,
    requestId: 'r',
    language: 'id',
    principal: { userId, grants: [{ role, unitId, unitPath: path }] },
  };
}

const quota = () => ctx.services.quotaService;
const credentials = () => ctx.services.credentialsService;

async function board(unitId: number, name: string, statutorySeats: number | null = null) {
  const { id } = await ctx.db
    .insertInto('bodies')
    .values({ unit_id: unitId, kind: 'executive', name, statutory_seats: statutorySeats })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
async function position(bodyId: number, title: string, category: string, seats = 1) {
  const { id } = await ctx.db
    .insertInto('positions')
    .values({ body_id: bodyId, title, category, seats, sort_order: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
let memberCounter = 0;
async function appoint(
  positionId: number,
  sex: 'L' | 'P' | null,
  termStart: string,
  termEnd: string | null,
  basis = 'elected',
  unitId = tree.pspA1x,
) {
  memberCounter++;
  const memberId = await createMember(ctx, {
    number: `Q-${memberCounter}`,
    name: `Anggota ${memberCounter}`,
    unitId,
    sex,
  });
  await ctx.db
    .insertInto('appointments')
    .values({
      position_id: positionId,
      member_id: memberId,
      term_start: termStart,
      term_end: termEnd,
      basis,
      decree_number: null,
    })
    .execute();
  return memberId;
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-12-01T03:00:00Z'));
  tree = await seedTree(ctx);
  actors.dppGender = await actorWith('gender-dpp', 'gender_officer', tree.root);
  actors.dpdGender = await actorWith('gender-jabar', 'gender_officer', tree.dpdA);
  actors.dppOrg = await actorWith('org-dpp', 'org_admin', tree.root);
  actors.jabarOrg = await actorWith('org-jabar', 'org_admin', tree.dpdA);
  actors.bantenOrg = await actorWith('org-banten', 'org_admin', tree.dpdB);
  actors.viewer = await actorWith('viewer-dpp', 'viewer', tree.root);
});
afterAll(() => test.drop());

describe('rules as data', () => {
  it('are seeded with SPN defaults: 30% boards and delegations (ceil), 40% AD/ART info, core officers', async () => {
    const { items } = await quota().listRules(actors.viewer!);
    const byCode = Object.fromEntries(items.map((rule) => [rule.code, rule.current]));
    expect(byCode['spn-executive-30']).toMatchObject({
      thresholdBp: 3000,
      rounding: 'ceil',
      metric: 'filled_share',
    });
    expect(byCode['spn-delegation-30']).toMatchObject({
      thresholdBp: 3000,
      enforcement: 'return_delegation',
      scope: { subjectKinds: ['delegation'], delegationCategories: ['executive'] },
    });
    expect(byCode['spn-adart-40']).toMatchObject({ thresholdBp: 4000, enforcement: 'info' });
    expect(byCode['spn-core-officers']).toMatchObject({
      metric: 'core_posts',
      positional: { atLeast: 1, titles: expect.arrayContaining(['Ketua', 'Sekretaris', 'Bendahara']) },
    });
  });

  const edit = (thresholdBp: number, effectiveFrom: string | null): RuleInput => ({
    name: 'Kuota kepengurusan',
    description: null,
    scope: {
      subjectKinds: ['executive'],
      levels: [],
      delegationCategories: [],
      effectiveFrom,
      effectiveTo: null,
    },
    metric: 'filled_share',
    thresholdBp,
    rounding: 'ceil',
    minimum: null,
    positional: null,
    proportionalityFactorBp: null,
    enforcement: 'warn',
  });

  it('only the gender officer at DPP edits them; a DPD gender officer, an org admin and a viewer cannot', async () => {
    const { items } = await quota().listRules(actors.dpdGender!);
    const ruleId = items.find((rule) => rule.code === 'spn-executive-30')!.id;
    for (const actor of [actors.dpdGender!, actors.dppOrg!, actors.viewer!])
      await expectCode(quota().createVersion(actor, ruleId, edit(3500, null)), 'forbidden');
    expect((await quota().listRules(actors.dpdGender!)).canEdit).toBe(false);
    expect((await quota().listRules(actors.dppGender!)).canEdit).toBe(true);
    await expectCode(quota().createRule(actors.dpdGender!, 'dpd-rule', edit(3000, null)), 'forbidden');
  });

  it('editing makes a new version and keeps the old one; a version dated later applies from its date', async () => {
    const { items } = await quota().listRules(actors.dppGender!);
    const ruleId = items.find((rule) => rule.code === 'spn-executive-30')!.id;
    const after = await quota().createVersion(actors.dppGender!, ruleId, edit(4000, '2027-01-01'));
    expect(after.currentVersion).toBe(2);
    expect(after.versions.map((version) => [version.version, version.thresholdBp])).toEqual([
      [2, 4000],
      [1, 3000],
    ]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'quota_rule.version')
      .execute();
    expect(audit).toHaveLength(1);

    const bodyId = await board(tree.dpcB1, 'Pengurus DPC Kota Serang');
    const seat = await position(bodyId, 'Anggota', 'other', 5);
    for (const sex of ['P', 'P', 'L', 'L', 'L'] as const)
      await appoint(seat, sex, '2026-01-01', null, 'elected', tree.dpcB1);
    const rule = (at: string) =>
      quota()
        .evaluateBody(actors.dppGender!, bodyId, at)
        .then((result) => result.evaluations.find((evaluation) => evaluation.ruleId === ruleId)!);
    expect(await rule('2026-12-31')).toMatchObject({ ruleVersion: 1, requiredWomen: 2, status: 'at_risk' });
    expect(await rule('2027-01-01')).toMatchObject({ ruleVersion: 2, requiredWomen: 2, status: 'at_risk' });
  });
});

describe('evaluating a body as of a date', () => {
  let bodyId: number;
  beforeAll(async () => {
    // DPC Bogor board, 7 statutory seats: Ketua, Sekretaris, Bendahara, 4 members.
    bodyId = await board(tree.dpcA1, 'Pengurus DPC Kabupaten Bogor', 7);
    const ketua = await position(bodyId, 'Ketua', 'strategic');
    const sekretaris = await position(bodyId, 'Sekretaris', 'administrative');
    const bendahara = await position(bodyId, 'Bendahara', 'administrative');
    const anggota = await position(bodyId, 'Anggota', 'other', 4);
    // Term 2021–2025: all men except two members. Term from 2026: a woman Sekretaris, then a Plt.
    await appoint(ketua, 'L', '2021-01-01', '2025-12-31');
    await appoint(sekretaris, 'L', '2021-01-01', '2025-12-31');
    await appoint(bendahara, 'L', '2021-01-01', '2025-12-31');
    await appoint(ketua, 'L', '2026-01-01', null);
    await appoint(sekretaris, 'P', '2026-01-01', '2026-06-30');
    await appoint(sekretaris, 'P', '2026-07-01', null, 'acting');
    await appoint(anggota, 'P', '2021-01-01', null);
    await appoint(anggota, 'P', '2021-01-01', null);
    await appoint(anggota, 'L', '2026-01-01', null);
    await appoint(anggota, null, '2026-01-01', null);
  });
  const executive = (result: Awaited<ReturnType<ReturnType<typeof quota>['evaluateBody']>>, code: string) =>
    result.evaluations.find((evaluation) => evaluation.ruleName.startsWith(code))!;

  it('on the last day of the old term: 5 filled, 2 women, core posts all men', async () => {
    const result = await quota().evaluateBody(actors.jabarOrg!, bodyId, '2025-12-31');
    expect(result.counts).toEqual({
      seats: 7,
      filled: 5,
      vacant: 2,
      women: 2,
      men: 3,
      unknown: 0,
      acting: 0,
    });
    expect(executive(result, '30%')).toMatchObject({ requiredWomen: 2, status: 'at_risk' });
    expect(executive(result, 'Minimal satu')).toMatchObject({ status: 'non_compliant', shortfall: 1 });
    expect(result.status).toBe('non_compliant');
  });

  it('on the first day of the new term: Bendahara vacant, a woman Sekretaris, one member of unknown sex', async () => {
    const result = await quota().evaluateBody(actors.jabarOrg!, bodyId, '2026-01-01');
    expect(result.counts).toEqual({
      seats: 7,
      filled: 6,
      vacant: 1,
      women: 3,
      men: 2,
      unknown: 1,
      acting: 0,
    });
    expect(result.seats.filter((seat) => !seat.filled).map((seat) => seat.positionTitle)).toEqual([
      'Bendahara',
    ]);
    expect(executive(result, '30%')).toMatchObject({ requiredWomen: 2, status: 'compliant' });
    expect(executive(result, 'Minimal satu')).toMatchObject({ status: 'at_risk' });
    // 40% of 6 = 3 with ceil: met by the women on record, unknown never counted as a woman.
    expect(executive(result, 'Target AD/ART')).toMatchObject({ requiredWomen: 3, women: 3, unknown: 1 });
  });

  it('a Plt counts for her seat and is flagged', async () => {
    const result = await quota().evaluateBody(actors.jabarOrg!, bodyId, '2026-07-01');
    expect(result.counts.acting).toBe(1);
    expect(result.seats.find((seat) => seat.positionTitle === 'Sekretaris')).toMatchObject({
      sex: 'P',
      acting: true,
    });
    expect(executive(result, 'Minimal satu').status).toBe('at_risk');
  });

  it('before anyone was appointed, the body is not applicable', async () => {
    const result = await quota().evaluateBody(actors.jabarOrg!, bodyId, '2020-06-01');
    expect(result.status).toBe('not_applicable');
  });

  it('a DPD officer sees only its own subtree', async () => {
    await expectCode(quota().evaluateBody(actors.bantenOrg!, bodyId, '2026-01-01'), 'not_found');
    expect((await quota().evaluateBody(actors.dpdGender!, bodyId)).subject.unitName).toBe(
      'DPC Kabupaten Bogor',
    );
  });

  it('a slate: 1 of Ketua/Sekretaris/Bendahara must be a woman, 2 more among the remaining seats', async () => {
    const women = await Promise.all(
      [1, 2, 3].map((n) =>
        createMember(ctx, { number: `S-P${n}`, name: `Calon P${n}`, unitId: tree.pspA1x, sex: 'P' }),
      ),
    );
    void women;
    for (const n of [1, 2, 3, 4, 5, 6])
      await createMember(ctx, { number: `S-L${n}`, name: `Calon L${n}`, unitId: tree.pspA1x, sex: 'L' });
    const slate = await quota().checkSlate(actors.dpdGender!, bodyId, {
      seats: [
        {
          positionTitle: 'Ketua',
          positionCategory: 'strategic',
          candidates: [{ memberNumber: 'S-L1' }, { memberNumber: 'S-P1' }],
        },
        {
          positionTitle: 'Sekretaris',
          positionCategory: 'administrative',
          candidates: [{ memberNumber: 'S-L2' }],
        },
        {
          positionTitle: 'Bendahara',
          positionCategory: 'administrative',
          candidates: [{ memberNumber: 'S-L3' }],
        },
        { positionTitle: 'Anggota', positionCategory: 'other', candidates: [{ memberNumber: 'S-P2' }] },
        {
          positionTitle: 'Anggota',
          positionCategory: 'other',
          candidates: [{ memberNumber: 'S-P3' }, { memberNumber: 'S-L4' }],
        },
        { positionTitle: 'Anggota', positionCategory: 'other', candidates: [{ memberNumber: 'S-L5' }] },
        { positionTitle: 'Anggota', positionCategory: 'other', candidates: [{ memberNumber: 'S-L6' }] },
      ],
    });
    expect(slate.couldComply).toBe(true);
    const share = slate.results.find((result) => result.ruleName.startsWith('30%'))!;
    expect(share.messages).toContainEqual({ code: 'slate_remaining_need', params: { count: 2, seats: 4 } });
    // Exactly 3 seats can go to a woman and 3 are needed: each of them must.
    expect(slate.seats.map((seat) => seat.mustGoToWoman)).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
      false,
    ]);
    const [first] = slate.seats;
    expect(first!.candidates[1]).toEqual({ label: 'Calon P1 (S-P1)', sex: 'P', found: true });
    // An unmatched candidate is of unknown sex: the seat could still go to a woman, so there is slack.
    const unmatched = await quota().checkSlate(actors.dpdGender!, bodyId, {
      seats: [
        { positionTitle: 'Ketua', positionCategory: null, candidates: [{ memberNumber: 'S-L1' }] },
        { positionTitle: 'Anggota', positionCategory: null, candidates: [{ memberNumber: 'NOPE' }] },
      ],
    });
    expect(unmatched.seats[1]!.candidates).toEqual([{ label: 'NOPE', sex: null, found: false }]);
    expect(unmatched.couldComply).toBe(false);
  });
});

describe('lists of invitees', () => {
  it('counts the members the caller can read and names the numbers it could not match', async () => {
    for (const [n, sex] of [
      [1, 'P'],
      [2, 'L'],
      [3, 'L'],
    ] as const)
      await createMember(ctx, { number: `U-${n}`, name: `Undangan ${n}`, unitId: tree.dpcA1, sex });
    await createMember(ctx, { number: 'U-B', name: 'Banten', unitId: tree.dpcB1, sex: 'P' });
    const result = await quota().evaluateList(actors.dpdGender!, {
      kind: 'invitation_list',
      name: 'Rapat DPD',
      unitId: tree.dpdA,
      memberNumbers: ['U-1', 'U-2', 'U-3', 'U-B', 'U-1'],
      memberIds: [],
    });
    expect(result.counts).toMatchObject({ filled: 3, women: 1, men: 2 });
    expect(result.unmatched).toEqual(['U-B']);
    expect(result.evaluations[0]).toMatchObject({ requiredWomen: 1, status: 'at_risk' });
  });
});

describe('congress credentialing', () => {
  let allocationId: number;
  let komiteId: number;
  let men: string[];
  beforeAll(async () => {
    const { id: assemblyId } = await ctx.db
      .insertInto('assemblies')
      .values({ unit_id: tree.root, kind: 'kongres', name: 'Kongres VII', starts_on: '2027-03-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    allocationId = (
      await ctx.db
        .insertInto('delegation_allocations')
        .values({ assembly_id: assemblyId, unit_id: tree.dpdA, category: 'executive', seats: 3 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    komiteId = (
      await ctx.db
        .insertInto('delegation_allocations')
        .values({ assembly_id: assemblyId, unit_id: tree.dpdA, category: 'komite_perempuan', seats: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    men = [];
    for (const n of [1, 2]) {
      const id = await createMember(ctx, {
        number: `D-L${n}`,
        name: `Delegasi L${n}`,
        unitId: tree.dpcA1,
        sex: 'L',
      });
      men.push(id);
      await ctx.services.assembliesService.addDelegate(actors.jabarOrg!, allocationId, id);
    }
    const komite = await createMember(ctx, { number: 'D-KP', name: 'Komite', unitId: tree.dpcA1, sex: 'P' });
    await ctx.services.assembliesService.addDelegate(actors.jabarOrg!, komiteId, komite);
  });

  it('Komite Perempuan delegates are counted separately; executive delegates fall under the 30% rule', async () => {
    const view = await credentials().listCredentials(
      actors.dppOrg!,
      (
        await ctx.db
          .selectFrom('delegation_allocations')
          .select('assembly_id')
          .where('id', '=', allocationId)
          .executeTakeFirstOrThrow()
      ).assembly_id,
    );
    const executive = view.delegations.find((d) => d.category === 'executive')!;
    const komite = view.delegations.find((d) => d.category === 'komite_perempuan')!;
    expect(executive.evaluation.evaluations.map((e) => e.ruleName)).toContain(
      '30% perempuan di setiap delegasi kongres',
    );
    expect(executive).toMatchObject({ credentialStatus: 'open', mustReturn: true });
    expect(executive.evaluation.counts).toMatchObject({ filled: 2, women: 0 });
    expect(komite.evaluation.evaluations.find((e) => e.enforcement === 'return_delegation')).toBeUndefined();
    expect(komite.evaluation.counts).toMatchObject({ filled: 1, women: 1 });
  });

  it('a DPD officer sees only its own delegations of a DPP Kongres; the committee sees all', async () => {
    const { assembly_id: assemblyId } = await ctx.db
      .selectFrom('delegation_allocations')
      .select('assembly_id')
      .where('id', '=', allocationId)
      .executeTakeFirstOrThrow();
    const banten = await ctx.db
      .insertInto('delegation_allocations')
      .values({ assembly_id: assemblyId, unit_id: tree.dpdB, category: 'executive', seats: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const units = async (actor: Actor) =>
      (await credentials().listCredentials(actor, assemblyId)).delegations.map((d) => d.allocationId).sort();
    expect(await units(actors.dppOrg!)).toEqual([allocationId, komiteId, banten.id].sort());
    expect(await units(actors.bantenOrg!)).toEqual([banten.id]);
    expect(await units(actors.jabarOrg!)).toEqual([allocationId, komiteId].sort());
    await expectCode(credentials().getDelegation(actors.bantenOrg!, allocationId), 'not_found');
    await expectCode(quota().evaluateDelegation(actors.bantenOrg!, allocationId), 'not_found');
    expect((await credentials().getDelegation(actors.bantenOrg!, banten.id)).allowed).toEqual({
      decide: false,
      resubmit: false,
      editDelegates: true,
    });
  });

  it('a delegation below 30% cannot be accepted; it is returned with the evaluation kept', async () => {
    await expectCode(
      credentials().decide(actors.dppOrg!, allocationId, { decision: 'accepted', reason: null }),
      'delegation_below_quota',
    );
    // The delegating unit is not the committee.
    await expectCode(
      credentials().decide(actors.jabarOrg!, allocationId, { decision: 'returned', reason: 'x' }),
      'forbidden',
    );
    await expectCode(
      credentials().decide(actors.bantenOrg!, allocationId, { decision: 'returned', reason: 'x' }),
      'not_found',
    );
    const returned = await credentials().decide(actors.dppOrg!, allocationId, {
      decision: 'returned',
      reason: null,
    });
    expect(returned.credentialStatus).toBe('returned');
    expect(returned.decisions[0]).toMatchObject({
      decision: 'returned',
      women: 0,
      filled: 2,
      requiredWomen: 1,
      status: 'non_compliant',
    });
    await expectCode(
      credentials().decide(actors.dppOrg!, allocationId, { decision: 'returned', reason: 'again' }),
      'credential_state',
    );
  });

  it('the unit sees why, adds a woman, resubmits; the committee accepts; the history stays', async () => {
    const seen = await credentials().getDelegation(actors.jabarOrg!, allocationId);
    expect(seen.allowed).toEqual({ decide: false, resubmit: true, editDelegates: true });
    const woman = await createMember(ctx, {
      number: 'D-P1',
      name: 'Delegasi P1',
      unitId: tree.dpcA1,
      sex: 'P',
    });
    await ctx.services.assembliesService.addDelegate(actors.jabarOrg!, allocationId, woman);
    await expectCode(credentials().resubmit(actors.bantenOrg!, allocationId, { reason: null }), 'not_found');
    const resubmitted = await credentials().resubmit(actors.jabarOrg!, allocationId, {
      reason: 'Menambah delegasi perempuan',
    });
    expect(resubmitted).toMatchObject({ credentialStatus: 'submitted', mustReturn: false });
    ctx.clock.advance(60_000);
    const accepted = await credentials().decide(actors.dppOrg!, allocationId, {
      decision: 'accepted',
      reason: null,
    });
    expect(accepted.credentialStatus).toBe('accepted');
    expect(accepted.delegates.every((delegate) => delegate.credentialStatus === 'accepted')).toBe(true);
    expect(accepted.decisions.map((decision) => [decision.decision, decision.women])).toEqual([
      ['accepted', 1],
      ['resubmitted', 1],
      ['returned', 0],
    ]);
    const stored = await ctx.db
      .selectFrom('delegation_credential_decisions')
      .select(['rule_version_ids', 'decided_by'])
      .where('allocation_id', '=', allocationId)
      .execute();
    expect(stored.every((row) => row.rule_version_ids.length > 0)).toBe(true);
    // Accepted: no more withdrawals, no more delegates.
    const [first] = accepted.delegates;
    await expectCode(credentials().withdrawDelegate(actors.jabarOrg!, first!.id), 'credential_state');
    const late = await createMember(ctx, { number: 'D-P2', name: 'Terlambat', unitId: tree.dpcA1, sex: 'P' });
    await ctx.db
      .updateTable('delegation_allocations')
      .set({ seats: 4 })
      .where('id', '=', allocationId)
      .execute();
    await expectCode(
      ctx.services.assembliesService.addDelegate(actors.jabarOrg!, allocationId, late),
      'credential_state',
    );
  });
});

describe('stored rule source (for bulk evaluators)', () => {
  it('gives every stored version; the engine picks the one in force', async () => {
    const { createStoredRuleSource } = await import('./quota-rule-source.ts');
    const { applicableRules } = await import('./quota-engine.ts');
    // Version 1 (30%) and version 2 (40% from 2027, written above) of the board rule are both stored.
    const rules = await createStoredRuleSource().rulesOn(ctx.db, '2026-12-01');
    expect(
      rules.filter((rule) => rule.id === rules.find((r) => r.name === 'Kuota kepengurusan')?.id),
    ).toHaveLength(2);
    const inForce = (asOf: string) =>
      applicableRules(rules, { kind: 'executive', level: 'DPC' }, asOf).map((rule) => [
        rule.name,
        rule.version,
      ]);
    expect(inForce('2026-12-01')).toContainEqual(['30% perempuan di setiap kepengurusan', 1]);
    expect(inForce('2027-02-01')).toContainEqual(['Kuota kepengurusan', 2]);
  });
});
