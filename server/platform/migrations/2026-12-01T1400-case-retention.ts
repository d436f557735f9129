import { sql, type Kysely } from 'kysely';

/**
 * Retention of closed cases (domain/cases.md, issue 5). A closed case is purged after its retention
 * period: its sealed columns, receipt and data key go, its child rows go, and only the coded statistical
 * row stays with `purged_at` set. Legal holds stop the purge of one case. The periods themselves live in
 * `system_settings` under `case_retention`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A purged case keeps no content, no receipt and no data key (the key is deleted: crypto-shredding).
    ALTER TABLE cases
      ALTER COLUMN data_key_id DROP NOT NULL,
      ALTER COLUMN receipt_index DROP NOT NULL,
      ALTER COLUMN receipt_hash DROP NOT NULL,
      ALTER COLUMN content_sealed DROP NOT NULL,
      ADD COLUMN purged_at timestamptz,
      ADD CONSTRAINT cases_content_until_purged CHECK (
        purged_at IS NOT NULL OR (
          data_key_id IS NOT NULL AND receipt_index IS NOT NULL AND receipt_hash IS NOT NULL
          AND content_sealed IS NOT NULL)),
      ADD CONSTRAINT cases_purged_when_closed CHECK (purged_at IS NULL OR state = 'closed');
    CREATE INDEX cases_retention_closed ON cases (closed_at, id) WHERE state = 'closed' AND purged_at IS NULL;

    -- A purged case row never changes again: a reopen after purge is impossible, even by a bug.
    CREATE FUNCTION cases_purged_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'case % was purged under the retention rule and cannot change', OLD.id
        USING ERRCODE = 'check_violation';
    END $$;
    CREATE TRIGGER cases_purged_is_final BEFORE UPDATE ON cases
      FOR EACH ROW WHEN (OLD.purged_at IS NOT NULL) EXECUTE FUNCTION cases_purged_is_final();

    -- Legal holds placed by an administrator. The reason is a code, never free text: an administrator has
    -- no case access, and free text next to a case could carry case content.
    CREATE TABLE case_legal_holds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      reason text NOT NULL,
      placed_at timestamptz NOT NULL,
      placed_by uuid NOT NULL REFERENCES users(id),
      released_at timestamptz,
      released_by uuid REFERENCES users(id),
      CHECK ((released_at IS NULL) = (released_by IS NULL))
    );
    CREATE UNIQUE INDEX case_legal_holds_open ON case_legal_holds (case_id) WHERE released_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE case_legal_holds;
    DROP TRIGGER cases_purged_is_final ON cases;
    DROP FUNCTION cases_purged_is_final();
    DROP INDEX cases_retention_closed;
    ALTER TABLE cases
      DROP CONSTRAINT cases_purged_when_closed,
      DROP CONSTRAINT cases_content_until_purged,
      DROP COLUMN purged_at;
  `.execute(db);
}
