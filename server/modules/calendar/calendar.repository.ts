import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

/** SQL of the working-day calendar (`holidays`). */
export function createCalendarRepository() {
  return {
    /** Every non-working date besides weekends, for deadline arithmetic (a few dozen rows a year). */
    async holidaySet(db: DbOrTx): Promise<Set<string>> {
      const rows = await db.selectFrom('holidays').select('day').execute();
      return new Set(rows.map((row) => row.day));
    },
    async listYear(db: DbOrTx, year: number) {
      return db
        .selectFrom('holidays')
        .select(['day', 'name', 'kind', 'source'])
        .where(sql<boolean>`extract(year from day) = ${year}`)
        .orderBy('day')
        .execute();
    },
    /** Inserts a date; false when the date is already in the calendar. */
    async add(
      db: DbOrTx,
      holiday: { day: string; name: string; kind: string; source: string | null; createdBy: string },
    ): Promise<boolean> {
      const inserted = await db
        .insertInto('holidays')
        .values({
          day: holiday.day,
          name: holiday.name,
          kind: holiday.kind,
          source: holiday.source,
          created_by: holiday.createdBy,
        })
        .onConflict((conflict) => conflict.column('day').doNothing())
        .returning('day')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async remove(db: DbOrTx, day: string): Promise<{ name: string; kind: string } | undefined> {
      return db.deleteFrom('holidays').where('day', '=', day).returning(['name', 'kind']).executeTakeFirst();
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
