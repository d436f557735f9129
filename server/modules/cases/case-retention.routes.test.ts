import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsItems } from '../../../shared/case-taxonomy.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  signInCaseWorker,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { actorOf, reportAt, seedCaseTeam } from './cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;
let caseId: string;
const clients: Record<'admin' | 'adminBanten' | 'genderOfficer' | 'coordinator' | 'handler', TestClient> =
  {} as never;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '10000' } });
  tree = await seedTree(ctx);
  team = await seedCaseTeam(ctx, tree);
  app = await createTestApp(ctx);
  await createUser(ctx, {
    email: 'admin@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
  await createUser(ctx, {
    email: 'admin.banten@spn.test',
    homeUnitId: tree.dpdB,
    grants: [{ role: 'admin', unitId: tree.dpdB }],
  });
  await createUser(ctx, {
    email: 'perempuan@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'gender_officer', unitId: tree.root }],
  });
  for (const [name, email] of [
    ['admin', 'admin@spn.test'],
    ['adminBanten', 'admin.banten@spn.test'],
    ['genderOfficer', 'perempuan@spn.test'],
  ] as const) {
    clients[name] = new TestClient(app);
    expect((await clients[name].login(email)).statusCode).toBe(200);
  }
  clients.coordinator = await signInCaseWorker(app, ctx, 'koordinator.jabar@spn.test');
  clients.handler = await signInCaseWorker(app, ctx, 'pendamping.jabar@spn.test');

  // One closed case at DPD Jawa Barat, with the handler assigned.
  const cases = ctx.services.casesService;
  ({ caseId } = await cases.submitReport(reportAt(tree.pspA1x), []));
  const coordinator = await actorOf(ctx, team.coordinatorA.userId);
  await cases.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
  await cases.reviewRights(coordinator, caseId, {
    items: rightsItems.map((item) => ({ item, status: 'diberikan' as const })),
  });
  await cases.transition(coordinator, caseId, {
    to: 'closed',
    reason: 'Ditarik pelapor',
    closingReason: 'ditarik_korban',
  });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const periods = {
  selesai: 5,
  dirujuk_keluar: 5,
  ditarik_korban: 1,
  tanpa_persetujuan: 5,
  tidak_terbukti: 5,
  duplikat: 1,
};

const adminRoutes = [
  { name: 'read settings', method: 'GET', path: () => '/api/v1/retention/settings' },
  {
    name: 'change settings',
    method: 'PUT',
    path: () => '/api/v1/retention/settings',
    body: () => ({ periods }),
  },
  { name: 'list closed cases', method: 'GET', path: () => '/api/v1/retention/cases?status=pending' },
  {
    name: 'place a hold',
    method: 'POST',
    path: () => `/api/v1/retention/cases/${caseId}/hold`,
    body: () => ({ reason: 'gugatan_perdata' }),
  },
  { name: 'release the hold', method: 'POST', path: () => `/api/v1/retention/cases/${caseId}/release` },
] as const;

describe('retention routes: access matrix over HTTP', () => {
  it.each(adminRoutes)('$name: gender officer, coordinator, handler 403; anonymous 401', async (route) => {
    const body = 'body' in route ? route.body() : undefined;
    for (const name of ['genderOfficer', 'coordinator', 'handler'] as const) {
      const response = await clients[name].request(route.method, route.path(), body);
      expect(response.statusCode, `${name} ${response.body}`).toBe(403);
      expect(response.json()).toMatchObject({ code: 'forbidden' });
    }
    const anonymous = await new TestClient(app).request(route.method, route.path(), body);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('the administrator gets 200 on each, in order (hold then release), with coded data only', async () => {
    for (const route of adminRoutes) {
      const response = await clients.admin.request(
        route.method,
        route.path(),
        'body' in route ? route.body() : undefined,
      );
      expect(response.statusCode, `${route.name} ${response.body}`).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const list = (await clients.admin.get('/api/v1/retention/cases')).json() as {
      items: { id: string; reference: string; closingReason: string }[];
    };
    const item = list.items.find((entry) => entry.id === caseId);
    expect(item).toMatchObject({ closingReason: 'ditarik_korban', hold: null });
    expect(JSON.stringify(list)).not.toMatch(/Supervisor|Budi|0812/);
  });

  it('a DPD administrator elsewhere does not find the case (404) and cannot change the periods (403)', async () => {
    const hold = await clients.adminBanten.post(`/api/v1/retention/cases/${caseId}/hold`, {
      reason: 'lainnya',
    });
    expect(hold.statusCode).toBe(404);
    const change = await clients.adminBanten.request('PUT', '/api/v1/retention/settings', { periods });
    expect(change.statusCode).toBe(403);
  });

  it.each([0, -1, 31, 2.5, null])(
    'refuses a period of %s years (400, in the user’s language)',
    async (years) => {
      const response = await clients.admin.request('PUT', '/api/v1/retention/settings', {
        periods: { ...periods, duplikat: years },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
      expect((response.json() as { detail: string }).detail).toMatch(/[a-z]/);
      const missing = await clients.admin.request('PUT', '/api/v1/retention/settings', {
        periods: { selesai: 5 },
      });
      expect(missing.statusCode).toBe(400);
    },
  );

  it('refuses a bad hold reason, a bad id and a bad cursor with 400, never a 5xx', async () => {
    expect(
      (await clients.admin.post(`/api/v1/retention/cases/${caseId}/hold`, { reason: 'karena saya mau' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await clients.admin.post('/api/v1/retention/cases/not-a-uuid/hold', { reason: 'lainnya' })).statusCode,
    ).toBe(400);
    expect((await clients.admin.get('/api/v1/retention/cases?cursor=zzz')).statusCode).toBe(400);
    expect((await clients.admin.get('/api/v1/retention/cases?status=everything')).statusCode).toBe(400);
  });

  it('the case team reads the case’s retention (200); the administrator and gender officer may not (403)', async () => {
    await clients.admin.post(`/api/v1/retention/cases/${caseId}/hold`, { reason: 'proses_pidana' });
    for (const name of ['coordinator', 'handler'] as const) {
      const response = await clients[name].get(`/api/v1/cases/${caseId}/retention`);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        state: 'closed',
        periodYears: 1,
        hold: { reason: 'proses_pidana' },
      });
    }
    for (const name of ['admin', 'genderOfficer'] as const)
      expect((await clients[name].get(`/api/v1/cases/${caseId}/retention`)).statusCode).toBe(403);
    expect((await new TestClient(app).get(`/api/v1/cases/${caseId}/retention`)).statusCode).toBe(401);
    // Another unit's coordinator does not see the case exists.
    const banten = await signInCaseWorker(app, ctx, 'koordinator.banten@spn.test');
    expect((await banten.get(`/api/v1/cases/${caseId}/retention`)).statusCode).toBe(404);
  });
});
