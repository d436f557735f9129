import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../shared/roles.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  signInCaseWorker,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

/**
 * Who reads an assembly and its delegates (organisation-and-quota.md; issue 10, "any signed-in role reads
 * the assemblies, delegates' member names included"). The rules, stated apart from access.ts:
 * - the case team (coordinator, handler, legal aid) and trainers never read assemblies, whatever their unit;
 * - a delegate's name and member number reach only those who may read that delegate's unit's members, as
 *   on the members list; everyone else who sees the assembly sees the seat, the sex and the status.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
let assemblyId = 0;
let jabarAllocation = 0;
const clients = new Map<string, TestClient>();

const caseTeamAndTrainers: Role[] = ['case_coordinator', 'case_handler', 'legal_aid', 'trainer'];
// Roles that read members (names) somewhere: the organisation and the gender officers.
const memberReaders: Role[] = ['org_admin', 'gender_officer'];

async function signedIn(role: Role, unitId: number, name: string) {
  const key = `${name}-${role}`;
  const known = clients.get(key);
  if (known) return known;
  await createUser(ctx, {
    email: `${key}@spn.test`,
    homeUnitId: unitId,
    grants: [{ role, unitId }],
  });
  // Case roles must enrol TOTP before their session is full.
  const client = ['case_coordinator', 'case_handler', 'legal_aid'].includes(role)
    ? await signInCaseWorker(app, ctx, `${key}@spn.test`)
    : new TestClient(app);
  if (!clients.has(key) && !['case_coordinator', 'case_handler', 'legal_aid'].includes(role))
    await client.login(`${key}@spn.test`);
  clients.set(key, client);
  return client;
}

interface Delegate {
  memberName: string | null;
  memberNumber: string | null;
  sex: string | null;
}
const delegatesOf = (body: unknown) =>
  (body as { allocations: { unitId: number; delegates: Delegate[] }[] }).allocations.flatMap((allocation) =>
    allocation.delegates.map((delegate) => ({ unitId: allocation.unitId, ...delegate })),
  );

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  assemblyId = (
    await ctx.db
      .insertInto('assemblies')
      .values({ unit_id: tree.root, kind: 'kongres', name: 'Kongres', starts_on: '2027-01-10' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (const [unitId, number, name, sex] of [
    [tree.dpdA, 'A-1', 'Siti Jabar', 'P'],
    [tree.dpdB, 'B-1', 'Ani Banten', 'P'],
  ] as const) {
    const allocation = (
      await ctx.db
        .insertInto('delegation_allocations')
        .values({ assembly_id: assemblyId, unit_id: unitId, category: 'executive', seats: 2 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    if (unitId === tree.dpdA) jabarAllocation = allocation;
    const member = await createMember(ctx, { number, name, unitId, sex });
    await ctx.db.insertInto('delegates').values({ allocation_id: allocation, member_id: member }).execute();
  }
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('assemblies are read by the organisation and quota roles only', () => {
  it('the case team and trainers read no assembly, delegation or credential, even at DPP', async () => {
    for (const role of caseTeamAndTrainers)
      for (const unitId of [tree.root, tree.dpdA]) {
        const client = await signedIn(role, unitId, `u${unitId}`);
        for (const url of [
          '/api/v1/assemblies',
          `/api/v1/assemblies/${assemblyId}`,
          `/api/v1/assemblies/${assemblyId}/credentials`,
          `/api/v1/allocations/${jabarAllocation}/credentials`,
        ]) {
          const response = await client.get(url);
          expect(response.statusCode, `${role} at ${unitId}: GET ${url}`).toBe(403);
          expect(response.body).not.toContain('Siti Jabar');
        }
        const session = (await client.get('/api/v1/session')).json() as {
          capabilities: { readAssemblies: boolean };
        };
        expect(session.capabilities.readAssemblies, role).toBe(false);
      }
  });

  it("every other role sees the Kongres its DPD sends delegates to, and each delegate's sex", async () => {
    for (const role of roles.filter((role) => !caseTeamAndTrainers.includes(role) && role !== 'admin')) {
      const client = await signedIn(role, tree.dpdA, 'jabar');
      const list = await client.get('/api/v1/assemblies');
      expect(list.statusCode, role).toBe(200);
      expect(list.body, role).toContain('Kongres');
      const detail = await client.get(`/api/v1/assemblies/${assemblyId}`);
      expect(detail.statusCode, role).toBe(200);
      expect(delegatesOf(detail.json()).map((delegate) => delegate.sex)).toEqual(['P', 'P']);
    }
  });

  it("a delegate's name reaches only those who read her unit's members", async () => {
    for (const role of roles.filter((role) => !caseTeamAndTrainers.includes(role)))
      for (const [place, unitId] of [
        ['dpp', tree.root],
        ['jabar', tree.dpdA],
      ] as const) {
        const client = await signedIn(role, unitId, place);
        const detail = await client.get(`/api/v1/assemblies/${assemblyId}`);
        if (detail.statusCode !== 200) continue;
        const readsMembers = memberReaders.includes(role);
        for (const delegate of delegatesOf(detail.json())) {
          // A reader of members at DPP reads every DPD's; at DPD Jawa Barat only Jawa Barat's.
          const mayRead = readsMembers && (unitId === tree.root || delegate.unitId === tree.dpdA);
          expect(delegate.memberName !== null, `${role} at ${place}, delegate of ${delegate.unitId}`).toBe(
            mayRead,
          );
          expect(delegate.memberNumber !== null).toBe(mayRead);
        }
        // The same holds on the credentials screen and a delegation's quota, seat lists included.
        for (const url of [
          `/api/v1/assemblies/${assemblyId}/credentials`,
          `/api/v1/allocations/${jabarAllocation}/credentials`,
          `/api/v1/allocations/${jabarAllocation}/quota`,
        ]) {
          const response = await client.get(url);
          expect(response.statusCode, `${role} at ${place}: GET ${url}`).toBe(200);
          if (!readsMembers) expect(response.body).not.toMatch(/Siti Jabar|Ani Banten|A-1|B-1/);
          if (place === 'jabar') expect(response.body).not.toMatch(/Ani Banten|B-1/);
          if (readsMembers) expect(response.body).toContain('Siti Jabar');
        }
      }
  });
});
