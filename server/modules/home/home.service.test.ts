import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, createUser, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { actorOf, reportAt, seedCaseTeam } from '../cases/cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;
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

const work = async (userId: string) => ctx.services.homeService.work(await actorOf(ctx, userId));

describe('home: what each role must act on now (issue 18)', () => {
  it('warns the top administrator while nobody coordinates cases, and counts held mail', async () => {
    await ctx.services.casesService.submitReport(reportAt(tree.pspA1x), []);
    const view = await work(adminId);
    expect(view.admin).toEqual({ topUnitStaffed: false, staffedUnits: 0, casesWithoutTeam: 1, heldMail: 1 });
    expect(view.unitCases).toBeNull();
    expect(view.assignedCases).toBeNull();
  });

  it('shows the coordinator her unit’s waiting cases with the soonest first contact; the handler hers', async () => {
    team = await seedCaseTeam(ctx, tree);
    const first = await ctx.services.casesService.submitReport(reportAt(tree.pspA1x), []);
    ctx.clock.advance(3_600_000);
    await ctx.services.casesService.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await work(team.coordinatorA.userId);
    expect(coordinator.unitCases).toMatchObject({ open: 2, waiting: 2, late: 0 });
    const due = await ctx.db
      .selectFrom('cases')
      .select('next_deadline_at')
      .where('id', '=', first.caseId)
      .executeTakeFirstOrThrow();
    expect(coordinator.unitCases?.firstContactDueAt).toBe(due.next_deadline_at?.toISOString());
    expect(coordinator.admin).toBeNull();
    // The coordinator of another DPD sees none of them; a handler sees only what is assigned to her.
    expect((await work(team.coordinatorB.userId)).unitCases).toMatchObject({ open: 0, waiting: 0 });
    expect((await work(team.handlerA.userId)).assignedCases).toMatchObject({ open: 0 });
    await ctx.services.casesService.assign(await actorOf(ctx, team.coordinatorA.userId), first.caseId, {
      userId: team.handlerA.userId,
      role: 'handler',
    });
    expect((await work(team.handlerA.userId)).assignedCases).toMatchObject({ open: 1, late: 0 });
    expect((await work(team.handlerA.userId)).unitCases).toBeNull();
    // Once DPP has a coordinator the administrator's blocking warning is gone; the first report is hers.
    expect((await work(adminId)).admin).toMatchObject({ topUnitStaffed: true, casesWithoutTeam: 0 });
  });

  it('counts late cases once a deadline passes', async () => {
    ctx.clock.advance(3 * 24 * 3_600_000);
    expect((await work(team.coordinatorA.userId)).unitCases?.late).toBeGreaterThanOrEqual(1);
  });
});
