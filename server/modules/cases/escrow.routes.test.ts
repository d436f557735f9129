import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportInput } from '../../../shared/contracts/cases.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  seedTree,
  signInCaseWorker,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import {
  inputValue,
  multipart,
  postForm,
  receiptPattern,
  reportFields,
} from '../../public/public.test-support.ts';
import { createCaseWorker, reportAt } from './cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const clients = new Map<string, TestClient>();
let reporter = 0;

const item = '00000000-0000-4000-8000-0000000000a1';
/** Every staff route that takes a case id, with a body it would accept for a case one may work. */
const caseRoutes: {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: (id: string) => string;
  body?: unknown;
}[] = [
  { method: 'GET', path: (id) => `/api/v1/cases/${id}` },
  { method: 'GET', path: (id) => `/api/v1/cases/${id}/links` },
  { method: 'GET', path: (id) => `/api/v1/cases/${id}/access-log` },
  { method: 'GET', path: (id) => `/api/v1/cases/${id}/assignable` },
  { method: 'GET', path: (id) => `/api/v1/cases/${id}/member-candidates?q=budi` },
  { method: 'GET', path: (id) => `/api/v1/cases/${id}/files/${item}` },
  { method: 'POST', path: (id) => `/api/v1/cases/${id}/notes`, body: { body: 'Catatan tim' } },
  { method: 'POST', path: (id) => `/api/v1/cases/${id}/messages`, body: { body: 'Halo' } },
  { method: 'POST', path: (id) => `/api/v1/cases/${id}/recusal`, body: { reason: 'Saya kenal pelapor' } },
  {
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/transitions`,
    body: { to: 'triage', reason: 'Kontak pertama' },
  },
  {
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/assignments`,
    body: { userId: item, role: 'handler' },
  },
  {
    method: 'PATCH',
    path: (id) => `/api/v1/cases/${id}/routing`,
    body: { asksDpp: true, reason: 'Diminta' },
  },
  {
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/consents`,
    body: { route: 'pendampingan_serikat', status: 'given' },
  },
];

const send = (client: TestClient, route: (typeof caseRoutes)[number], id: string) =>
  client.request(route.method, route.path(id), route.body);

const expectNotFound = (response: LightMyRequestResponse, label: string) => {
  expect(response.statusCode, `${label}: ${response.body.slice(0, 200)}`).toBe(404);
  expect((response.json() as { code: string }).code, label).toBe('not_found');
};

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '10000' } });
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  const people: [string, { role: 'case_coordinator' | 'case_handler' | 'admin'; unitId: number }][] = [
    ['coordinator_dpd', { role: 'case_coordinator', unitId: tree.dpdA }],
    ['coordinator_dpp', { role: 'case_coordinator', unitId: tree.root }],
    ['coordinator_other', { role: 'case_coordinator', unitId: tree.dpdB }],
    ['handler_dpd', { role: 'case_handler', unitId: tree.dpdA }],
    ['handler_dpp', { role: 'case_handler', unitId: tree.root }],
  ];
  for (const [key, grant] of people) {
    const email = `${key}@spn.test`;
    await createCaseWorker(ctx, { email, homeUnitId: grant.unitId, grants: [grant] });
    clients.set(key, await signInCaseWorker(app, ctx, email));
  }
  await createCaseWorker(ctx, {
    email: 'admin@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
  const admin = new TestClient(app);
  expect((await admin.login('admin@spn.test')).statusCode).toBe(200);
  clients.set('admin', admin);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

function sealedReport(named: Partial<ReportInput>): ReportInput {
  reporter += 1;
  return reportAt(tree.pspA1x, {
    namedName: null,
    namedWorkplace: null,
    contactValue: `0877000${String(reporter).padStart(5, '0')}`,
    sealUntilMatch: true,
    ...named,
  });
}

describe('sealed reports over HTTP', () => {
  it('every staff route answers 404 for a sealed report, exactly like a missing case; lists leave it out', async () => {
    const { caseId } = await ctx.services.casesService.submitReport(
      sealedReport({ namedName: 'Yusuf Maulana', namedWorkplace: 'PT Plastik Jaya' }),
      [],
    );
    for (const key of [
      'coordinator_dpd',
      'coordinator_dpp',
      'coordinator_other',
      'handler_dpd',
      'handler_dpp',
    ])
      for (const route of caseRoutes) {
        const client = clients.get(key)!;
        const hidden = await send(client, route, caseId);
        expectNotFound(hidden, `${key} ${route.method} ${route.path('…')}`);
        const missing = await send(client, route, '00000000-0000-4000-8000-000000000001');
        expect({ ...(hidden.json() as object), requestId: null }).toEqual({
          ...(missing.json() as object),
          requestId: null,
        });
      }
    for (const key of ['coordinator_dpd', 'coordinator_dpp', 'handler_dpd'])
      for (const scope of ['mine', 'unit']) {
        const list = await clients.get(key)!.get(`/api/v1/cases?scope=${scope}&limit=100`);
        expect(list.statusCode).toBe(200);
        expect((list.json() as { items: { id: string }[] }).items.map((entry) => entry.id)).not.toContain(
          caseId,
        );
      }
    // Without a case role the route guard answers first, as for any case.
    const adminAnswer = await clients.get('admin')!.get(`/api/v1/cases/${caseId}/links`);
    expect(adminAnswer.statusCode).toBe(403);
  });

  it('after a match the DPP coordinator reads both and their links; the DPD team still gets 404', async () => {
    const first = await ctx.services.casesService.submitReport(
      sealedReport({ namedName: 'Ir. Joesoef Maoelana', namedWorkplace: 'PT Karet Djaja' }),
      [],
    );
    const second = await ctx.services.casesService.submitReport(
      sealedReport({ namedName: 'Yusuf Maulana', namedWorkplace: 'Karet Jaya Tbk' }),
      [],
    );
    const dpp = clients.get('coordinator_dpp')!;
    for (const [id, other] of [
      [first.caseId, second.caseId],
      [second.caseId, first.caseId],
    ] as const) {
      expect((await dpp.get(`/api/v1/cases/${id}`)).statusCode).toBe(200);
      const links = await dpp.get(`/api/v1/cases/${id}/links`);
      expect(links.statusCode).toBe(200);
      expect(links.headers['cache-control']).toBe('no-store');
      expect((links.json() as { items: { id: string; reason: string }[] }).items).toEqual([
        expect.objectContaining({ id: other, reason: 'escrow_match' }),
      ]);
      for (const key of ['coordinator_dpd', 'coordinator_other', 'handler_dpd', 'handler_dpp'])
        for (const route of caseRoutes)
          expectNotFound(await send(clients.get(key)!, route, id), `${key} ${route.path('…')}`);
    }
    const list = await dpp.get('/api/v1/cases?scope=unit&limit=100');
    const ids = (list.json() as { items: { id: string }[] }).items.map((entry) => entry.id);
    expect(ids).toEqual(expect.arrayContaining([first.caseId, second.caseId]));
  });
});

describe('the follow-up page of a sealed report (no JavaScript)', () => {
  const report = (fields: Record<string, string | string[]>) =>
    postForm(app, { formPage: '/lapor', url: '/lapor', fields: reportFields(fields) });
  const check = (receipt: string) =>
    postForm(app, { formPage: '/lapor/cek', url: '/lapor/cek', fields: { receipt } });
  const post = (html: string, fields: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/lapor/cek/tarik',
      payload: multipart({
        _token: inputValue(html, '_token') ?? '',
        followUp: inputValue(html, 'followUp') ?? '',
        ...fields,
      }),
    });

  it('asks for something to match on', async () => {
    const page = await report({ sealUntilMatch: 'on', namedName: 'Pak Budi', namedWorkplace: '' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain(
      'Untuk lapor bersama, isi nama dan tempat kerja orang itu, atau nomor HP-nya.',
    );
  });

  it('says it is sealed, withdraws only after confirmation, then says it is withdrawn', async () => {
    const receiptPage = await report({
      sealUntilMatch: 'on',
      namedName: 'Pak Teguh Prakoso',
      namedWorkplace: 'PT Logam Mulia',
      namedPhone: '0811 2222 3333',
    });
    expect(receiptPage.statusCode).toBe(200);
    expect(receiptPage.body).toContain('Laporan Anda disimpan tertutup.');
    const receipt = receiptPattern.exec(receiptPage.body)![0];
    const status = await check(receipt);
    expect(status.body).toContain('Laporan Anda masih tertutup.');
    expect(status.body).toContain('action="/lapor/cek/tarik"');

    const confirm = await post(status.body);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Tarik laporan tertutup?');
    expect(confirm.body).toMatch(/<button type="submit" value="yes" name="answer">/);
    const caseId = (await ctx.services.casesService.findCaseByReceipt(receipt))!;
    const caseRow = () =>
      ctx.db.selectFrom('cases').select(['id', 'escrow']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect((await caseRow()).escrow).toBe('sealed');

    const back = await post(confirm.body, { answer: 'no' });
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('Laporan Anda masih tertutup.');
    expect((await caseRow()).escrow).toBe('sealed');

    const forged = await post(
      confirm.body.replace(/name="followUp" value="[^"]*"/, 'name="followUp" value="x"'),
      {
        answer: 'yes',
      },
    );
    expect(forged.statusCode).toBe(403);
    expect((await caseRow()).escrow).toBe('sealed');

    const done = await post((await post(back.body)).body, { answer: 'yes' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Laporan tertutup Anda sudah ditarik.');
    expect(done.body).toContain('Anda telah menarik laporan tertutup ini.');
    expect(done.body).not.toContain('action="/lapor/cek/tarik"');
    expect((await caseRow()).escrow).toBe('withdrawn');
    const again = await post(confirm.body, { answer: 'yes' });
    expect(again.statusCode).toBe(409);
  });

  it('an ordinary report has no withdrawal form, and its withdrawal is refused', async () => {
    const receiptPage = await report({});
    const status = await check(receiptPattern.exec(receiptPage.body)![0]);
    expect(status.body).not.toContain('action="/lapor/cek/tarik"');
    const refused = await post(status.body, { answer: 'yes' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('tidak dapat ditarik di sini');
  });
});
