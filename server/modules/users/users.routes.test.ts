import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('case roles over HTTP: asked for by one person, confirmed by a second (issue 17)', () => {
  it('answers 201 pending, refuses the asker with problem+json, and takes effect on a second admin’s confirmation', async () => {
    const grantee = await createUser(ctx, { email: 'pendamping.baru@spn.test', homeUnitId: tree.dpcA1 });
    const asked = await admin.post(`/api/v1/users/${grantee}/grants`, {
      role: 'case_handler',
      unitId: tree.dpcA1,
    });
    expect(asked.statusCode).toBe(201);
    const body = asked.json() as { outcome: string; grants: unknown[]; pendingGrants: { id: string }[] };
    expect(body).toMatchObject({ outcome: 'pending', grants: [] });
    const pendingId = body.pendingGrants[0]!.id;

    const own = await admin.post(`/api/v1/role-confirmations/${pendingId}/confirm`);
    expect(own.statusCode).toBe(403);
    expect(own.headers['content-type']).toContain('application/problem+json');
    expect(own.json()).toMatchObject({ code: 'second_person_required' });
    expect((own.json() as { detail: string }).detail).toContain('orang kedua');

    // A gender officer has neither gate of the confirmation routes.
    await createUser(ctx, {
      email: 'fokal.jabar@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'gender_officer', unitId: tree.dpdA }],
    });
    const officer = new TestClient(app);
    await officer.login('fokal.jabar@spn.test');
    expect((await officer.get('/api/v1/role-confirmations')).statusCode).toBe(403);
    expect((await officer.post(`/api/v1/role-confirmations/${pendingId}/confirm`)).statusCode).toBe(403);

    // The coordinator of the DPD above the DPC confirms (a case role: signed in with TOTP).
    await createUser(ctx, {
      email: 'koordinator.jabar@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'case_coordinator', unitId: tree.dpdA }],
    });
    const coordinator = await signInCaseWorker(app, ctx, 'koordinator.jabar@spn.test');
    const listed = (await coordinator.get('/api/v1/role-confirmations')).json() as {
      items: { id: string; canConfirm: boolean; canWithdraw: boolean }[];
    };
    expect(listed.items).toEqual([
      expect.objectContaining({ id: pendingId, canConfirm: true, canWithdraw: false }),
    ]);
    const confirmed = await coordinator.post(`/api/v1/role-confirmations/${pendingId}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    const user = (await admin.get(`/api/v1/users/${grantee}`)).json() as {
      grants: { role: string }[];
      pendingGrants: unknown[];
    };
    expect(user.grants.map((grant) => grant.role)).toEqual(['case_handler']);
    expect(user.pendingGrants).toEqual([]);
    expect((await coordinator.post(`/api/v1/role-confirmations/${pendingId}/confirm`)).statusCode).toBe(404);
  });

  it('withdraws with 204; an unknown id is 404 and a malformed one 400', async () => {
    const grantee = await createUser(ctx, { email: 'tkbh.baru@spn.test', homeUnitId: tree.dpdA });
    const asked = (
      await admin.post(`/api/v1/users/${grantee}/grants`, { role: 'legal_aid', unitId: tree.dpdA })
    ).json() as { pendingGrants: { id: string }[] };
    const withdrawn = await admin.delete(`/api/v1/role-confirmations/${asked.pendingGrants[0]!.id}`);
    expect(withdrawn.statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/role-confirmations/${asked.pendingGrants[0]!.id}`)).statusCode).toBe(
      404,
    );
    expect((await admin.post('/api/v1/role-confirmations/bukan-id/confirm')).statusCode).toBe(400);
  });
});
