// Quota dashboard latency over the 1M-member bench database (run `npm run bench:data` first):
// applies pending migrations (migrateToLatest), adds a Kongres with delegates once (idempotent), builds the
// quota summary through the refresh job's own function and prints its time; then, through HTTP with a
// signed-in gender_officer session (the app in-process via buildApp), p50/p95 of the DPP dashboard (all
// levels, all regions) and of a DPD drill-down, beside the same aggregates computed directly in SQL from
// members and appointments (what the page would cost without the summary) and the summary reads in SQL.
// Run: npm run bench:quota   (DATABASE_URL overrides the default setara_bench)
import pg from 'pg';
import { buildApp, createServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import { BENCH_URL, say } from './bench-database.ts';
import { formatLatency, percentile, signIn } from './bench-support.ts';

const SAMPLES = 200;
const DIRECT_SAMPLES = 5;
const EMAIL = 'bench.quota@spn.test';
const PASSWORD = 'Bench-Quota-Setara-2026';

const format = (values: number[]) => formatLatency(values);

const config = loadConfig({
  ...process.env,
  DATABASE_URL: BENCH_URL,
  LOG_LEVEL: 'warn',
  SETARA_JOBS: 'false',
});
const db = createDatabase(BENCH_URL, 10);
const applied = await migrateToLatest(db);
say(`Migrations applied now: ${applied.length ? applied.join(', ') : 'none pending'}`);

const client = new pg.Client({ connectionString: BENCH_URL });
await client.connect();
const root = (
  await client.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE parent_id IS NULL')
).rows[0];
if (!root) throw new Error('No bench data: run npm run bench:data first');
const dpd = (
  await client.query<{ id: number; path: string; name: string }>(`
    SELECT d.id, d.path, d.name FROM units d JOIN units u ON u.path LIKE d.path || '%'
    WHERE d.level = 'DPD' GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT 1`)
).rows[0];
if (!dpd) throw new Error('No DPD in bench data');

// A Kongres with 10 executive delegates per DPD, taken from members of that DPD (once).
const kongres = await client.query<{ id: number }>(`SELECT id FROM assemblies WHERE name = 'Kongres Bench'`);
if (kongres.rows.length === 0) {
  const at = performance.now();
  await client.query(`
    WITH k AS (INSERT INTO assemblies (unit_id, kind, name, starts_on) VALUES (${root.id}, 'kongres', 'Kongres Bench', '2026-06-01') RETURNING id),
    a AS (INSERT INTO delegation_allocations (assembly_id, unit_id, category, seats)
      SELECT k.id, d.id, 'executive', 10 FROM k, units d WHERE d.level = 'DPD' RETURNING id, unit_id)
    INSERT INTO delegates (allocation_id, member_id, credential_status)
    SELECT a.id, m.id, CASE WHEN m.rn % 7 = 0 THEN 'returned' ELSE 'submitted' END
    FROM a JOIN units d ON d.id = a.unit_id
    CROSS JOIN LATERAL (
      SELECT m.id, row_number() OVER () AS rn FROM units u JOIN members m ON m.home_unit_id = u.id
      WHERE u.path LIKE d.path || '%' AND m.status = 'aktif' LIMIT 10
    ) m`);
  say(`Added Kongres Bench with delegates in ${(performance.now() - at).toFixed(0)} ms`);
}

const masterKey = generateMasterKey();
const keyring = createKeyring(db, masterKey);
const mailer = createMailer(db, { from: config.MAIL_FROM });
const { quotaDashboardService } = createServices({ config, db, databaseUrl: BENCH_URL, keyring, mailer });

say('\nSummary refresh (the job function, one transaction):');
for (const round of [1, 2]) {
  const at = performance.now();
  const result = await quotaDashboardService.refreshSummary('bench');
  say(
    `  refresh ${round}: ${(performance.now() - at).toFixed(0)} ms (${result.bodies?.toLocaleString('en')} bodies judged by the quota engine)`,
  );
}
const { rows: sizes } = await client.query<{ name: string; rows: number }>(`
  SELECT 'quota_body_stats' AS name, count(*)::int AS rows FROM quota_body_stats UNION ALL
  SELECT 'quota_rollup', count(*)::int FROM quota_rollup UNION ALL
  SELECT 'quota_trend', count(*)::int FROM quota_trend`);
say(`  ${sizes.map((row) => `${row.name} ${row.rows.toLocaleString('en')} rows`).join(', ')}`);

const { id: userId } = (
  await client.query<{ id: string }>(
    `INSERT INTO users (email, display_name, home_unit_id, password_hash) VALUES ($1, 'Bench Quota', $2, $3)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
    [EMAIL, root.id, await hashPassword(PASSWORD)],
  )
).rows[0] as { id: string };
await client.query(
  `INSERT INTO role_grants (user_id, role, unit_id) SELECT $1, 'gender_officer', $2
   WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE user_id = $1 AND role = 'gender_officer')`,
  [userId, root.id],
);

const app = await buildApp({
  config,
  db,
  databaseUrl: BENCH_URL,
  keyring,
  masterKey,
  mailer,
  webRoot: '/nonexistent',
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const session = await signIn(address, EMAIL, PASSWORD);
const cookieHeader = session.cookieHeader;

/** The dashboard's figures straight from members and appointments, for one subtree (no summary). */
const directSql = `
  WITH sub AS (SELECT id, level, path FROM units WHERE path LIKE $1),
  m AS (
    SELECT count(*) FILTER (WHERE sex = 'P') AS women, count(*) FILTER (WHERE sex = 'L') AS men,
      count(*) FILTER (WHERE sex IS NULL) AS unknown
    FROM members WHERE status = 'aktif' AND home_unit_id IN (SELECT id FROM sub)
  ),
  h AS (
    SELECT b.id AS body_id, b.kind, s.level, p.title, mm.sex
    FROM appointments a JOIN positions p ON p.id = a.position_id JOIN bodies b ON b.id = p.body_id
    JOIN sub s ON s.id = b.unit_id JOIN members mm ON mm.id = a.member_id
    WHERE b.active AND a.term_start <= current_date AND (a.term_end IS NULL OR a.term_end >= current_date)
  ),
  per_body AS (
    SELECT body_id, kind, level, count(*) AS filled, count(*) FILTER (WHERE sex = 'P') AS women,
      count(*) FILTER (WHERE sex IS NULL) AS unknown FROM h GROUP BY body_id, kind, level
  )
  SELECT (SELECT row_to_json(m) FROM m) AS members,
    (SELECT json_agg(k) FROM (SELECT kind, level, sum(filled) AS filled, sum(women) AS women, sum(unknown) AS unknown,
       count(*) FILTER (WHERE women * 10000 < 3000 * filled) AS below FROM per_body GROUP BY kind, level) k) AS bodies,
    (SELECT json_agg(t) FROM (SELECT lower(title) AS post, count(*) FILTER (WHERE sex = 'P') AS women, count(*) AS n
       FROM h WHERE kind = 'executive' AND lower(title) IN ('ketua', 'wakil ketua', 'sekretaris', 'bendahara')
       GROUP BY lower(title)) t) AS posts`;

/** The reads the API makes from the summary, run directly. */
const summarySql = [
  'SELECT * FROM quota_rollup WHERE ancestor_id = $1',
  'SELECT * FROM quota_trend WHERE ancestor_id = $1',
  `SELECT r.* FROM quota_rollup r JOIN units c ON c.id = r.ancestor_id WHERE c.parent_id = $1
     AND r.subject IN ('members', 'body:executive', 'body:komite_perempuan')`,
  `SELECT * FROM quota_body_stats WHERE unit_path LIKE $1 AND severity < 9
     ORDER BY severity, shortfall DESC, unit_path, body_id LIMIT 50`,
];

const results: string[] = [];
for (const benchCase of [
  { label: 'DPP dashboard (all levels, all regions)', unit: root, path: '/api/v1/quota-dashboard' },
  { label: `DPD drill-down (${dpd.name})`, unit: dpd, path: `/api/v1/quota-dashboard?unitId=${dpd.id}` },
  { label: `DPP proportionality view`, unit: root, path: '/api/v1/quota-dashboard/proportionality' },
]) {
  say(`\n${benchCase.label}`);
  const first = await fetch(`${address}${benchCase.path}`, { headers: { cookie: cookieHeader() } });
  const body = (await first.json()) as {
    members?: { total: number; womenShareBp: number };
    attention?: { total: number };
    total?: number;
  };
  if (!first.ok) throw new Error(`${benchCase.path}: ${first.status} ${JSON.stringify(body)}`);
  if (body.members)
    say(
      `  ${body.members.total.toLocaleString('en')} members, ${(body.members.womenShareBp / 100).toFixed(1)}% women; ${body.attention?.total.toLocaleString('en')} bodies need action`,
    );
  else say(`  ${body.total?.toLocaleString('en')} bodies below k × membership share`);
  const http: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const started = performance.now();
    const response = await fetch(`${address}${benchCase.path}`, { headers: { cookie: cookieHeader() } });
    await response.arrayBuffer();
    http.push(performance.now() - started);
  }
  say(`  HTTP (sequential, ${SAMPLES} requests): ${format(http)}`);
  if (benchCase.path.includes('proportionality')) continue;
  const summary: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const started = performance.now();
    for (const statement of summarySql)
      await client.query(statement, [
        statement.includes('unit_path') ? `${benchCase.unit.path}%` : benchCase.unit.id,
      ]);
    summary.push(performance.now() - started);
  }
  const direct: number[] = [];
  for (let index = 0; index < DIRECT_SAMPLES; index += 1) {
    const started = performance.now();
    await client.query(directSql, [`${benchCase.unit.path}%`]);
    direct.push(performance.now() - started);
  }
  say(`  SQL on the summary (the API's reads, ${SAMPLES} runs): ${format(summary)}`);
  say(`  SQL from members + appointments directly (${DIRECT_SAMPLES} runs): ${format(direct)}`);
  const ratio = percentile(direct, 50) / percentile(http, 95);
  say(
    `  ratio: direct SQL p50 / HTTP p95 = ${ratio.toFixed(1)}× (the summary saves that); HTTP p95 / summary SQL p95 = ${(percentile(http, 95) / percentile(summary, 95)).toFixed(1)}×`,
  );
  results.push(
    `${benchCase.label}: HTTP p95 ${percentile(http, 95).toFixed(1)} ms (target ≤ 100 ms: ${percentile(http, 95) <= 100 ? 'met' : 'NOT met'})`,
  );
}
// Cold figures: the first look at each DPD after a refresh (the per-refresh figure cache is empty for it).
await quotaDashboardService.refreshSummary('bench');
const dpds = (await client.query<{ id: number }>(`SELECT id FROM units WHERE level = 'DPD' ORDER BY id`))
  .rows;
const cold: number[] = [];
for (const { id } of dpds) {
  const started = performance.now();
  const response = await fetch(`${address}/api/v1/quota-dashboard?unitId=${id}`, {
    headers: { cookie: cookieHeader() },
  });
  await response.arrayBuffer();
  cold.push(performance.now() - started);
}
say(
  `\nDPD drill-downs right after a refresh (each of ${dpds.length} DPDs once, figures not cached): ${format(cold)}`,
);
const coldRoot: number[] = [];
for (let index = 0; index < 20; index += 1) {
  await client.query(`UPDATE quota_summary_runs SET finished_at = finished_at + interval '1 millisecond'
    WHERE id = (SELECT max(id) FROM quota_summary_runs)`);
  const started = performance.now();
  const response = await fetch(`${address}/api/v1/quota-dashboard`, { headers: { cookie: cookieHeader() } });
  await response.arrayBuffer();
  coldRoot.push(performance.now() - started);
}
say(`DPP dashboard with the figures rebuilt on every request (20 requests): ${format(coldRoot)}`);
results.push(
  `cold DPD drill-down p95 ${percentile(cold, 95).toFixed(1)} ms; cold DPP p95 ${percentile(coldRoot, 95).toFixed(1)} ms`,
);
say(`\n${results.join('\n')}`);
const load = (await import('node:os')).loadavg();
say(`load average during the run: ${load.map((value) => value.toFixed(2)).join(', ')} (2 cores)`);

await app.close();
await db.destroy();
await client.end();
