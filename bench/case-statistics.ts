// Case statistics latency over 100,000 synthetic cases (coded fields; the sealed content is a fixed
// dummy ciphertext) in database `setara_bench`: GET /api/v1/case-statistics over HTTP for the whole DPP
// and for one DPD, signed in as a gender officer (the app runs in-process with buildApp), and the
// statistics SQL alone (the one aggregate statement under the statistics role) beside it.
// Idempotent: the cases are inserted once (marked BENCH-); a missing bench database gets a small tree.
// Run: npm run bench:stats
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import {
  asStatisticsRole,
  createCaseStatsRepository,
} from '../server/modules/case-stats/case-stats.repository.ts';
import { adminQuery, BENCH_URL, say, serverOf } from './bench-database.ts';
import { formatLatency, signIn } from './bench-support.ts';

const CASES = 100_000;
const SAMPLES = 40;
const EMAIL = 'bench.stats@spn.test';
const PASSWORD = 'Bench-Stats-Setara-2026';

const format = (values: number[]) => formatLatency(values);

const { adminUrl, name } = serverOf(BENCH_URL);
const exists = await (async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await admin.end();
  return found.rowCount === 1;
})();
if (!exists) {
  say(`${name} is missing: creating it with a small unit tree (npm run bench:data builds the full one)`);
  await adminQuery(adminUrl, [`CREATE DATABASE ${name}`]);
}
const db = createDatabase(BENCH_URL, 10);
await migrateToLatest(db);
if ((await sql<{ n: number }>`SELECT count(*)::int AS n FROM units`.execute(db)).rows[0]!.n === 0) {
  await sql`
    INSERT INTO units (parent_id, path, depth, name, code, level) VALUES (NULL, 'tmp-root', 0, 'DPP SPN', 'DPP', 'DPP');
    UPDATE units SET path = '/' || id || '/' WHERE level = 'DPP';
    INSERT INTO units (parent_id, path, depth, name, code, level)
      SELECT (SELECT id FROM units WHERE level = 'DPP'), 'tmp-' || g, 1, 'DPD ' || g, 'DPD-' || g, 'DPD'
      FROM generate_series(1, 38) g;
    UPDATE units d SET path = r.path || d.id || '/' FROM units r WHERE r.level = 'DPP' AND d.level = 'DPD';
    INSERT INTO units (parent_id, path, depth, name, code, level)
      SELECT d.id, 'tmp-' || d.id || '-' || g, 2, 'DPC ' || d.id || '-' || g, 'DPC-' || d.id || '-' || g, 'DPC'
      FROM units d, generate_series(1, 12) g WHERE d.level = 'DPD';
    UPDATE units c SET path = d.path || c.id || '/' FROM units d WHERE c.parent_id = d.id AND c.level = 'DPC';
  `.execute(db);
}

const existing = (
  await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE reference LIKE 'BENCH-%'`.execute(db)
).rows[0]!.n;
if (existing !== CASES) {
  const started = performance.now();
  say(`inserting ${CASES.toLocaleString('en')} synthetic cases …`);
  await db.transaction().execute(async (trx) => {
    await sql`DELETE FROM cases WHERE reference LIKE 'BENCH-%'`.execute(trx);
    await sql`
      INSERT INTO data_keys (id, purpose, wrapped, master_fingerprint)
      VALUES ('00000000-0000-4000-8000-00000000be0c', 'case', '\\x00', 'bench') ON CONFLICT DO NOTHING`.execute(
      trx,
    );
    await sql`
      CREATE TEMP TABLE bench_units ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY id) AS n FROM units WHERE level IN ('DPC', 'PSP')`.execute(
      trx,
    );
    await sql`
      INSERT INTO cases (id, reference, data_key_id, receipt_index, receipt_hash, channel, reporter_role, forms,
        place, relationship, named_office, survivor_sex, survivor_age_band, place_unit_id, handling_unit_id,
        routing_reason, state, outcome, received_at, first_contact_at, first_consent_at, outcome_at, closed_at,
        content_sealed)
      SELECT gen_random_uuid(), 'BENCH-' || g, '00000000-0000-4000-8000-00000000be0c', '0', 'x', 'web', 'korban',
        CASE WHEN g % 4 = 0 THEN ARRAY['KS01', 'KP01'] ELSE ARRAY[(ARRAY['KS01','KS02','KS03','KF01','KP01','KE01','RT01'])[1 + g % 7]] END,
        (ARRAY['area_kerja','fasilitas_kerja','perjalanan_dinas','daring','mess_perusahaan','perjalanan_pulang_pergi','rumah','lainnya'])[1 + g % 8],
        (ARRAY['atasan','manajemen','rekan_kerja','bawahan','pihak_ketiga','pasangan','teman','tidak_dikenal'])[1 + (g / 3) % 8],
        'tidak_ada', CASE WHEN g % 9 = 0 THEN 'L' ELSE 'P' END,
        (ARRAY['18-24','25-44','45-59','60+','0-17'])[1 + (g / 7) % 5],
        u.id, u.id, 'place',
        CASE WHEN g % 3 = 0 THEN 'closed' ELSE 'handling' END,
        CASE WHEN g % 3 = 0 THEN 'sanksi_perusahaan' END,
        received, received + make_interval(hours => 1 + g % 90), received + make_interval(days => g % 12),
        CASE WHEN g % 3 = 0 THEN received + make_interval(days => 20 + g % 100) END,
        CASE WHEN g % 3 = 0 THEN received + make_interval(days => 30 + g % 120) END,
        'v1.bench.dummy-ciphertext'
      FROM generate_series(1, ${CASES}) g
      CROSS JOIN LATERAL (SELECT timestamptz '2025-12-01 00:00+07' + make_interval(mins => (g * 5) % 525600) AS received) r
      JOIN bench_units u ON u.n = 1 + (g * 7919) % (SELECT count(*) FROM bench_units)`.execute(trx);
    await sql`
      INSERT INTO case_referrals (case_id, service, referred_on, status, created_at, emergency, needs_review)
        SELECT id, (ARRAY['konseling_psikologis','bantuan_hukum','layanan_kesehatan','laporan_polisi'])[1 + abs(hashtext(id::text)) % 4],
          received_at::date, (ARRAY['selesai','dikirim','diterima','ditolak'])[1 + abs(hashtext(reference)) % 4], received_at, false, false
        FROM cases WHERE reference LIKE 'BENCH-%' AND abs(hashtext(reference)) % 3 = 0`.execute(trx);
    await sql`
      INSERT INTO case_consents (case_id, route, status, recorded_at)
        SELECT id, 'konseling_psikologis', CASE WHEN abs(hashtext(reference)) % 5 = 0 THEN 'refused' ELSE 'given' END, received_at
        FROM cases WHERE reference LIKE 'BENCH-%' AND abs(hashtext(reference)) % 2 = 0`.execute(trx);
  });
  await sql`ANALYZE cases, case_referrals, case_consents, units`.execute(db);
  say(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const root = (
  await sql<{
    id: number;
    path: string;
    depth: number;
  }>`SELECT id, path, depth FROM units WHERE parent_id IS NULL`.execute(db)
).rows[0]!;
const dpd = (
  await sql<{ id: number; path: string; depth: number; name: string; cases: number }>`
    SELECT d.id, d.path, d.depth, d.name, count(c.id)::int AS cases FROM units d
    JOIN units u ON u.path LIKE d.path || '%' JOIN cases c ON c.place_unit_id = u.id
    WHERE d.level = 'DPD' GROUP BY d.id ORDER BY cases DESC LIMIT 1`.execute(db)
).rows[0]!;
const { id: userId } = (
  await sql<{ id: string }>`
    INSERT INTO users (email, display_name, home_unit_id, password_hash)
    VALUES (${EMAIL}, 'Bench stats', ${root.id}, ${await hashPassword(PASSWORD)})
    ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`.execute(db)
).rows[0]!;
await sql`
  INSERT INTO role_grants (user_id, role, unit_id) SELECT ${userId}, 'gender_officer', ${root.id}
  WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE user_id = ${userId} AND role = 'gender_officer')`.execute(
  db,
);

const config = loadConfig({
  ...process.env,
  DATABASE_URL: BENCH_URL,
  LOG_LEVEL: 'warn',
  SETARA_JOBS: 'false',
});
const masterKey = generateMasterKey();
const app = await buildApp({
  config,
  db,
  databaseUrl: BENCH_URL,
  keyring: createKeyring(db, masterKey),
  masterKey,
  mailer: createMailer(db, { from: config.MAIL_FROM }),
  webRoot: '/nonexistent',
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const session = await signIn(address, EMAIL, PASSWORD);
const cookieHeader = session.cookieHeader;

const repository = createCaseStatsRepository();
const period = { from: '2025-12', to: '2026-11' };
say(
  `\n${CASES.toLocaleString('en')} cases, period ${period.from} – ${period.to}, ${SAMPLES} sequential samples each`,
);
for (const target of [
  { label: 'DPP-wide', unit: root, query: '' },
  {
    label: `one DPD (${dpd.name}, ${dpd.cases.toLocaleString('en')} cases)`,
    unit: dpd,
    query: `&unitId=${dpd.id}`,
  },
]) {
  const path = `/api/v1/case-statistics?from=${period.from}&to=${period.to}${target.query}`;
  const first = await fetch(`${address}${path}`, { headers: { cookie: cookieHeader() } });
  const body = (await first.json()) as { total?: { value: number | null } };
  if (!first.ok) throw new Error(`${path}: ${first.status}`);
  const http: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const started = performance.now();
    const response = await fetch(`${address}${path}`, { headers: { cookie: cookieHeader() } });
    await response.arrayBuffer();
    http.push(performance.now() - started);
  }
  const direct: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const started = performance.now();
    await asStatisticsRole(db, (trx) =>
      repository.aggregate(trx, {
        rootPath: target.unit.path,
        rootDepth: target.unit.depth,
        ...period,
        now: new Date(),
        firstContactHours: 48,
        consentDays: 7,
        outcomeDays: 90,
      }),
    );
    direct.push(performance.now() - started);
  }
  say(`${target.label}: total ${body.total?.value ?? '< 5'}`);
  say(`  HTTP GET /api/v1/case-statistics: ${format(http)}`);
  say(`  SQL  (aggregate under the role):  ${format(direct)}`);
}
await app.close();
await db.destroy();
