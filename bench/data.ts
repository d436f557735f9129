// Generates the benchmark database and CSV files. Run: npm run bench:data
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/setara_bench) is dropped and re-created with:
// 30,000 units (DPP → 38 DPD → ~500 DPC → PSPs), 1,000,000 members with a sex mix per sector and dated
// status history, 200,000 appointments in bodies and positions per unit; then .tmp/bench/members-1m.csv
// (and a 100k-row file) that reference those units. Everything is generate_series in SQL, set-seeded.
import { createWriteStream, mkdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fakerID_ID as faker } from '@faker-js/faker';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import {
  adminQuery,
  BENCH_DIR,
  BENCH_URL,
  MEMBERS_CSV,
  MEMBERS_CSV_100K,
  say,
  seconds,
  serverOf,
} from './bench-database.ts';

const UNITS = 30_000;
const MEMBERS = 1_000_000;
const APPOINTMENTS = 200_000;

faker.seed(2026);
const uniqueNames = (make: () => string, count: number) => {
  const names = new Set<string>();
  for (let tries = 0; names.size < count && tries < count * 20; tries += 1) names.add(make());
  return [...names];
};
const femaleNames = uniqueNames(() => faker.person.firstName('female'), 300);
const maleNames = uniqueNames(() => faker.person.firstName('male'), 300);
const lastNames = uniqueNames(() => faker.person.lastName(), 400);

const started = performance.now();
const { adminUrl, name } = serverOf(BENCH_URL);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const db = createDatabase(BENCH_URL, 1);
await migrateToLatest(db);
await db.destroy();

const client = new pg.Client({ connectionString: BENCH_URL });
await client.connect();
const arrayOf = (names: string[]) => `ARRAY[${names.map((item) => client.escapeLiteral(item)).join(',')}]`;
const femaleArray = arrayOf(femaleNames);
const maleArray = arrayOf(maleNames);
const lastArray = arrayOf(lastNames);
const step = async (label: string, statement: string) => {
  const at = performance.now();
  await client.query(statement);
  say(`  ${label}: ${seconds(at)} s`);
};

await client.query(`SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'; SELECT setseed(0.2026)`);

say(`Generating ${name}`);
await step(
  'units',
  `
  INSERT INTO units (parent_id, path, depth, name, code, level) VALUES (NULL, '/1/', 0, 'DPP Serikat Pekerja Nasional', 'DPP', 'DPP');
  UPDATE units SET path = '/' || id || '/' WHERE parent_id IS NULL;
  INSERT INTO units (parent_id, path, depth, name, code, level, region_code)
    SELECT (SELECT id FROM units WHERE parent_id IS NULL), 'p-' || r.code, 1, 'DPD ' || r.name, 'DPD-' || r.code, 'DPD', r.code
    FROM regions r WHERE r.kind = 'province' ORDER BY r.code LIMIT 38;
  INSERT INTO units (parent_id, path, depth, name, code, level, region_code)
    SELECT d.id, 'p-' || r.code, 2, 'DPC ' || r.name, 'DPC-' || replace(r.code, '.', ''), 'DPC', r.code
    FROM (SELECT * FROM regions WHERE kind = 'regency' ORDER BY code LIMIT 500) r
    JOIN units d ON d.region_code = r.province_code AND d.level = 'DPD';
  CREATE TEMP TABLE dpc AS SELECT id, code, region_code, row_number() OVER (ORDER BY id) AS n FROM units WHERE level = 'DPC';
  INSERT INTO units (parent_id, path, depth, name, code, level, region_code, sector, company_name)
    SELECT dpc.id, 'p-psp-' || g, 3, 'PSP PT ' || initcap(s.sector) || ' ' || g,
      'PSP-' || substr(dpc.code, 5) || '-' || lpad(g::text, 5, '0'), 'PSP', dpc.region_code, s.sector,
      'PT ' || initcap(s.sector) || ' Nusantara ' || g
    FROM generate_series(1, ${UNITS} - (SELECT count(*)::int FROM units)) g
    JOIN dpc ON dpc.n = 1 + (hashint4(g) & 2147483647) % (SELECT count(*) FROM dpc)
    CROSS JOIN LATERAL (SELECT (ARRAY['garmen','garmen','garmen','tekstil','tekstil','sepatu','sepatu','kulit',
      'makanan_minuman','makanan_minuman','kimia','logam','lainnya'])[1 + (hashint4(g + 7) & 2147483647) % 13] AS sector) s;
  UPDATE units u SET path = p.path || u.id || '/' FROM units p WHERE u.depth = 1 AND p.id = u.parent_id;
  UPDATE units u SET path = p.path || u.id || '/' FROM units p WHERE u.depth = 2 AND p.id = u.parent_id;
  UPDATE units u SET path = p.path || u.id || '/' FROM units p WHERE u.depth = 3 AND p.id = u.parent_id;
  `,
);

await step(
  'members',
  `
  DROP INDEX members_name_trgm, members_name_sort, members_unit_idx;
  CREATE TEMP TABLE psp AS SELECT id, sector, row_number() OVER (ORDER BY id) AS n FROM units WHERE level = 'PSP';
  CREATE TEMP TABLE women_share (sector text PRIMARY KEY, share float8);
  INSERT INTO women_share VALUES ('garmen', 0.88), ('tekstil', 0.62), ('sepatu', 0.78), ('kulit', 0.45),
    ('makanan_minuman', 0.55), ('kimia', 0.30), ('logam', 0.10), ('lainnya', 0.40);
  INSERT INTO members (member_number, full_name, sex, birth_year, phone, email, home_unit_id, employer, job_title,
      joined_on, status)
  SELECT '32' || lpad(g::text, 14, '0'),
    (CASE WHEN sex = 'P' OR (sex IS NULL AND g % 2 = 0) THEN ${femaleArray} ELSE ${maleArray} END)
      [1 + (hashint4(g + 1) & 2147483647) % 250] || ' ' || (${lastArray})[1 + (hashint4(g + 2) & 2147483647) % 250],
    sex, 1960 + (hashint4(g + 3) & 2147483647) % 45,
    CASE WHEN g % 3 > 0 THEN '08' || lpad(((hashint4(g + 4) & 2147483647) % 1000000000)::text, 10, '0') END,
    CASE WHEN g % 5 = 0 THEN 'anggota' || g || '@example.org' END,
    unit_id, 'PT Nusantara ' || unit_id, (ARRAY['Operator', 'Penjahit', 'QC', 'Staf Gudang', 'Mekanik'])[1 + g % 5],
    date '2000-01-01' + (hashint4(g + 5) & 2147483647) % 9000,
    CASE WHEN r < 0.90 THEN 'aktif' WHEN r < 0.93 THEN 'calon' WHEN r < 0.96 THEN 'non_aktif'
      WHEN r < 0.98 THEN 'keluar' WHEN r < 0.99 THEN 'phk' ELSE 'meninggal' END
  FROM (
    SELECT g, psp.id AS unit_id,
      CASE WHEN sr < 0.02 THEN NULL WHEN sr < 0.02 + 0.98 * w.share THEN 'P' ELSE 'L' END AS sex,
      ((hashint4(g + 6) & 2147483647) % 10000) / 10000.0 AS r
    FROM generate_series(1, ${MEMBERS}) g
    JOIN psp ON psp.n = 1 + (hashint4(g) & 2147483647) % (SELECT count(*) FROM psp)
    JOIN women_share w ON w.sector = psp.sector
    CROSS JOIN LATERAL (SELECT ((hashint4(g + 9) & 2147483647) % 10000) / 10000.0 AS sr) x
  ) m;
  `,
);
await step(
  'status history',
  `
  INSERT INTO member_status_history (member_id, status, unit_id, valid_from, reason)
    SELECT id, CASE WHEN status = 'calon' THEN 'calon' ELSE 'aktif' END, home_unit_id, joined_on, 'joined' FROM members;
  -- The change falls strictly between joining and yesterday: never a future-dated row, so "active today"
  -- from the status column and from the dated history agree.
  INSERT INTO member_status_history (member_id, status, unit_id, valid_from, reason)
    SELECT id, status, home_unit_id,
      joined_on + 1 + (id % GREATEST(1, current_date - joined_on - 1))::int, 'status change' FROM members
    WHERE status NOT IN ('aktif', 'calon') AND joined_on < current_date - 1;
  `,
);
await step(
  'member indexes',
  `
  CREATE INDEX members_unit_idx ON members (home_unit_id, id);
  CREATE INDEX members_name_trgm ON members USING gin (lower(full_name) gin_trgm_ops);
  CREATE INDEX members_name_sort ON members (lower(full_name), id);
  `,
);
await step(
  'bodies, positions, appointments',
  `
  INSERT INTO bodies (unit_id, kind, name, statutory_seats)
    SELECT id, 'executive', 'Pengurus ' || name, 7 FROM units;
  INSERT INTO bodies (unit_id, kind, name, statutory_seats)
    SELECT id, 'komite_perempuan', 'Komite Perempuan ' || name, 5 FROM units WHERE level IN ('DPP', 'DPD', 'DPC') OR id % 5 = 0;
  INSERT INTO positions (body_id, title, category, seats, sort_order)
    SELECT b.id, p.title, p.category, p.seats, p.sort_order FROM bodies b
    CROSS JOIN (VALUES ('Ketua', 'strategic', 1, 1), ('Wakil Ketua', 'strategic', 1, 2), ('Sekretaris', 'administrative', 1, 3),
      ('Bendahara', 'administrative', 1, 4), ('Anggota', 'other', 3, 5)) AS p(title, category, seats, sort_order);
  CREATE TEMP TABLE unit_members AS
    SELECT home_unit_id AS unit_id, id, row_number() OVER (PARTITION BY home_unit_id ORDER BY id) AS n,
      count(*) OVER (PARTITION BY home_unit_id) AS total FROM members;
  CREATE INDEX ON unit_members (unit_id, n);
  INSERT INTO appointments (position_id, member_id, term_start, term_end, basis)
    SELECT s.position_id, coalesce(um.id, (SELECT id FROM members WHERE id = 1 + (hashint4(s.k::int) & 2147483647) % ${MEMBERS})),
      date '2023-01-01' + (s.k % 700)::int, NULL, CASE WHEN s.k % 20 = 0 THEN 'acting' ELSE 'elected' END
    FROM (
      SELECT p.id AS position_id, b.unit_id, row_number() OVER (ORDER BY p.id, seat) AS k
      FROM positions p JOIN bodies b ON b.id = p.body_id CROSS JOIN generate_series(1, p.seats) AS seat
    ) s
    LEFT JOIN LATERAL (SELECT um.id FROM unit_members um
      WHERE um.unit_id = s.unit_id AND um.n = 1 + (hashint4(s.k::int) & 2147483647) % um.total LIMIT 1) um ON true
    WHERE s.k <= ${APPOINTMENTS};
  ANALYZE;
  `,
);

// The CSV: a re-registration drive as PSPs send it. 70% of rows are existing members (one in ten of
// them with a corrected name, phone, status or unit), 30% are new members; Indonesian headers, DD/MM/YYYY dates.
mkdirSync(BENCH_DIR, { recursive: true });
const csvQuery = (limit: number) => `COPY (
  SELECT member_number AS "No Anggota", full_name AS "Nama Lengkap", sex AS "Jenis Kelamin",
    birth_year AS "Tahun Lahir", phone AS "No HP", email AS "Email", unit_code AS "Kode PSP",
    employer AS "Perusahaan", job_title AS "Jabatan", to_char(joined_on, 'DD/MM/YYYY') AS "Tgl Bergabung",
    status AS "Status"
  FROM (
    SELECT g,
      CASE WHEN g <= 700000 THEN m.member_number ELSE '33' || lpad(g::text, 14, '0') END AS member_number,
      CASE WHEN g <= 700000 AND g % 40 = 1 THEN m.full_name || ' Putri' WHEN g <= 700000 THEN m.full_name
        ELSE (${femaleArray})[1 + g % 250] || ' ' || (${lastArray})[1 + g % 250] END AS full_name,
      CASE WHEN g <= 700000 THEN m.sex ELSE (ARRAY['P', 'L', 'P'])[1 + g % 3] END AS sex,
      coalesce(m.birth_year, 1970 + g % 35) AS birth_year,
      CASE WHEN g <= 700000 AND g % 40 = 3 THEN '0857' || lpad(g::text, 8, '0') ELSE m.phone END AS phone,
      m.email,
      CASE WHEN g <= 700000 AND g % 40 <> 5 THEN u.code ELSE pu.code END AS unit_code,
      coalesce(m.employer, 'PT Baru ' || g) AS employer, coalesce(m.job_title, 'Operator') AS job_title,
      coalesce(m.joined_on, date '2024-01-01' + g % 600) AS joined_on,
      CASE WHEN g <= 700000 AND g % 40 = 7 THEN 'non-aktif' ELSE coalesce(m.status, 'aktif') END AS status
    FROM generate_series(1, ${limit}) g
    LEFT JOIN members m ON m.id = g AND g <= 700000
    LEFT JOIN units u ON u.id = m.home_unit_id
    JOIN units pu ON pu.level = 'PSP' AND pu.id = (SELECT min(id) FROM units WHERE level = 'PSP') + g % 29000
  ) rows ORDER BY g
) TO STDOUT WITH (FORMAT csv, HEADER true)`;
for (const [file, limit] of [
  [MEMBERS_CSV, MEMBERS],
  [MEMBERS_CSV_100K, 100_000],
] as const) {
  const at = performance.now();
  await pipeline(client.query(copyTo(csvQuery(limit))), createWriteStream(file));
  say(`  ${file}: ${seconds(at)} s`);
}

const { rows } = await client.query<{ table: string; rows: number }>(`
  SELECT 'units' AS table, count(*)::int AS rows FROM units UNION ALL
  SELECT 'members', count(*)::int FROM members UNION ALL
  SELECT 'member_status_history', count(*)::int FROM member_status_history UNION ALL
  SELECT 'bodies', count(*)::int FROM bodies UNION ALL
  SELECT 'positions', count(*)::int FROM positions UNION ALL
  SELECT 'appointments', count(*)::int FROM appointments UNION ALL
  SELECT 'future-dated status rows', count(*)::int FROM member_status_history WHERE valid_from > current_date`);
await client.end();
for (const row of rows) say(`${row.table.padEnd(24)} ${row.rows.toLocaleString('en')}`);
say(`Generated in ${seconds(started)} s`);
