import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsItems, type ClosingReason } from '../../../shared/case-taxonomy.ts';
import { createKeyring } from '../../platform/crypto.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { rowDump } from '../../test/dumps.ts';
import { createUser, createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import {
  keptCaseChildTables,
  purgedCaseChildTables,
  purgedCaseLinkTables,
} from './case-retention.repository.ts';
import type { CaseRetentionService } from './case-retention.service.ts';
import type { CasesService } from './cases.service.ts';
import { actorOf, reportAt, seedCaseTeam, tinyPng } from './cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let cases: CasesService;
let retention: CaseRetentionService;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;
let adminId: string;
let adminBantenId: string;
let genderOfficerId: string;

const start = new Date('2026-11-22T08:00:00Z');
const yearsLater = (years: number, extraMs = 0) => {
  const date = new Date(start.getTime());
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return new Date(date.getTime() + extraMs);
};
const DAY = 24 * 3_600_000;
const runner = { label: 'system' as const, requestId: null };

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  team = await seedCaseTeam(ctx, tree);
  cases = ctx.services.casesService;
  retention = ctx.services.caseRetentionService;
  adminId = await createUser(ctx, {
    email: 'admin@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
  adminBantenId = await createUser(ctx, {
    email: 'admin.banten@spn.test',
    homeUnitId: tree.dpdB,
    grants: [{ role: 'admin', unitId: tree.dpdB }],
  });
  genderOfficerId = await createUser(ctx, {
    email: 'perempuan@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'gender_officer', unitId: tree.root }],
  });
});
afterAll(async () => {
  await test.drop();
});

/** Every sealed value a case holds anywhere (its columns and its child rows). */
async function sealedValuesOf(caseId: string): Promise<string[]> {
  const { rows } = await sql<{ value: string | null }>`
    SELECT content_sealed AS value FROM cases WHERE id = ${caseId}
    UNION ALL SELECT rights_notes_sealed FROM cases WHERE id = ${caseId}
    UNION ALL SELECT body_sealed FROM case_messages WHERE case_id = ${caseId}
    UNION ALL SELECT text_sealed FROM case_events WHERE case_id = ${caseId}
    UNION ALL SELECT note_sealed FROM case_consents WHERE case_id = ${caseId}
    UNION ALL SELECT recipient_sealed FROM case_referrals WHERE case_id = ${caseId}
    UNION ALL SELECT description_sealed FROM case_measures WHERE case_id = ${caseId}
    UNION ALL SELECT name_sealed FROM case_files WHERE case_id = ${caseId}
    UNION ALL SELECT content_sealed FROM case_files WHERE case_id = ${caseId}`.execute(ctx.db);
  return rows.flatMap((row) => (row.value ? [row.value] : []));
}

const canaries = {
  narrative: 'KANARI-NARASI-RET-7Q2X',
  named: 'KANARI-TERLAPOR-RET-9W1Z',
  contact: 'KANARI-KONTAK-RET-3P8M',
  reporterMessage: 'KANARI-PESAN-PELAPOR-RET-4K7T',
  teamMessage: 'KANARI-PESAN-TIM-RET-6D2R',
  note: 'KANARI-CATATAN-RET-1H5V',
  file: 'KANARI-BERKAS-RET-8J3N',
  fileName: 'KANARI-NAMA-BERKAS-RET-2B6C',
  consent: 'KANARI-PERSETUJUAN-RET-5F9L',
  recipient: 'KANARI-RUJUKAN-RET-0S4G',
  measure: 'KANARI-PERLINDUNGAN-RET-2A7E',
  rights: 'KANARI-HAK-RET-6U1Y',
  reason: 'KANARI-ALASAN-TUTUP-RET-3C9D',
};

/**
 * A report with content everywhere (narrative, identity, messages both ways, a note, a file, consent,
 * referral and measure texts, rights notes), handled and closed now by DPD Jawa Barat's coordinator.
 */
async function closedCase(reason: ClosingReason, withCanaries = false) {
  const mark = (value: string) => (withCanaries ? value : `isi ${Math.random()}`);
  const { caseId, receipt } = await cases.submitReport(
    reportAt(tree.pspA1x, {
      narrative: `Kejadian: ${mark(canaries.narrative)}`,
      namedName: mark(canaries.named),
      contactValue: mark(canaries.contact),
    }),
    [
      {
        name: `${mark(canaries.fileName)}.png`,
        data: Buffer.concat([tinyPng, Buffer.from(mark(canaries.file))]),
      },
    ],
  );
  await cases.addReporterMessage(caseId, mark(canaries.reporterMessage), []);
  const coordinator = await actorOf(ctx, team.coordinatorA.userId);
  await cases.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
  await cases.sendMessage(coordinator, caseId, mark(canaries.teamMessage));
  await cases.addNote(coordinator, caseId, mark(canaries.note));
  await cases.recordConsent(coordinator, caseId, {
    route: 'rujukan_satgas_ppks',
    status: 'given',
    note: mark(canaries.consent),
  });
  await cases.addReferral(coordinator, caseId, {
    service: 'rujukan_satgas_ppks',
    referredOn: '2026-11-22',
    recipient: mark(canaries.recipient),
  });
  await cases.addMeasure(coordinator, caseId, {
    kind: 'larangan_kontak',
    status: 'berlaku',
    description: mark(canaries.measure),
  });
  await cases.reviewRights(coordinator, caseId, {
    items: rightsItems.map((item) => ({ item, status: 'diberikan' as const, note: mark(canaries.rights) })),
  });
  await cases.transition(coordinator, caseId, { to: 'triage', reason: mark(canaries.reason) });
  await cases.transition(coordinator, caseId, {
    to: 'closed',
    reason: mark(canaries.reason),
    closingReason: reason,
  });
  return { caseId, receipt };
}

const caseRow = (id: string) =>
  ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const purgedIds = (result: { purged: { id: string }[] }) => result.purged.map((entry) => entry.id);

describe('the retention purge', () => {
  it('purges a closed case past its period: coded row kept, content, receipt and key gone, audited without content', async () => {
    ctx.clock.set(start);
    const { caseId, receipt } = await closedCase('tidak_terbukti', true);
    const coordinator = await actorOf(ctx, team.coordinatorA.userId);
    // The content is really there and opens, and the receipt finds the case.
    expect((await cases.getCase(coordinator, caseId)).narrative).toContain(canaries.narrative);
    expect(await cases.findCaseByReceipt(receipt)).toBe(caseId);
    const before = await caseRow(caseId);
    const sealed = await sealedValuesOf(caseId);
    expect(sealed.length).toBeGreaterThanOrEqual(10);
    const dumpBefore = await rowDump(ctx.db);
    for (const value of sealed) expect(dumpBefore).toContain(value);
    expect(dumpBefore).toContain(before.data_key_id);

    // Five years (the default for tidak_terbukti) less a minute: still kept.
    ctx.clock.set(yearsLater(5, -60_000));
    expect(purgedIds(await retention.purgeDue(runner))).not.toContain(caseId);
    ctx.clock.set(yearsLater(5, 60_000));
    expect(purgedIds(await retention.purgeDue(runner))).toContain(caseId);

    // The coded statistical row stays as it was.
    const after = await caseRow(caseId);
    expect(after).toMatchObject({
      reference: before.reference,
      forms: before.forms,
      place: before.place,
      relationship: before.relationship,
      named_office: before.named_office,
      handling_unit_id: before.handling_unit_id,
      place_unit_id: before.place_unit_id,
      survivor_sex: 'P',
      survivor_age_band: '25-44',
      channel: 'web',
      state: 'closed',
      closing_reason: 'tidak_terbukti',
      received_at: before.received_at,
      first_contact_at: before.first_contact_at,
      closed_at: before.closed_at,
      rights: before.rights,
      purged_at: ctx.clock.now(),
    });
    // Every sealed column, the receipt, the data key and the exact incident date are gone.
    expect(after).toMatchObject({
      content_sealed: null,
      rights_notes_sealed: null,
      ethics_note_sealed: null,
      receipt_index: null,
      receipt_hash: null,
      data_key_id: null,
      incident_date: null,
      created_by: null,
    });
    for (const table of purgedCaseChildTables) {
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE case_id = ${caseId}`.execute(ctx.db);
      expect(rows[0]?.n, table).toBe(0);
    }
    // Every sealed column of the case row, including ones added by later features, is empty.
    const sealedColumns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = 'cases' AND column_name LIKE '%\_sealed'`.execute(
      ctx.db,
    );
    expect(sealedColumns.rows.length).toBeGreaterThanOrEqual(4);
    for (const { column_name } of sealedColumns.rows) {
      const { rows } = await sql<{ value: unknown }>`
        SELECT ${sql.ref(column_name)} AS value FROM cases WHERE id = ${caseId}`.execute(ctx.db);
      expect(rows[0]?.value, column_name).toBeNull();
    }
    const key = await ctx.db
      .selectFrom('data_keys')
      .select('id')
      .where('id', '=', before.data_key_id)
      .executeTakeFirst();
    expect(key).toBeUndefined();

    // No trace in a full row dump: neither the canaries nor any sealed value nor the data key.
    const dumpAfter = await rowDump(ctx.db);
    expect(dumpAfter).toContain(caseId);
    for (const [field, canary] of Object.entries(canaries))
      expect(dumpAfter.includes(canary), field).toBe(false);
    for (const value of sealed) expect(dumpAfter.includes(value)).toBe(false);
    expect(dumpAfter.includes(before.receipt_hash)).toBe(false);
    expect(dumpAfter.includes(before.data_key_id)).toBe(false);
    // Even a sealed value kept elsewhere (say an old export) no longer opens: its key is gone.
    const freshKeyring = createKeyring(ctx.db, ctx.masterKey);
    await expect(freshKeyring.openText(sealed[0]!, `case:${caseId}:content`)).rejects.toThrow();

    // The receipt opens nothing.
    expect(await cases.findCaseByReceipt(receipt)).toBeNull();

    // One audit row, coded: case id, closing reason and close date, no content.
    const audits = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.purge')
      .where('object_id', '=', caseId)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_label: 'system',
      object_type: 'case',
      unit_id: tree.dpdA,
      details: {
        reference: before.reference,
        closingReason: 'tidak_terbukti',
        closedAt: before.closed_at!.toISOString(),
        retentionYears: 5,
      },
    });

    // The case team: gone from lists; the case answers case_purged; reopening is impossible.
    await expect(cases.getCase(coordinator, caseId)).rejects.toMatchObject({ code: 'case_purged' });
    await expect(
      cases.transition(coordinator, caseId, { to: 'handling', reason: 'Ada pembalasan' }),
    ).rejects.toMatchObject({ code: 'case_purged' });
    const listed = await cases.listCases(coordinator, {
      scope: 'unit',
      sort: 'received',
      limit: 200,
    } as never);
    expect(listed.items.map((entry) => entry.id)).not.toContain(caseId);
    // A handler whose assignment went with the purge no longer sees the case at all.
    await expect(cases.getCase(await actorOf(ctx, team.handlerA.userId), caseId)).rejects.toMatchObject({
      code: 'not_found',
    });
    // Even straight SQL cannot reopen a purged case.
    await expect(
      sql`UPDATE cases SET state = 'handling', closed_at = NULL WHERE id = ${caseId}`.execute(ctx.db),
    ).rejects.toThrow(/purged/);
  });

  it('keeps a case closed recently, and purges a withdrawn report after one year', async () => {
    ctx.clock.set(start);
    const kept = await closedCase('tidak_terbukti');
    const withdrawn = await closedCase('ditarik_korban');
    const duplicate = await closedCase('duplikat');
    ctx.clock.set(yearsLater(1, -DAY));
    let purged = purgedIds(await retention.purgeDue(runner));
    expect(purged).not.toContain(withdrawn.caseId);
    ctx.clock.set(yearsLater(1, DAY));
    purged = purgedIds(await retention.purgeDue(runner));
    expect(purged).toEqual(expect.arrayContaining([withdrawn.caseId, duplicate.caseId]));
    expect(purged).not.toContain(kept.caseId);
    expect((await caseRow(kept.caseId)).purged_at).toBeNull();
    expect((await caseRow(kept.caseId)).content_sealed).not.toBeNull();
  });

  it('does not purge a reopened case', async () => {
    ctx.clock.set(start);
    const { caseId } = await closedCase('ditarik_korban');
    const coordinator = await actorOf(ctx, team.coordinatorA.userId);
    ctx.clock.set(yearsLater(0, 30 * DAY));
    await cases.transition(coordinator, caseId, { to: 'handling', reason: 'Pelapor kembali' });
    ctx.clock.set(yearsLater(20));
    expect(purgedIds(await retention.purgeDue(runner))).not.toContain(caseId);
    expect(await caseRow(caseId)).toMatchObject({ state: 'handling', purged_at: null });
    expect((await cases.getCase(coordinator, caseId)).narrative).toContain('Kejadian');
  });

  it('runs idempotently in batches: each due case purged once, a second run finds nothing', async () => {
    ctx.clock.set(start);
    const ids = [];
    for (let index = 0; index < 5; index += 1) ids.push((await closedCase('duplikat')).caseId);
    ctx.clock.set(yearsLater(2));
    const first = purgedIds(await retention.purgeDue(runner, 2));
    expect(first).toEqual(expect.arrayContaining(ids));
    expect(purgedIds(await retention.purgeDue(runner, 2))).toEqual([]);
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'case.purge')
      .where('object_id', 'in', ids)
      .execute();
    expect(audits).toHaveLength(5);
  });
});

describe('legal holds', () => {
  it('a held case is not purged; releasing the hold lets the next run purge it; both audited', async () => {
    ctx.clock.set(start);
    const { caseId } = await closedCase('ditarik_korban');
    const admin = await actorOf(ctx, adminId);
    const held = await retention.placeHold(admin, caseId, 'proses_pidana');
    expect(held).toMatchObject({ id: caseId, hold: { reason: 'proses_pidana' }, purgedAt: null });
    await expect(retention.placeHold(admin, caseId, 'lainnya')).rejects.toMatchObject({
      code: 'retention_hold_exists',
    });
    // The case team sees the hold on the case.
    const coordinator = await actorOf(ctx, team.coordinatorA.userId);
    expect(await retention.caseView(coordinator, caseId)).toMatchObject({
      state: 'closed',
      periodYears: 1,
      hold: { reason: 'proses_pidana' },
    });

    ctx.clock.set(yearsLater(3));
    expect(purgedIds(await retention.purgeDue(runner))).not.toContain(caseId);
    expect((await caseRow(caseId)).purged_at).toBeNull();
    const listedHeld = await retention.listCases(admin, { status: 'held', limit: 200 });
    expect(listedHeld.items.map((entry) => entry.id)).toContain(caseId);

    const released = await retention.releaseHold(admin, caseId);
    expect(released).toMatchObject({ hold: null, isDue: true });
    await expect(retention.releaseHold(admin, caseId)).rejects.toMatchObject({
      code: 'retention_hold_missing',
    });
    const due = await retention.listDue();
    expect(due.map((entry) => entry.id)).toContain(caseId);
    expect(purgedIds(await retention.purgeDue(runner))).toContain(caseId);

    const actions = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('object_id', '=', caseId)
      .where('action', 'in', ['case.legal_hold', 'case.legal_hold_release', 'case.purge'])
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'case.legal_hold',
      'case.legal_hold_release',
      'case.purge',
    ]);
    expect(actions[0]).toMatchObject({ actor_id: adminId, details: { reason: 'proses_pidana' } });
    // A purged case cannot be held any more.
    await expect(retention.placeHold(admin, caseId, 'lainnya')).rejects.toMatchObject({
      code: 'case_purged',
    });
  });

  it('a withdrawn sealed report is on no retention screen and cannot be held, yet is purged a year on', async () => {
    ctx.clock.set(start);
    const sealed = await cases.submitReport(
      reportAt(tree.pspA1x, {
        namedName: 'Pak Kanari Retensi',
        namedWorkplace: 'PT Retensi Jaya',
        sealUntilMatch: true,
        contactValue: '081377770001',
      }),
      [],
    );
    await ctx.services.escrowService.withdraw(sealed.caseId);
    const admin = await actorOf(ctx, adminId);
    for (const status of ['pending', 'due', 'held'] as const) {
      const list = await retention.listCases(admin, { status, limit: 200 });
      expect(list.items.map((entry) => entry.id)).not.toContain(sealed.caseId);
    }
    await expect(retention.placeHold(admin, sealed.caseId, 'lainnya')).rejects.toMatchObject({
      code: 'not_found',
    });
    ctx.clock.set(new Date(start.getTime() + 367 * 86_400_000));
    await retention.purgeDue({ label: 'system', requestId: null });
    const row = await ctx.db
      .selectFrom('cases')
      .select(['purged_at', 'content_sealed'])
      .where('id', '=', sealed.caseId)
      .executeTakeFirstOrThrow();
    expect(row.purged_at).not.toBeNull();
    expect(row.content_sealed).toBeNull();
    ctx.clock.set(start);
  });

  it('an administrator sees and holds only closed cases of her subtree, with coded data only', async () => {
    ctx.clock.set(start);
    const { caseId } = await closedCase('tidak_terbukti');
    const { caseId: openCaseId } = await cases.submitReport(reportAt(tree.pspA1x), []);
    const banten = await actorOf(ctx, adminBantenId);
    await expect(retention.placeHold(banten, caseId, 'lainnya')).rejects.toMatchObject({ code: 'not_found' });
    const bantenList = await retention.listCases(banten, { status: 'pending', limit: 200 });
    expect(bantenList.items.map((entry) => entry.id)).not.toContain(caseId);

    const admin = await actorOf(ctx, adminId);
    // An open case does not exist for the retention screens.
    await expect(retention.placeHold(admin, openCaseId, 'lainnya')).rejects.toMatchObject({
      code: 'not_found',
    });
    const list = await retention.listCases(admin, { status: 'pending', limit: 200 });
    const entry = list.items.find((candidate) => candidate.id === caseId);
    expect(entry).toBeDefined();
    expect(Object.keys(entry!).sort()).toEqual(
      [
        'closedAt',
        'closingReason',
        'handlingUnit',
        'hold',
        'id',
        'isDue',
        'purgeDueAt',
        'purgedAt',
        'reference',
      ].sort(),
    );
    expect(entry).toMatchObject({ closingReason: 'tidak_terbukti', isDue: false, hold: null });
    expect(list.items.map((candidate) => candidate.id)).not.toContain(openCaseId);
    // Paging walks every closed case once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await retention.listCases(admin, { status: 'pending', limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(list.items.map((item) => item.id));

    // No case access comes with it: the admin and the gender officer are refused the case team's view.
    await expect(retention.caseView(admin, caseId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      retention.listCases(await actorOf(ctx, genderOfficerId), { status: 'pending', limit: 5 }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('retention settings', () => {
  it('top-unit administrators change the periods (audited); the purge follows them', async () => {
    ctx.clock.set(start);
    const admin = await actorOf(ctx, adminId);
    const initial = await retention.getSettings(admin);
    expect(initial).toMatchObject({ periods: initial.defaults, editable: true, minimumYears: 1 });
    const banten = await actorOf(ctx, adminBantenId);
    expect((await retention.getSettings(banten)).editable).toBe(false);
    await expect(retention.updateSettings(banten, { ...initial.periods, selesai: 2 })).rejects.toMatchObject({
      code: 'forbidden',
    });

    const { caseId } = await closedCase('tidak_terbukti');
    const updated = await retention.updateSettings(admin, { ...initial.periods, tidak_terbukti: 2 });
    expect(updated.periods.tidak_terbukti).toBe(2);
    expect(updated.updatedAt).not.toBeNull();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case_retention.settings')
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ previous: { tidak_terbukti: 5 }, periods: { tidak_terbukti: 2 } });
    ctx.clock.set(yearsLater(2, DAY));
    expect(purgedIds(await retention.purgeDue(runner))).toContain(caseId);
    await retention.updateSettings(admin, initial.periods);
  });
});

describe('what the purge covers', () => {
  it('every table that references a case is purged or explicitly kept', async () => {
    const { rows } = await sql<{ table: string }>`
      SELECT DISTINCT conrelid::regclass::text AS table FROM pg_constraint
      WHERE contype = 'f' AND confrelid = 'cases'::regclass`.execute(ctx.db);
    expect(rows.map((row) => row.table).sort()).toEqual(
      [...purgedCaseChildTables, ...purgedCaseLinkTables, ...keptCaseChildTables].sort(),
    );
  });
});
