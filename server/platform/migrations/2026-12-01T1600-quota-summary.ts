import { sql, type Kysely } from 'kysely';

/**
 * Quota dashboard summary: tables rebuilt by the `quota.refresh-summary` job (quota-summary.repository.ts),
 * so dashboards over a million members read a few hundred pre-aggregated rows instead of scanning
 * members and appointments on every request.
 *
 * - quota_summary_changes: one row per statement that changed what the summary counts (statement-level
 *   triggers below; insert-only, so writers never wait on each other). The job refreshes once changes
 *   have settled (debounce) and deletes the rows it has absorbed.
 * - quota_summary_runs: each refresh, with its date, duration and rule, for the freshness stamp.
 * - quota_body_stats: one row per active body: seats, holders on the refresh date by sex (unknown kept
 *   apart), the quota result, and the membership of the unit's subtree (for the proportionality view).
 * - quota_rollup: counts by subject (members, body kind, top post, delegates), level and province, added
 *   up at every ancestor unit, so any node of the tree is one indexed lookup.
 * - quota_trend: appointments by year of term start, per subject, at every ancestor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE quota_summary_changes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      source text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );

    CREATE TABLE quota_summary_runs (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL,
      as_of date NOT NULL,
      duration_ms integer NOT NULL,
      reason text NOT NULL,
      -- Highest quota_summary_changes id absorbed by this run: later rows mean newer changes are pending.
      last_change_id bigint NOT NULL DEFAULT 0,
      rule jsonb NOT NULL,
      delegation_assembly_id integer,
      delegation_assembly_name text
    );
    CREATE INDEX quota_summary_runs_finished_idx ON quota_summary_runs (finished_at DESC);

    CREATE TABLE quota_body_stats (
      body_id integer PRIMARY KEY,
      unit_id integer NOT NULL,
      unit_path text COLLATE "C" NOT NULL,
      unit_name text NOT NULL,
      unit_level text NOT NULL,
      province_code text NOT NULL DEFAULT '',
      kind text NOT NULL,
      body_name text NOT NULL,
      statutory_seats integer,
      position_seats integer NOT NULL,
      filled integer NOT NULL,
      women integer NOT NULL,
      men integer NOT NULL,
      unknown integer NOT NULL,
      acting integer NOT NULL,
      required_women integer NOT NULL,
      status text NOT NULL,
      -- Order of the "needs action" list: 0 non_compliant, 1 unknown, 2 at_risk, 9 the rest.
      severity smallint NOT NULL,
      shortfall integer NOT NULL,
      members_women integer NOT NULL,
      members_men integer NOT NULL,
      members_unknown integer NOT NULL,
      -- Proportionality: floor(body share ÷ membership share × 10000); flagged when < k (basis points).
      -- Null when nobody sits or the membership is empty.
      proportionality_bp integer
    );
    CREATE INDEX quota_body_stats_path_idx ON quota_body_stats (unit_path);
    CREATE INDEX quota_body_stats_attention_idx ON quota_body_stats (severity, shortfall DESC, unit_path, body_id)
      WHERE severity < 9;
    CREATE INDEX quota_body_stats_proportionality_idx ON quota_body_stats (proportionality_bp, unit_path, body_id)
      WHERE proportionality_bp IS NOT NULL;

    CREATE TABLE quota_rollup (
      ancestor_id integer NOT NULL,
      subject text NOT NULL,
      level text NOT NULL,
      province_code text NOT NULL,
      women integer NOT NULL,
      men integer NOT NULL,
      unknown integer NOT NULL,
      bodies integer NOT NULL,
      compliant integer NOT NULL,
      at_risk integer NOT NULL,
      non_compliant integer NOT NULL,
      not_applicable integer NOT NULL,
      unknown_status integer NOT NULL,
      PRIMARY KEY (ancestor_id, subject, level, province_code)
    );

    CREATE TABLE quota_trend (
      ancestor_id integer NOT NULL,
      subject text NOT NULL,
      year integer NOT NULL,
      women integer NOT NULL,
      men integer NOT NULL,
      unknown integer NOT NULL,
      PRIMARY KEY (ancestor_id, subject, year)
    );

    CREATE FUNCTION quota_summary_mark_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO quota_summary_changes (source) VALUES (TG_TABLE_NAME);
      RETURN NULL;
    END $$;

    -- Statement-level: a million-row import records one change, not a million.
    CREATE TRIGGER quota_summary_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON appointments
      FOR EACH STATEMENT EXECUTE FUNCTION quota_summary_mark_changed();
    CREATE TRIGGER quota_summary_changed AFTER INSERT OR DELETE OR UPDATE OR TRUNCATE ON member_status_history
      FOR EACH STATEMENT EXECUTE FUNCTION quota_summary_mark_changed();
    CREATE TRIGGER quota_summary_changed AFTER INSERT OR DELETE OR UPDATE OF sex, status, home_unit_id ON members
      FOR EACH STATEMENT EXECUTE FUNCTION quota_summary_mark_changed();
    CREATE TRIGGER quota_summary_changed AFTER INSERT OR DELETE OR UPDATE ON positions
      FOR EACH STATEMENT EXECUTE FUNCTION quota_summary_mark_changed();
    CREATE TRIGGER quota_summary_changed AFTER INSERT OR DELETE OR UPDATE ON bodies
      FOR EACH STATEMENT EXECUTE FUNCTION quota_summary_mark_changed();
    CREATE TRIGGER quota_summary_changed AFTER INSERT OR DELETE OR UPDATE OF path, parent_id, active, level, region_code, name ON units
      FOR EACH STATEMENT EXECUTE FUNCTION quota_summary_mark_changed();
    CREATE TRIGGER quota_summary_changed AFTER INSERT OR DELETE OR UPDATE ON delegates
      FOR EACH STATEMENT EXECUTE FUNCTION quota_summary_mark_changed();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER quota_summary_changed ON appointments;
    DROP TRIGGER quota_summary_changed ON member_status_history;
    DROP TRIGGER quota_summary_changed ON members;
    DROP TRIGGER quota_summary_changed ON positions;
    DROP TRIGGER quota_summary_changed ON bodies;
    DROP TRIGGER quota_summary_changed ON units;
    DROP TRIGGER quota_summary_changed ON delegates;
    DROP FUNCTION quota_summary_mark_changed();
    DROP TABLE quota_trend, quota_rollup, quota_body_stats, quota_summary_runs, quota_summary_changes;
  `.execute(db);
}
