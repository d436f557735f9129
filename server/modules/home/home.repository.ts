import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

/** Counts for the home page. Case queries apply the same scope as the case list, in SQL. */
export function createHomeRepository() {
  /** Open cases staff may see at all: not closed, not purged, not sealed in escrow. */
  const openCases = (db: DbOrTx, userId: string) =>
    db
      .selectFrom('cases as c')
      .where('c.state', '<>', 'closed')
      .where('c.purged_at', 'is', null)
      .where((eb) => eb.or([eb('c.escrow', 'is', null), eb('c.escrow', '=', 'opened')]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_exclusions as x')
              .select('x.case_id')
              .whereRef('x.case_id', '=', 'c.id')
              .where('x.user_id', '=', userId),
          ),
        ),
      );

  return {
    /** Open cases handled at `unitIds` (the units the caller coordinates; coordination is not inherited). */
    async unitCases(db: DbOrTx, userId: string, unitIds: readonly number[], now: Date) {
      const row = await openCases(db, userId)
        .where('c.handling_unit_id', 'in', [...unitIds])
        .select([
          sql<number>`count(*)::int`.as('open'),
          sql<number>`count(*) FILTER (WHERE c.first_contact_at IS NULL AND c.state = 'received')::int`.as(
            'waiting',
          ),
          sql<Date | null>`min(c.next_deadline_at) FILTER (WHERE c.next_deadline_kind = 'first_contact')`.as(
            'first_contact_due_at',
          ),
          sql<number>`count(*) FILTER (WHERE c.next_deadline_at < ${now})::int`.as('late'),
        ])
        .executeTakeFirstOrThrow();
      return row;
    },

    /** Open cases with an open assignment of the caller. */
    async assignedCases(db: DbOrTx, userId: string, now: Date) {
      return openCases(db, userId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('case_assignments as a')
              .select('a.id')
              .whereRef('a.case_id', '=', 'c.id')
              .where('a.user_id', '=', userId)
              .where('a.ended_at', 'is', null),
          ),
        )
        .select([
          sql<number>`count(*)::int`.as('open'),
          sql<Date | null>`min(c.next_deadline_at)`.as('next_deadline_at'),
          sql<number>`count(*) FILTER (WHERE c.next_deadline_at < ${now})::int`.as('late'),
        ])
        .executeTakeFirstOrThrow();
    },

    async heldMail(db: DbOrTx): Promise<number> {
      const row = await db
        .selectFrom('outbox')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('status', '=', 'held')
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}

export type HomeRepository = ReturnType<typeof createHomeRepository>;
