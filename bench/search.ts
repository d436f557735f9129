// Member search latency over the 1M-member bench database (run `npm run bench:data` first):
// a typo'd name search (GET /api/v1/members?q=...) and a DPD subtree listing (?unitId=<DPD>), through
// HTTP with a signed-in org_admin session (the app runs in-process with buildApp), and the same queries
// directly in SQL. Prints p50/p95 of sequential requests, and p50/p95 with 8 concurrent connections.
// Run: npm run bench:search
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import { BENCH_URL, say } from './bench-database.ts';
import { formatLatency, signIn } from './bench-support.ts';

const SAMPLES = 200;
const EMAIL = 'bench.search@spn.test';
const PASSWORD = 'Bench-Search-Setara-2026';

const format = (values: number[]) => formatLatency(values);

const client = new pg.Client({ connectionString: BENCH_URL });
await client.connect();
const root = (
  await client.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE parent_id IS NULL')
).rows[0];
if (!root) throw new Error('No bench data: run npm run bench:data first');
// The DPD with the most members, so the subtree listing is the heavy case.
const dpd = (
  await client.query<{ id: number; path: string; name: string; members: number }>(`
    SELECT d.id, d.path, d.name, count(m.id)::int AS members FROM units d
    JOIN units u ON u.path LIKE d.path || '%' JOIN members m ON m.home_unit_id = u.id
    WHERE d.level = 'DPD' GROUP BY d.id ORDER BY members DESC LIMIT 1`)
).rows[0];
if (!dpd) throw new Error('No DPD in bench data');
const sample = (await client.query<{ full_name: string }>('SELECT full_name FROM members WHERE id = 4242'))
  .rows[0];
// A typo: drop one letter from the middle of the last name ("Ratih Hartati" → "ratih hartti").
const name = (sample?.full_name ?? 'Ratih Hartati').toLowerCase();
const typo = name.slice(0, name.length - 3) + name.slice(name.length - 2);
const { id: userId } = (
  await client.query<{ id: string }>(
    `INSERT INTO users (email, display_name, home_unit_id, password_hash) VALUES ($1, 'Bench', $2, $3)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
    [EMAIL, root.id, await hashPassword(PASSWORD)],
  )
).rows[0] as { id: string };
await client.query(
  `INSERT INTO role_grants (user_id, role, unit_id) SELECT $1, 'org_admin', $2
   WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE user_id = $1 AND role = 'org_admin')`,
  [userId, root.id],
);

const config = loadConfig({
  ...process.env,
  DATABASE_URL: BENCH_URL,
  LOG_LEVEL: 'warn',
  SETARA_JOBS: 'false',
});
const db = createDatabase(BENCH_URL, 10);
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

// The SQL the service runs for a relevance-ranked search (members.repository.ts): each word close to a
// word of the name, or a substring, or the exact number; best match first.
const rankedSearchSql = (words: number) => `SELECT m.id, m.member_number, m.full_name, m.sex, m.status, u.name
      FROM members m JOIN units u ON u.id = m.home_unit_id
      WHERE u.path LIKE $1 AND ((${Array.from({ length: words }, (_, index) => `$${index + 6} <% lower(m.full_name)`).join(' AND ')})
        OR lower(m.full_name) LIKE $3 OR m.member_number = $4)
      ORDER BY ((CASE WHEN lower(m.full_name) = $2 OR m.member_number = $4 THEN '0'
        WHEN lower(m.full_name) LIKE $5 THEN '1' WHEN lower(m.full_name) LIKE '% ' || $5 THEN '2' ELSE '3' END)
        || to_char(1 - word_similarity($2, lower(m.full_name)), 'FM0.0000')
        || to_char(1 - similarity($2, lower(m.full_name)), 'FM0.0000') || lower(m.full_name)) COLLATE "C", m.id
      LIMIT 51`;
const rankedSearch = (label: string, q: string) => {
  const words = q.split(/\s+/).filter(Boolean);
  return {
    label,
    path: `/api/v1/members?q=${encodeURIComponent(q)}`,
    sql: rankedSearchSql(words.length),
    values: [`${root.path}%`, q, `%${q}%`, q, `${q}%`, ...words],
    expectFirst: undefined as string | undefined,
  };
};
const exact = rankedSearch(`search q="${name}" (exact name, ranked first)`, name);
exact.expectFirst = name;
const cases = [
  rankedSearch(`search q="${typo}" (typo of "${name}")`, typo),
  exact,
  {
    label: `subtree unitId=${dpd.id} (${dpd.name}, ${dpd.members.toLocaleString('en')} members)`,
    path: `/api/v1/members?unitId=${dpd.id}`,
    sql: `SELECT m.id, m.member_number, m.full_name, m.sex, m.status, u.name FROM members m
      JOIN units u ON u.id = m.home_unit_id
      WHERE u.path LIKE $1 AND u.path LIKE $2 ORDER BY lower(m.full_name), m.id LIMIT 50`,
    values: [`${root.path}%`, `${dpd.path}%`],
    expectFirst: undefined as string | undefined,
  },
];

/** `connections` clients each sending the request again as soon as the last answered, for `seconds`. */
async function concurrentLatencies(path: string, connections: number, seconds: number) {
  const latencies: number[] = [];
  let failures = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const response = await fetch(`${address}${path}`, { headers: { cookie: cookieHeader() } });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        if (!response.ok) failures += 1;
      }
    }),
  );
  return { latencies, failures, rate: latencies.length / seconds };
}

for (const benchCase of cases) {
  say(`\n${benchCase.label}`);
  const first = await fetch(`${address}${benchCase.path}`, { headers: { cookie: cookieHeader() } });
  const body = (await first.json()) as { items?: { fullName: string }[] };
  if (!first.ok) throw new Error(`${benchCase.path}: ${first.status} ${JSON.stringify(body)}`);
  say(`  ${body.items?.length ?? 0} items on the first page, first: ${body.items?.[0]?.fullName ?? '-'}`);
  if (benchCase.expectFirst && body.items?.[0]?.fullName.toLowerCase() !== benchCase.expectFirst)
    throw new Error(`expected "${benchCase.expectFirst}" first`);
  const http: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const started = performance.now();
    const response = await fetch(`${address}${benchCase.path}`, { headers: { cookie: cookieHeader() } });
    await response.arrayBuffer();
    http.push(performance.now() - started);
  }
  const direct: number[] = [];
  for (let index = 0; index < SAMPLES; index += 1) {
    const started = performance.now();
    await client.query('BEGIN');
    await client.query(`SELECT set_config('pg_trgm.word_similarity_threshold', '0.45', true)`);
    await client.query(benchCase.sql, benchCase.values);
    await client.query('COMMIT');
    direct.push(performance.now() - started);
  }
  say(`  HTTP (sequential, ${SAMPLES} requests): ${format(http)}`);
  say(`  SQL  (sequential, ${SAMPLES} queries):  ${format(direct)}`);
  // The target (issue 11): p95 ≤ 100 ms at 8 concurrent connections.
  const loaded = await concurrentLatencies(benchCase.path, 8, 10);
  say(
    `  8 concurrent connections, 10 s: ${Math.round(loaded.rate)} req/s, ${format(loaded.latencies)}` +
      `, failures ${loaded.failures}`,
  );
}

await app.close();
await db.destroy();
await client.end();
