import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const regionsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'regions');

function readCsv(file: string): string[][] {
  return readFileSync(path.join(regionsDir, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim())
    .map((line) => line.split(','));
}

/**
 * Organisation and membership: regions, unit details and history, members with dated status history,
 * bodies, positions, appointments, assemblies, delegations, import staging.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    -- Kemendagri codes: '32' (province), '32.01' (regency/city). Data: server/data/regions (ODbL).
    CREATE TABLE regions (
      code text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('province', 'regency')),
      province_code text REFERENCES regions(code),
      name text NOT NULL
    );
    CREATE INDEX regions_name_trgm ON regions USING gin (lower(name) gin_trgm_ops);

    ALTER TABLE units
      ADD COLUMN region_code text REFERENCES regions(code),
      ADD COLUMN company_name text,
      ADD COLUMN sector text,
      ADD COLUMN disnaker_number text,
      ADD COLUMN founded_on date,
      ADD COLUMN dissolved_on date,
      ADD COLUMN merged_into_id integer REFERENCES units(id);

    -- Structural history of units (created, renamed, moved, merged, deactivated), dated.
    CREATE TABLE unit_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id integer NOT NULL REFERENCES units(id),
      kind text NOT NULL CHECK (kind IN ('created', 'renamed', 'moved', 'merged', 'absorbed', 'deactivated', 'reactivated', 'updated')),
      occurred_on date NOT NULL,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid
    );
    CREATE INDEX unit_events_unit_idx ON unit_events (unit_id, occurred_on);

    CREATE TABLE members (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member_number text NOT NULL UNIQUE,
      full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
      -- Statutory sex: 'L', 'P', or NULL for unknown. Never guessed.
      sex char(1) CHECK (sex IN ('L', 'P')),
      gender_self text,
      birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
      phone text,
      email text,
      home_unit_id integer NOT NULL REFERENCES units(id),
      employer text,
      job_title text,
      joined_on date,
      status text NOT NULL CHECK (status IN ('calon', 'aktif', 'non_aktif', 'keluar', 'phk', 'meninggal')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX members_unit_idx ON members (home_unit_id, id);
    CREATE INDEX members_name_trgm ON members USING gin (lower(full_name) gin_trgm_ops);
    CREATE INDEX members_name_sort ON members (lower(full_name), id);

    -- Dated status history: each row holds the status and home unit from valid_from on, so any count can be
    -- recomputed as of a past date (latest row with valid_from <= date).
    CREATE TABLE member_status_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member_id bigint NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('calon', 'aktif', 'non_aktif', 'keluar', 'phk', 'meninggal')),
      unit_id integer NOT NULL REFERENCES units(id),
      valid_from date NOT NULL,
      reason text,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by uuid
    );
    CREATE INDEX member_status_history_member_idx ON member_status_history (member_id, valid_from DESC, id DESC);

    CREATE TABLE bodies (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id integer NOT NULL REFERENCES units(id),
      kind text NOT NULL CHECK (kind IN ('executive', 'komite_perempuan', 'laskar', 'tkbh', 'media', 'dewan_kehormatan', 'congress_committee', 'other')),
      name text NOT NULL,
      statutory_seats integer CHECK (statutory_seats >= 0),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX bodies_unit_idx ON bodies (unit_id);

    CREATE TABLE positions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      body_id integer NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
      title text NOT NULL,
      category text NOT NULL CHECK (category IN ('strategic', 'administrative', 'other')),
      seats integer NOT NULL DEFAULT 1 CHECK (seats >= 1),
      sort_order integer NOT NULL DEFAULT 0
    );
    CREATE INDEX positions_body_idx ON positions (body_id, sort_order);

    CREATE TABLE appointments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      position_id integer NOT NULL REFERENCES positions(id),
      member_id bigint NOT NULL REFERENCES members(id),
      term_start date NOT NULL,
      term_end date,
      basis text NOT NULL CHECK (basis IN ('elected', 'appointed', 'acting')),
      decree_number text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (term_end IS NULL OR term_end >= term_start)
    );
    CREATE INDEX appointments_position_idx ON appointments (position_id, term_start);
    CREATE INDEX appointments_member_idx ON appointments (member_id);

    CREATE TABLE assemblies (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id integer NOT NULL REFERENCES units(id),
      kind text NOT NULL CHECK (kind IN ('kongres', 'majenas', 'rakernas', 'rakercab', 'konferta', 'other')),
      name text NOT NULL,
      starts_on date NOT NULL,
      ends_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE delegation_allocations (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      assembly_id integer NOT NULL REFERENCES assemblies(id) ON DELETE CASCADE,
      unit_id integer NOT NULL REFERENCES units(id),
      category text NOT NULL CHECK (category IN ('executive', 'komite_perempuan')),
      seats integer NOT NULL CHECK (seats >= 0),
      UNIQUE (assembly_id, unit_id, category)
    );

    CREATE TABLE delegates (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      allocation_id integer NOT NULL REFERENCES delegation_allocations(id) ON DELETE CASCADE,
      member_id bigint NOT NULL REFERENCES members(id),
      credential_status text NOT NULL DEFAULT 'submitted' CHECK (credential_status IN ('submitted', 'returned', 'accepted')),
      note text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (allocation_id, member_id)
    );

    CREATE TABLE import_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('members', 'units')),
      status text NOT NULL CHECK (status IN ('uploaded', 'validated', 'running', 'done', 'failed')),
      file_name text NOT NULL,
      headers jsonb NOT NULL,
      total_rows integer NOT NULL DEFAULT 0,
      processed_rows integer NOT NULL DEFAULT 0,
      mapping jsonb,
      mode text CHECK (mode IN ('all_or_nothing', 'valid_only')),
      summary jsonb,
      scope_unit_ids integer[] NOT NULL,
      created_by uuid NOT NULL REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    );

    -- Raw rows of an upload, as text arrays; validation and the real run are set-based SQL over this table.
    CREATE UNLOGGED TABLE import_rows (
      job_id uuid NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      cells text[] NOT NULL,
      PRIMARY KEY (job_id, row_number)
    );
  `.execute(db);

  const provinces = readCsv('provinces.csv');
  const regencies = readCsv('regencies.csv');
  await sql`INSERT INTO regions (code, kind, province_code, name)
    SELECT code, 'province', NULL, name FROM unnest(${provinces.map((row) => row[0])}::text[], ${provinces.map((row) => row[1])}::text[]) AS t(code, name)`.execute(
    db,
  );
  await sql`INSERT INTO regions (code, kind, province_code, name)
    SELECT code, 'regency', province_code, name FROM unnest(${regencies.map((row) => row[0])}::text[], ${regencies.map((row) => row[1])}::text[], ${regencies.map((row) => row[2])}::text[]) AS t(code, province_code, name)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE import_rows, import_jobs, delegates, delegation_allocations, assemblies, appointments, positions,
      bodies, member_status_history, members, unit_events;
    ALTER TABLE units DROP COLUMN region_code, DROP COLUMN company_name, DROP COLUMN sector,
      DROP COLUMN disnaker_number, DROP COLUMN founded_on, DROP COLUMN dissolved_on, DROP COLUMN merged_into_id;
    DROP TABLE regions;
  `.execute(db);
}
