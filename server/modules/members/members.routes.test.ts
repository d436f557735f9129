import ExcelJS from 'exceljs';
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
let jabar: TestClient;
let officer: TestClient;
let english: TestClient;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await createMember(ctx, { number: '3201000000000001', name: 'Siti Rahayu', unitId: tree.pspA1x, sex: 'P' });
  await createMember(ctx, {
    number: '3201000000000002',
    name: 'Budi Santoso',
    unitId: tree.pspA1x,
    sex: 'L',
  });
  await createMember(ctx, { number: '3673000000000001', name: 'Orang Banten', unitId: tree.dpcB1, sex: 'P' });
  await createUser(ctx, {
    email: 'org.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'org_admin', unitId: tree.dpdA }],
  });
  await createUser(ctx, {
    email: 'gender.jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'gender_officer', unitId: tree.dpdA }],
  });
  // Cells a spreadsheet would run as formulas (issue 17), and a phone number that starts with "+".
  await createMember(ctx, {
    number: '3201000000000003',
    name: '=HYPERLINK("http://evil.test","klik")',
    unitId: tree.pspA1x,
    sex: null,
    status: 'non_aktif',
  });
  await createMember(ctx, { number: '3201000000000004', name: '@SUM(1+1)', unitId: tree.pspA1x });
  await test.db
    .updateTable('members')
    .set({ phone: '+62812345', email: '-1+1@evil.test' })
    .where('member_number', '=', '3201000000000004')
    .execute();
  await createUser(ctx, {
    email: 'org.english@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'org_admin', unitId: tree.dpdA }],
    language: 'en',
  });
  english = new TestClient(app, 'en');
  await english.login('org.english@spn.test');
  jabar = new TestClient(app);
  await jabar.login('org.jabar@spn.test');
  officer = new TestClient(app);
  await officer.login('gender.jabar@spn.test');
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('member export over HTTP', () => {
  it("exports CSV scoped to the subtree, headed in the reader's language, 16-digit numbers intact", async () => {
    const response = await jabar.get('/api/v1/members/export?format=csv&sort=number');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'Nomor anggota,Nama lengkap,Jenis kelamin,Status,Kode unit,Nama unit,Tanggal bergabung,Telepon,Email',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
      '3201000000000001',
      '3201000000000002',
      '3201000000000003',
      '3201000000000004',
    ]);
    expect(lines[1]).toBe(
      '3201000000000001,Siti Rahayu,Perempuan,Aktif,PSP-3201-001,PSP PT Garmen Sejahtera,2020-01-01,0812000000,',
    );
    expect(response.body).not.toContain('Banten');
  });

  it('neutralises every cell that a spreadsheet would run as a formula, in CSV and XLSX', async () => {
    const csv = (await jabar.get('/api/v1/members/export?format=csv&sort=number')).body;
    const lines = csv.trim().split('\n');
    // csv-stringify quotes the cell (it holds quotes); the apostrophe comes first inside it.
    expect(lines[3]).toBe(
      `3201000000000003,"'=HYPERLINK(""http://evil.test"",""klik"")",,Non-aktif,PSP-3201-001,PSP PT Garmen Sejahtera,2020-01-01,0812000000,`,
    );
    expect(lines[4]).toContain(",'@SUM(1+1),Perempuan,");
    expect(lines[4]).toMatch(/,'\+62812345,'-1\+1@evil\.test$/);
    for (const line of lines.slice(1))
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);

    const response = await jabar.request('GET', '/api/v1/members/export?format=xlsx&sort=number');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain(`'=HYPERLINK("http://evil.test","klik")`);
    expect(cells).toContain("'+62812345");
    // No formula cell anywhere, and no text that starts like one.
    expect(cells.filter((value) => typeof value === 'object' && value !== null)).toEqual([]);
    expect(cells.filter((value) => typeof value === 'string' && /^[=+\-@]/.test(value))).toEqual([]);
  });

  it('heads the export and names statuses in English for an English reader', async () => {
    const response = await english.request('GET', '/api/v1/members/export?format=xlsx&sort=number');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Members');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Member number',
      'Full name',
      'Sex',
      'Status',
      'Unit code',
      'Unit name',
      'Joined on',
      'Phone',
      'Email',
    ]);
    expect(sheet.getRow(2).getCell(3).value).toBe('Female');
    expect(sheet.getRow(2).getCell(4).value).toBe('Active');
    expect(sheet.getRow(4).getCell(4).value).toBe('Inactive');
  });

  it('leaves contact columns empty for a role that may not see contact data', async () => {
    const response = await officer.get('/api/v1/members/export?format=csv');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Siti Rahayu');
    expect(response.body).not.toContain('0812000000');
  });

  it('exports XLSX that opens as a workbook', async () => {
    const response = await jabar.request('GET', '/api/v1/members/export?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Anggota');
    expect(sheet.rowCount).toBe(5);
    expect(sheet.getRow(1).getCell(1).value).toBe('Nomor anggota');
    expect([sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value].sort()).toEqual([
      '3201000000000001',
      '3201000000000002',
    ]);
  });

  it('refuses a unit filter outside the subtree as not found', async () => {
    const response = await jabar.get(`/api/v1/members/export?format=csv&unitId=${tree.dpdB}`);
    expect(response.statusCode).toBe(404);
  });
});
