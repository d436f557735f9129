import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { memberStatuses, sectors } from '../../../shared/taxonomies.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import type { ImportKind } from './import-mapping.ts';

/**
 * SQL of imports. Uploads go into `import_rows` with COPY; validation and the real run are set-based
 * statements over a temporary table `import_staged` that holds, per file row, the mapped cells, the parsed
 * values, the matching unit and existing record, one error code column per field, and `ok`.
 */

/** Runs a query on a Kysely handle or on a raw pg client (COPY needs the raw client). */
export type Execute = (query: RawBuilder<unknown>) => Promise<{ rows: Record<string, unknown>[] }>;

export const kyselyExecute =
  (handle: DbOrTx): Execute =>
  async (query) => {
    const result = await query.execute(handle);
    return { rows: result.rows as Record<string, unknown>[] };
  };

export const clientExecute =
  (client: pg.PoolClient, compiler: Db): Execute =>
  async (query) => {
    const compiled = query.compile(compiler);
    const result = await client.query(compiled.sql, compiled.parameters as unknown[]);
    return { rows: result.rows as Record<string, unknown>[] };
  };

export interface JobRow {
  id: string;
  kind: string;
  status: string;
  file_name: string;
  headers: string[];
  total_rows: number;
  processed_rows: number;
  mapping: Record<string, string> | null;
  mode: string | null;
  summary: Record<string, unknown> | null;
  scope_unit_ids: number[];
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
  run_attempts: number;
  request_id: string | null;
}

/** First key of the advisory lock a run holds for its whole transaction (the second is the job id's hash). */
export const IMPORT_RUN_LOCK = 7317;

export interface StageOptions {
  jobId: string;
  /** field → 1-based column of `cells`. */
  columns: Map<string, number>;
  /** `path LIKE` patterns of the caller's subtrees, e.g. `/1/4/%`. */
  scopePatterns: string[];
  /** Members: smallest unit depth that counts as "PSP or below". */
  memberMinDepth: number;
  levels: string[];
  currentYear: number;
}

/** Per-field checks of the staged table, in the order errors are reported. */
const memberErrorColumns = [
  'member_number',
  'full_name',
  'sex',
  'gender_self',
  'birth_year',
  'phone',
  'email',
  'unit_code',
  'employer',
  'job_title',
  'joined_on',
  'status',
] as const;
const unitErrorColumns = [
  'code',
  'name',
  'level',
  'parent_code',
  'region_code',
  'company_name',
  'sector',
  'disnaker_number',
  'founded_on',
] as const;

export function errorColumnsOf(kind: ImportKind): readonly string[] {
  return kind === 'members' ? memberErrorColumns : unitErrorColumns;
}

const cell = (columns: Map<string, number>, field: string) => {
  const index = columns.get(field);
  if (!index) return sql`NULL::text`;
  const value = sql`r.cells[${sql.lit(index)}]`;
  // Our own exports put an apostrophe before a cell that starts like a formula (platform/exports.ts);
  // reading one back drops it, so "'+62812…" is the phone number again.
  return sql`nullif(CASE WHEN left(${value}, 1) = '''' AND substr(${value}, 2, 1) IN ('=', '+', '-', '@')
    THEN substr(${value}, 2) ELSE ${value} END, '')`;
};

/**
 * Dates as written in union spreadsheets: YYYY-MM-DD, DD/MM/YYYY, DD-MM-YYYY, D/M/YYYY, and Excel serial day
 * numbers (1900 system). `dateParts` runs once per row (inside an OFFSET 0 subquery, so the planner cannot
 * copy it into every reference); `dateOf` turns the parts into a date without ever raising (31/02 → NULL).
 */
const dateParts = (value: RawBuilder<unknown>) => {
  // Plain `~` tests and split_part: regexp_match/regexp_replace cost 4 s more per million rows.
  const dmy = sql`translate(${value}, '/', '-')`;
  return sql`CASE
    WHEN ${value} ~ '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$'
      THEN ARRAY[split_part(${value}, '-', 1), split_part(${value}, '-', 2), split_part(${value}, '-', 3)]
    WHEN ${value} ~ '^[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{4}$'
      THEN ARRAY[split_part(${dmy}, '-', 3), split_part(${dmy}, '-', 2), split_part(${dmy}, '-', 1)]
  END`;
};
const dateSerial = (value: RawBuilder<unknown>) =>
  sql`CASE WHEN ${value} ~ '^[0-9]{2,5}$' THEN ${value}::int END`;
const dateOf = (parts: string, serial: string) => {
  const p = sql.ref(parts);
  const y = sql`${p}[1]::int`;
  const m = sql`${p}[2]::int`;
  const d = sql`${p}[3]::int`;
  return sql`CASE
    WHEN ${p} IS NOT NULL AND ${y} BETWEEN 1900 AND 2100 AND ${m} BETWEEN 1 AND 12 AND ${d} >= 1
      AND ${d} <= CASE WHEN ${m} = 2 THEN CASE WHEN ${y} % 4 = 0 AND (${y} % 100 <> 0 OR ${y} % 400 = 0) THEN 29 ELSE 28 END
        WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END
      THEN make_date(${y}, ${m}, ${d})
    WHEN ${sql.ref(serial)} BETWEEN 61 AND 73050 THEN date '1899-12-30' + ${sql.ref(serial)}
  END`;
};

const inScope = (column: RawBuilder<unknown>, patterns: string[]) =>
  sql`(${column} LIKE ANY (${patterns}::text[]))`;

function memberStagingQuery(options: StageOptions): RawBuilder<unknown> {
  const c = (field: string) => cell(options.columns, field);
  const scope = options.scopePatterns;
  const statuses = sql.join(memberStatuses.map((status) => sql.lit(status)));
  // `raw` is fenced with OFFSET 0: each cell is extracted and pre-parsed once per row, then referenced.
  return sql`CREATE TEMP TABLE import_staged ON COMMIT DROP AS
    WITH dups AS (
      SELECT ${c('member_number')} AS member_number, min(r.row_number) AS first_row
      FROM import_rows r WHERE r.job_id = ${options.jobId}
      GROUP BY 1 HAVING count(*) > 1
    ), raw AS (
      SELECT *, ${dateParts(sql`joined_on_raw`)} AS joined_parts, ${dateSerial(sql`joined_on_raw`)} AS joined_serial,
        translate(lower(status_raw), ' -', '__') AS status_key,
        CASE WHEN birth_year_raw ~ '^[0-9]{4}$' THEN birth_year_raw::int END AS birth_year_int
      FROM (
        SELECT r.row_number,
          ${c('member_number')} AS member_number, ${c('full_name')} AS full_name, ${c('sex')} AS sex_raw,
          ${c('gender_self')} AS gender_self, ${c('birth_year')} AS birth_year_raw, ${c('phone')} AS phone,
          lower(${c('email')}) AS email, ${c('unit_code')} AS unit_code, ${c('employer')} AS employer,
          ${c('job_title')} AS job_title, ${c('joined_on')} AS joined_on_raw, ${c('status')} AS status_raw
        FROM import_rows r WHERE r.job_id = ${options.jobId}
        OFFSET 0
      ) cells
      OFFSET 0
    ), typed AS (
      SELECT raw.*,
        CASE
          WHEN lower(sex_raw) IN ('l', 'lk', 'laki-laki', 'laki laki', 'lakilaki', 'pria', 'm', 'male') THEN 'L'
          WHEN lower(sex_raw) IN ('p', 'pr', 'perempuan', 'wanita', 'f', 'female') THEN 'P'
        END AS sex,
        CASE WHEN birth_year_int BETWEEN 1900 AND ${options.currentYear} THEN birth_year_int::smallint END AS birth_year,
        ${dateOf('joined_parts', 'joined_serial')} AS joined_on,
        CASE WHEN status_key IN (${statuses}) THEN status_key WHEN status_key = 'nonaktif' THEN 'non_aktif'
          -- The English labels of an English export read back (members.routes.ts heads them so).
          WHEN status_key = 'candidate' THEN 'calon' WHEN status_key = 'active' THEN 'aktif'
          WHEN status_key = 'inactive' THEN 'non_aktif' WHEN status_key = 'left' THEN 'keluar'
          WHEN status_key IN ('dismissed_(phk)', 'dismissed') THEN 'phk' WHEN status_key = 'deceased' THEN 'meninggal'
        END AS status,
        u.id AS unit_id, u.path AS unit_path, u.depth AS unit_depth, u.active AS unit_active,
        m.id AS member_id, mu.path AS member_unit_path,
        m.full_name AS old_full_name, m.sex::text AS old_sex, m.gender_self AS old_gender_self,
        m.birth_year AS old_birth_year, m.phone AS old_phone, m.email AS old_email, m.employer AS old_employer,
        m.job_title AS old_job_title, m.joined_on AS old_joined_on, m.status AS old_status,
        m.home_unit_id AS old_unit_id,
        CASE WHEN raw.row_number > dups.first_row THEN 2 ELSE 1 END AS occurrence
      FROM raw
      LEFT JOIN dups ON dups.member_number = raw.member_number
      LEFT JOIN units u ON u.code = raw.unit_code
      LEFT JOIN members m ON m.member_number = raw.member_number
      LEFT JOIN units mu ON mu.id = m.home_unit_id
      OFFSET 0
    ), checked AS (
      SELECT typed.*,
        CASE WHEN member_number IS NULL THEN 'missing_value'
          WHEN member_number ~* '^[0-9]+([.,][0-9]+)?e[+]?[0-9]+$' THEN 'mangled_number'
          WHEN length(member_number) > 50 THEN 'too_long'
          WHEN occurrence > 1 THEN 'duplicate_in_file'
          WHEN member_id IS NOT NULL AND NOT ${inScope(sql`member_unit_path`, scope)} THEN 'number_taken'
        END AS err_member_number,
        CASE WHEN full_name IS NULL THEN 'missing_value' WHEN length(full_name) > 200 THEN 'too_long'
        END AS err_full_name,
        CASE WHEN sex_raw IS NOT NULL AND sex IS NULL THEN 'bad_sex' END AS err_sex,
        CASE WHEN length(gender_self) > 100 THEN 'too_long' END AS err_gender_self,
        CASE WHEN birth_year_raw IS NOT NULL AND birth_year IS NULL THEN 'bad_year' END AS err_birth_year,
        CASE WHEN length(phone) > 50 THEN 'too_long' END AS err_phone,
        CASE WHEN length(email) > 254 THEN 'too_long'
          WHEN email !~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$' THEN 'bad_email' END AS err_email,
        CASE WHEN unit_code IS NULL THEN 'missing_value'
          WHEN unit_id IS NULL THEN 'unknown_unit'
          WHEN NOT ${inScope(sql`unit_path`, scope)} THEN 'unit_out_of_scope'
          WHEN NOT unit_active OR unit_depth < ${options.memberMinDepth} THEN 'unit_not_psp'
        END AS err_unit_code,
        CASE WHEN length(employer) > 200 THEN 'too_long' END AS err_employer,
        CASE WHEN length(job_title) > 200 THEN 'too_long' END AS err_job_title,
        CASE WHEN joined_on_raw IS NOT NULL AND joined_on IS NULL THEN
          -- Written as a date but no such day (31/02/2020): say so, rather than "not a date".
          CASE WHEN joined_parts IS NOT NULL AND joined_parts[1]::int BETWEEN 1900 AND 2100 THEN 'no_such_date' ELSE 'bad_date' END
        END AS err_joined_on,
        CASE WHEN status_raw IS NOT NULL AND status IS NULL THEN 'bad_status' END AS err_status,
        coalesce(full_name, old_full_name) AS new_full_name,
        coalesce(sex, old_sex) AS new_sex,
        coalesce(gender_self, old_gender_self) AS new_gender_self,
        coalesce(birth_year, old_birth_year) AS new_birth_year,
        coalesce(phone, old_phone) AS new_phone,
        coalesce(email, old_email) AS new_email,
        coalesce(employer, old_employer) AS new_employer,
        coalesce(job_title, old_job_title) AS new_job_title,
        coalesce(joined_on, old_joined_on) AS new_joined_on,
        coalesce(status, old_status, 'aktif') AS new_status
      FROM typed
    )
    SELECT checked.*,
      num_nonnulls(err_member_number, err_full_name, err_sex, err_gender_self, err_birth_year, err_phone,
        err_email, err_unit_code, err_employer, err_job_title, err_joined_on, err_status) = 0 AS ok,
      member_id IS NOT NULL AND (old_status IS DISTINCT FROM new_status OR old_unit_id IS DISTINCT FROM unit_id)
        AS status_or_unit_changed,
      member_id IS NOT NULL AND (old_full_name, old_sex, old_gender_self, old_birth_year, old_phone, old_email,
        old_employer, old_job_title, old_joined_on, old_status, old_unit_id)
        IS DISTINCT FROM (new_full_name, new_sex, new_gender_self, new_birth_year, new_phone, new_email,
        new_employer, new_job_title, new_joined_on, new_status, unit_id) AS changed
    FROM checked`;
}

function unitStagingQuery(options: StageOptions): RawBuilder<unknown> {
  const c = (field: string) => cell(options.columns, field);
  const scope = options.scopePatterns;
  return sql`CREATE TEMP TABLE import_staged ON COMMIT DROP AS
    WITH raw AS (
      SELECT r.row_number,
        ${c('code')} AS code, ${c('name')} AS name, ${c('level')} AS level, ${c('parent_code')} AS parent_code,
        ${c('region_code')} AS region_code, ${c('company_name')} AS company_name, ${c('sector')} AS sector_raw,
        ${c('disnaker_number')} AS disnaker_number, ${c('founded_on')} AS founded_on_raw,
        ${dateParts(c('founded_on'))} AS founded_parts, ${dateSerial(c('founded_on'))} AS founded_serial
      FROM import_rows r WHERE r.job_id = ${options.jobId}
      OFFSET 0
    ), firsts AS (
      SELECT DISTINCT ON (code) row_number, code, level FROM raw WHERE code IS NOT NULL ORDER BY code, row_number
    ), typed AS (
      SELECT raw.*,
        array_position(${options.levels}::text[], raw.level) AS level_index,
        (SELECT s FROM unnest(${[...sectors]}::text[]) AS s
          WHERE s = regexp_replace(lower(sector_raw), '[[:space:]/-]+', '_', 'g')) AS sector,
        ${dateOf('founded_parts', 'founded_serial')} AS founded_on,
        e.id AS unit_id, e.path AS unit_path,
        p.id AS parent_id, p.path AS parent_path, p.active AS parent_active,
        fp.row_number AS file_parent_row,
        coalesce(array_position(${options.levels}::text[], p.level), array_position(${options.levels}::text[], fp.level))
          AS parent_level_index,
        g.code AS region_found,
        e.name AS old_name, e.region_code AS old_region_code, e.company_name AS old_company_name,
        e.sector AS old_sector, e.disnaker_number AS old_disnaker_number, e.founded_on AS old_founded_on,
        row_number() OVER (PARTITION BY raw.code ORDER BY raw.row_number) AS occurrence
      FROM raw
      LEFT JOIN units e ON e.code = raw.code
      LEFT JOIN units p ON p.code = raw.parent_code
      LEFT JOIN firsts fp ON p.id IS NULL AND fp.code = raw.parent_code AND fp.row_number < raw.row_number
      LEFT JOIN regions g ON g.code = raw.region_code
    ), checked AS (
      SELECT typed.*,
        CASE WHEN code IS NULL THEN 'missing_value' WHEN length(code) > 50 THEN 'too_long'
          WHEN occurrence > 1 THEN 'duplicate_in_file'
          WHEN unit_id IS NOT NULL AND NOT ${inScope(sql`unit_path`, scope)} THEN 'code_taken'
        END AS err_code,
        CASE WHEN name IS NULL THEN 'missing_value' WHEN length(name) > 200 THEN 'too_long' END AS err_name,
        CASE WHEN level IS NULL THEN 'missing_value'
          WHEN level_index IS NULL OR level_index = 1 THEN 'bad_level'
          WHEN parent_level_index IS NOT NULL AND level_index <= parent_level_index THEN 'bad_level'
        END AS err_level,
        CASE WHEN parent_code IS NULL THEN 'missing_value'
          WHEN parent_id IS NULL AND file_parent_row IS NULL THEN 'unknown_parent'
          WHEN parent_id IS NOT NULL AND NOT ${inScope(sql`parent_path`, scope)} THEN 'unit_out_of_scope'
          WHEN parent_id IS NOT NULL AND NOT parent_active THEN 'unknown_parent'
        END AS err_parent_code,
        CASE WHEN region_code IS NOT NULL AND region_found IS NULL THEN 'unknown_region' END AS err_region_code,
        CASE WHEN length(company_name) > 200 THEN 'too_long' END AS err_company_name,
        CASE WHEN sector_raw IS NOT NULL AND sector IS NULL THEN 'bad_sector' END AS err_sector,
        CASE WHEN length(disnaker_number) > 100 THEN 'too_long' END AS err_disnaker_number,
        CASE WHEN founded_on_raw IS NOT NULL AND founded_on IS NULL THEN
          -- Written as a date but no such day (31/02/2020): say so, rather than "not a date".
          CASE WHEN founded_parts IS NOT NULL AND founded_parts[1]::int BETWEEN 1900 AND 2100 THEN 'no_such_date' ELSE 'bad_date' END
        END AS err_founded_on,
        coalesce(name, old_name) AS new_name,
        coalesce(region_code, old_region_code) AS new_region_code,
        coalesce(company_name, old_company_name) AS new_company_name,
        coalesce(sector, old_sector) AS new_sector,
        coalesce(disnaker_number, old_disnaker_number) AS new_disnaker_number,
        coalesce(founded_on, old_founded_on) AS new_founded_on
      FROM typed
    )
    SELECT checked.*,
      num_nonnulls(err_code, err_name, err_level, err_parent_code, err_region_code, err_company_name, err_sector,
        err_disnaker_number, err_founded_on) = 0 AS ok,
      false AS status_or_unit_changed,
      unit_id IS NOT NULL AND (old_name, old_region_code, old_company_name, old_sector, old_disnaker_number,
        old_founded_on) IS DISTINCT FROM (new_name, new_region_code, new_company_name, new_sector,
        new_disnaker_number, new_founded_on) AS changed
    FROM checked`;
}

/** Counts of the staged file. `new` = valid rows without an existing record. */
export interface StagedSummary {
  totalRows: number;
  validRows: number;
  errorRows: number;
  newRows: number;
  updatedRows: number;
  unchangedRows: number;
}

const existingColumn = (kind: ImportKind) => sql.raw(kind === 'members' ? 'member_id' : 'unit_id');

/** The error rows of the staged table, one per bad field, in row then field order. */
function errorListQuery(kind: ImportKind, messages: Record<string, string>, limit?: number) {
  const columns = errorColumnsOf(kind);
  const raws: Record<string, string> =
    kind === 'members'
      ? { sex: 'sex_raw', birth_year: 'birth_year_raw', joined_on: 'joined_on_raw', status: 'status_raw' }
      : { sector: 'sector_raw', founded_on: 'founded_on_raw' };
  const values = sql.join(
    columns.map(
      (field, order) =>
        sql`(${sql.lit(order)}, ${sql.lit(field)}, s.${sql.ref(`err_${field}`)}, s.${sql.ref(raws[field] ?? field)}::text)`,
    ),
  );
  const codes = Object.keys(messages);
  return sql`SELECT s.row_number AS row, e.field, e.code, e.value, msg.message
    FROM import_staged s
    CROSS JOIN LATERAL (VALUES ${values}) AS e(ord, field, code, value)
    JOIN unnest(${codes}::text[], ${codes.map((code) => messages[code] ?? code)}::text[]) AS msg(code, message)
      ON msg.code = e.code
    WHERE NOT s.ok AND e.code IS NOT NULL
    ORDER BY s.row_number, e.ord
    ${limit === undefined ? sql`` : sql`LIMIT ${limit}`}`;
}

/** SQL for import jobs, their staged rows, validation and the set-based real run. */
export function createImportsRepository() {
  return {
    /** Opens a transaction on a raw client, creates the job and COPYs its rows in; returns the job id. */
    async insertJob(
      client: pg.PoolClient,
      job: { kind: ImportKind; fileName: string; scopeUnitIds: number[]; createdBy: string },
    ): Promise<string> {
      const result = await client.query<{ id: string }>(
        `INSERT INTO import_jobs (kind, status, file_name, headers, scope_unit_ids, created_by)
         VALUES ($1, 'uploaded', $2, '[]'::jsonb, $3, $4) RETURNING id`,
        [job.kind, job.fileName, job.scopeUnitIds, job.createdBy],
      );
      const id = result.rows[0]?.id;
      if (!id) throw new Error('import job not created');
      return id;
    },

    /** Streams COPY-text lines into import_rows (COPY FROM STDIN on the given client). */
    async copyRows(client: pg.PoolClient, lines: AsyncIterable<string>): Promise<void> {
      const target = client.query(copyFrom('COPY import_rows (job_id, row_number, cells) FROM STDIN'));
      await pipeline(Readable.from(lines), target);
    },

    async finishUpload(client: pg.PoolClient, id: string, headers: string[], totalRows: number) {
      await client.query('UPDATE import_jobs SET headers = $2::jsonb, total_rows = $3 WHERE id = $1', [
        id,
        JSON.stringify(headers),
        totalRows,
      ]);
    },

    async findJob(db: DbOrTx, id: string): Promise<JobRow | undefined> {
      return await db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async listJobs(db: DbOrTx, userId: string, limit: number): Promise<JobRow[]> {
      return await db
        .selectFrom('import_jobs')
        .selectAll()
        .where('created_by', '=', userId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
    },

    async sampleRows(db: DbOrTx, id: string, limit: number): Promise<string[][]> {
      const rows = await db
        .selectFrom('import_rows')
        .select('cells')
        .where('job_id', '=', id)
        .orderBy('row_number')
        .limit(limit)
        .execute();
      return rows.map((row) => row.cells);
    },

    async updateJob(
      db: DbOrTx,
      id: string,
      changes: {
        status?: string;
        mapping?: Record<string, string>;
        mode?: string;
        summary?: StagedSummary | null;
        processedRows?: number;
        finishedAt?: Date;
      },
    ): Promise<void> {
      await db
        .updateTable('import_jobs')
        .set({
          ...(changes.status ? { status: changes.status } : {}),
          ...(changes.mapping ? { mapping: JSON.stringify(changes.mapping) } : {}),
          ...(changes.mode ? { mode: changes.mode } : {}),
          ...(changes.summary !== undefined
            ? { summary: changes.summary ? JSON.stringify(changes.summary) : null }
            : {}),
          ...(changes.processedRows !== undefined ? { processed_rows: changes.processedRows } : {}),
          ...(changes.finishedAt ? { finished_at: changes.finishedAt } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Moves a job from one status to another; false when it was not in `from` (a concurrent run). */
    async claimJob(
      db: DbOrTx,
      id: string,
      from: string[],
      to: string,
      mode: string,
      requestId: string | null = null,
    ): Promise<boolean> {
      const result = await db
        .updateTable('import_jobs')
        .set({ status: to, mode, processed_rows: 0, run_attempts: 0, request_id: requestId })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * Takes the run's advisory lock for the transaction `execute` runs in; false when another session
     * (a live run on this or another instance) holds it. Asks PostgreSQL to check every second that the
     * client is still there, so a run whose process was killed is rolled back (and its lock freed) within
     * a second instead of when its current statement ends.
     */
    async lockRun(execute: Execute, id: string): Promise<boolean> {
      await execute(sql`SET LOCAL client_connection_check_interval = '1s'`);
      const { rows } = await execute(
        sql`SELECT pg_try_advisory_xact_lock(${sql.lit(IMPORT_RUN_LOCK)}, hashtext(${id})) AS locked`,
      );
      return rows[0]?.locked === true;
    },

    /** Counts one more start of a run (committed at once, whatever becomes of the run). */
    async countAttempt(db: DbOrTx, id: string): Promise<number> {
      const row = await db
        .updateTable('import_jobs')
        .set((eb) => ({ run_attempts: eb('run_attempts', '+', 1) }))
        .where('id', '=', id)
        .returning('run_attempts')
        .executeTakeFirst();
      return row?.run_attempts ?? 0;
    },

    /** Runs marked `running` whose lock nobody holds: queued and not yet taken, or cut off by a crash. */
    async runsToRecover(db: DbOrTx): Promise<string[]> {
      const { rows } = await sql<{ id: string }>`
        SELECT j.id FROM import_jobs j
        WHERE j.status = 'running' AND NOT EXISTS (
          SELECT 1 FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.classid = ${sql.lit(IMPORT_RUN_LOCK)}
            AND l.objid = hashtext(j.id::text)::oid AND l.objsubid = 2)
        ORDER BY j.created_at`.execute(db);
      return rows.map((row) => row.id);
    },

    async deleteRows(db: DbOrTx, id: string): Promise<void> {
      await db.deleteFrom('import_rows').where('job_id', '=', id).execute();
    },

    /** Unit paths of ids (for turning a stored scope into LIKE patterns). */
    async unitPaths(db: DbOrTx, ids: number[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('units').select('path').where('id', 'in', ids).execute();
      return rows.map((row) => row.path);
    },

    async unitIdsOfPaths(db: DbOrTx, paths: string[]): Promise<number[]> {
      if (paths.length === 0) return [];
      const rows = await db.selectFrom('units').select('id').where('path', 'in', paths).execute();
      return rows.map((row) => row.id);
    },

    /** An active account by email (CLI `--as`) or by id (a queued run) with its grants and their unit paths. */
    async accountWithGrants(
      db: DbOrTx,
      who: { email: string } | { id: string },
    ): Promise<
      { id: string; email: string; grants: { role: string; unitId: number; unitPath: string }[] } | undefined
    > {
      const user = await db
        .selectFrom('users')
        .select(['id', 'email'])
        .$if('email' in who, (query) =>
          query.where('email', '=', 'email' in who ? who.email.toLowerCase() : ''),
        )
        .$if('id' in who, (query) => query.where('id', '=', 'id' in who ? who.id : ''))
        .where('active', '=', true)
        .executeTakeFirst();
      if (!user) return undefined;
      const grants = await db
        .selectFrom('role_grants')
        .innerJoin('units', 'units.id', 'role_grants.unit_id')
        .select(['role_grants.role', 'units.id as unitId', 'units.path as unitPath'])
        .where('role_grants.user_id', '=', user.id)
        .execute();
      return { id: user.id, email: user.email, grants };
    },

    async rootUnit(db: DbOrTx): Promise<{ id: number; path: string } | undefined> {
      return db.selectFrom('units').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirst();
    },

    /**
     * Builds `import_staged` for the job inside the caller's transaction (dropped at commit). Every check
     * is one pass of set-based SQL: hash joins against units and members, a window for duplicates.
     */
    async stage(execute: Execute, kind: ImportKind, options: StageOptions): Promise<void> {
      await execute(sql`SET LOCAL work_mem = '256MB'`);
      await execute(kind === 'members' ? memberStagingQuery(options) : unitStagingQuery(options));
      if (kind === 'units') {
        // A unit whose parent row in the file is refused cannot be created either (parents come first).
        for (let pass = 0; pass < options.levels.length; pass += 1) {
          const { rows } = await execute(sql`WITH bad AS (
              UPDATE import_staged c SET err_parent_code = 'unknown_parent', ok = false
              FROM import_staged p
              WHERE c.file_parent_row = p.row_number AND NOT p.ok AND c.ok RETURNING 1)
            SELECT count(*)::int AS n FROM bad`);
          if (Number(rows[0]?.n ?? 0) === 0) break;
        }
      }
    },

    async summary(execute: Execute, kind: ImportKind): Promise<StagedSummary> {
      const existing = existingColumn(kind);
      const { rows } = await execute(sql`SELECT
          count(*)::int AS total,
          count(*) FILTER (WHERE ok)::int AS valid,
          count(*) FILTER (WHERE ok AND ${existing} IS NULL)::int AS new,
          count(*) FILTER (WHERE ok AND changed)::int AS updated
        FROM import_staged`);
      const row = rows[0] ?? {};
      const total = Number(row.total ?? 0);
      const valid = Number(row.valid ?? 0);
      const fresh = Number(row.new ?? 0);
      const updated = Number(row.updated ?? 0);
      return {
        totalRows: total,
        validRows: valid,
        errorRows: total - valid,
        newRows: fresh,
        updatedRows: updated,
        unchangedRows: valid - fresh - updated,
      };
    },

    async errors(
      execute: Execute,
      kind: ImportKind,
      messages: Record<string, string>,
      limit: number,
    ): Promise<{ row: number; field: string; code: string; value: string | null; message: string }[]> {
      const { rows } = await execute(errorListQuery(kind, messages, limit));
      return rows.map((row) => ({
        row: Number(row.row),
        field: String(row.field),
        code: String(row.code),
        value: typeof row.value === 'string' ? row.value : null,
        message: String(row.message),
      }));
    },

    /** Streams every error of the staged table as CSV (COPY TO STDOUT on the raw client). */
    errorsCsv(client: pg.PoolClient, compiler: Db, kind: ImportKind, messages: Record<string, string>) {
      const compiled = errorListQuery(kind, messages).compile(compiler);
      // COPY takes no bind parameters: inline them as literals quoted by the driver, in one pass.
      const literals = compiled.parameters.map((value) =>
        Array.isArray(value)
          ? `ARRAY[${(value as unknown[]).map((item) => client.escapeLiteral(String(item))).join(',')}]::text[]`
          : client.escapeLiteral(String(value)),
      );
      const text = compiled.sql.replace(
        /\$([0-9]+)/g,
        (match, index: string) => literals[Number(index) - 1] ?? match,
      );
      return client.query(copyTo(`COPY (${text}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
    },

    /** Row range [first, last] of the staged table, for chunked progress. */
    async stagedRange(execute: Execute): Promise<{ first: number; last: number }> {
      await execute(sql`CREATE INDEX ON import_staged (row_number)`);
      await execute(sql`ANALYZE import_staged`);
      const { rows } = await execute(
        sql`SELECT coalesce(min(row_number), 0) AS first, coalesce(max(row_number), -1) AS last FROM import_staged`,
      );
      return { first: Number(rows[0]?.first ?? 0), last: Number(rows[0]?.last ?? -1) };
    },

    /**
     * Members, one chunk of rows: inserts new members with their first history row, updates members whose
     * values differ (IS DISTINCT FROM), and adds a history row when status or unit changed.
     */
    async applyMemberChunk(
      execute: Execute,
      chunk: { first: number; last: number; now: Date; today: string; actorId: string | null },
    ): Promise<{ inserted: number; updated: number }> {
      const range = sql`s.ok AND s.row_number BETWEEN ${chunk.first} AND ${chunk.last}`;
      const inserted = await execute(sql`WITH ins AS (
          INSERT INTO members (member_number, full_name, sex, gender_self, birth_year, phone, email, home_unit_id,
            employer, job_title, joined_on, status, created_at, updated_at)
          SELECT s.member_number, s.new_full_name, s.new_sex, s.new_gender_self, s.new_birth_year, s.new_phone,
            s.new_email, s.unit_id, s.new_employer, s.new_job_title, s.new_joined_on, s.new_status,
            ${chunk.now}, ${chunk.now}
          FROM import_staged s WHERE ${range} AND s.member_id IS NULL
          ON CONFLICT (member_number) DO NOTHING
          RETURNING id, status, home_unit_id, joined_on
        ), hist AS (
          INSERT INTO member_status_history (member_id, status, unit_id, valid_from, reason, recorded_by)
          SELECT id, status, home_unit_id, coalesce(joined_on, ${chunk.today}::date), 'import', ${chunk.actorId}::uuid
          FROM ins RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`);
      const updated = await execute(sql`WITH upd AS (
          UPDATE members m SET full_name = s.new_full_name, sex = s.new_sex, gender_self = s.new_gender_self,
            birth_year = s.new_birth_year, phone = s.new_phone, email = s.new_email, home_unit_id = s.unit_id,
            employer = s.new_employer, job_title = s.new_job_title, joined_on = s.new_joined_on,
            status = s.new_status, updated_at = ${chunk.now}
          FROM import_staged s
          WHERE ${range} AND s.changed AND m.id = s.member_id
            AND (m.full_name, m.sex::text, m.gender_self, m.birth_year, m.phone, m.email, m.home_unit_id,
              m.employer, m.job_title, m.joined_on, m.status)
            IS DISTINCT FROM (s.new_full_name, s.new_sex, s.new_gender_self, s.new_birth_year, s.new_phone,
              s.new_email, s.unit_id, s.new_employer, s.new_job_title, s.new_joined_on, s.new_status)
          RETURNING m.id, s.status_or_unit_changed, m.status, m.home_unit_id
        ), hist AS (
          INSERT INTO member_status_history (member_id, status, unit_id, valid_from, reason, recorded_by)
          SELECT id, status, home_unit_id, ${chunk.today}::date, 'import', ${chunk.actorId}::uuid
          FROM upd WHERE status_or_unit_changed RETURNING 1
        )
        SELECT count(*)::int AS n FROM upd`);
      return { inserted: Number(inserted.rows[0]?.n ?? 0), updated: Number(updated.rows[0]?.n ?? 0) };
    },

    /**
     * Units: creates new units level by level (a parent created in an earlier pass is found by code in the
     * next), then updates attributes of existing units whose values differ. Holds the unit-tree lock.
     */
    async applyUnits(
      execute: Execute,
      options: { now: Date; today: string; actorId: string | null; maxPasses: number },
    ): Promise<{ inserted: number; updated: number }> {
      await execute(sql`SELECT pg_advisory_xact_lock(hashtext('setara.unit-tree'))`);
      let inserted = 0;
      for (let pass = 0; pass < options.maxPasses; pass += 1) {
        const { rows } = await execute(sql`WITH ins AS (
            INSERT INTO units (parent_id, path, depth, name, code, level, region_code, company_name, sector,
              disnaker_number, founded_on, created_at, updated_at)
            SELECT p.id, 'pending-' || s.code || '/', p.depth + 1, s.new_name, s.code, s.level, s.new_region_code,
              s.new_company_name, s.new_sector, s.new_disnaker_number, s.new_founded_on, ${options.now}, ${options.now}
            FROM import_staged s JOIN units p ON p.code = s.parent_code AND p.path NOT LIKE 'pending-%'
            WHERE s.ok AND s.unit_id IS NULL AND NOT EXISTS (SELECT 1 FROM units x WHERE x.code = s.code)
            RETURNING id
          ), events AS (
            INSERT INTO unit_events (unit_id, kind, occurred_on, details, recorded_by)
            SELECT id, 'created', ${options.today}::date, '{"source":"import"}'::jsonb, ${options.actorId}::uuid FROM ins
            RETURNING 1
          )
          SELECT count(*)::int AS n FROM ins`);
        const count = Number(rows[0]?.n ?? 0);
        if (count === 0) break;
        inserted += count;
        await execute(sql`UPDATE units u SET path = p.path || u.id || '/'
          FROM units p WHERE u.path LIKE 'pending-%' AND p.id = u.parent_id`);
      }
      const { rows } = await execute(sql`WITH upd AS (
          UPDATE units u SET name = s.new_name, region_code = s.new_region_code, company_name = s.new_company_name,
            sector = s.new_sector, disnaker_number = s.new_disnaker_number, founded_on = s.new_founded_on,
            updated_at = ${options.now}
          FROM import_staged s
          WHERE s.ok AND s.changed AND u.id = s.unit_id
            AND (u.name, u.region_code, u.company_name, u.sector, u.disnaker_number, u.founded_on)
            IS DISTINCT FROM (s.new_name, s.new_region_code, s.new_company_name, s.new_sector,
              s.new_disnaker_number, s.new_founded_on)
          RETURNING u.id
        )
        SELECT count(*)::int AS n FROM upd`);
      return { inserted, updated: Number(rows[0]?.n ?? 0) };
    },

    /**
     * Deletes staged rows of uploads never run within `olderThan` and marks them failed. Runs are not
     * touched here: a run cut off by a crash is taken over by the recovery sweep (`runsToRecover`).
     */
    async purgeStale(db: DbOrTx, olderThan: Date, now: Date): Promise<number> {
      const stale = await db
        .selectFrom('import_jobs')
        .select('id')
        .where('created_at', '<', olderThan)
        .where('status', 'in', ['uploaded', 'validated'])
        .execute();
      const ids = stale.map((row) => row.id);
      if (ids.length === 0) return 0;
      await db.deleteFrom('import_rows').where('job_id', 'in', ids).execute();
      await db
        .updateTable('import_jobs')
        .set({ status: 'failed', finished_at: now })
        .where('id', 'in', ids)
        .execute();
      return ids.length;
    },
  };
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;
