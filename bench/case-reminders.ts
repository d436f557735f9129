// Case reminders job: how long one run of `sendDueReminders` takes over many open cases, first when
// every case needs a reminder (one notification and one outbox row per case team member), then again
// when everything was already sent (the idempotent pass every 15 minutes costs this much). Uses its own
// throwaway database next to the bench database (DATABASE_URL's server); prints, asserts nothing.
// Run: npm run bench:reminders (BENCH_CASES=5000 by default)
import { sql } from 'kysely';
import { createServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import { adminQuery, BENCH_URL, say, seconds, serverOf, withDatabaseName } from './bench-database.ts';

const CASES = Number(process.env.BENCH_CASES ?? 5000);
const { adminUrl } = serverOf(BENCH_URL);
const name = 'setara_bench_reminders';
const url = withDatabaseName(adminUrl, name);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const db = createDatabase(url, 10);
await migrateToLatest(db);
const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', SETARA_JOBS: 'false' });
const masterKey = generateMasterKey();
const services = createServices({
  config,
  db,
  databaseUrl: url,
  keyring: createKeyring(db, masterKey),
  mailer: createMailer(db, { from: config.MAIL_FROM }),
});
const root = await services.unitsService.ensureRootUnit('DPP SPN');
const { id: dpd } = await db
  .insertInto('units')
  .values({ parent_id: root.id, path: 'tmp', depth: 1, name: 'DPD Jawa Barat', code: 'DPD-32', level: 'DPD' })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .updateTable('units')
  .set({ path: `${root.path}${dpd}/` })
  .where('id', '=', dpd)
  .execute();
const passwordHash = await hashPassword('Bench-Password-2026!');
const { id: coordinator } = await db
  .insertInto('users')
  .values({
    email: 'koordinator@bench.test',
    display_name: 'Koordinator',
    home_unit_id: dpd,
    password_hash: passwordHash,
  })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .insertInto('role_grants')
  .values({ user_id: coordinator, role: 'case_coordinator', unit_id: dpd, granted_by: null })
  .execute();

// One real case, then clones of its coded row (the job reads coded columns only, never the sealed ones).
const { caseId } = await services.casesService.submitReport(
  {
    reporterRole: 'korban',
    forms: ['KS01'],
    narrative: 'Bench',
    incidentDateApproximate: false,
    place: 'area_kerja',
    placeUnitId: dpd,
    relationship: 'atasan',
    namedOffice: 'tidak_ada',
    wishes: [],
    asksDpp: false,
    sameGenderHandler: false,
    contactMethod: 'none',
    consentToProcess: true,
    consentToContact: false,
  },
  [],
);
const started = performance.now();
await sql`
  INSERT INTO cases (id, reference, data_key_id, receipt_index, receipt_hash, channel, reporter_role, forms,
    place, relationship, named_office, handling_unit_id, routing_reason, received_at, content_sealed)
  SELECT gen_random_uuid(), reference || '-' || n, data_key_id, receipt_index, receipt_hash, channel,
    reporter_role, forms, place, relationship, named_office, handling_unit_id, routing_reason,
    now() - interval '30 hours' + (n % 600) * interval '1 second', content_sealed
  FROM cases, generate_series(1, ${CASES - 1}) AS n WHERE id = ${caseId}
`.execute(db);
await db
  .updateTable('cases')
  .set({ received_at: new Date(Date.now() - 30 * 3_600_000) })
  .where('id', '=', caseId)
  .execute();
say(`${CASES} open cases at one DPD (one coordinator) in ${seconds(started)} s`);

let at = performance.now();
const sent = await services.caseRemindersService.sendDueReminders();
const first = (performance.now() - at) / 1000;
say(`first run: ${sent} reminders in ${first.toFixed(1)} s (${Math.round(CASES / first)} cases/s)`);
at = performance.now();
const again = await services.caseRemindersService.sendDueReminders();
const second = (performance.now() - at) / 1000;
say(
  `second run (all sent): ${again} reminders in ${second.toFixed(1)} s (${Math.round(CASES / second)} cases/s)`,
);
const outbox = await db
  .selectFrom('outbox')
  .select((eb) => eb.fn.countAll<string>().as('n'))
  .executeTakeFirstOrThrow();
say(`outbox rows: ${outbox.n}`);
await db.destroy();
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
