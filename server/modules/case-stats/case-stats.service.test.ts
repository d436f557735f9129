import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, createUser, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { CASE_STATISTICS_ROLE } from '../../platform/migrations/2026-12-01T1300-case-stats.ts';
import { actorOf, reportAt } from '../cases/cases.test-support.ts';
import { asStatisticsRole, createCaseStatsRepository } from './case-stats.repository.ts';
import { insertCodedCases, type CodedCase } from './case-stats.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
const users: Record<string, string> = {};

const hours = (iso: string, h: number) => new Date(new Date(iso).getTime() + h * 3_600_000).toISOString();

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-11-20T05:00:00Z'));
  tree = await seedTree(ctx);
  const cases: CodedCase[] = [];
  // DPD Jawa Barat: 24 cases at DPC Bogor (its PSP), 3 at the DPD itself. First contact after 2 h (met)
  // for 20 of them, after 60 h (missed) for 4.
  for (let i = 0; i < 24; i++) {
    const receivedAt = `2026-${i < 12 ? '09' : '10'}-0${1 + (i % 9)}T03:00:00Z`;
    cases.push({
      unitId: i % 2 === 0 ? tree.dpcA1 : tree.pspA1x,
      receivedAt,
      forms: i % 3 === 0 ? ['KS01', 'KP01'] : ['KS02'],
      place: i < 20 ? 'area_kerja' : 'rumah',
      relationship: i < 18 ? 'atasan' : 'rekan_kerja',
      firstContactAt: hours(receivedAt, i < 20 ? 2 : 60),
      closedAt: i < 10 ? hours(receivedAt, 24 * (10 + i)) : null,
      firstConsentAt: i < 12 ? hours(receivedAt, 3) : i < 16 ? hours(receivedAt, 240) : null,
      outcomeAt: i < 10 ? hours(receivedAt, 24 * 20) : i < 15 ? hours(receivedAt, 24 * 100) : null,
      outcome: i < 10 ? 'sanksi_perusahaan' : null,
      referrals: i < 8 ? [{ service: 'konseling_psikologis', status: i < 6 ? 'selesai' : 'dikirim' }] : [],
      consents:
        i < 12
          ? [
              { route: 'konseling_psikologis', status: 'given', at: hours(receivedAt, 3) },
              ...(i === 0
                ? [{ route: 'konseling_psikologis', status: 'withdrawn', at: hours(receivedAt, 9) }]
                : []),
            ]
          : [],
    });
  }
  for (let i = 0; i < 3; i++) cases.push({ unitId: tree.dpdA, receivedAt: '2026-10-15T03:00:00Z' });
  // DPD Banten: 9 cases; DPP itself (place unknown): 2. One case before the period.
  for (let i = 0; i < 9; i++)
    cases.push({ unitId: tree.dpcB1, receivedAt: '2026-10-20T03:00:00Z', relationship: 'pasangan' });
  for (let i = 0; i < 2; i++) cases.push({ unitId: tree.root, receivedAt: '2026-11-02T03:00:00Z' });
  cases.push({ unitId: tree.dpdA, receivedAt: '2024-01-02T03:00:00Z' });
  await insertCodedCases(ctx.db, cases);
  // One case through the real reporting path, so real sealed content sits beside the coded rows.
  await ctx.services.casesService.submitReport(reportAt(tree.pspA1x), []);

  for (const [key, role, unitId] of [
    ['officerRoot', 'gender_officer', tree.root],
    ['officerA', 'gender_officer', tree.dpdA],
    ['coordinatorB', 'case_coordinator', tree.dpdB],
    ['handlerA', 'case_handler', tree.dpdA],
  ] as const)
    users[key] = await createUser(ctx, {
      email: `${key.toLowerCase()}@spn.test`,
      homeUnitId: unitId,
      grants: [{ role, unitId }],
    });
});
afterAll(async () => {
  await test.drop();
});

const report = async (who: string, query: Record<string, unknown> = {}) =>
  ctx.services.caseStatsService.report(await actorOf(ctx, users[who]!), query);

describe('case statistics service', () => {
  it('counts DPP-wide by unit with the small cell hidden and a complement beside it', async () => {
    const { page } = await report('officerRoot', { from: '2026-01', to: '2026-12' });
    // 24 + 3 + 1 (the real report, place PSP) at Jawa Barat, 9 at Banten, 2 at DPP itself.
    expect(page.total).toEqual({ value: 39, status: 'shown' });
    const byUnit = Object.fromEntries(page.byUnit.rows.map((row) => [row.key, row.cell]));
    expect(byUnit[String(tree.dpdA)]).toEqual({ value: 28, status: 'shown' });
    expect(byUnit.self).toEqual({ value: null, status: 'small' });
    // 39 − 28 would give Banten + DPP: Banten (9) is hidden as the complement.
    expect(byUnit[String(tree.dpdB)]).toEqual({ value: null, status: 'complement' });
  });

  it('a DPD officer sees only its DPD, broken down by its DPCs', async () => {
    const { page } = await report('officerA', { from: '2026-01', to: '2026-12' });
    expect(page.unit.id).toBe(tree.dpdA);
    expect(page.total).toEqual({ value: 28, status: 'shown' });
    expect(page.byUnit.rows.map((row) => row.key)).toEqual([String(tree.dpcA1), 'self']);
    expect(page.byRelationship.rows.find((row) => row.key === 'pasangan')!.cell.status).toBe('small');
    expect(page.byPlace.rows.find((row) => row.key === 'area_kerja')!.cell).toEqual({
      value: 24,
      status: 'shown',
    });
  });

  it('filters by period (whole months) and lists every month of it', async () => {
    const { page } = await report('officerA', { from: '2026-09', to: '2026-09' });
    expect(page.byMonth.rows.map((row) => row.key)).toEqual(['2026-09']);
    expect(page.total).toEqual({ value: 12, status: 'shown' });
    const older = await report('officerA', { from: '2024-01', to: '2024-03' });
    expect(older.page.total.status).toBe('small');
  });

  it('computes durations only over groups of at least 5, and deadlines, referrals and consents', async () => {
    const { page } = await report('officerA', { from: '2026-01', to: '2026-12' });
    const contactAll = page.timeToFirstContact.find((row) => row.key === 'all')!;
    expect(contactAll.count).toEqual({ value: 24, status: 'shown' });
    expect(contactAll.median).toBe(2);
    expect(contactAll.p90).toBeGreaterThan(2);
    const closeAll = page.timeToClose.find((row) => row.key === 'all')!;
    expect(closeAll.count.value).toBe(10);
    expect(closeAll.median).toBe(14.5);
    // The DPD itself has 3 cases with no contact recorded: no figures at all.
    expect(page.timeToFirstContact.find((row) => row.key === 'self')).toMatchObject({
      count: { status: 'small' },
      median: null,
    });
    const firstContact = page.deadlines.rows.find((row) => row.key === 'first_contact')!;
    // 20 met; missed: 4 late + 3 never contacted and overdue; the report received today is not due yet.
    expect(firstContact.cells).toEqual([
      { value: 20, status: 'shown' },
      { value: 7, status: 'shown' },
    ]);
    expect(firstContact.rate).toBeCloseTo(20 / 27, 3);
    // Consent: 12 in time; 4 late + 11 never recorded and overdue. Outcome: 10 in time, 5 late.
    expect(page.deadlines.rows.find((row) => row.key === 'consent')!.cells.map((cell) => cell.value)).toEqual(
      [12, 15],
    );
    expect(page.deadlines.rows.find((row) => row.key === 'outcome')!.cells.map((cell) => cell.value)).toEqual(
      [10, 5],
    );
    const counselling = page.referrals.rows.find((row) => row.key === 'konseling_psikologis')!;
    // 6 completed, 2 in progress: with the row total shown, 8 − 6 would give the 2 away.
    expect(counselling.cells[1]!.status).toBe('small');
    expect([counselling.cells[0]!.status, counselling.total.status]).toContain('complement');
    expect(counselling.rate).toBeNull();
    const consent = page.consents.rows.find((row) => row.key === 'konseling_psikologis')!;
    // The latest decision per case counts: 11 given, 1 withdrawn.
    expect(consent.cells[2]!.status).toBe('small');
    expect([consent.cells[0]!.status, consent.total.status]).toContain('complement');
    expect(consent.rate).toBeNull();
  });

  it('refuses a subtree outside the grant (looks missing) and a caller without the role', async () => {
    await expect(report('officerA', { unitId: tree.dpdB })).rejects.toMatchObject({ code: 'not_found' });
    await expect(report('officerA', { unitId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(report('handlerA')).rejects.toMatchObject({ code: 'forbidden' });
    const own = await report('coordinatorB', { from: '2026-01', to: '2026-12' });
    expect(own.page.unit.id).toBe(tree.dpdB);
    expect(own.page.total).toEqual({ value: 9, status: 'shown' });
  });

  it('builds SIMFONI rows from the protected tables', async () => {
    const { simfoni } = await report('officerA', { from: '2026-01', to: '2026-12' });
    const cell = (dimension: string, category: string) =>
      simfoni.find((row) => row.dimension === dimension && row.category === category)!.cell;
    expect(cell('bentuk_kekerasan', 'Seksual')).toEqual({ value: 28, status: 'shown' });
    expect(cell('bentuk_kekerasan', 'Psikis')).toEqual({ value: 8, status: 'shown' });
    // Majikan = atasan (22, shown) + manajemen (0, "< 5"): a sum over a hidden cell stays hidden.
    expect(cell('hubungan_pelaku', 'Majikan')).toEqual({ value: null, status: 'complement' });
    expect(cell('hubungan_pelaku', 'Keluarga/Saudara')).toEqual({ value: null, status: 'small' });
    expect(cell('layanan', 'Pengaduan')).toEqual({ value: 28, status: 'shown' });
    expect(cell('layanan', 'Rehabilitasi Sosial')).toEqual({ value: 8, status: 'shown' });
    expect(cell('kelompok_umur', '0-5').status).toBe('small');
  });
});

describe('statistics read coded columns only (enforced by the database)', () => {
  const isDenied = (error: unknown) => (error as { code?: string }).code === '42501';

  it('under the statistics role, reading any sealed column or receipt hash fails', async () => {
    for (const [table, column] of [
      ['cases', 'content_sealed'],
      ['cases', 'rights_notes_sealed'],
      ['cases', 'ethics_note_sealed'],
      ['cases', 'receipt_hash'],
      ['case_referrals', 'recipient_sealed'],
      ['case_referrals', 'outcome_sealed'],
      ['case_consents', 'note_sealed'],
      ['case_events', 'text_sealed'],
      ['case_messages', 'body_sealed'],
      ['case_files', 'content_sealed'],
    ] as const) {
      const attempt = asStatisticsRole(ctx.db, (trx) =>
        sql`SELECT ${sql.ref(column)} FROM ${sql.table(table)} LIMIT 1`.execute(trx),
      );
      await expect(attempt, `${table}.${column}`).rejects.toSatisfy(isDenied);
    }
    // The same read without the role works: the refusal comes from the role, not from a broken query.
    const plain = await sql<{ content_sealed: string }>`SELECT content_sealed FROM cases LIMIT 1`.execute(
      ctx.db,
    );
    expect(plain.rows).toHaveLength(1);
  });

  it('the role is granted no column of cases that is sealed or identifying', async () => {
    const granted = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.column_privileges
      WHERE grantee = ${CASE_STATISTICS_ROLE} AND privilege_type = 'SELECT'`.execute(ctx.db);
    const columns = granted.rows.map((row) => `${row.table_name}.${row.column_name}`);
    expect(columns).toContain('cases.forms');
    expect(columns.filter((column) => /sealed|receipt|named|reference|data_key/.test(column))).toEqual([]);
    const tables = await sql<{ table_name: string }>`
      SELECT DISTINCT table_name FROM information_schema.table_privileges
      WHERE grantee = ${CASE_STATISTICS_ROLE}`.execute(ctx.db);
    expect(tables.rows).toEqual([]);
  });

  it('the whole statistics query runs under that role and still computes', async () => {
    const repository = createCaseStatsRepository();
    const facts = await asStatisticsRole(ctx.db, async (trx) => {
      const role = await sql<{ current_user: string }>`SELECT current_user`.execute(trx);
      expect(role.rows[0]!.current_user).toBe(CASE_STATISTICS_ROLE);
      const root = await trx
        .selectFrom('units')
        .select(['path', 'depth'])
        .where('id', '=', tree.root)
        .executeTakeFirstOrThrow();
      return repository.aggregate(trx, {
        rootPath: root.path,
        rootDepth: root.depth,
        from: '2026-01',
        to: '2026-12',
        now: ctx.clock.now(),
        firstContactHours: 48,
        consentDays: 7,
        outcomeDays: 90,
      });
    });
    expect(facts.groups.find((group) => group.dim === 'total')!.count).toBe(39);
    // The latest consent decision per case and route counts: one case withdrew after giving it.
    expect(facts.consents.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { route: 'konseling_psikologis', status: 'given', count: 11 },
      { route: 'konseling_psikologis', status: 'withdrawn', count: 1 },
    ]);
    expect(facts.referrals.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { service: 'konseling_psikologis', status: 'dikirim', count: 2 },
      { service: 'konseling_psikologis', status: 'selesai', count: 6 },
    ]);
  });
});

// Last: it adds cases, which the totals above do not expect.
describe('sealed escrow reports ("Lapor bersama") leave no trace in the statistics', () => {
  it('a sealed report is not counted, nor once withdrawn; a report that opened by a match is', async () => {
    const before = await report('officerRoot', { from: '2026-01', to: '2026-12' });
    const named = { namedName: 'Pak Budi Santoso', namedWorkplace: 'PT Sinar Tekstil' };
    const first = await ctx.services.casesService.submitReport(
      reportAt(tree.pspA1x, { ...named, sealUntilMatch: true, contactValue: '081300000001' }),
      [],
    );
    const withdrawn = await ctx.services.casesService.submitReport(
      reportAt(tree.pspA1x, {
        namedName: 'Siti Aminah',
        namedWorkplace: 'PT Lain',
        sealUntilMatch: true,
        contactValue: '081300000002',
      }),
      [],
    );
    await ctx.services.escrowService.withdraw(withdrawn.caseId);
    const sealed = await report('officerRoot', { from: '2026-01', to: '2026-12' });
    expect(sealed.page.total).toEqual(before.page.total);
    expect(sealed.page.byUnit).toEqual(before.page.byUnit);

    // A second reporter names the same man: both reports open at DPP and both count from now on.
    await ctx.services.casesService.submitReport(
      reportAt(tree.pspA1x, {
        namedName: 'BUDI SANTOSO',
        namedWorkplace: 'Sinar Tekstil',
        sealUntilMatch: true,
        contactValue: '081300000003',
      }),
      [],
    );
    const opened = await ctx.db
      .selectFrom('cases')
      .select('escrow')
      .where('id', '=', first.caseId)
      .executeTakeFirstOrThrow();
    expect(opened.escrow).toBe('opened');
    const after = await report('officerRoot', { from: '2026-01', to: '2026-12' });
    expect(after.page.total.value).toBe((before.page.total.value ?? 0) + 2);
  });
});
