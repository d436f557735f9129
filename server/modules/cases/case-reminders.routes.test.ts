import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { formatJakarta } from '../../public/public-i18n.ts';
import { postForm } from '../../public/public.test-support.ts';
import { actorOf, reportAt, seedCaseTeam } from './cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;
const clients: Record<string, TestClient> = {};
const DAY = 86_400_000;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '10000' } });
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  team = await seedCaseTeam(ctx, tree);
  await createUser(ctx, {
    email: 'admin@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
  await createUser(ctx, {
    email: 'admin.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'admin', unitId: tree.dpdA }],
  });
  await createUser(ctx, {
    email: 'gender@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'gender_officer', unitId: tree.root }],
  });
  for (const [key, email] of [
    ['coordinatorA', 'koordinator.jabar@spn.test'],
    ['handlerA', 'pendamping.jabar@spn.test'],
    ['handlerA2', 'pendamping2.jabar@spn.test'],
    ['legalA', 'tkbh.jabar@spn.test'],
    ['coordinatorB', 'koordinator.banten@spn.test'],
    ['coordinatorRoot', 'koordinator.dpp@spn.test'],
  ] as const)
    clients[key] = await signInCaseWorker(app, ctx, email);
  for (const [key, email] of [
    ['admin', 'admin@spn.test'],
    ['adminJabar', 'admin.jabar@spn.test'],
    ['gender', 'gender@spn.test'],
  ] as const) {
    clients[key] = new TestClient(app);
    expect((await clients[key].login(email)).statusCode).toBe(200);
  }
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const expectStatus = (response: LightMyRequestResponse, status: number, label: string) => {
  expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBe(status);
  if (status >= 400) expect(response.headers['content-type'], label).toMatch(/application\/problem\+json/);
};

/** A case at PSP Garmen (DPD Jawa Barat) with handler A and legal aid assigned, decided (outcome). */
async function decidedCase() {
  const service = ctx.services.casesService;
  const { caseId, receipt } = await service.submitReport(reportAt(tree.pspA1x), []);
  const coordinator = await actorOf(ctx, team.coordinatorA.userId);
  await service.recordConsent(coordinator, caseId, { route: 'bantuan_hukum', status: 'given', note: null });
  await service.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
  await service.assign(coordinator, caseId, { userId: team.legalA.userId, role: 'legal_aid' });
  await service.transition(coordinator, caseId, { to: 'triage', reason: 'Kontak' });
  await service.transition(coordinator, caseId, { to: 'handling', reason: 'Rencana' });
  await service.transition(coordinator, caseId, {
    to: 'monitoring',
    reason: 'Hasil',
    outcome: 'pemulihan_hak',
  });
  return { caseId, receipt };
}

describe('check-in routes: the case team only', () => {
  const routes = [
    { name: 'list', method: 'GET', path: (id: string) => `/api/v1/cases/${id}/checkins` },
    {
      name: 'contract renewal',
      method: 'PUT',
      path: (id: string) => `/api/v1/cases/${id}/contract-renewal`,
      body: { contractRenewalOn: '2027-06-01' },
    },
    {
      name: 'record',
      method: 'POST',
      path: (id: string) => `/api/v1/cases/${id}/checkins/checkin_30`,
      body: { retaliation: true, retaliationKinds: ['mutasi'] },
    },
  ] as const;

  it.each(routes)(
    '$name: coordinator and handler 200, legal aid 403, others 404, non-case roles 403',
    async (route) => {
      for (const [key, expected] of [
        ['coordinatorA', 200],
        ['handlerA', 200],
        ['legalA', 403],
        ['handlerA2', 404],
        ['coordinatorB', 404],
        ['coordinatorRoot', 404],
        ['admin', 403],
        ['gender', 403],
      ] as const) {
        const { caseId } = await decidedCase();
        const response = await clients[key]!.request(
          route.method,
          route.path(caseId),
          'body' in route ? route.body : undefined,
        );
        expectStatus(response, expected, `${key} ${route.name}`);
        if (expected === 200) expect(response.headers['cache-control']).toBe('no-store');
      }
    },
  );

  it('a random case id answers like a case one may not see; bad input names the field', async () => {
    const missing = await clients.coordinatorB!.get(
      '/api/v1/cases/00000000-0000-4000-8000-000000000001/checkins',
    );
    expectStatus(missing, 404, 'missing');
    const { caseId } = await decidedCase();
    const bad = await clients.handlerA!.post(`/api/v1/cases/${caseId}/checkins/checkin_30`, {
      retaliation: true,
      retaliationKinds: [],
    });
    expectStatus(bad, 400, 'no kinds');
    expect((bad.json() as { fields: { path: string }[] }).fields.map((field) => field.path)).toEqual([
      'retaliationKinds',
    ]);
    const wrongKind = await clients.handlerA!.post(`/api/v1/cases/${caseId}/checkins/checkin_7`, {
      retaliation: false,
    });
    expectStatus(wrongKind, 400, 'kind');
    const badDate = await clients.handlerA!.request('PUT', `/api/v1/cases/${caseId}/contract-renewal`, {
      contractRenewalOn: '2027-02-30',
    });
    expectStatus(badDate, 400, 'date');
    const twice = await clients.handlerA!.post(`/api/v1/cases/${caseId}/checkins/checkin_30`, {
      retaliation: false,
    });
    expectStatus(twice, 200, 'first');
    const again = await clients.handlerA!.post(`/api/v1/cases/${caseId}/checkins/checkin_30`, {
      retaliation: false,
    });
    expectStatus(again, 409, 'again');
    expect(again.json()).toMatchObject({ code: 'checkin_not_scheduled' });
  });
});

describe('notifications are per user', () => {
  it('each user lists, counts and marks only her own', async () => {
    const { caseId } = await decidedCase();
    await ctx.db
      .insertInto('notifications')
      .values([
        {
          user_id: team.handlerA.userId,
          kind: 'case_deadline_near',
          case_id: caseId,
          link: `/cases/${caseId}`,
          created_at: ctx.clock.now(),
        },
        {
          user_id: team.coordinatorA.userId,
          kind: 'case_deadline_missed',
          case_id: caseId,
          link: `/cases/${caseId}`,
          created_at: ctx.clock.now(),
        },
      ])
      .execute();
    const mine = (await clients.handlerA!.get('/api/v1/notifications')).json() as {
      items: { id: string; kind: string }[];
      unread: number;
    };
    expect(mine.items.map((item) => item.kind)).toEqual(['case_deadline_near']);
    expect(mine.unread).toBe(1);
    const theirs = (await clients.coordinatorA!.get('/api/v1/notifications')).json() as {
      items: { id: string }[];
      unread: number;
    };
    expect(theirs.unread).toBeGreaterThanOrEqual(1);
    expect((await clients.gender!.get('/api/v1/notifications')).json()).toEqual({ items: [], unread: 0 });
    expectStatus(
      await clients.handlerA!.post(`/api/v1/notifications/${theirs.items[0]!.id}/read`),
      404,
      'theirs',
    );
    expect((await clients.coordinatorA!.get('/api/v1/notifications/unread-count')).json()).toEqual({
      unread: theirs.unread,
    });
    const read = await clients.handlerA!.post(`/api/v1/notifications/${mine.items[0]!.id}/read`);
    expectStatus(read, 200, 'mine');
    expect(read.json()).toEqual({ unread: 0 });
    expect(
      ((await clients.handlerA!.get('/api/v1/notifications?unread=true')).json() as { items: unknown[] })
        .items,
    ).toEqual([]);
    expect((await clients.coordinatorA!.post('/api/v1/notifications/read-all')).json()).toEqual({
      unread: 0,
    });
    expectStatus(await new TestClient(app).get('/api/v1/notifications'), 401, 'anonymous');
  });
});

describe('the working-day calendar', () => {
  it('ships 2025–2027; an administrator of the top unit adds and removes dates, nobody else', async () => {
    const year = (await clients.handlerA!.get('/api/v1/calendar/holidays?year=2026')).json() as {
      items: { date: string; kind: string }[];
    };
    expect(year.items.find((item) => item.date === '2026-03-20')).toMatchObject({ kind: 'cuti_bersama' });
    for (const y of [2025, 2026, 2027])
      expect(
        ((await clients.gender!.get(`/api/v1/calendar/holidays?year=${y}`)).json() as { items: unknown[] })
          .items.length,
      ).toBeGreaterThan(14);
    const body = { date: '2026-12-31', name: 'Libur tambahan', kind: 'cuti_bersama' };
    expectStatus(await clients.adminJabar!.post('/api/v1/calendar/holidays', body), 403, 'DPD admin');
    expectStatus(await clients.coordinatorA!.post('/api/v1/calendar/holidays', body), 403, 'coordinator');
    const added = await clients.admin!.post('/api/v1/calendar/holidays', body);
    expectStatus(added, 201, 'admin');
    expect((added.json() as { items: { date: string }[] }).items.map((item) => item.date)).toContain(
      '2026-12-31',
    );
    expectStatus(await clients.admin!.post('/api/v1/calendar/holidays', body), 409, 'twice');
    expectStatus(
      await clients.admin!.post('/api/v1/calendar/holidays', { ...body, date: '2026-13-01' }),
      400,
      'bad',
    );
    expectStatus(await clients.adminJabar!.delete('/api/v1/calendar/holidays/2026-12-31'), 403, 'DPD delete');
    expectStatus(await clients.admin!.delete('/api/v1/calendar/holidays/2026-12-31'), 200, 'delete');
    expectStatus(await clients.admin!.delete('/api/v1/calendar/holidays/2026-12-31'), 404, 'gone');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'holiday')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['calendar.holiday_add', 'calendar.holiday_remove']);
  });

  it('a holiday added moves the consent deadline of an open case', async () => {
    const { caseId } = await ctx.services.casesService.submitReport(reportAt(tree.pspA1x), []);
    const read = async () =>
      (
        (await clients.coordinatorA!.get(`/api/v1/cases/${caseId}`)).json() as {
          deadlines: { kind: string; dueAt: string }[];
        }
      ).deadlines.find((deadline) => deadline.kind === 'consent')!.dueAt;
    const before = await read();
    const nextDay = new Date(ctx.clock.now().getTime() + DAY + 7 * 3_600_000).toISOString().slice(0, 10);
    const extra = ['2026-11-23', '2026-11-24', '2026-11-25'].filter((date) => date >= nextDay).slice(0, 1);
    const date = extra[0] ?? '2026-11-25';
    expectStatus(
      await clients.admin!.post('/api/v1/calendar/holidays', { date, name: 'Libur daerah', kind: 'lainnya' }),
      201,
      'add',
    );
    const after = await read();
    expect(new Date(after).getTime() - new Date(before).getTime()).toBe(DAY);
  });
});

describe('the reporter’s status page shows the next update', () => {
  it('shows its date, and the date moves when the team sends a message', async () => {
    const { caseId, receipt } = await ctx.services.casesService.submitReport(reportAt(tree.pspA1x), []);
    const open = async () => {
      const page = await postForm(app, { formPage: '/lapor/cek', url: '/lapor/cek', fields: { receipt } });
      expect(page.statusCode).toBe(200);
      return page.body;
    };
    const start = ctx.clock.now();
    const first = await open();
    expect(first).toContain(
      `Kabar berikutnya dari tim: paling lambat ${formatJakarta(new Date(start.getTime() + 14 * DAY), 'id')}.`,
    );
    ctx.clock.advance(4 * DAY);
    // The session of the test clients has expired by now (4 days idle): the service writes the message.
    await ctx.services.casesService.sendMessage(
      await actorOf(ctx, team.coordinatorA.userId),
      caseId,
      'Kami membaca laporan Anda.',
    );
    const second = await open();
    expect(second).toContain(formatJakarta(new Date(start.getTime() + 18 * DAY), 'id'));
    expect(second).not.toContain(formatJakarta(new Date(start.getTime() + 14 * DAY), 'id'));
  });
});
