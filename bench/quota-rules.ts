// Quota evaluation latency on its own database (`setara_bench_quota_rules`, made and migrated here, filled once):
// 3,000 executive boards of 11 seats with terms (one vacancy, one Plt and one unknown sex in some), and a
// Kongres with 500 delegations of 6 seats. Prints p50/p95 of evaluateBody (one body as of a date, the
// function dashboards reuse), of the pure engine over all boards, and of the credentials view of the Kongres.
// Run: npm run bench:quota-rules
import { sql } from 'kysely';
import { createQuotaEvaluator } from '../server/modules/quota/quota.service.ts';
import { evaluateAll, countSeats, type Seat } from '../server/modules/quota/quota-engine.ts';
import { createQuotaRepository } from '../server/modules/quota/quota.repository.ts';
import { createCredentialsService } from '../server/modules/assemblies/credentials.service.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { adminQuery, BENCH_URL, say, serverOf, withDatabaseName } from './bench-database.ts';
import { formatLatency } from './bench-support.ts';

const BOARDS = 3000;
const DELEGATIONS = 500;
const SAMPLES = 300;

const format = (values: number[]) => formatLatency(values, 2);

const { adminUrl } = serverOf(BENCH_URL);
const name = 'setara_bench_quota_rules';
const exists = await (async () => {
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: adminUrl });
  await client.connect();
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  await client.end();
  return found.rowCount === 1;
})();
if (!exists) await adminQuery(adminUrl, [`CREATE DATABASE ${name}`]);
const db = createDatabase(withDatabaseName(BENCH_URL, name), 4);
await migrateToLatest(db);

const filled = await db
  .selectFrom('bodies')
  .select(sql<number>`count(*)::int`.as('n'))
  .executeTakeFirstOrThrow();
if (filled.n < BOARDS) {
  const started = performance.now();
  // Idempotent fill: units, members, boards, positions, appointments and a Kongres, set-based SQL.
  // One multi-statement simple query: PostgreSQL runs it as one implicit transaction.
  await sql
    .raw(
      `
    INSERT INTO units (parent_id, path, depth, name, code, level)
    SELECT NULL, '/1/', 0, 'DPP Bench', 'BENCH-DPP', 'DPP' WHERE NOT EXISTS (SELECT 1 FROM units);
    INSERT INTO units (parent_id, path, depth, name, code, level)
    SELECT 1, '/1/' || (i + 1) || '/', 1, 'DPC ' || i, 'BENCH-DPC-' || i, 'DPC' FROM generate_series(1, ${BOARDS}) i;
    INSERT INTO members (member_number, full_name, sex, home_unit_id, status)
    SELECT 'B-' || i, 'Anggota ' || i, CASE WHEN i % 97 = 0 THEN NULL WHEN (i * 7919) % 10 < 3 THEN 'P' ELSE 'L' END,
      2 + (i % ${BOARDS}), 'aktif' FROM generate_series(1, ${BOARDS * 12 + 20}) i;
    INSERT INTO bodies (unit_id, kind, name, statutory_seats)
    SELECT id, 'executive', 'Pengurus ' || name, 11 FROM units WHERE level = 'DPC';
    INSERT INTO positions (body_id, title, category, seats, sort_order)
    SELECT b.id, p.title, p.category, p.seats, p.ord FROM bodies b CROSS JOIN (VALUES
      ('Ketua', 'strategic', 1, 1), ('Wakil Ketua', 'strategic', 2, 2), ('Sekretaris', 'administrative', 1, 3),
      ('Bendahara', 'administrative', 1, 4), ('Anggota', 'other', 6, 5)) AS p(title, category, seats, ord);
    INSERT INTO appointments (position_id, member_id, term_start, term_end, basis)
    SELECT p.id, m.id, '2021-01-01', CASE WHEN s.n = 1 THEN '2025-12-31'::date END,
      CASE WHEN p.title = 'Sekretaris' AND p.body_id % 5 = 0 THEN 'acting' ELSE 'elected' END
    FROM positions p CROSS JOIN LATERAL generate_series(1, p.seats) s(n)
    JOIN members m ON m.id = (p.body_id - 1) * 12 + p.sort_order * 2 + s.n
    WHERE NOT (p.title = 'Anggota' AND s.n = 6);
    INSERT INTO assemblies (unit_id, kind, name, starts_on) VALUES (1, 'kongres', 'Kongres Bench', '2026-06-01');
    INSERT INTO delegation_allocations (assembly_id, unit_id, category, seats)
    SELECT (SELECT max(id) FROM assemblies), id, 'executive', 6 FROM units WHERE level = 'DPC' ORDER BY id LIMIT ${DELEGATIONS};
    INSERT INTO delegates (allocation_id, member_id)
    SELECT d.id, m.id FROM delegation_allocations d
    JOIN members m ON m.home_unit_id = d.unit_id
    WHERE m.id % 12 < 5;
  `,
    )
    .execute(db);
  say(`filled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const quota = createQuotaRepository();
const evaluator = createQuotaEvaluator({ db, quota });
const bodyIds = (await db.selectFrom('bodies').select('id').execute()).map((row) => row.id);
say(`boards: ${bodyIds.length}, delegations: ${DELEGATIONS}`);

// 1. evaluateBody: one body as of a date (two queries plus the rules; rules loaded per call as the API does).
const single: number[] = [];
for (let index = 0; index < SAMPLES; index++) {
  const bodyId = bodyIds[(index * 7919) % bodyIds.length]!;
  const started = performance.now();
  await evaluator.evaluateBody(bodyId, index % 2 ? '2025-06-01' : '2026-06-01');
  single.push(performance.now() - started);
}
say(`evaluateBody (one body, as of a date): ${format(single)}`);

// 2. The pure engine over every board at once, seats loaded in one query.
const rules = await evaluator.loadRules(db);
const rows = await sql<{
  body_id: number;
  title: string;
  category: string;
  sex: 'L' | 'P' | null;
  basis: string;
}>`
  SELECT p.body_id, p.title, p.category, m.sex, a.basis FROM positions p
  JOIN appointments a ON a.position_id = p.id AND a.term_start <= '2026-06-01' AND (a.term_end IS NULL OR a.term_end >= '2026-06-01')
  JOIN members m ON m.id = a.member_id`.execute(db);
const seatsByBody = new Map<number, Seat[]>();
for (const row of rows.rows) {
  const list = seatsByBody.get(row.body_id) ?? [];
  list.push({
    positionTitle: row.title,
    positionCategory: row.category as Seat['positionCategory'],
    filled: true,
    sex: row.sex,
    acting: row.basis === 'acting',
  });
  seatsByBody.set(row.body_id, list);
}
const engineStarted = performance.now();
let nonCompliant = 0;
for (const bodyId of bodyIds) {
  const result = evaluateAll(
    rules,
    { kind: 'executive', level: 'DPC' },
    countSeats(seatsByBody.get(bodyId) ?? [], 11),
    { asOf: '2026-06-01' },
  );
  if (result.status === 'non_compliant') nonCompliant++;
}
const engineMs = performance.now() - engineStarted;
say(
  `engine over ${bodyIds.length} boards: ${engineMs.toFixed(1)} ms (${((engineMs * 1000) / bodyIds.length).toFixed(1)} µs per board); non-compliant: ${nonCompliant}`,
);

// 3. Credentials view of a Kongres with 500 delegations (as the committee sees it).
const credentials = createCredentialsService({ db, quota, evaluator, clock: { now: () => new Date() } });
const assembly = await db
  .selectFrom('assemblies')
  .select('id')
  .orderBy('id', 'desc')
  .executeTakeFirstOrThrow();
const committee = {
  userId: '00000000-0000-4000-8000-000000000001',
  label: 'bench',
  requestId: 'bench',
  language: 'id' as const,
  principal: { userId: 'bench', grants: [{ role: 'org_admin' as const, unitId: 1, unitPath: '/1/' }] },
};
const views: number[] = [];
for (let index = 0; index < 5; index++) {
  const started = performance.now();
  const view = await credentials.listCredentials(committee, assembly.id);
  views.push(performance.now() - started);
  if (view.delegations.length !== DELEGATIONS) throw new Error(`expected ${DELEGATIONS} delegations`);
}
say(`credentials view, ${DELEGATIONS} delegations: ${format(views)}`);
await db.destroy();
