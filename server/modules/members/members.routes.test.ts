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
  it('exports CSV scoped to the subtree, with the import column names and 16-digit numbers intact', async () => {
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
    expect(lines[0]).toBe('member_number,full_name,sex,status,unit_code,unit_name,joined_on,phone,email');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([
      '3201000000000001',
      '3201000000000002',
    ]);
    expect(lines[1]).toContain('PSP-3201-001');
    expect(lines[1]).toContain('0812000000');
    expect(response.body).not.toContain('Banten');
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
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe('member_number');
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
