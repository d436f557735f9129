import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsItems } from '../../../shared/case-taxonomy.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  seedTree,
  signInCaseWorker,
  type TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { actorOf, reportAt, seedCaseTeam, tinyPng } from './cases.test-support.ts';

/**
 * The one door (case-gate.ts), held on every per-case route (issue 10). The routes are read from the
 * OpenAPI document, so a new `/cases/{id}/…` route is covered without anyone remembering. Each one is sent
 * a well-formed request for five cases the caller must not reach, as every case role of the unit:
 * - a sealed "Lapor bersama" report and a withdrawn one (they exist for no staff member) → 404;
 * - a case of another DPD, and a case the caller is excluded from → 404;
 * - a case purged under the retention rule → 410 for the team that had it (404 for anyone else).
 * Never a 5xx, never a 2xx, and nothing written: the case tables and the audit log are unchanged.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;
const targets: Record<'sealed' | 'withdrawn' | 'otherDpd' | 'excluded' | 'purged', string> = {
  sealed: '',
  withdrawn: '',
  otherDpd: '',
  excluded: '',
  purged: '',
};
const callers: { name: string; client: TestClient }[] = [];

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  pattern?: string;
}
interface Operation {
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** A well-formed value for a schema: the gate must be what answers, not the validator. */
function sample(schema: JsonSchema | undefined): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative) return sample(alternative.find((option) => option.type !== 'null') ?? alternative[0]);
  const type = [schema.type ?? 'string'].flat().find((name) => name !== 'null');
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => schema.required?.includes(name))
          .map(([name, property]) => [name, sample(property)]),
      );
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => sample(schema.items));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'string':
    case undefined:
    default:
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000001';
      if (schema.format === 'date') return '2026-12-01';
      if (schema.format === 'date-time') return '2026-12-01T03:00:00.000Z';
      if (schema.pattern === '^\\d+$' || schema.pattern === '^[0-9]+$') return '1';
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
  }
}

function perCaseRoutes(): { method: string; url: string; operation: Operation }[] {
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(document.paths)
    .filter(([url]) => url.startsWith('/api/v1/cases/{id}'))
    .flatMap(([url, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ method: method.toUpperCase(), url, operation })),
    );
}

function boundary(fields: Record<string, string>) {
  const mark = '----setara-gate';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${mark}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const file = Buffer.concat([
    Buffer.from(
      `--${mark}\r\nContent-Disposition: form-data; name="file"; filename="bukti.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    tinyPng,
    Buffer.from(`\r\n--${mark}--\r\n`),
  ]);
  return {
    payload: Buffer.concat([Buffer.from(parts.join('')), file]),
    contentType: `multipart/form-data; boundary=${mark}`,
  };
}

/** Rows that a request could write: the case tables and the audit log. */
async function footprint() {
  const counts: Record<string, number> = {};
  const tables = await ctx.db
    .selectFrom('information_schema.tables' as never)
    .select('table_name as name' as never)
    .where('table_schema' as never, '=', 'public' as never)
    .execute();
  for (const { name } of tables as { name: string }[]) {
    if (!name.startsWith('case') && name !== 'audit_log') continue;
    const row = await ctx.db
      .selectFrom(name as never)
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[name] = Number((row as { n: string }).n);
  }
  const cases = await ctx.db.selectFrom('cases').select(['id', 'updated_at']).orderBy('id').execute();
  return { counts, cases: cases.map((row) => `${row.id}@${row.updated_at.toISOString()}`) };
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-12-01T03:00:00Z'));
  tree = await seedTree(ctx);
  team = await seedCaseTeam(ctx, tree);
  app = await createTestApp(ctx);
  const cases = ctx.services.casesService;
  const coordinator = await actorOf(ctx, team.coordinatorA.userId);

  // A case of DPD Jawa Barat the whole team holds a role in: handler and legal aid assigned, consent given.
  const withTeam = async () => {
    const { caseId } = await cases.submitReport(reportAt(tree.pspA1x), []);
    await cases.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
    await cases.recordConsent(coordinator, caseId, { route: 'bantuan_hukum', status: 'given' });
    await cases.assign(coordinator, caseId, { userId: team.legalA.userId, role: 'legal_aid' });
    return caseId;
  };

  targets.sealed = (await cases.submitReport(reportAt(tree.pspA1x, { sealUntilMatch: true }), [])).caseId;
  targets.withdrawn = (await cases.submitReport(reportAt(tree.pspA1x, { sealUntilMatch: true }), [])).caseId;
  await ctx.db
    .updateTable('cases')
    .set({ escrow: 'withdrawn' })
    .where('id', '=', targets.withdrawn)
    .execute();
  targets.otherDpd = (await cases.submitReport(reportAt(tree.dpcB1), [])).caseId;
  targets.excluded = await withTeam();
  await ctx.db
    .insertInto('case_exclusions')
    .values(
      [team.coordinatorA, team.handlerA, team.legalA].map((worker) => ({
        case_id: targets.excluded,
        user_id: worker.userId,
      })),
    )
    .execute();
  targets.purged = await withTeam();
  await cases.reviewRights(coordinator, targets.purged, {
    items: rightsItems.map((item) => ({ item, status: 'diberikan' as const })),
  });
  await cases.transition(coordinator, targets.purged, { to: 'triage', reason: 'Telaah' });
  await cases.transition(coordinator, targets.purged, {
    to: 'closed',
    reason: 'Selesai',
    closingReason: 'tidak_terbukti',
  });
  ctx.clock.set(new Date('2040-01-01T03:00:00Z'));
  const purged = await ctx.services.caseRetentionService.purgeDue({ label: 'system', requestId: null });
  expect(purged.purged.map((entry) => entry.id)).toContain(targets.purged);

  for (const [name, email] of [
    ['coordinator', 'koordinator.jabar@spn.test'],
    ['handler', 'pendamping.jabar@spn.test'],
    ['legal aid', 'tkbh.jabar@spn.test'],
  ] as const)
    callers.push({ name, client: await signInCaseWorker(app, ctx, email) });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('the case gate on every per-case route', () => {
  it('answers 404 or 410, never 2xx or 5xx, and writes nothing, for each case the caller must not reach', async () => {
    const routes = perCaseRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const before = await footprint();
    const wrong: string[] = [];
    for (const route of routes)
      for (const [kind, caseId] of Object.entries(targets))
        for (const { name, client } of callers) {
          const path = route.url.replace(/\{(\w+)\}/g, (_match, parameter: string) => {
            if (parameter === 'id') return caseId;
            const schema = route.operation.parameters?.find((item) => item.name === parameter)?.schema;
            return String(sample(schema));
          });
          const query = (route.operation.parameters ?? [])
            .filter((item) => item.in === 'query' && (item as { required?: boolean }).required)
            .map((item) => `${item.name}=${encodeURIComponent(String(sample(item.schema)))}`)
            .join('&');
          const request: InjectOptions = {
            method: route.method as InjectOptions['method'],
            url: query ? `${path}?${query}` : path,
            headers: { cookie: client.cookieHeader() },
          };
          if (route.method !== 'GET') {
            request.headers = { ...request.headers, 'x-csrf-token': await client.ensureCsrf() };
            const json = route.operation.requestBody?.content?.['application/json'];
            if (json) {
              request.payload = JSON.stringify(sample(json.schema));
              request.headers = { ...request.headers, 'content-type': 'application/json' };
            } else {
              // A route without a JSON body takes an upload (the case files): a well-formed multipart one.
              const form = boundary({});
              request.payload = form.payload;
              request.headers = { ...request.headers, 'content-type': form.contentType };
            }
          }
          const response = await app.inject(request);
          const allowed = kind === 'purged' ? [404, 410] : [404];
          if (!allowed.includes(response.statusCode))
            wrong.push(
              `${name} ${route.method} ${route.url} on the ${kind} case → ${response.statusCode} ${response.body.slice(0, 160)}`,
            );
        }
    expect(wrong).toEqual([]);
    expect(await footprint()).toEqual(before);
  });

  it('the purged case answers 410 case_purged to the team that had it, on its page and its check-ins', async () => {
    const coordinator = callers[0]!.client;
    for (const suffix of ['', '/checkins', '/retention']) {
      const response = await coordinator.get(`/api/v1/cases/${targets.purged}${suffix}`);
      expect(response.statusCode, suffix).toBe(410);
      expect(response.json()).toMatchObject({ code: 'case_purged' });
    }
  });
});
