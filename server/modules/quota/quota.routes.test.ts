import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const clients: Record<string, TestClient> = {};
let bodyId = 0;
let allocationId = 0;
let ruleId = 0;

const rule = (overrides: Record<string, unknown> = {}) => ({
  name: 'Kuota Laskar',
  scope: { subjectKinds: ['laskar'] },
  metric: 'filled_share',
  thresholdBp: 3000,
  rounding: 'ceil',
  enforcement: 'warn',
  ...overrides,
});

async function client(name: string, role: Role, unitId: number, language: 'id' | 'en' = 'id') {
  await createUser(ctx, {
    email: `${name}@spn.test`,
    homeUnitId: unitId,
    grants: [{ role, unitId }],
    language,
  });
  const result = new TestClient(app, language);
  await result.login(`${name}@spn.test`);
  return result;
}

const expectProblem = (
  response: { statusCode: number; body: string; json: () => unknown; headers: Record<string, unknown> },
  status: number,
  code: string,
) => {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, code });
  return response.json() as { fields?: { path: string }[]; detail: string };
};

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-12-01T03:00:00Z'));
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  clients.dppGender = await client('gender-dpp', 'gender_officer', tree.root, 'en');
  clients.dpdGender = await client('gender-jabar', 'gender_officer', tree.dpdA);
  clients.dppOrg = await client('org-dpp', 'org_admin', tree.root);
  clients.jabarOrg = await client('org-jabar', 'org_admin', tree.dpdA);
  clients.bantenOrg = await client('org-banten', 'org_admin', tree.dpdB);
  clients.viewer = await client('viewer', 'viewer', tree.root);
  bodyId = (
    await ctx.db
      .insertInto('bodies')
      .values({ unit_id: tree.dpcA1, kind: 'executive', name: 'Pengurus DPC', statutory_seats: 3 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const { id: assemblyId } = await ctx.db
    .insertInto('assemblies')
    .values({ unit_id: tree.root, kind: 'kongres', name: 'Kongres', starts_on: '2027-01-10' })
    .returning('id')
    .executeTakeFirstOrThrow();
  allocationId = (
    await ctx.db
      .insertInto('delegation_allocations')
      .values({ assembly_id: assemblyId, unit_id: tree.dpdA, category: 'executive', seats: 2 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const man = await createMember(ctx, { number: 'R-1', name: 'Budi', unitId: tree.dpcA1, sex: 'L' });
  await ctx.db.insertInto('delegates').values({ allocation_id: allocationId, member_id: man }).execute();
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('rule editing over HTTP', () => {
  it('the DPP gender officer creates a rule (201) and a new version (201)', async () => {
    const created = await clients.dppGender!.post('/api/v1/quota/rules', { code: 'laskar-30', rule: rule() });
    expect(created.statusCode, created.body).toBe(201);
    ruleId = (created.json() as { id: number }).id;
    const edited = await clients.dppGender!.post(
      `/api/v1/quota/rules/${ruleId}/versions`,
      rule({ thresholdBp: 4000 }),
    );
    expect(edited.statusCode).toBe(201);
    expect(edited.json()).toMatchObject({ currentVersion: 2, current: { thresholdBp: 4000 } });
  });

  it('access matrix: others read the rules (200) but may not write them (403)', async () => {
    for (const name of ['dpdGender', 'dppOrg', 'viewer', 'bantenOrg']) {
      const list = await clients[name]!.get('/api/v1/quota/rules');
      expect(list.statusCode).toBe(200);
      expect((list.json() as { canEdit: boolean }).canEdit).toBe(false);
      expectProblem(
        await clients[name]!.post(`/api/v1/quota/rules/${ruleId}/versions`, rule()),
        403,
        'forbidden',
      );
    }
    expect(
      ((await clients.dppGender!.get('/api/v1/quota/rules')).json() as { canEdit: boolean }).canEdit,
    ).toBe(true);
    expectProblem(await clients.dppGender!.get('/api/v1/quota/rules/99999'), 404, 'not_found');
  });

  it('a fractional or out-of-range threshold is a 400 naming the field, in the caller language', async () => {
    const fraction = expectProblem(
      await clients.dppGender!.post(`/api/v1/quota/rules/${ruleId}/versions`, rule({ thresholdBp: 30.5 })),
      400,
      'validation_failed',
    );
    expect(fraction.fields?.map((field) => field.path)).toEqual(['thresholdBp']);
    expect(fraction.detail).toMatch(/field/i);
    expectProblem(
      await clients.dppGender!.post(`/api/v1/quota/rules/${ruleId}/versions`, rule({ thresholdBp: 12000 })),
      400,
      'validation_failed',
    );
  });

  it('an unknown rounding, metric or enforcement is a 400; nothing is written', async () => {
    const before = await ctx.db.selectFrom('quota_rule_versions').select('id').execute();
    for (const bad of [{ rounding: 'bankers' }, { metric: 'vibes' }, { enforcement: 'shout' }]) {
      const problem = expectProblem(
        await clients.dppGender!.post(`/api/v1/quota/rules/${ruleId}/versions`, rule(bad)),
        400,
        'validation_failed',
      );
      expect(problem.fields?.map((field) => field.path)).toEqual(Object.keys(bad));
    }
    const corePosts = expectProblem(
      await clients.dppGender!.post(`/api/v1/quota/rules/${ruleId}/versions`, rule({ metric: 'core_posts' })),
      400,
      'validation_failed',
    );
    expect(corePosts.fields?.map((field) => field.path)).toEqual(['positional']);
    const dates = expectProblem(
      await clients.dppGender!.post(
        `/api/v1/quota/rules/${ruleId}/versions`,
        rule({ scope: { subjectKinds: ['laskar'], effectiveFrom: '2027-01-01', effectiveTo: '2026-01-01' } }),
      ),
      400,
      'validation_failed',
    );
    expect(dates.fields?.map((field) => field.path)).toEqual(['scope.effectiveTo']);
    expectProblem(
      await clients.dppGender!.post('/api/v1/quota/rules', { code: 'laskar-30', rule: rule() }),
      409,
      'conflict',
    );
    expect(await ctx.db.selectFrom('quota_rule_versions').select('id').execute()).toHaveLength(before.length);
  });
});

describe('evaluations over HTTP', () => {
  it('a body: 200 inside the subtree, 404 outside, 400 for a bad date', async () => {
    const inside = await clients.jabarOrg!.get(`/api/v1/bodies/${bodyId}/quota?asOf=2026-06-01`);
    expect(inside.statusCode).toBe(200);
    expect(inside.json()).toMatchObject({
      asOf: '2026-06-01',
      status: 'not_applicable',
      counts: { seats: 3 },
    });
    expectProblem(await clients.bantenOrg!.get(`/api/v1/bodies/${bodyId}/quota`), 404, 'not_found');
    expectProblem(
      await clients.jabarOrg!.get(`/api/v1/bodies/${bodyId}/quota?asOf=2026-13-40`),
      400,
      'validation_failed',
    );
  });

  it('a delegation below 30%: accepting is a 422 with its own code, returning works, twice is a 409', async () => {
    expectProblem(
      await clients.jabarOrg!.post(`/api/v1/allocations/${allocationId}/credential-decisions`, {
        decision: 'accepted',
      }),
      403,
      'forbidden',
    );
    const refused = expectProblem(
      await clients.dppOrg!.post(`/api/v1/allocations/${allocationId}/credential-decisions`, {
        decision: 'accepted',
      }),
      422,
      'delegation_below_quota',
    );
    expect(refused.detail).toMatch(/Delegasi/);
    const returned = await clients.dppOrg!.post(`/api/v1/allocations/${allocationId}/credential-decisions`, {
      decision: 'returned',
      reason: 'Kurang dari 30% perempuan',
    });
    expect(returned.statusCode).toBe(201);
    expectProblem(
      await clients.dppOrg!.post(`/api/v1/allocations/${allocationId}/credential-decisions`, {
        decision: 'returned',
        reason: 'x',
      }),
      409,
      'credential_state',
    );
    expectProblem(
      await clients.bantenOrg!.get(`/api/v1/allocations/${allocationId}/credentials`),
      404,
      'not_found',
    );
    const seen = await clients.jabarOrg!.get(`/api/v1/allocations/${allocationId}/credentials`);
    expect(seen.json()).toMatchObject({
      credentialStatus: 'returned',
      decisions: [{ decision: 'returned', reason: 'Kurang dari 30% perempuan' }],
    });
  });

  it('a list needs member.read: a viewer gets 403', async () => {
    expectProblem(
      await clients.viewer!.post('/api/v1/quota/evaluate-list', {
        kind: 'invitation_list',
        name: 'x',
        memberNumbers: ['R-1'],
      }),
      403,
      'forbidden',
    );
    const ok = await clients.dpdGender!.post('/api/v1/quota/evaluate-list', {
      kind: 'invitation_list',
      name: 'Rapat',
      memberNumbers: ['R-1'],
    });
    expect(ok.json()).toMatchObject({ counts: { men: 1 }, status: 'non_compliant' });
  });

  it('the OpenAPI document lists the quota routes', async () => {
    const doc = (await clients.viewer!.get('/api/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/quota/rules',
        '/api/v1/quota/rules/{id}/versions',
        '/api/v1/bodies/{id}/quota',
        '/api/v1/bodies/{id}/slate-check',
        '/api/v1/allocations/{id}/credential-decisions',
        '/api/v1/assemblies/{id}/credentials',
      ]),
    );
  });
});
