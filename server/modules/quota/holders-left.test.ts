import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departedStatuses, memberStatuses } from '../../../shared/taxonomies.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestContext,
  createUser,
  seedTree,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { actorOf } from '../cases/cases.test-support.ts';

/**
 * A seat whose holder has left the union (keluar, PHK, meninggal) is vacant from the day she left
 * (issue 10: 19,895 such seats still counted as filled women or men over the bench data). The rule holds
 * on every surface that counts office holders: the body page, the quota evaluation and the dashboard.
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
const bodyIds = new Map<string, number>();
const leftOn = '2026-06-01';

async function boardWithOneHolder(status: string) {
  const { id: bodyId } = await ctx.db
    .insertInto('bodies')
    .values({ unit_id: tree.dpcA1, kind: 'executive', name: `Pengurus (${status})`, statutory_seats: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: positionId } = await ctx.db
    .insertInto('positions')
    .values({ body_id: bodyId, title: 'Ketua', category: 'strategic', seats: 1, sort_order: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const member = await createMember(ctx, {
    number: `H-${status}`,
    name: `Holder ${status}`,
    unitId: tree.dpcA1,
  });
  await ctx.db
    .insertInto('appointments')
    .values({
      position_id: positionId,
      member_id: member,
      term_start: '2025-01-01',
      term_end: null,
      basis: 'elected',
      decree_number: null,
    })
    .execute();
  await ctx.db
    .insertInto('member_status_history')
    .values({
      member_id: member,
      status,
      unit_id: tree.dpcA1,
      valid_from: leftOn,
      reason: null,
      recorded_by: null,
    })
    .execute();
  await ctx.db.updateTable('members').set({ status }).where('id', '=', member).execute();
  bodyIds.set(status, bodyId);
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-12-01T03:00:00Z'));
  tree = await seedTree(ctx);
  for (const status of memberStatuses) await boardWithOneHolder(status);
});
afterAll(async () => {
  await test.drop();
});

const departed = (status: string) => (departedStatuses as readonly string[]).includes(status);

describe('a holder who left the union', () => {
  it('the union counts keluar, PHK and meninggal as having left, and nothing else', () => {
    expect([...departedStatuses].sort()).toEqual(['keluar', 'meninggal', 'phk']);
  });

  it('fills her seat before she left and leaves it vacant from that day, with the reason', async () => {
    const evaluator = ctx.services.quotaEvaluator;
    for (const status of memberStatuses) {
      const bodyId = bodyIds.get(status)!;
      const before = (await evaluator.evaluateBody(bodyId, '2026-05-31'))!;
      expect(before.counts.filled, status).toBe(1);
      const after = (await evaluator.evaluateBody(bodyId, leftOn))!;
      expect(after.counts.filled, status).toBe(departed(status) ? 0 : 1);
      expect(after.counts.women, status).toBe(departed(status) ? 0 : 1);
      const reasons = after.evaluations.flatMap((evaluation) =>
        evaluation.reasons.map((reason) => reason.code),
      );
      expect(reasons.includes('holders_left'), status).toBe(departed(status));
      expect(after.seats[0]?.memberName ?? null, status).toBe(departed(status) ? null : `Holder ${status}`);
    }
  });

  it('the body page names her with the date she left and counts the seat vacant', async () => {
    const adminId = await createUser(ctx, {
      email: 'org.jabar@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'org_admin', unitId: tree.dpdA }],
    });
    const actor = await actorOf(ctx, adminId);
    const bodies = await ctx.services.bodiesService.listBodies(actor, tree.dpcA1, '2026-12-01');
    for (const status of memberStatuses) {
      const body = bodies.find((candidate) => candidate.id === bodyIds.get(status))!;
      const position = body.positions[0]!;
      expect(position.holders[0]?.leftOn ?? null, status).toBe(departed(status) ? leftOn : null);
      expect(position.vacantSeats, status).toBe(departed(status) ? 1 : 0);
      expect(body.filledSeats, status).toBe(departed(status) ? 0 : 1);
    }
  });

  it('the dashboard summary counts her seat vacant', async () => {
    expect(await ctx.services.quotaDashboardService.refreshIfDue()).toMatchObject({ refreshed: true });
    const { rows } = await sql<{ body_id: number; filled: number; women: number }>`
      SELECT body_id, filled, women FROM quota_body_stats`.execute(ctx.db);
    for (const status of memberStatuses) {
      const row = rows.find((candidate) => candidate.body_id === bodyIds.get(status))!;
      expect({ filled: row.filled, women: row.women }, status).toEqual(
        departed(status) ? { filled: 0, women: 0 } : { filled: 1, women: 1 },
      );
    }
  });
});
