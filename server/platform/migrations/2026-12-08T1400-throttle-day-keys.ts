import { sql, type Kysely } from 'kysely';

/**
 * The key of the public pages' anti-abuse counters (issue 17: reporters' addresses could be recovered). It
 * was derived from the master key and the date, so anyone holding the master key could hash every
 * address of a range and read yesterday's counters back. Now each UTC day has a random key, created by
 * whichever instance needs it first (every instance then uses the same one) and deleted when the day has
 * ended; backups leave this table's rows out. After that, nothing can turn a counter back into an address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE public_throttle_day_keys (
      day date PRIMARY KEY,
      key bytea NOT NULL CHECK (length(key) = 32)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE public_throttle_day_keys;`.execute(db);
}
