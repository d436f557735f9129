import { sql, type Kysely } from 'kysely';

/**
 * Checkpoints of the audit chain's head (issue 17: deleting the newest audit rows went undetected, since
 * the chain only proves what lies before its last row). Every hour a job seals the head (id and hash of
 * the newest row) with a key derived from the master key, which the database does not hold, each
 * checkpoint also covering the previous one; `setara audit verify` checks that every sealed head is still
 * in the chain, and `setara backup` prints the newest one to keep elsewhere. Append-only like the log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE audit_checkpoints (
      id bigserial PRIMARY KEY,
      made_at timestamptz NOT NULL,
      audit_id bigint NOT NULL,
      audit_hash bytea NOT NULL,
      mac bytea NOT NULL
    );
    CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_checkpoints;`.execute(db);
}
