// Retention purge: how fast the daily job purges closed cases past their period, each case in its own
// transaction (child rows, sealed columns, receipt, data key, audit row), how long the dry run takes, and
// what a run with nothing due costs. Uses its own throwaway database next to the bench database
// (DATABASE_URL's server); prints, asserts nothing. Run: npm run bench:retention
// (BENCH_RETENTION_CASES, default 1000 due cases plus as many closed recently).
import { randomBytes, randomUUID } from 'node:crypto';
import { createServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createCasesRepository } from '../server/modules/cases/cases.repository.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { adminQuery, BENCH_URL, say, serverOf, withDatabaseName } from './bench-database.ts';

const DUE = Number(process.env.BENCH_RETENTION_CASES ?? 1000);
const MESSAGES = 5;
const FILE_BYTES = 20 * 1024;

const { adminUrl } = serverOf(BENCH_URL);
const name = 'setara_bench_retention';
const url = withDatabaseName(adminUrl, name);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const db = createDatabase(url, 10);
await migrateToLatest(db);
const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', SETARA_JOBS: 'false' });
const masterKey = generateMasterKey();
const keyring = createKeyring(db, masterKey);
const services = createServices({
  config,
  db,
  databaseUrl: url,
  keyring,
  mailer: createMailer(db, { from: config.MAIL_FROM }),
});
const root = await services.unitsService.ensureRootUnit('DPP SPN');
const cases = createCasesRepository(keyring);

/** A closed case with content everywhere: narrative, messages, timeline, a consent, a file. */
async function seedCase(index: number, closedAt: Date) {
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await cases.insertCase(
      tx,
      {
        id,
        reference: `K-B-${String(index).padStart(6, '0')}`,
        channel: 'web',
        reporter_role: 'korban',
        forms: ['KS01', 'KP01'],
        place: 'area_kerja',
        relationship: 'atasan',
        named_office: 'tidak_ada',
        wishes: ['dukungan'],
        asks_dpp: false,
        same_gender_handler: false,
        survivor_sex: 'P',
        survivor_age_band: '25-44',
        incident_date: '2019-05-01',
        incident_date_approximate: false,
        place_unit_id: null,
        handling_unit_id: root.id,
        routing_reason: 'tempat_tidak_diketahui',
        routing_conflict: false,
        received_at: new Date(closedAt.getTime() - 90 * 86_400_000),
        receipt_index: randomBytes(3).toString('hex'),
        receipt_hash: randomBytes(32).toString('base64'),
        created_by: null,
      },
      {
        narrative: 'Narasi kejadian '.repeat(120),
        placeDetail: 'Gudang belakang',
        reporterName: 'Nama Pelapor',
        contactMethod: 'whatsapp',
        contactValue: '081234567890',
        safeTimes: 'Sore',
        consentToContact: true,
        namedName: 'Nama Terlapor',
        namedPosition: 'Supervisor',
        namedWorkplace: 'PT Contoh',
        namedMemberId: null,
      },
    );
    const row = (await cases.findCase(tx, id))!;
    for (let message = 0; message < MESSAGES; message += 1) {
      await cases.addMessage(tx, row, {
        at: closedAt,
        fromReporter: message % 2 === 0,
        authorId: null,
        body: 'Pesan '.repeat(60),
      });
      await cases.addEvent(tx, row, {
        at: closedAt,
        actorId: null,
        actorKind: 'system',
        kind: 'note',
        text: 'Catatan '.repeat(40),
      });
    }
    await cases.addFile(tx, row, {
      at: closedAt,
      fromReporter: true,
      uploadedBy: null,
      name: 'bukti.png',
      mediaType: 'image/png',
      data: randomBytes(FILE_BYTES),
    });
    await tx
      .updateTable('cases')
      .set({ state: 'closed', closing_reason: 'selesai', outcome: 'sanksi_perusahaan', closed_at: closedAt })
      .where('id', '=', id)
      .execute();
  });
}

let started = performance.now();
const longAgo = new Date(Date.now() - 6 * 365 * 86_400_000);
const recently = new Date(Date.now() - 30 * 86_400_000);
for (let index = 0; index < DUE; index += 1) await seedCase(index, longAgo);
for (let index = 0; index < DUE; index += 1) await seedCase(DUE + index, recently);
say(
  `Seeded ${2 * DUE} closed cases (${DUE} past 5 years) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const retention = services.caseRetentionService;
started = performance.now();
const due = await retention.listDue();
say(`Dry run: ${due.length} cases due, listed in ${(performance.now() - started).toFixed(0)} ms`);

started = performance.now();
const { purged } = await retention.purgeDue({ label: 'system', requestId: null }, 50);
const purgeSeconds = (performance.now() - started) / 1000;
say(
  `Purge: ${purged.length} cases in ${purgeSeconds.toFixed(1)} s = ${(purged.length / purgeSeconds).toFixed(0)} cases/s (batches of 50, one transaction per case)`,
);

started = performance.now();
const again = await retention.purgeDue({ label: 'system', requestId: null }, 50);
say(
  `Second run (nothing due, ${DUE} recent closed cases kept): ${again.purged.length} purged in ${(performance.now() - started).toFixed(0)} ms`,
);

await db.destroy();
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
