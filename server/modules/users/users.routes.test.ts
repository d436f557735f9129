import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let admin: TestClient;
let staffId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await createMember(ctx, { number: '3201000000000101', name: 'Siti Rahayu', unitId: tree.pspA1x, sex: 'P' });
  await createMember(ctx, { number: '3673000000000101', name: 'Orang Banten', unitId: tree.dpcB1, sex: 'L' });
  await createUser(ctx, {
    email: 'admin.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'admin', unitId: tree.dpdA }],
  });
  staffId = await createUser(ctx, { email: 'siti@spn.test', homeUnitId: tree.dpcA1 });
  admin = new TestClient(app);
  const login = await admin.login('admin.jabar@spn.test');
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('PATCH /api/v1/users/:id with memberNumber', () => {
  it('links the member and answers with it in the user view; null unlinks', async () => {
    const response = await admin.patch(`/api/v1/users/${staffId}`, { memberNumber: ' 3201000000000101 ' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: staffId,
      member: { number: '3201000000000101', name: 'Siti Rahayu', sex: 'P' },
    });
    const listed = (await admin.get('/api/v1/users?q=siti')).json() as { items: { member: unknown }[] };
    expect(listed.items[0]?.member).toMatchObject({ number: '3201000000000101' });

    const unlinked = await admin.patch(`/api/v1/users/${staffId}`, { memberNumber: null });
    expect(unlinked.statusCode).toBe(200);
    expect(unlinked.json()).toMatchObject({ id: staffId, member: null });
  });

  it('answers an unknown or out-of-scope number with problem+json naming memberNumber', async () => {
    const unknown = await admin.patch(`/api/v1/users/${staffId}`, { memberNumber: 'TIDAK-ADA' });
    const outside = await admin.patch(`/api/v1/users/${staffId}`, { memberNumber: '3673000000000101' });
    for (const response of [unknown, outside]) {
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = response.json() as { code: string; fields: { path: string; message: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.fields.map((field) => field.path)).toEqual(['memberNumber']);
    }
    // Same answer either way: the response does not reveal that a member exists in Banten.
    const strip = (body: string) => ({ ...(JSON.parse(body) as object), requestId: undefined });
    expect(strip(outside.body)).toEqual(strip(unknown.body));
  });

  it('rejects a malformed memberNumber at the schema, naming the field', async () => {
    const response = await admin.patch(`/api/v1/users/${staffId}`, { memberNumber: '' });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { code: string; fields: { path: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.fields.map((field) => field.path)).toEqual(['memberNumber']);
  });

  it('answers a member linked to another account with 409 on memberNumber', async () => {
    const other = await createUser(ctx, { email: 'lain@spn.test', homeUnitId: tree.dpcA1 });
    expect(
      (await admin.patch(`/api/v1/users/${staffId}`, { memberNumber: '3201000000000101' })).statusCode,
    ).toBe(200);
    const response = await admin.patch(`/api/v1/users/${other}`, { memberNumber: '3201000000000101' });
    expect(response.statusCode).toBe(409);
    const body = response.json() as { code: string; fields: { path: string }[] };
    expect(body.code).toBe('conflict');
    expect(body.fields.map((field) => field.path)).toEqual(['memberNumber']);
  });
});
