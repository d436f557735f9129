import { sql, type Kysely } from 'kysely';

/**
 * Each mail in the outbox keeps the language it was written in (its recipient's). The staff app marks a
 * held message with it, so a screen reader reads an Indonesian message in Indonesian on an English page,
 * and SMTP delivery sends it as Content-Language. Older rows stay NULL: their language is not known.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE outbox ADD COLUMN language text CHECK (language IN ('id', 'en'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox DROP COLUMN language;`.execute(db);
}
