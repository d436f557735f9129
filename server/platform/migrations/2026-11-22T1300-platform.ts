import { sql, type Kysely } from 'kysely';

/**
 * Platform tables: settings, units, users, grants, sessions, throttles, one-time tokens, audit log,
 * outbox, data keys. SQL-first; never edit once landed — add a new migration instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE system_settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Materialised path of ids ('/1/5/23/'), C collation so prefix LIKE uses the btree index.
    -- Subtree = path LIKE '<ancestor path>%'; a move rewrites the prefix of the subtree in one statement.
    CREATE TABLE units (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id integer REFERENCES units(id),
      path text COLLATE "C" NOT NULL UNIQUE,
      depth integer NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      code text NOT NULL UNIQUE,
      level text NOT NULL,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX units_parent_idx ON units (parent_id);
    CREATE UNIQUE INDEX units_single_root ON units ((parent_id IS NULL)) WHERE parent_id IS NULL;
    CREATE INDEX units_name_idx ON units (lower(name) text_pattern_ops);

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE CHECK (email = lower(email)),
      display_name text NOT NULL,
      language text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
      password_hash text,
      active boolean NOT NULL DEFAULT true,
      home_unit_id integer NOT NULL REFERENCES units(id),
      totp_secret_sealed text,
      totp_pending_secret_sealed text,
      totp_last_counter bigint,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz,
      password_changed_at timestamptz
    );
    CREATE INDEX users_home_unit_idx ON users (home_unit_id);
    CREATE INDEX users_created_idx ON users (created_at, id);

    CREATE TABLE recovery_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

    CREATE TABLE role_grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin','org_admin','gender_officer','case_coordinator',
                                         'case_handler','legal_aid','trainer','viewer')),
      unit_id integer NOT NULL REFERENCES units(id),
      granted_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (user_id, role, unit_id)
    );
    CREATE INDEX role_grants_unit_idx ON role_grants (unit_id);

    -- Only a SHA-256 of the session token is stored: a database dump cannot be replayed as cookies.
    CREATE TABLE sessions (
      id_hash bytea PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      stage text NOT NULL CHECK (stage IN ('full', 'mfa', 'enrol')),
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      absolute_expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_idx ON sessions (user_id);
    CREATE INDEX sessions_expiry_idx ON sessions (absolute_expires_at);

    -- Security-relevant counters live here so that every app instance agrees.
    CREATE TABLE auth_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      window_started_at timestamptz NOT NULL,
      blocked_until timestamptz,
      owner_notified_at timestamptz
    );

    CREATE TABLE one_time_tokens (
      id_hash bytea PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('setup', 'reset', 'invite')),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id uuid,
      actor_label text NOT NULL,
      action text NOT NULL,
      object_type text NOT NULL,
      object_id text,
      unit_id integer,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash bytea NOT NULL,
      hash bytea NOT NULL
    );
    CREATE INDEX audit_log_action_idx ON audit_log (action, id);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
    CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id);
    CREATE INDEX audit_log_at_idx ON audit_log (at);

    -- Append-only: the database itself refuses to change or remove audit rows.
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END $fn$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

    CREATE TABLE outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now(),
      recipient text NOT NULL,
      subject text NOT NULL,
      body_text text NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'held')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      sent_at timestamptz
    );
    CREATE INDEX outbox_status_idx ON outbox (status, id);

    -- Per-record data keys, wrapped (AES-256-GCM) by the master key, which never enters the database.
    CREATE TABLE data_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      purpose text NOT NULL,
      wrapped bytea NOT NULL,
      master_fingerprint text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      rewrapped_at timestamptz
    );
    CREATE INDEX data_keys_purpose_idx ON data_keys (purpose);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE data_keys, outbox, audit_log, one_time_tokens, auth_throttle, sessions, role_grants,
      recovery_codes, users, units, system_settings;
    DROP FUNCTION audit_log_append_only();
  `.execute(db);
}
