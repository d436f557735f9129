import { sql, type Kysely } from 'kysely';

/**
 * A report form's token is good for one report (issue 10: Back and resend made two cases). The row is
 * spent in the report's transaction. It holds an HMAC of the token and the receipt page sealed with a key
 * derived from the token, so a resend shows the first receipt again. Nothing here names the case: without
 * the token (only in the reporter's browser), a database dump cannot link a row to a report or read it.
 * Rows go when the token would have expired anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE spent_form_tokens (
      token_id bytea PRIMARY KEY,
      sealed_receipt bytea NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX spent_form_tokens_expiry_idx ON spent_form_tokens (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE spent_form_tokens;`.execute(db);
}
