import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatsResponse } from '../../../shared/contracts/case-stats.ts';
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
import { insertCodedCases, type CodedCase } from './case-stats.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const clients: Record<string, TestClient> = {};
const period = 'from=2026-01&to=2026-12';

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '10000' } });
  ctx.clock.set(new Date('2026-11-20T05:00:00Z'));
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  const cases: CodedCase[] = [];
  // 30 at Jawa Barat (27 at work, 3 at home), 12 at Banten, 1 at DPP.
  for (let i = 0; i < 30; i++)
    cases.push({
      unitId: tree.dpcA1,
      receivedAt: '2026-10-05T03:00:00Z',
      place: i < 27 ? 'area_kerja' : 'rumah',
    });
  for (let i = 0; i < 12; i++) cases.push({ unitId: tree.dpcB1, receivedAt: '2026-10-06T03:00:00Z' });
  cases.push({ unitId: tree.root, receivedAt: '2026-10-07T03:00:00Z' });
  await insertCodedCases(ctx.db, cases);

  const people = [
    ['officerA', 'gender_officer', tree.dpdA, false],
    ['officerRoot', 'gender_officer', tree.root, false],
    ['coordinatorB', 'case_coordinator', tree.dpdB, true],
    ['handlerA', 'case_handler', tree.dpdA, true],
    ['viewer', 'viewer', tree.root, false],
  ] as const;
  for (const [key, role, unitId, needsTotp] of people) {
    const email = `${key.toLowerCase()}@spn.test`;
    await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role, unitId }] });
    if (needsTotp) clients[key] = await signInCaseWorker(app, ctx, email);
    else {
      const client = new TestClient(app);
      expect((await client.login(email)).statusCode).toBe(200);
      clients[key] = client;
    }
  }
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const page = async (who: string, query = period) => {
  const response = await clients[who]!.get(`/api/v1/case-statistics?${query}`);
  return { status: response.statusCode, body: response.json() as CaseStatsResponse & { code?: string } };
};

describe('case statistics over HTTP: who sees what', () => {
  it('a gender officer of DPD A sees only A', async () => {
    const { status, body } = await page('officerA');
    expect(status).toBe(200);
    expect(body.unit.id).toBe(tree.dpdA);
    expect(body.total).toEqual({ value: 30, status: 'shown' });
    expect(body.scopeUnits.map((unit) => unit.id)).toEqual([tree.dpdA]);
    expect((await page('officerA', `${period}&unitId=${tree.dpdB}`)).status).toBe(404);
    expect((await page('officerA', `${period}&unitId=${tree.root}`)).status).toBe(404);
    expect((await page('officerA', `${period}&unitId=${tree.dpcA1}`)).body.total.value).toBe(30);
  });

  it('a coordinator of another DPD gets only its own', async () => {
    const { status, body } = await page('coordinatorB');
    expect(status).toBe(200);
    expect(body.unit.id).toBe(tree.dpdB);
    expect(body.total).toEqual({ value: 12, status: 'shown' });
    expect((await page('coordinatorB', `${period}&unitId=${tree.dpdA}`)).status).toBe(404);
  });

  it('a case handler without the coordinator role, and a viewer, get 403', async () => {
    for (const who of ['handlerA', 'viewer']) {
      for (const path of ['', '/export.xlsx', '/export.csv', '/simfoni.csv']) {
        const response = await clients[who]!.get(`/api/v1/case-statistics${path}?${period}`);
        expect(response.statusCode, `${who} ${path}`).toBe(403);
        expect(response.json()).toMatchObject({ code: 'forbidden' });
      }
    }
  });

  it('the session offers the statistics screen only to those who may read it', async () => {
    const capability = async (who: string) =>
      ((await clients[who]!.get('/api/v1/session')).json() as { capabilities: Record<string, boolean> })
        .capabilities.readCaseStatistics;
    expect(await capability('officerA')).toBe(true);
    expect(await capability('coordinatorB')).toBe(true);
    expect(await capability('handlerA')).toBe(false);
    expect(await capability('viewer')).toBe(false);
  });

  it('bad periods are a 400 problem, never a 500', async () => {
    for (const query of [
      'from=2026-13',
      'from=2026-05&to=2026-01',
      'from=2020-01&to=2026-01',
      'unitId=abc',
    ]) {
      const response = await clients.officerA!.get(`/api/v1/case-statistics?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
  });
});

describe('exports keep the same suppression', () => {
  it('XLSX parses back with the page figures and "< 5" where the page hides a cell', async () => {
    const response = await clients.officerRoot!.get(`/api/v1/case-statistics/export.xlsx?${period}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('case-statistics-2026-01_2026-12.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    // Sheets, headers and labels in the reader's language (Indonesian here), unit names not ids.
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Ringkasan',
      'Per bulan',
      'Per unit',
      'Per tempat',
      'Per hubungan',
      'Per hasil',
      'Per jenis kelamin',
      'Per kelompok umur',
      'Per bentuk',
      'Tenggat SOP',
      'Rujukan',
      'Persetujuan',
      'Waktu kontak pertama',
      'Waktu penutupan',
      'SIMFONI-PPA',
    ]);
    const byUnit = workbook.getWorksheet('Per unit')!;
    expect(byUnit.getRow(1).values).toEqual([undefined, 'Unit', 'Kasus', 'Kode']);
    const rows = new Map<string, unknown>();
    byUnit.eachRow((row) => rows.set(row.getCell(1).text, row.getCell(2).value));
    expect(rows.get('DPD Jawa Barat')).toBe(30);
    expect(rows.get('DPP SPN sendiri')).toBe('< 5');
    // 43 − 30 − 12 would give the DPP's one case away, so Banten is hidden too.
    expect(rows.get('DPD Banten')).toBe('×');
    expect([...rows.keys()].some((key) => /^\d+$/.test(key))).toBe(false);
    // The code stays in the last column, for machines.
    byUnit.eachRow((row, index) => {
      if (row.getCell(1).text === 'DPD Jawa Barat') expect(row.getCell(3).value).toBe(String(tree.dpdA));
      if (index > 1 && typeof row.getCell(2).value === 'number') expect(row.getCell(2).numFmt).toBe('#,##0');
    });
    const places = workbook.getWorksheet('Per tempat')!;
    expect(places.getRow(1).values).toEqual([undefined, 'Kategori', 'Kasus', 'Kode']);
    const placeRows = new Map<string, [unknown, unknown]>();
    places.eachRow((row, index) => {
      if (index > 1) placeRows.set(row.getCell(1).text, [row.getCell(2).value, row.getCell(3).value]);
    });
    expect(placeRows.get('Area kerja')).toEqual([40, 'area_kerja']);
    expect(placeRows.get('Rumah')).toEqual(['< 5', 'rumah']);
    for (const [value] of placeRows.values())
      if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(5);
    expect(workbook.getWorksheet('Per bulan')!.getRow(2).getCell(1).text).toBe('Januari 2026');
    // No sheet name or header in English, no raw list name.
    for (const sheet of workbook.worksheets)
      sheet
        .getRow(1)
        .eachCell((cell) => expect(cell.text).not.toMatch(/byMonth|byUnit|^key$|^value$|^total$/));
    expect(workbook.getWorksheet('SIMFONI-PPA')).toBeDefined();
    const audited = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id', 'details'])
      .where('action', '=', 'case_statistics.export')
      .execute();
    expect(audited).toContainEqual(
      expect.objectContaining({
        unit_id: tree.root,
        details: { format: 'xlsx', from: '2026-01', to: '2026-12' },
      }),
    );
  });

  it('XLSX is in English for an English reader', async () => {
    await ctx.db
      .updateTable('users')
      .set({ language: 'en' })
      .where('email', '=', 'officerroot@spn.test')
      .execute();
    try {
      const response = await clients.officerRoot!.get(`/api/v1/case-statistics/export.xlsx?${period}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const places = workbook.getWorksheet('By place')!;
      expect(places.getRow(1).values).toEqual([undefined, 'Category', 'Cases', 'Code']);
      const labels: string[] = [];
      places.eachRow((row, index) => index > 1 && labels.push(row.getCell(1).text));
      expect(labels).toContain('Workplace');
      expect(workbook.getWorksheet('By unit')!.getRow(1).getCell(1).text).toBe('Unit');
    } finally {
      await ctx.db
        .updateTable('users')
        .set({ language: 'id' })
        .where('email', '=', 'officerroot@spn.test')
        .execute();
    }
  });

  it('CSV parses back: one figure a line, small cells as "< 5", no number below 5', async () => {
    const response = await clients.officerA!.get(`/api/v1/case-statistics/export.csv?${period}`);
    expect(response.statusCode).toBe(200);
    const records = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(records.length).toBeGreaterThan(50);
    const place = (key: string) =>
      records.find(
        (record) => record.tabel === 'byPlace' && record.kunci === key && record.kolom === 'nilai',
      );
    expect(place('rumah')!.nilai).toBe('< 5');
    // 30 − 27 = 3 is shared between "rumah" and nine places shown "< 5" (zero is fewer than 5 too), so
    // it pins no single cell and 27 may stay.
    expect(place('area_kerja')!.nilai).toBe('27');
    expect(place('daring')!.nilai).toBe('< 5');
    for (const record of records) {
      if (['rasio', 'p25', 'median', 'p75', 'p90'].includes(record.kolom!)) continue;
      const value = Number(record.nilai);
      if (!Number.isNaN(value)) expect(value, JSON.stringify(record)).toBeGreaterThanOrEqual(5);
    }
  });

  it('SIMFONI-PPA CSV maps our codes and keeps small cells hidden', async () => {
    const response = await clients.officerA!.get(`/api/v1/case-statistics/simfoni.csv?${period}`);
    expect(response.statusCode).toBe(200);
    const records = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([
      'periode_awal',
      'periode_akhir',
      'unit',
      'dimensi',
      'kategori_simfoni',
      'jumlah',
    ]);
    const find = (dimension: string, category: string) =>
      records.find((record) => record.dimensi === dimension && record.kategori_simfoni === category)?.jumlah;
    expect(find('bentuk_kekerasan', 'Seksual')).toBe('30');
    expect(find('layanan', 'Pengaduan')).toBe('30');
    expect(find('tempat_kejadian', 'Rumah Tangga')).toBe('< 5');
    expect(find('tempat_kejadian', 'Tempat Kerja')).toBe('×');
    // Majikan = atasan (30) + manajemen ("< 5"): a sum over a hidden cell is hidden too.
    expect(find('hubungan_pelaku', 'Majikan')).toBe('×');
    expect(find('hubungan_pelaku', 'Rekan Kerja')).toBe('< 5');
    // Every case is 25–44: shown exactly, the bands shown "< 5" would be known to be 0, so 25–44 hides.
    expect(find('kelompok_umur', '25-44')).toBe('×');
    expect(
      records.every((record) => record.periode_awal === '2026-01' && record.unit === 'DPD Jawa Barat'),
    ).toBe(true);
  });
});
