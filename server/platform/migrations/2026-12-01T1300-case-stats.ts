import { sql, type Kysely } from 'kysely';

/** The database role the case statistics run under (`SET LOCAL ROLE`); cluster-wide, like every role. */
export const CASE_STATISTICS_ROLE = 'setara_case_statistics';

/**
 * Case statistics read coded fields only, and the database enforces it: the statistics queries run under
 * a role that holds column-level SELECT on the coded columns and nothing else, so a query touching a
 * `*_sealed` column (or the receipt hashes, or anything not listed) fails instead of leaking.
 *
 * Roles belong to the cluster while grants belong to the database, and tests create many databases in
 * one cluster at once: the role is created in a DO block that tolerates a concurrent creator, and the
 * grants are repeated per database. The migrating user is made a member so it may SET ROLE to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'setara_case_statistics') THEN
        BEGIN
          CREATE ROLE setara_case_statistics NOLOGIN NOINHERIT;
        EXCEPTION
          WHEN duplicate_object OR unique_violation THEN
            NULL; -- another database of this cluster created it at the same moment
          WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'Setara needs the role setara_case_statistics. Ask the database administrator to run: CREATE ROLE setara_case_statistics NOLOGIN; GRANT setara_case_statistics TO %;', current_user;
        END;
      END IF;
      IF NOT pg_has_role(current_user, 'setara_case_statistics', 'MEMBER') THEN
        EXECUTE format('GRANT setara_case_statistics TO %I', current_user);
      END IF;
    END
    $$;

    GRANT USAGE ON SCHEMA public TO setara_case_statistics;
    GRANT SELECT (id, forms, place, relationship, survivor_sex, survivor_age_band, place_unit_id,
      handling_unit_id, state, outcome, closing_reason, received_at, first_contact_at, first_consent_at,
      outcome_at, closed_at, escrow) ON cases TO setara_case_statistics;
    GRANT SELECT (id, parent_id, path, depth, name, code, level) ON units TO setara_case_statistics;
    GRANT SELECT (case_id, service, status) ON case_referrals TO setara_case_statistics;
    GRANT SELECT (case_id, route, status, recorded_at, seq) ON case_consents TO setara_case_statistics;

    -- Statistics filter by period, and by the unit where it happened (else the handling unit): one DPD's
    -- statistics then read that DPD's cases through the index instead of scanning every case.
    CREATE INDEX cases_received_at ON cases (received_at);
    CREATE INDEX cases_statistics_unit ON cases ((coalesce(place_unit_id, handling_unit_id)), received_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX cases_received_at, cases_statistics_unit;
    REVOKE ALL ON cases, units, case_referrals, case_consents FROM setara_case_statistics;
    REVOKE USAGE ON SCHEMA public FROM setara_case_statistics;
  `.execute(db);
}
