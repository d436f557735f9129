import { sql, type Kysely } from 'kysely';

/**
 * issue 18, "a report can reach nobody": when the unit routing chose has no active case coordinator the
 * case goes up the tree (case-routing.ts, routeToStaffedUnit). The unit it was meant for is kept on the
 * case, so the team sees "routed to X because Y had no coordinator" and can send it back once Y has one.
 * A unit id is a coded field like the handling unit: nothing identifying, kept after a retention purge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cases ADD COLUMN routing_fallback_from_unit_id integer REFERENCES units(id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE cases DROP COLUMN routing_fallback_from_unit_id;`.execute(db);
}
