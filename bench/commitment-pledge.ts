// The Joint Commitment's public pledge page at scale (issue 13 benchmarks): GET /komitmen over HTTP with
// its public counters (people who signed, per DPD, small counts shown as "< 5") at 200,000 signatures,
// beside the counters' SQL alone; and the page's weight as sent. Target: p95 ≤ 50 ms over HTTP.
// Uses its own throwaway database next to the bench database (DATABASE_URL's server); prints, asserts
// nothing. Run: npx tsx bench/commitment-pledge.ts (or npm run bench:commitment)
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { buildApp, createServices } from '../server/app.ts';
import { commitmentReceiptKey } from '../server/modules/commitment/commitment-access.ts';
import { createCommitmentService } from '../server/modules/commitment/commitment.service.ts';
import { loadConfig } from '../server/config.ts';
import { systemClock } from '../server/platform/context.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { publicAssets } from '../server/public/assets.ts';
import { formatLatency } from './bench-support.ts';
import { adminQuery, BENCH_URL, say, seconds, serverOf, withDatabaseName } from './bench-database.ts';

const SIGNATURES = Number(process.env.BENCH_SIGNATURES ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
/** SPN's seven DPDs, each with 5 DPCs of 10 PSPs. */
const DPDS = 7;
const DPCS_PER_DPD = 5;
const PSPS_PER_DPC = 10;

const format = (values: number[]) => formatLatency(values);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const { adminUrl } = serverOf(BENCH_URL);
const name = 'setara_bench_commitment';
const url = withDatabaseName(adminUrl, name);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const db = createDatabase(url, 10);
await migrateToLatest(db);

const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', SETARA_JOBS: 'false' });
const masterKey = generateMasterKey();
const deps = {
  config,
  db,
  databaseUrl: url,
  keyring: createKeyring(db, masterKey),
  masterKey,
  mailer: createMailer(db, { from: config.MAIL_FROM }),
};
const services = createServices(deps);
const root = await services.unitsService.ensureRootUnit('DPP SPN');

// ── The unit tree and the signatures ─────────────────────────────────────────────────────────────────
let started = performance.now();
const addUnit = async (
  parent: { id: number; path: string; depth: number },
  unitName: string,
  level: string,
) => {
  const { id } = await db
    .insertInto('units')
    .values({
      parent_id: parent.id,
      path: `tmp-${unitName}`,
      depth: parent.depth + 1,
      name: unitName,
      code: unitName,
      level,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parent.path}${id}/`;
  await db.updateTable('units').set({ path }).where('id', '=', id).execute();
  return { id, path, depth: parent.depth + 1 };
};
const rootUnit = { id: root.id, path: root.path, depth: 0 };
for (let dpd = 1; dpd <= DPDS; dpd += 1) {
  const dpdUnit = await addUnit(rootUnit, `DPD-${dpd}`, 'DPD');
  for (let dpc = 1; dpc <= DPCS_PER_DPD; dpc += 1) {
    const dpcUnit = await addUnit(dpdUnit, `DPC-${dpd}-${dpc}`, 'DPC');
    for (let psp = 1; psp <= PSPS_PER_DPC; psp += 1)
      await addUnit(dpcUnit, `PSP-${dpd}-${dpc}-${psp}`, 'PSP');
  }
}
const version = await db
  .selectFrom('commitment_versions')
  .select('id')
  .where('status', '=', 'active')
  .executeTakeFirstOrThrow();
// People outside the membership at PSPs and DPCs (the counters count members and persons alike), spread
// over every unit: 90% valid, 6% pending, 4% withdrawn (withdrawn ones are not counted).
await sql`
  WITH pool AS (SELECT array_agg(id ORDER BY id) AS ids FROM units WHERE level IN ('PSP', 'DPC'))
  INSERT INTO commitment_signatures (version_id, kind, unit_id, person_name, signed_on, channel, status)
  SELECT ${version.id}, 'person', pool.ids[1 + (g * 7919) % array_length(pool.ids, 1)],
    'Penanda tangan ' || g, DATE '2025-11-16' + (g % 30),
    CASE WHEN g % 3 = 0 THEN 'paper' ELSE 'public' END,
    CASE WHEN g % 25 = 0 THEN 'withdrawn' WHEN g % 16 = 0 THEN 'pending' ELSE 'valid' END
  FROM generate_series(1, ${SIGNATURES}) g CROSS JOIN pool
`.execute(db);
await sql`VACUUM ANALYZE commitment_signatures`.execute(db);
say(
  `${SIGNATURES.toLocaleString('en')} signatures over ${DPDS} DPDs, ${DPDS * DPCS_PER_DPD} DPCs, ` +
    `${DPDS * DPCS_PER_DPD * PSPS_PER_DPC} PSPs (set up in ${seconds(started)} s)`,
);

// ── The counters' SQL alone (the service call the page makes) ────────────────────────────────────────
const commitment = createCommitmentService({
  db,
  clock: systemClock,
  receiptKey: commitmentReceiptKey(masterKey.key),
  maxPhotoBytes: config.COMMITMENT_PHOTO_MAX_MB * 1024 * 1024,
});
for (let index = 0; index < 5; index += 1) await commitment.publicCounters();
const counters: number[] = [];
for (let index = 0; index < REQUESTS; index += 1) {
  started = performance.now();
  await commitment.publicCounters();
  counters.push(performance.now() - started);
}
const shown = await commitment.publicCounters();
say(`publicCounters() (people per DPD, suppression), ${REQUESTS} calls: ${format(counters)}`);
say(`  total shown ${shown?.total}; per DPD: ${(shown?.regions ?? []).map((row) => row.count).join(', ')}`);

// ── GET /komitmen over HTTP ──────────────────────────────────────────────────────────────────────────
const app = await buildApp({ ...deps, webRoot: '/nonexistent' });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
for (let index = 0; index < 5; index += 1) await (await fetch(`${address}/komitmen`)).text();
const page: number[] = [];
let html = '';
for (let index = 0; index < REQUESTS; index += 1) {
  started = performance.now();
  const response = await fetch(`${address}/komitmen`);
  html = await response.text();
  page.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`GET /komitmen: ${response.status}`);
}
say(`GET /komitmen over HTTP (text, form, counters), ${REQUESTS} sequential requests: ${format(page)}`);
const cssGzip = gzipSync(publicAssets.stylesheet.body).length;
const gzip = gzipSync(html).length;
say(
  `  page ${kb(Buffer.byteLength(html))} raw, ${kb(gzip)} gzip, ${kb(gzip + cssGzip)} gzip with CSS (budget 15 KB)`,
);

await app.close();
await db.destroy();
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
