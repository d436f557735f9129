import { sql, type Kysely } from 'kysely';

/**
 * The public counters of /komitmen count open signatures of people (members and persons outside the
 * membership) per unit. At 200,000 signatures the old per-DPD prefix scan took about 650 ms (p95); this
 * partial index lets the count per unit read the index alone (bench/commitment-pledge.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX commitment_signatures_people_open ON commitment_signatures (version_id, unit_id)
      WHERE status IN ('pending', 'valid') AND kind IN ('member', 'person');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX commitment_signatures_people_open;`.execute(db);
}
