import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ProportionalityResponse,
  QuotaDashboardResponse,
} from '../../../shared/contracts/quota-dashboard.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { createQuotaDashboardRepository } from './quota-dashboard.repository.ts';
import { tableRuleSource } from './quota-dashboard-rules.ts';
import { createQuotaDashboardService } from './quota-dashboard.service.ts';
import { seedQuota, type QuotaSeed } from './quota-dashboard.test-support.ts';
import { createQuotaSummaryRepository } from './quota-summary.repository.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
let seed: QuotaSeed;
const clients: Record<string, TestClient> = {};

const users = {
  viewer: { role: 'viewer', unit: 'root' },
  admin: { role: 'admin', unit: 'root' },
  genderJabar: { role: 'gender_officer', unit: 'dpdA' },
  orgBanten: { role: 'org_admin', unit: 'dpdB' },
  handler: { role: 'case_handler', unit: 'root' },
  trainer: { role: 'trainer', unit: 'dpdA' },
} as const;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  seed = await seedQuota(ctx, tree);
  app = await createTestApp(ctx);
  for (const [name, { role, unit }] of Object.entries(users)) {
    await createUser(ctx, {
      email: `${name.toLowerCase()}@spn.test`,
      homeUnitId: tree[unit],
      grants: [{ role, unitId: tree[unit] }],
      language: 'en',
    });
    const client = new TestClient(app, 'en');
    await client.login(`${name.toLowerCase()}@spn.test`);
    clients[name] = client;
  }
  // The summary is built by the job's own function, exactly as the minute tick runs it.
  const first = await ctx.services.quotaDashboardService.refreshIfDue();
  expect(first).toMatchObject({ refreshed: true, reason: 'initial' });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const dashboardOf = async (client: TestClient, unitId?: number) => {
  const response = await client.get(`/api/v1/quota-dashboard${unitId ? `?unitId=${unitId}` : ''}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as QuotaDashboardResponse;
};

describe('aggregates at the DPP', () => {
  it('counts members by sex with unknown on its own, and leavers not at all', async () => {
    const view = await dashboardOf(clients.viewer!);
    expect(view.unit.id).toBe(tree.root);
    expect(view.members).toEqual({ women: 7, men: 6, unknown: 1, total: 14, womenShareBp: 5000 });
  });

  it('gives each body kind by level with share, gap to membership and parity', async () => {
    const view = await dashboardOf(clients.viewer!);
    const row = (kind: string, level: string) =>
      view.bodies.find((b) => b.kind === kind && b.level === level);
    expect(row('executive', 'DPD')).toMatchObject({
      women: 3,
      men: 7,
      unknown: 0,
      total: 10,
      womenShareBp: 3000,
      gapBp: -2000,
      parityPercent: 60,
      status: { bodies: 2, nonCompliant: 1, atRisk: 1, compliant: 0 },
    });
    // 1 of 7 = 14.29%; gap 14.29 − 50 = −35.71 points; parity 1429/5000 = 0.29.
    expect(row('executive', 'PSP')).toMatchObject({
      women: 1,
      men: 5,
      unknown: 1,
      womenShareBp: 1429,
      gapBp: -3571,
      parityPercent: 29,
      status: { bodies: 1, nonCompliant: 1 },
    });
    expect(row('komite_perempuan', 'DPD')).toMatchObject({
      womenShareBp: 10000,
      gapBp: 5000,
      parityPercent: 200,
    });
    expect(row('laskar', 'DPC')).toMatchObject({
      total: 0,
      womenShareBp: null,
      gapBp: null,
      status: { notApplicable: 1 },
    });
  });

  it('reports top posts separately (Ketua Umum is Ketua, Ketua Bidang is not)', async () => {
    const view = await dashboardOf(clients.viewer!);
    const post = (name: string) => view.topPosts.find((p) => p.post === name);
    expect(post('ketua')).toMatchObject({ women: 1, men: 2, unknown: 0 });
    expect(post('wakil_ketua')).toMatchObject({ women: 1, men: 1, unknown: 0 });
    expect(post('sekretaris')).toMatchObject({ women: 2, men: 1, unknown: 0, womenShareBp: 6667 });
    expect(post('bendahara')).toMatchObject({ women: 0, men: 2, unknown: 1, womenShareBp: 0 });
    expect(post('strategic')).toMatchObject({ women: 2, men: 3, unknown: 0 });
    expect(post('administrative')).toMatchObject({ women: 2, men: 3, unknown: 1 });
  });

  it('counts delegates of the latest Kongres only, without returned ones', async () => {
    const view = await dashboardOf(clients.viewer!);
    expect(view.delegates).toMatchObject({
      assembly: { name: 'Kongres VI' },
      women: 1,
      men: 1,
      unknown: 0,
      womenShareBp: 5000,
      gapBp: 0,
      parityPercent: 100,
    });
  });

  it('gives the trend by year of term start, ended terms included', async () => {
    const view = await dashboardOf(clients.viewer!);
    const trend = (year: number, subject: string) =>
      view.trends.find((t) => t.year === year && t.subject === subject);
    expect(trend(2021, 'body:executive')).toMatchObject({ women: 1, men: 0, unknown: 0 });
    expect(trend(2024, 'body:executive')).toMatchObject({ women: 4, men: 12, unknown: 1 });
    expect(trend(2024, 'body:komite_perempuan')).toMatchObject({ women: 3, men: 0 });
    expect(trend(2024, 'post:ketua')).toMatchObject({ women: 1, men: 2 });
  });

  it('lists the units below for drill-down and the provinces', async () => {
    const view = await dashboardOf(clients.viewer!);
    expect(view.children.map((child) => child.unit.name)).toEqual(['DPD Banten', 'DPD Jawa Barat']);
    const banten = view.children[0]!;
    expect(banten).toMatchObject({
      hasChildren: true,
      members: { women: 1, men: 3, womenShareBp: 2500 },
      executive: { women: 1, men: 2, womenShareBp: 3333, gapBp: 833, status: { atRisk: 1 } },
    });
    expect(view.regions.map((region) => region.provinceCode)).toEqual(['32', '36']);
    expect(view.regions[0]).toMatchObject({
      provinceName: 'Jawa Barat',
      members: { women: 6, men: 3, unknown: 1 },
    });
  });

  it('lists bodies needing action with what it would take', async () => {
    const view = await dashboardOf(clients.viewer!);
    expect(view.attention.total).toBe(3);
    expect(
      view.attention.items.map((item) => [
        item.bodyId,
        item.status,
        item.requiredWomen,
        item.shortfall,
        item.filled,
      ]),
    ).toEqual([
      [seed.pspBoard, 'non_compliant', 3, 2, 7],
      [seed.dpdABoard, 'non_compliant', 3, 1, 7],
      [seed.dpdBBoard, 'at_risk', 1, 0, 3],
    ]);
    // The versioned rules seeded by the quota module (binding ones first, the 40% AD/ART target is info).
    expect(view.rule).toMatchObject({
      version: 'spn-executive-30 v1, spn-core-officers v1, spn-adart-40 v1',
      thresholdBp: 3000,
      rounding: 'ceil',
    });
  });
});

describe('scope: a DPD officer sees only its own DPD', () => {
  it('opens at its DPD, with the trail starting there', async () => {
    const view = await dashboardOf(clients.genderJabar!);
    expect(view.unit.id).toBe(tree.dpdA);
    expect(view.members).toMatchObject({ women: 6, men: 3, unknown: 1, womenShareBp: 6000 });
    expect(view.attention.items.map((item) => item.bodyId)).toEqual([seed.pspBoard, seed.dpdABoard]);
    expect(view.children.map((child) => child.unit.id)).toEqual([tree.dpcA1]);
    const psp = await dashboardOf(clients.genderJabar!, tree.pspA1x);
    expect(psp.trail.map((unit) => unit.id)).toEqual([tree.dpdA, tree.dpcA1, tree.pspA1x]);
  });

  it('gets 404 for the DPP, another DPD and a unit that does not exist, on every route', async () => {
    for (const unitId of [tree.root, tree.dpdB, tree.dpcB1, 999_999]) {
      for (const path of ['', '/proportionality', '/report?format=xlsx&']) {
        const url = `/api/v1/quota-dashboard${path}${path.endsWith('&') ? '' : '?'}unitId=${unitId}`;
        const response = await clients.genderJabar!.get(url);
        expect(response.statusCode, url).toBe(404);
        expect(response.json()).toMatchObject({ code: 'not_found' });
      }
    }
  });

  it('access matrix: roles that read aggregates get 200 in scope; case and training roles 403; nobody 401', async () => {
    const expectations: [string, number | undefined, number][] = [
      ['viewer', tree.dpdB, 200],
      ['admin', tree.pspA1x, 200],
      ['orgBanten', undefined, 200],
      ['orgBanten', tree.dpdB, 200],
      ['orgBanten', tree.dpdA, 404],
      ['genderJabar', tree.dpcA1, 200],
      ['handler', undefined, 403],
      ['trainer', tree.dpdA, 403],
    ];
    for (const [name, unitId, status] of expectations) {
      const response = await clients[name]!.get(
        `/api/v1/quota-dashboard${unitId ? `?unitId=${unitId}` : ''}`,
      );
      expect(response.statusCode, `${name} ${unitId}`).toBe(status);
    }
    const anonymous = await new TestClient(app).get('/api/v1/quota-dashboard');
    expect(anonymous.statusCode).toBe(401);
    const bad = await clients.viewer!.get('/api/v1/quota-dashboard?unitId=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
  });
});

describe('proportionality view', () => {
  it('flags bodies below k × the membership share, with both shares and the gap', async () => {
    const response = await clients.viewer!.get('/api/v1/quota-dashboard/proportionality');
    expect(response.statusCode).toBe(200);
    const view = response.json() as ProportionalityResponse;
    expect(view.kBp).toBe(8000);
    expect(view.total).toBe(2);
    const psp = view.items.find((item) => item.bodyId === seed.pspBoard);
    // PSP: 60% women members, board 1 of 7 = 14.29%; bar 0.8 × 60% = 48%.
    expect(psp).toMatchObject({
      bodyShareBp: 1429,
      membership: { womenShareBp: 6000 },
      gapBp: 1429 - 4800,
      plainGapBp: -4571,
    });
    expect(view.items.map((item) => item.bodyId)).toContain(seed.dpdABoard);
    // DPD Banten's board (33%) represents 25% women: fine here, though at risk under the flat quota.
    expect(view.items.map((item) => item.bodyId)).not.toContain(seed.dpdBBoard);
    const lenient = (
      await clients.viewer!.get('/api/v1/quota-dashboard/proportionality?kBp=2000')
    ).json() as ProportionalityResponse;
    expect(lenient.total).toBe(0);
    const invalid = await clients.viewer!.get('/api/v1/quota-dashboard/proportionality?kBp=0');
    expect(invalid.statusCode).toBe(400);
  });
});

describe('exports', () => {
  it('XLSX parses back with the rule and version, per-level rows and every body', async () => {
    const response = await clients.viewer!.get('/api/v1/quota-dashboard/report?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="kuota-dpp-\d+-2026-11-22\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const [summary, bodies] = workbook.worksheets;
    const rows = (sheet: ExcelJS.Worksheet) => {
      const values: string[][] = [];
      sheet.eachRow((row) =>
        values.push(
          (row.values as (string | number | null | undefined)[]).slice(1).map((value) => String(value ?? '')),
        ),
      );
      return values;
    };
    const summaryRows = rows(summary!);
    expect(summaryRows).toContainEqual([
      'Rule version',
      'spn-executive-30 v1, spn-core-officers v1, spn-adart-40 v1',
    ]);
    expect(summaryRows.find((row) => row[0] === 'Rule')?.[1]).toContain(
      '30% perempuan di setiap kepengurusan',
    );
    expect(summaryRows).toContainEqual([
      'DPD',
      'Executive board',
      '2',
      '0',
      '1',
      '1',
      '0',
      '0',
      '3',
      '0',
      '10',
      '30.0%',
      '-20.0',
    ]);
    const bodyRows = rows(bodies!);
    expect(bodyRows).toHaveLength(1 + 5);
    expect(bodyRows).toContainEqual([
      'DPD',
      'DPD Jawa Barat',
      'Pengurus DPD Jawa Barat',
      '7',
      '7',
      '2',
      '5',
      '0',
      '3',
      '1',
      'Non-compliant',
    ]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'quota.report.export')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('PDF is a valid PDF whose text carries the rule version', async () => {
    const response = await clients.genderJabar!.get('/api/v1/quota-dashboard/report?format=pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-1.')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toMatch(/\/Type \/Catalog/);
    // Uncompressed content streams: decode the hex strings of the text operators.
    const shown = [...pdf.matchAll(/\[([^\]]*)\] TJ/g)]
      .map((match) =>
        [...match[1]!.matchAll(/<([0-9a-f]+)>/g)]
          .map((hex) => Buffer.from(hex[1]!, 'hex').toString('latin1'))
          .join(''),
      )
      .join('');
    expect(shown).toContain('spn-executive-30 v1');
    expect(shown).toContain('DPD Jawa Barat');
    expect(shown).toContain('Pengurus PSP Garmen');
    expect(shown).not.toContain('DPD Banten');
  });
});

describe('freshness and the refresh job', () => {
  it('stamps the refresh time, notices a change, debounces it, then takes it in', async () => {
    const before = await dashboardOf(clients.viewer!);
    expect(before.freshness).toMatchObject({ asOf: '2026-11-22', changesPending: false });
    // Stamped on the app clock (08:00) plus the refresh's measured duration.
    const stamped = Date.parse(before.freshness!.refreshedAt) - Date.parse('2026-11-22T08:00:00Z');
    expect(stamped).toBeGreaterThanOrEqual(0);
    expect(stamped).toBe(before.freshness!.durationMs);
    // A woman joins the PSP board's Anggota seats? They are full; she replaces a man instead.
    await ctx.db
      .updateTable('appointments')
      .set({ term_end: '2026-11-21' })
      .where('position_id', '=', seed.pspAnggota)
      .where('member_id', '=', seed.spareMan)
      .execute();
    await ctx.db
      .insertInto('appointments')
      .values({
        position_id: seed.pspAnggota,
        member_id: seed.spareWoman,
        term_start: '2026-11-22',
        term_end: null,
        basis: 'acting',
        decree_number: null,
      })
      .execute();
    const pending = await dashboardOf(clients.viewer!);
    expect(pending.freshness?.changesPending).toBe(true);
    expect(pending.attention.items[0]).toMatchObject({ bodyId: seed.pspBoard, shortfall: 2 });

    ctx.clock.advance(5 * 60_000);
    // The app's own policy waits 30 s after the last change: too soon.
    expect(await ctx.services.quotaDashboardService.refreshIfDue()).toMatchObject({
      refreshed: false,
      reason: 'debouncing',
    });
    const eager = createQuotaDashboardService({
      db: ctx.db,
      summary: createQuotaSummaryRepository(),
      dashboard: createQuotaDashboardRepository(),
      rules: tableRuleSource(ctx.services.quotaEvaluator),
      clock: ctx.clock,
      policy: { quietSeconds: 0, maxWaitSeconds: 300, periodMinutes: 60 },
      proportionalityKBp: 8000,
    });
    expect(await eager.refreshIfDue()).toMatchObject({ refreshed: true, reason: 'changes' });
    const after = await dashboardOf(clients.viewer!);
    expect(after.freshness?.changesPending).toBe(false);
    expect(after.freshness!.refreshedAt >= '2026-11-22T08:05:00.000Z').toBe(true);
    const psp = after.attention.items.find((item) => item.bodyId === seed.pspBoard);
    expect(psp).toMatchObject({ women: 2, men: 4, unknown: 1, acting: 1, shortfall: 1 });
    expect(await eager.refreshIfDue()).toMatchObject({ refreshed: false, reason: 'fresh' });
    ctx.clock.advance(61 * 60_000);
    expect(await eager.refreshIfDue()).toMatchObject({ refreshed: true, reason: 'periodic' });
  });
});
