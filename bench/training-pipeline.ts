// Leadership pipeline latency over the 1M-member bench database (run `npm run bench:data` first):
// applies pending migrations (the pipeline indexes among them), adds once (idempotent) 50,000 training
// participants over 2020–2026 in classes of every track per DPD (about 80% completed), cadre stage records
// for some graduates, later appointments for some women graduates, term ends on a quarter of the
// existing appointments, a Kongres with graduates as delegates and class facilitators; refreshes the
// quota summary (its judgement is what the ready pool reads); then, through HTTP with a signed-in
// gender_officer at the DPP, p50/p95 of the funnel, the ready pool and the proportionality view at the
// DPP and at the largest DPD, printed beside the same repository queries run directly in SQL.
// Run: npm run bench:pipeline   (DATABASE_URL overrides the default setara_bench; PIPELINE_RECORDS the 50,000)
import pg from 'pg';
import { buildApp, createServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createPipelineRepository } from '../server/modules/training/pipeline.repository.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { isoDateIn } from '../server/platform/dates.ts';
import { createMailer } from '../server/platform/mail.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import { addMonths, minimalRoots } from '../server/modules/training/pipeline-rules.ts';
import { BENCH_URL, say, seconds } from './bench-database.ts';
import { formatLatency, percentile, signIn } from './bench-support.ts';

const RECORDS = Number(process.env.PIPELINE_RECORDS ?? 50_000);
const SAMPLES = Number(process.env.PIPELINE_SAMPLES ?? 40);
const EMAIL = 'bench.pipeline@spn.test';
const PASSWORD = 'Bench-Pipeline-Setara-2026';
const PROGRAM = 'Bench Pipeline';
const TRACKS = ['perempuan', 'pekerja_muda', 'laskar', 'media', 'tkbh', 'pendidikan_dasar', 'sop_kasus'];
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];

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
const { rows: scale } = await client.query<{ members: number; units: number; appointments: number }>(`
  SELECT (SELECT count(*)::int FROM members) AS members, (SELECT count(*)::int FROM units) AS units,
    (SELECT count(*)::int FROM appointments) AS appointments`);
say(
  `Scale: ${scale[0]!.members.toLocaleString('en')} members, ${scale[0]!.units.toLocaleString('en')} units, ${scale[0]!.appointments.toLocaleString('en')} appointments`,
);

const step = async (label: string, statement: string) => {
  const at = performance.now();
  const result = await client.query(statement);
  say(
    `  ${label}: ${seconds(at)} s${result.rowCount ? ` (${result.rowCount.toLocaleString('en')} rows)` : ''}`,
  );
};

const existing = await client.query(`SELECT 1 FROM training_programs WHERE name = $1`, [PROGRAM]);
if (existing.rows.length === 0) {
  say(`\nAdding ${RECORDS.toLocaleString('en')} training records (once)`);
  await client.query(`SET work_mem = '256MB'; SELECT setseed(0.2026)`);
  await step(
    'programs and classes (every track, every DPD, 2020–2026)',
    `
    WITH p AS (
      INSERT INTO training_programs (unit_id, name, starts_on, ends_on, partners)
      SELECT d.id, '${PROGRAM}', make_date(y, 11, 10), make_date(y, 11, 12), '{KSPI}'
      FROM units d CROSS JOIN unnest(ARRAY[${YEARS.join(',')}]) AS y WHERE d.level = 'DPD'
      RETURNING id, starts_on, ends_on
    )
    INSERT INTO training_classes (program_id, track, level, title, seats, women_only, starts_on, ends_on)
    SELECT p.id, t, 'dasar', 'Kelas ' || initcap(replace(t, '_', ' ')), 40, t = 'perempuan', p.starts_on, p.ends_on
    FROM p CROSS JOIN unnest(ARRAY[${TRACKS.map((t) => `'${t}'`).join(',')}]) AS t`,
  );
  await step(
    'members by DPD (numbered, women apart)',
    `
    CREATE TEMP TABLE bench_members AS
    SELECT m.id, m.sex, (string_to_array(btrim(u.path, '/'), '/'))[2]::int AS dpd_id, m.home_unit_id,
      row_number() OVER (PARTITION BY (string_to_array(btrim(u.path, '/'), '/'))[2] ORDER BY m.id) AS n,
      row_number() OVER (PARTITION BY (string_to_array(btrim(u.path, '/'), '/'))[2], m.sex = 'P' ORDER BY m.id) AS nw
    FROM members m JOIN units u ON u.id = m.home_unit_id WHERE m.status = 'aktif' AND u.depth >= 1;
    CREATE INDEX ON bench_members (dpd_id, n); CREATE INDEX ON bench_members (dpd_id, nw) WHERE sex = 'P';
    CREATE TEMP TABLE bench_dpd AS SELECT dpd_id, count(*) AS total, count(*) FILTER (WHERE sex = 'P') AS women
      FROM bench_members GROUP BY dpd_id;
    ANALYZE bench_members, bench_dpd`,
  );
  const classes = Number(
    (
      await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM training_classes c JOIN training_programs p ON p.id = c.program_id WHERE p.name = $1`,
        [PROGRAM],
      )
    ).rows[0]!.n,
  );
  const perClass = Math.ceil((RECORDS * 1.06) / classes);
  await step(
    `participants (${perClass} drawn per class, ~80% completed)`,
    `
    INSERT INTO training_participants (class_id, member_id, nominating_unit_id, status, enrolment_code)
    SELECT x.class_id, x.member_id, x.home_unit_id,
      CASE WHEN r < 0.80 THEN 'completed' WHEN r < 0.88 THEN 'not_completed' WHEN r < 0.94 THEN 'no_show'
        ELSE 'accepted' END,
      'B' || upper(lpad(to_hex(row_number() OVER ()), 7, '0'))
    FROM (
      SELECT DISTINCT ON (y.class_id, y.member_id) y.*, random() AS r FROM (
        SELECT c.id AS class_id, bm.id AS member_id, bm.home_unit_id
        FROM training_classes c
        JOIN training_programs p ON p.id = c.program_id AND p.name = '${PROGRAM}'
        JOIN bench_dpd d ON d.dpd_id = p.unit_id AND d.women > 0
        CROSS JOIN generate_series(1, ${perClass}) AS k
        JOIN bench_members bm ON bm.dpd_id = d.dpd_id AND bm.sex = 'P'
          AND bm.nw = 1 + (hashint4(c.id * 1000 + k) & 2147483647) % d.women
        WHERE c.women_only
        UNION ALL
        SELECT c.id, bm.id, bm.home_unit_id
        FROM training_classes c
        JOIN training_programs p ON p.id = c.program_id AND p.name = '${PROGRAM}'
        JOIN bench_dpd d ON d.dpd_id = p.unit_id
        CROSS JOIN generate_series(1, ${perClass}) AS k
        JOIN bench_members bm ON bm.dpd_id = d.dpd_id AND bm.n = 1 + (hashint4(c.id * 1000 + k) & 2147483647) % d.total
        WHERE NOT c.women_only
      ) y
    ) x
    LIMIT ${RECORDS}`,
  );
  await step(
    'cadre stages (a third of graduates kader dasar, a tenth of them kader madya too)',
    `
    INSERT INTO cadre_stage_records (member_id, stage, achieved_on)
    SELECT member_id, 'kader_dasar', min(c.ends_on) + 30 FROM training_participants t
    JOIN training_classes c ON c.id = t.class_id
    WHERE t.status = 'completed' AND t.member_id % 3 = 0 GROUP BY member_id;
    INSERT INTO cadre_stage_records (member_id, stage, achieved_on)
    SELECT member_id, 'kader_madya', achieved_on + 400 FROM cadre_stage_records
    WHERE stage = 'kader_dasar' AND member_id % 10 = 0`,
  );
  await step(
    'later appointments of women graduates (one in six, in their PSP board, 3-year terms)',
    `
    INSERT INTO appointments (position_id, member_id, term_start, term_end, basis)
    SELECT DISTINCT ON (g.member_id) pos.id, g.member_id, g.ends_on + 30 + (g.member_id % 700)::int,
      g.ends_on + 30 + (g.member_id % 700)::int + 1095, 'elected'
    FROM (
      SELECT t.member_id, min(c.ends_on) AS ends_on FROM training_participants t
      JOIN training_classes c ON c.id = t.class_id AND c.track = 'perempuan'
      WHERE t.status = 'completed' AND t.member_id % 6 = 1 GROUP BY t.member_id
    ) g
    JOIN members m ON m.id = g.member_id
    JOIN bodies b ON b.unit_id = m.home_unit_id AND b.kind = 'executive'
    JOIN positions pos ON pos.body_id = b.id AND pos.title = 'Anggota'
    ORDER BY g.member_id, pos.id`,
  );
  await step(
    'term ends on a quarter of the existing appointments (4-year terms)',
    `UPDATE appointments SET term_end = term_start + 1461 WHERE term_end IS NULL AND id % 4 = 0`,
  );
  await step(
    'Kongres with graduates as Komite Perempuan delegates',
    `
    WITH k AS (INSERT INTO assemblies (unit_id, kind, name, starts_on)
      VALUES (${root.id}, 'kongres', 'Kongres Pipeline Bench', '2026-06-01') RETURNING id),
    a AS (INSERT INTO delegation_allocations (assembly_id, unit_id, category, seats)
      SELECT k.id, d.id, 'komite_perempuan', 40 FROM k, units d WHERE d.level = 'DPD' RETURNING id, unit_id)
    INSERT INTO delegates (allocation_id, member_id)
    SELECT DISTINCT a.id, t.member_id FROM training_participants t
    JOIN members m ON m.id = t.member_id JOIN units u ON u.id = m.home_unit_id
    JOIN a ON a.unit_id = (string_to_array(btrim(u.path, '/'), '/'))[2]::int
    WHERE t.status = 'completed' AND t.member_id % 5 = 2`,
  );
  await step(
    'facilitators (an external person and a member per class)',
    `
    INSERT INTO training_external_persons (full_name, organisation, sex)
    SELECT 'Fasilitator ' || g, 'KSPI', CASE WHEN g % 3 = 0 THEN 'L' ELSE 'P' END FROM generate_series(1, 60) g;
    INSERT INTO training_facilitators (class_id, external_person_id)
    SELECT c.id, (SELECT min(id) FROM training_external_persons) + c.id % 60 FROM training_classes c
    JOIN training_programs p ON p.id = c.program_id AND p.name = '${PROGRAM}';
    INSERT INTO training_facilitators (class_id, member_id)
    SELECT DISTINCT ON (c.id) c.id, bm.id FROM training_classes c
    JOIN training_programs p ON p.id = c.program_id AND p.name = '${PROGRAM}'
    JOIN bench_members bm ON bm.dpd_id = p.unit_id AND bm.n = 1 + c.id % 50
    ORDER BY c.id`,
  );
  await client.query('ANALYZE');
}
const { rows: counts } = await client.query<{ name: string; n: number }>(`
  SELECT 'participants' AS name, count(*)::int AS n FROM training_participants UNION ALL
  SELECT 'completed', count(*)::int FROM training_participants WHERE status = 'completed' UNION ALL
  SELECT 'classes', count(*)::int FROM training_classes UNION ALL
  SELECT 'cadre records', count(*)::int FROM cadre_stage_records UNION ALL
  SELECT 'delegates', count(*)::int FROM delegates UNION ALL
  SELECT 'appointments with a term end', count(*)::int FROM appointments WHERE term_end IS NOT NULL`);
say(`Training data: ${counts.map((row) => `${row.name} ${row.n.toLocaleString('en')}`).join(', ')}`);

const masterKey = generateMasterKey();
const keyring = createKeyring(db, masterKey);
const mailer = createMailer(db, { from: config.MAIL_FROM });
const { quotaDashboardService } = createServices({ config, db, databaseUrl: BENCH_URL, keyring, mailer });
const refreshAt = performance.now();
const refresh = await quotaDashboardService.refreshSummary('bench');
say(
  `Quota summary refresh (judges every body; the ready pool reads it): ${(performance.now() - refreshAt).toFixed(0)} ms, ${refresh.bodies?.toLocaleString('en')} bodies`,
);

const { id: userId } = (
  await client.query<{ id: string }>(
    `INSERT INTO users (email, display_name, home_unit_id, password_hash) VALUES ($1, 'Bench Pipeline', $2, $3)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
    [EMAIL, root.id, await hashPassword(PASSWORD)],
  )
).rows[0] as { id: string };
await client.query(
  `INSERT INTO role_grants (user_id, role, unit_id) SELECT $1, 'gender_officer', $2
   WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE user_id = $1 AND role = 'gender_officer')`,
  [userId, root.id],
);
const dpd = (
  await client.query<{ id: number; path: string; name: string }>(`
    SELECT d.id, d.path, d.name FROM units d JOIN units u ON u.path LIKE d.path || '%'
    WHERE d.level = 'DPD' GROUP BY d.id ORDER BY count(*) DESC, d.id LIMIT 1`)
).rows[0]!;

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
const pipeline = createPipelineRepository();
const today = isoDateIn(new Date());

/** The repository queries one endpoint makes, run directly (no HTTP, no service, no JSON). */
const sqlOf: Record<string, (path: string) => Promise<unknown>> = {
  funnel: (path) =>
    Promise.all([
      pipeline.cohortYears(db, path, 'perempuan'),
      pipeline.namedUnits(db, Number(path.split('/').at(-2))),
      pipeline.graduates(db, { path, track: 'perempuan', year: 2025, minStage: 'kader_dasar' }),
    ]),
  'ready pool': async (path) => {
    const bodies = await pipeline.readyBodies(db, {
      path,
      today,
      until: addMonths(today, 6),
      limit: 20,
      offset: 0,
    });
    const candidates = await pipeline.candidates(db, {
      // Minimal roots, as the service passes them.
      roots: minimalRoots(bodies.map((body) => body.unit_path)),
      bodies: bodies.map((body) => ({ id: body.body_id, unitId: body.unit_id })),
      today,
      perBody: 25,
    });
    await pipeline.completedClasses(db, [...new Set(candidates.map((row) => row.member_id))]);
  },
  proportionality: async (path) => {
    const [trainees] = await Promise.all([
      pipeline.trainees(db, { path, fromYear: 2022, toYear: 2026 }),
      pipeline.facilitators(db, { path, fromYear: 2022, toYear: 2026 }),
    ]);
    await pipeline.membershipByPath(db, [...new Set(trainees.flatMap((row) => row.sending_paths))]);
  },
};

const results: string[] = [];
for (const node of [
  { label: 'DPP', unit: { id: root.id, path: root.path } },
  { label: `DPD ${dpd.name}`, unit: dpd },
]) {
  for (const [name, url] of [
    ['funnel', `/api/v1/training/pipeline?unitId=${node.unit.id}&year=2025`],
    ['ready pool', `/api/v1/training/pipeline/ready-pool?unitId=${node.unit.id}`],
    [
      'proportionality',
      `/api/v1/training/pipeline/proportionality?unitId=${node.unit.id}&fromYear=2022&toYear=2026`,
    ],
  ] as const) {
    const first = await session.fetch(url);
    const body = (await first.json()) as {
      funnel?: { total: { outcomes: { trained: { total: { value: number | null } } } } };
      total?: number;
      items?: { candidates: { total: number } }[];
      rows?: unknown[];
    };
    if (!first.ok) throw new Error(`${url}: ${first.status} ${JSON.stringify(body)}`);
    const what = body.funnel
      ? `${body.funnel.total.outcomes.trained.total.value?.toLocaleString('en')} graduates of Kelas Perempuan 2025`
      : body.items
        ? `${body.total?.toLocaleString('en')} bodies, first page ${body.items.length} with ${body.items.reduce((sum, item) => sum + item.candidates.total, 0).toLocaleString('en')} candidates in all`
        : `${body.rows?.length} track × year rows`;
    const http: number[] = [];
    for (let index = 0; index < SAMPLES; index += 1) {
      const started = performance.now();
      const response = await session.fetch(url);
      await response.arrayBuffer();
      http.push(performance.now() - started);
    }
    const direct: number[] = [];
    for (let index = 0; index < SAMPLES; index += 1) {
      const started = performance.now();
      await sqlOf[name]!(node.unit.path);
      direct.push(performance.now() - started);
    }
    const p95 = percentile(http, 95);
    say(`\n${node.label} ${name}: ${what}`);
    say(`  HTTP (sequential, ${SAMPLES} requests): ${formatLatency(http)}`);
    say(`  same queries in SQL (${SAMPLES} runs):   ${formatLatency(direct)}`);
    results.push(
      `${node.label} ${name}: HTTP p95 ${p95.toFixed(1)} ms (target ≤ 100 ms: ${p95 <= 100 ? 'met' : 'NOT met'})`,
    );
  }
}
say(`\n${results.join('\n')}`);
const load = (await import('node:os')).loadavg();
say(`load average during the run: ${load.map((value) => value.toFixed(2)).join(', ')} (2 cores, shared)`);

await app.close();
await db.destroy();
await client.end();
