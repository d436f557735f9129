import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomCodeResponse } from '../../../shared/contracts/training.ts';
import { checkRotatingCode, rotatingCodeKey } from '../../platform/rotating-code.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TestClient,
  testClock,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { checkInSubject } from './self-check-in.service.ts';
import { addSession, seedTrainingClass } from './training-public.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;
let sessionId: number;
const start = new Date('2025-12-16T01:00:00Z');

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, {
    clock: testClock(new Date(start.getTime() - 10 * 60 * 1000)),
  });
  tree = await seedTree(ctx);
  const { classId } = await seedTrainingClass(ctx, tree);
  sessionId = await addSession(ctx, classId, start);
  await createUser(ctx, {
    email: 'gender.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'gender_officer', unitId: tree.dpdA }],
  });
  const trainer = await createUser(ctx, {
    email: 'pelatih@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'trainer', unitId: tree.dpdA }],
  });
  await ctx.db
    .insertInto('training_class_trainers')
    .values({ class_id: classId, user_id: trainer })
    .execute();
  await createUser(ctx, {
    email: 'pelatih.banten@spn.test',
    homeUnitId: tree.dpdB,
    grants: [{ role: 'trainer', unitId: tree.dpdB }],
  });
  await createUser(ctx, {
    email: 'admin.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'org_admin', unitId: tree.dpdA }],
  });
  await createUser(ctx, {
    email: 'gender.banten@spn.test',
    homeUnitId: tree.dpdB,
    grants: [{ role: 'gender_officer', unitId: tree.dpdB }],
  });
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const signedIn = async (email: string) => {
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  return client;
};
const url = () => `/api/v1/training/sessions/${sessionId}/room-code`;

describe('GET /training/sessions/:id/room-code', () => {
  it('gives the organiser the current code, its address, a QR and the window', async () => {
    const response = await (await signedIn('gender.jabar@spn.test')).get(url());
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as RoomCodeResponse;
    expect(body.code).toMatch(/^[0-9]{6}$/);
    const key = rotatingCodeKey(ctx.masterKey.key);
    expect(checkRotatingCode(key, checkInSubject(sessionId), body.code, ctx.clock.now())).toBe('current');
    expect(body.url).toBe(`${ctx.config.publicUrl}/hadir?k=${body.code}`);
    expect(body.qrSvg).toMatch(/^<svg[^>]*>/);
    expect(body.stepSeconds).toBe(15);
    expect(Date.parse(body.validUntil) - ctx.clock.now().getTime()).toBeLessThanOrEqual(15_000);
    expect(body.window).toEqual({
      opens: new Date(start.getTime() - 30 * 60 * 1000).toISOString(),
      closes: new Date(start.getTime() + 3 * 60 * 60 * 1000).toISOString(),
      open: true,
    });
  });

  it('gives it to the trainer assigned to the class', async () => {
    expect((await (await signedIn('pelatih@spn.test')).get(url())).statusCode).toBe(200);
  });

  it('hides the session from a trainer not assigned and an organiser elsewhere (404)', async () => {
    for (const email of ['pelatih.banten@spn.test', 'gender.banten@spn.test']) {
      const response = await (await signedIn(email)).get(url());
      expect(response.statusCode, email).toBe(404);
    }
    expect(
      (await (await signedIn('pelatih@spn.test')).get('/api/v1/training/sessions/999999/room-code'))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a nominator (org admin: no training.manage) and anonymous callers', async () => {
    expect((await (await signedIn('admin.jabar@spn.test')).get(url())).statusCode).toBe(403);
    expect((await new TestClient(app).get(url())).statusCode).toBe(401);
  });
});
