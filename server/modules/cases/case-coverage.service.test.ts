import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, createUser, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { actorOf, createCaseWorker, reportAt } from './cases.test-support.ts';

/**
 * issue 18, "a report can reach nobody": routing falls back up the tree to the nearest unit with an
 * active case coordinator; the team is told at once; with nobody anywhere the administrators are.
 * One database, staffed step by step as a new install would be.
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let adminId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  adminId = await createUser(ctx, {
    email: 'admin@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
});
afterAll(async () => {
  await test.drop();
});

const cases = () => ctx.services.casesService;
const coverage = () => ctx.services.caseCoverageService;
const stored = (id: string) =>
  ctx.db
    .selectFrom('cases')
    .select(['handling_unit_id', 'routing_reason', 'routing_fallback_from_unit_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const outboxTo = (email: string) =>
  ctx.db.selectFrom('outbox').select(['subject', 'body_text']).where('recipient', '=', email).execute();
const inboxOf = async (userId: string) =>
  (await ctx.services.notificationsService.list(await actorOf(ctx, userId), { limit: 100 })).items;
const receivedFacts = async (caseId: string) =>
  (
    await ctx.db
      .selectFrom('case_events')
      .select('facts')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'received')
      .executeTakeFirstOrThrow()
  ).facts as Record<string, unknown>;

describe('a report always has a responsible team', () => {
  let waitingCaseId: string;
  let coordinatorRoot: { userId: string };
  let coordinatorA: { userId: string };

  it('fresh install, nobody holds case_coordinator: the report waits at DPP and the administrators are emailed', async () => {
    expect(await coverage().everyReportHasATeam(ctx.db)).toBe(false);
    const { caseId } = await cases().submitReport(reportAt(tree.pspA1x), []);
    waitingCaseId = caseId;
    expect(await stored(caseId)).toEqual({
      handling_unit_id: tree.root,
      routing_reason: 'place_dpd',
      routing_fallback_from_unit_id: tree.dpdA,
    });
    expect(await receivedFacts(caseId)).toMatchObject({
      noCoordinatorAt: 'DPD Jawa Barat',
      noCoordinatorAnywhere: true,
    });
    const mail = await outboxTo('admin@spn.test');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain('belum ada koordinator kasus');
    // The email says a report waits, nothing about it.
    expect(mail[0]?.body_text).not.toContain('Garmen');
    expect(mail[0]?.body_text).not.toContain('Budi');
    expect(await coverage().adminWarnings(ctx.db)).toEqual({
      staffedUnits: 0,
      topUnitStaffed: false,
      casesWithoutTeam: 1,
    });
    // The administrator's own inbox carries nothing about cases.
    expect(await inboxOf(adminId)).toEqual([]);
  });

  it('once DPP has a coordinator, the waiting report is in her list and a DPD without one falls back to her', async () => {
    coordinatorRoot = await createCaseWorker(ctx, {
      email: 'koordinator.dpp@spn.test',
      homeUnitId: tree.root,
      grants: [{ role: 'case_coordinator', unitId: tree.root }],
    });
    const coordinator = await actorOf(ctx, coordinatorRoot.userId);
    expect(await coverage().everyReportHasATeam(ctx.db)).toBe(true);
    expect((await coverage().adminWarnings(ctx.db)).casesWithoutTeam).toBe(0);
    const unitList = await cases().listCases(coordinator, { scope: 'unit', sort: 'received', limit: 50 });
    expect(unitList.items.map((item) => item.id)).toContain(waitingCaseId);

    // DPD Banten has no coordinator: a report from DPC Kota Serang goes to DPP, and says so.
    const { caseId } = await cases().submitReport(reportAt(tree.dpcB1), []);
    expect(await stored(caseId)).toMatchObject({
      handling_unit_id: tree.root,
      routing_fallback_from_unit_id: tree.dpdB,
    });
    const facts = await receivedFacts(caseId);
    expect(facts).toMatchObject({ noCoordinatorAt: 'DPD Banten' });
    expect(facts).not.toHaveProperty('noCoordinatorAnywhere');
    const detail = await cases().getCase(coordinator, caseId);
    expect(detail.routedPastUnit).toEqual({ id: tree.dpdB, name: 'DPD Banten' });
    expect(detail.handlingUnit.id).toBe(tree.root);
    // She is told at once, in the inbox and by email; the administrators are not.
    const inbox = await inboxOf(coordinatorRoot.userId);
    expect(inbox.filter((item) => item.link === `/cases/${caseId}`)).toMatchObject([
      { kind: 'case_received', readAt: null },
    ]);
    expect(await outboxTo('koordinator.dpp@spn.test')).toHaveLength(1);
    expect(await outboxTo('admin@spn.test')).toHaveLength(1);
  });

  it('a DPD with an active coordinator keeps its cases; an inactive coordinator does not count', async () => {
    coordinatorA = await createCaseWorker(ctx, {
      email: 'koordinator.jabar@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'case_coordinator', unitId: tree.dpdA }],
    });
    const { caseId } = await cases().submitReport(reportAt(tree.pspA1x), []);
    expect(await stored(caseId)).toMatchObject({
      handling_unit_id: tree.dpdA,
      routing_fallback_from_unit_id: null,
    });
    expect(await receivedFacts(caseId)).not.toHaveProperty('noCoordinatorAt');
    expect((await inboxOf(coordinatorA.userId)).map((item) => item.link)).toEqual([`/cases/${caseId}`]);
    expect((await inboxOf(coordinatorRoot.userId)).map((item) => item.link)).not.toContain(
      `/cases/${caseId}`,
    );

    await ctx.db.updateTable('users').set({ active: false }).where('id', '=', coordinatorA.userId).execute();
    const next = await cases().submitReport(reportAt(tree.pspA1x), []);
    expect(await stored(next.caseId)).toMatchObject({
      handling_unit_id: tree.root,
      routing_fallback_from_unit_id: tree.dpdA,
    });
    await ctx.db.updateTable('users').set({ active: true }).where('id', '=', coordinatorA.userId).execute();
  });

  it('staff intake of an oral report follows the same routing', async () => {
    const handlerB = await createCaseWorker(ctx, {
      email: 'pendamping.banten@spn.test',
      homeUnitId: tree.dpdB,
      grants: [{ role: 'case_handler', unitId: tree.dpdB }],
    });
    const { case: created } = await cases().intake(await actorOf(ctx, handlerB.userId), {
      ...reportAt(tree.dpcB1),
      channel: 'telepon',
    });
    expect(await stored(created.id)).toMatchObject({
      handling_unit_id: tree.root,
      routing_fallback_from_unit_id: tree.dpdB,
    });
    const detail = await cases().getCase(await actorOf(ctx, coordinatorRoot.userId), created.id);
    expect(detail.routedPastUnit?.name).toBe('DPD Banten');
  });

  it('rerouting to a staffed DPD clears the fallback and tells the new team', async () => {
    const { caseId } = await cases().submitReport(reportAt(tree.dpcB1), []);
    const before = (await inboxOf(coordinatorA.userId)).length;
    // The move commits; the DPP coordinator no longer sees the case (it is DPD Jawa Barat's now).
    await expect(
      cases().reroute(await actorOf(ctx, coordinatorRoot.userId), caseId, {
        placeUnitId: tree.pspA1x,
        reason: 'Tempat kejadian dikoreksi',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await stored(caseId)).toMatchObject({
      handling_unit_id: tree.dpdA,
      routing_fallback_from_unit_id: null,
    });
    const inbox = await inboxOf(coordinatorA.userId);
    expect(inbox).toHaveLength(before + 1);
    // The test clock stands still, so the new notification may share its time with older ones.
    expect(inbox.filter((item) => item.link === `/cases/${caseId}`)).toMatchObject([
      { kind: 'case_received' },
    ]);
  });

  it('a sealed "Lapor bersama" report tells nobody', async () => {
    const before = (await inboxOf(coordinatorA.userId)).length;
    await cases().submitReport(reportAt(tree.pspA1x, { sealUntilMatch: true }), []);
    expect(await inboxOf(coordinatorA.userId)).toHaveLength(before);
  });
});
