import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantReportResponse } from '../../../shared/contracts/training-reports.ts';
import { generateCheckedCode } from '../../platform/check-codes.ts';
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

/**
 * The participant report over HTTP on PostgreSQL (issue 12, "Reports and exports"). Rules:
 * - it counts the nominations sent by the caller's unit and its subtree, rolled up to the child units
 *   (its own nominations under the unit itself), by year, track and sex: nominated ⊇ participants (seat
 *   holders) ⊇ completed;
 * - a DPD officer sees her DPD's nominations, also in a national class, and nothing of another DPD;
 * - the XLSX and PDF hold the same figures and each export is in the audit log.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};

async function account(name: string, role: string, unitId: number) {
  const email = `${name}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('national', 'gender_officer', tree.root);
  await account('jabar', 'org_admin', tree.dpdA);
  await account('banten', 'org_admin', tree.dpdB);
  await account('trainer', 'trainer', tree.dpdA);

  const program = await ctx.db
    .insertInto('training_programs')
    .values({ unit_id: tree.root, name: 'Capacity Building', starts_on: '2025-12-16', ends_on: '2025-12-18' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const classOf = async (track: string, startsOn: string) =>
    (
      await ctx.db
        .insertInto('training_classes')
        .values({
          program_id: program.id,
          track,
          level: 'dasar',
          title: `Kelas ${track}`,
          seats: 40,
          women_only: false,
          starts_on: startsOn,
          ends_on: startsOn,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const media = await classOf('media', '2025-12-16');
  const tkbh = await classOf('tkbh', '2026-03-02');
  let number = 0;
  const nominate = async (
    classId: number,
    unitId: number,
    sex: 'L' | 'P' | null,
    status: string,
  ): Promise<void> => {
    number += 1;
    const memberId = await createMember(ctx, {
      number: `M-${number}`,
      name: `Anggota ${number}`,
      unitId,
      sex,
    });
    await ctx.db
      .insertInto('training_participants')
      .values({
        class_id: classId,
        member_id: memberId,
        nominating_unit_id: unitId,
        status,
        enrolment_code: generateCheckedCode(8),
      })
      .execute();
  };
  // DPD Jawa Barat (from its DPC and PSP): media 2025 — 2 women completed, 1 woman returned, 1 man
  // accepted; tkbh 2026 — 1 man completed. DPD Banten: media 2025 — 1 woman no-show.
  await nominate(media, tree.pspA1x, 'P', 'completed');
  await nominate(media, tree.dpcA1, 'P', 'completed');
  await nominate(media, tree.pspA1x, 'P', 'returned');
  await nominate(media, tree.dpdA, 'L', 'accepted');
  await nominate(tkbh, tree.pspA1x, 'L', 'completed');
  await nominate(media, tree.dpcB1, 'P', 'no_show');
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const report = async (client: TestClient, query = '') => {
  const response = await client.get(`/api/v1/training/reports/participants${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ParticipantReportResponse;
};

describe('participant report', () => {
  it('the national view rolls each nomination up to the DPD that sent it, by year, track and sex', async () => {
    const body = await report(who.national!);
    expect(body.unit.id).toBe(tree.root);
    expect(body.years).toEqual([2026, 2025]);
    const row = (year: number, track: string, unitId: number) =>
      body.rows.find((item) => item.year === year && item.track === track && item.unitId === unitId);
    expect(row(2025, 'media', tree.dpdA)).toMatchObject({
      nominated: { women: 3, men: 1, unknown: 0, total: 4 },
      participants: { women: 2, men: 1, total: 3 },
      completed: { women: 2, men: 0, total: 2 },
    });
    expect(row(2026, 'tkbh', tree.dpdA)).toMatchObject({ completed: { men: 1, total: 1 } });
    expect(row(2025, 'media', tree.dpdB)).toMatchObject({
      nominated: { women: 1 },
      participants: { women: 1 },
      completed: { total: 0 },
    });
    expect(body.rows).toHaveLength(3);
    expect(body.totals.nominated.total).toBe(6);
  });

  it('filters by year and track; a DPD sees its own child units and nothing of another DPD', async () => {
    const filtered = await report(who.national!, '?year=2025&track=media');
    expect(filtered.rows.map((row) => row.unitId).sort()).toEqual([tree.dpdA, tree.dpdB].sort());
    const jabar = await report(who.jabar!);
    expect(jabar.unit.id).toBe(tree.dpdA);
    // Its own nomination counts under the DPD itself, the rest under the DPC that contains them.
    expect(new Set(jabar.rows.map((row) => row.unitId))).toEqual(new Set([tree.dpdA, tree.dpcA1]));
    expect(jabar.totals.nominated.total).toBe(5);
    expect(
      (await who.banten!.get(`/api/v1/training/reports/participants?unitId=${tree.dpdA}`)).statusCode,
    ).toBe(404);
    expect((await who.trainer!.get('/api/v1/training/reports/participants')).statusCode).toBe(403);
    expect((await who.national!.get('/api/v1/training/reports/participants?year=20x5')).statusCode).toBe(400);
  });

  it('the XLSX holds the same figures and the export is audited', async () => {
    const response = await who.national!.get(
      `/api/v1/training/reports/participants/export?format=xlsx&unitId=${tree.dpdA}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`attachment; filename="peserta-pelatihan-${tree.dpdA}-\\d{4}-\\d{2}-\\d{2}\\.xlsx"`),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const dpc = values.find((row) => row[2] === 'DPC Kabupaten Bogor' && row[0] === 2025)!;
    // Nominated W/M/?/total, participants W/M/?/total, completed W/M/?/total, women's share.
    expect(dpc.slice(3)).toEqual([3, 0, 0, 3, 2, 0, 0, 2, 2, 0, 0, 2, 1]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['object_id', 'details'])
      .where('action', '=', 'training.report.export')
      .execute();
    expect(audit).toEqual([
      { object_id: String(tree.dpdA), details: { format: 'xlsx', year: null, track: null } },
    ]);
  });

  it('the PDF is a PDF, in the language of the request', async () => {
    const response = await who.jabar!.get('/api/v1/training/reports/participants/export?format=pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await who.banten!.get(`/api/v1/training/reports/participants/export?format=pdf&unitId=${tree.dpdA}`))
        .statusCode,
    ).toBe(404);
  });
});
