import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../shared/roles.ts';
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
import { isCaseRole } from '../../../shared/roles.ts';
import { multipartBody } from '../imports/imports.test-support.ts';
import { actorOf, createCaseWorker, makeOfficer, reportAt, tinyPng } from './cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;

/** The ids a case route needs: the case and one item of each kind in it. */
interface CaseIds {
  caseId: string;
  assignmentId: string;
  referralId: string;
  measureId: string;
  fileId: string;
}

type Expect = number;
/**
 * Every case route, a valid request to it, and the status each role *in the case* gets — written by hand.
 * Anyone else with a case role gets 404 (the case does not exist for them); anyone without one, 403 at the
 * route guard.
 */
const caseRoutes: {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: (ids: CaseIds) => string;
  body?: () => unknown;
  multipart?: boolean;
  coordinator: Expect;
  handler: Expect;
  legal: Expect;
}[] = [
  {
    name: 'read',
    method: 'GET',
    path: (ids) => `/cases/${ids.caseId}`,
    coordinator: 200,
    handler: 200,
    legal: 200,
  },
  {
    name: 'access log',
    method: 'GET',
    path: (ids) => `/cases/${ids.caseId}/access-log`,
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'assignable',
    method: 'GET',
    path: (ids) => `/cases/${ids.caseId}/assignable`,
    coordinator: 200,
    handler: 403,
    legal: 403,
  },
  {
    name: 'member candidates',
    method: 'GET',
    path: (ids) => `/cases/${ids.caseId}/member-candidates?q=named`,
    coordinator: 200,
    handler: 403,
    legal: 403,
  },
  {
    name: 'assign',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/assignments`,
    body: () => ({ userId: spareHandlerId, role: 'handler' }),
    coordinator: 200,
    handler: 403,
    legal: 403,
  },
  {
    name: 'end assignment',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/assignments/${ids.assignmentId}/end`,
    coordinator: 200,
    handler: 403,
    legal: 403,
  },
  {
    name: 'recuse',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/recusal`,
    body: () => ({ reason: 'Saya mengenal pelapor' }),
    coordinator: 204,
    handler: 204,
    legal: 204,
  },
  {
    name: 'transition',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/transitions`,
    body: () => ({ to: 'triage', reason: 'Kontak pertama' }),
    coordinator: 200,
    handler: 200,
    legal: 409,
  },
  {
    name: 'reroute',
    method: 'PATCH',
    path: (ids) => `/cases/${ids.caseId}/routing`,
    body: () => ({ asksDpp: false, reason: 'Periksa ulang' }),
    coordinator: 200,
    handler: 403,
    legal: 403,
  },
  {
    name: 'note',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/notes`,
    body: () => ({ body: 'Catatan' }),
    coordinator: 200,
    handler: 200,
    legal: 200,
  },
  {
    name: 'message',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/messages`,
    body: () => ({ body: 'Pesan' }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'consent',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/consents`,
    body: () => ({ route: 'konseling_psikologis', status: 'given' }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'refer',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/referrals`,
    body: () => ({ service: 'bantuan_hukum', referredOn: '2026-11-22' }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'update referral',
    method: 'PATCH',
    path: (ids) => `/cases/${ids.caseId}/referrals/${ids.referralId}`,
    body: () => ({ status: 'dikirim' }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'review referral',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/referrals/${ids.referralId}/review`,
    coordinator: 200,
    handler: 403,
    legal: 403,
  },
  {
    name: 'measure',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/measures`,
    body: () => ({ kind: 'larangan_kontak', status: 'diminta' }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'update measure',
    method: 'PATCH',
    path: (ids) => `/cases/${ids.caseId}/measures/${ids.measureId}`,
    body: () => ({ status: 'berlaku' }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'ethics',
    method: 'PUT',
    path: (ids) => `/cases/${ids.caseId}/ethics`,
    body: () => ({ status: 'diajukan' }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'rights',
    method: 'PUT',
    path: (ids) => `/cases/${ids.caseId}/rights`,
    body: () => ({ items: [{ item: 'informasi', status: 'diberikan' }] }),
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'upload file',
    method: 'POST',
    path: (ids) => `/cases/${ids.caseId}/files`,
    multipart: true,
    coordinator: 200,
    handler: 200,
    legal: 403,
  },
  {
    name: 'download file',
    method: 'GET',
    path: (ids) => `/cases/${ids.caseId}/files/${ids.fileId}`,
    coordinator: 200,
    handler: 200,
    legal: 200,
  },
];

let spareHandlerId = '';
const people: Record<string, { userId: string; memberId: string; email: string }> = {};
const clients = new Map<string, TestClient>();
let namedMemberId = '';

async function send(client: TestClient, route: (typeof caseRoutes)[number], ids: CaseIds) {
  const url = `/api/v1${route.path(ids)}`;
  if (route.multipart) {
    const body = multipartBody(tinyPng, 'bukti.png', 'image/png');
    return app.inject({
      method: 'POST',
      url,
      payload: body.payload,
      headers: {
        cookie: client.cookieHeader(),
        'x-csrf-token': await client.ensureCsrf(),
        'content-type': body.contentType,
      },
    });
  }
  return client.request(route.method, url, route.method === 'GET' ? undefined : (route.body?.() ?? {}));
}

/** A case at PSP Garmen (handled by DPD Jawa Barat) with the named person linked, a handler and legal aid assigned. */
async function freshCase(): Promise<CaseIds> {
  const service = ctx.services.casesService;
  const { caseId } = await service.submitReport(
    reportAt(tree.pspA1x, { relationship: 'pengurus_serikat', namedOffice: 'PSP' }),
    [{ name: 'foto.png', data: tinyPng }],
  );
  const coordinator = await actorOf(ctx, people.coordinator_in!.userId);
  await service.reroute(coordinator, caseId, { namedMemberId, reason: 'Terlapor dikenali' });
  await service.recordConsent(coordinator, caseId, { route: 'bantuan_hukum', status: 'given', note: null });
  await service.recordConsent(coordinator, caseId, { route: 'proses_etik', status: 'given', note: null });
  await service.assign(coordinator, caseId, { userId: people.handler_assigned!.userId, role: 'handler' });
  await service.assign(coordinator, caseId, { userId: people.legal_assigned!.userId, role: 'legal_aid' });
  await service.addMeasure(coordinator, caseId, {
    kind: 'cuti',
    status: 'diminta',
    description: null,
    startedOn: null,
  });
  const detail = await service.addReferral(coordinator, caseId, {
    service: 'rumah_aman',
    referredOn: '2026-11-22',
    recipient: null,
    emergencyReason: 'Ancaman di rumah',
  });
  return {
    caseId,
    assignmentId: detail.assignments.find((assignment) => assignment.role === 'handler')!.id,
    referralId: detail.referrals[0]!.id,
    measureId: detail.measures[0]!.id,
    fileId: detail.files![0]!.id,
  };
}

const placements = { in: () => tree.dpdA, out: () => tree.dpdB, root: () => tree.root } as const;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '10000' } });
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  // Every role at the handling unit (DPD Jawa Barat), at another DPD (Banten) and at the DPP root.
  for (const role of roles)
    for (const [where, unit] of Object.entries(placements)) {
      const email = `${role}.${where}@spn.test`;
      const worker = await createCaseWorker(ctx, {
        email,
        homeUnitId: unit(),
        grants: [{ role, unitId: unit() }],
      });
      people[`${role}_${where}`] = { ...worker, email };
    }
  // The people with a role in the case besides the coordinator of the handling unit.
  for (const [key, grants] of [
    ['handler_assigned', [{ role: 'case_handler', unitId: tree.dpcA1 }]],
    ['legal_assigned', [{ role: 'legal_aid', unitId: tree.dpdA }]],
    ['spare_handler', [{ role: 'case_handler', unitId: tree.dpdA }]],
    // The named person's own account: coordinator at the handling unit, which must not help him.
    ['named_person', [{ role: 'case_coordinator', unitId: tree.dpdA }]],
  ] as const) {
    const email = `${key}@spn.test`;
    const worker = await createCaseWorker(ctx, {
      email,
      homeUnitId: tree.dpdA,
      grants: [...grants],
      memberUnitId: tree.pspA1x,
      sex: 'P',
    });
    people[key] = { ...worker, email };
  }
  spareHandlerId = people.spare_handler!.userId;
  namedMemberId = people.named_person!.memberId;
  await makeOfficer(ctx, namedMemberId, tree.pspA1x, 'Bendahara PSP');
  for (const [key, person] of Object.entries(people)) {
    const role = key.replace(/_(in|out|root)$/, '') as Role;
    const holdsCaseRole = !roles.includes(role) || isCaseRole(role);
    clients.set(
      key,
      holdsCaseRole ? await signInCaseWorker(app, ctx, person.email) : await loginPlain(person.email),
    );
  }
  people.coordinator_in = people.case_coordinator_in!;
  clients.set('coordinator_in', clients.get('case_coordinator_in')!);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

async function loginPlain(email: string): Promise<TestClient> {
  const client = new TestClient(app);
  const response = await client.login(email);
  expect(response.statusCode, response.body).toBe(200);
  return client;
}

const expectStatus = (response: LightMyRequestResponse, status: number, label: string) => {
  expect(response.statusCode, `${label}: ${response.body.slice(0, 300)}`).toBe(status);
  if (status >= 400) expect(response.headers['content-type'], label).toMatch(/application\/problem\+json/);
};

describe('case access matrix over HTTP', () => {
  let shared: CaseIds;
  beforeAll(async () => {
    shared = await freshCase();
  });

  const outsiders = [
    ...roles.flatMap((role) => Object.keys(placements).map((where) => `${role}_${where}`)),
    'named_person',
  ].filter((key) => key !== 'case_coordinator_in');

  it.each(caseRoutes)('$name: nobody outside the case learns it exists', async (route) => {
    for (const key of outsiders) {
      const role = key.replace(/_(in|out|root)$/, '') as Role;
      const expected = roles.includes(role) && !isCaseRole(role) ? 403 : 404;
      const response = await send(clients.get(key)!, route, shared);
      expectStatus(response, expected, `${key} ${route.name}`);
      if (expected === 404) expect((response.json() as { code: string }).code).toBe('not_found');
      else expect((response.json() as { code: string }).code).toBe('forbidden');
    }
  });

  it.each(caseRoutes)(
    '$name: coordinator, assigned handler and legal aid get what the rules give',
    async (route) => {
      for (const [key, expected] of [
        ['coordinator_in', route.coordinator],
        ['handler_assigned', route.handler],
        ['legal_assigned', route.legal],
      ] as const) {
        const ids = await freshCase();
        expectStatus(await send(clients.get(key)!, route, ids), expected, `${key} ${route.name}`);
      }
    },
  );

  it('an outsider’s case list never shows the case; the coordinator’s does', async () => {
    for (const key of outsiders) {
      const role = key.replace(/_(in|out|root)$/, '') as Role;
      for (const scope of ['mine', 'unit']) {
        const response = await clients.get(key)!.get(`/api/v1/cases?scope=${scope}`);
        if (roles.includes(role) && !isCaseRole(role)) {
          expectStatus(response, 403, key);
          continue;
        }
        expectStatus(response, 200, key);
        expect((response.json() as { items: { id: string }[] }).items.map((item) => item.id)).not.toContain(
          shared.caseId,
        );
      }
    }
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = (
        await clients
          .get('coordinator_in')!
          .get(`/api/v1/cases?scope=unit&limit=100${cursor && `&cursor=${cursor}`}`)
      ).json() as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen).toContain(shared.caseId);
  });

  it('a random case id answers exactly like a real case one may not see', async () => {
    const missing = await clients
      .get('case_coordinator_out')!
      .get('/api/v1/cases/00000000-0000-4000-8000-000000000001');
    const hidden = await clients.get('case_coordinator_out')!.get(`/api/v1/cases/${shared.caseId}`);
    expect(missing.statusCode).toBe(404);
    expect({ ...(hidden.json() as object), requestId: null }).toEqual({
      ...(missing.json() as object),
      requestId: null,
    });
  });

  it('intake: case handlers and coordinators record reports; legal aid and others cannot', async () => {
    const body = { ...reportAt(tree.pspA1x), channel: 'whatsapp' };
    expectStatus(await clients.get('case_handler_out')!.post('/api/v1/cases', body), 201, 'handler');
    const created = (await clients.get('case_coordinator_root')!.post('/api/v1/cases', body)).json() as {
      receipt: string;
    };
    expect(created.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expectStatus(await clients.get('legal_aid_in')!.post('/api/v1/cases', body), 403, 'legal aid');
    expectStatus(await clients.get('admin_root')!.post('/api/v1/cases', body), 403, 'admin');
  });

  it('the audit log keeps case rows in its chain but never shows them to administrators', async () => {
    const stored = await test.db
      .selectFrom('audit_log')
      .select('id')
      .where('object_type', '=', 'case')
      .execute();
    expect(stored.length).toBeGreaterThan(0);
    const response = await clients.get('admin_root')!.get('/api/v1/audit?limit=200');
    expectStatus(response, 200, 'audit');
    const items = (response.json() as { items: { objectType: string; action: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((item) => item.objectType === 'case' || item.action.startsWith('case.'))).toEqual([]);
    const filtered = await clients.get('admin_root')!.get(`/api/v1/audit?objectType=case`);
    expect((filtered.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('case responses are never cached', async () => {
    const response = await clients.get('coordinator_in')!.get(`/api/v1/cases/${shared.caseId}`);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('bad input gets a clear error naming the field, in the caller’s language', async () => {
    const response = await clients.get('coordinator_in')!.post(`/api/v1/cases/${shared.caseId}/transitions`, {
      to: 'nowhere',
      reason: '',
    });
    expectStatus(response, 400, 'bad transition');
    const body = response.json() as { code: string; fields: { path: string }[] };
    expect(body.fields.map((field) => field.path).sort()).toEqual(['reason', 'to']);
    const refused = await clients.get('coordinator_in')!.post(`/api/v1/cases/${shared.caseId}/transitions`, {
      to: 'closed',
      reason: 'Tutup',
      closingReason: 'duplikat',
    });
    expectStatus(refused, 422, 'rights');
    expect(refused.json()).toMatchObject({ code: 'rights_not_reviewed' });
    expect((refused.json() as { detail: string }).detail).toContain('UU TPKS');
  });
});
