import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';
import { departedOn } from '../members/member-standing.ts';

/** SQL for bodies (boards, committees), their positions and appointments of members to them. */
export function createBodiesRepository() {
  return {
    async bodiesOf(db: DbOrTx, unitId: number) {
      return db
        .selectFrom('bodies')
        .selectAll()
        .where('unit_id', '=', unitId)
        .orderBy('active', 'desc')
        .orderBy('kind')
        .orderBy('id')
        .execute();
    },
    async findBody(db: DbOrTx, bodyId: number) {
      return db
        .selectFrom('bodies as b')
        .innerJoin('units as u', 'u.id', 'b.unit_id')
        .select([
          'b.id',
          'b.unit_id',
          'b.kind',
          'b.name',
          'b.statutory_seats',
          'b.active',
          'u.path as unit_path',
        ])
        .where('b.id', '=', bodyId)
        .executeTakeFirst();
    },
    async findPosition(db: DbOrTx, positionId: number) {
      return db
        .selectFrom('positions as p')
        .innerJoin('bodies as b', 'b.id', 'p.body_id')
        .innerJoin('units as u', 'u.id', 'b.unit_id')
        .select([
          'p.id',
          'p.body_id',
          'p.seats',
          'p.title',
          'b.unit_id',
          'b.active as body_active',
          'u.path as unit_path',
        ])
        .where('p.id', '=', positionId)
        .executeTakeFirst();
    },
    async findAppointment(db: DbOrTx, appointmentId: string) {
      return db
        .selectFrom('appointments as a')
        .innerJoin('positions as p', 'p.id', 'a.position_id')
        .innerJoin('bodies as b', 'b.id', 'p.body_id')
        .innerJoin('units as u', 'u.id', 'b.unit_id')
        .select([
          'a.id',
          'a.position_id',
          'a.member_id',
          'a.term_start',
          'a.term_end',
          'p.body_id',
          'b.unit_id',
          'u.path as unit_path',
        ])
        .where('a.id', '=', appointmentId)
        .executeTakeFirst();
    },
    async positionsOf(db: DbOrTx, bodyIds: number[]) {
      if (bodyIds.length === 0) return [];
      return db
        .selectFrom('positions')
        .selectAll()
        .where('body_id', 'in', bodyIds)
        .orderBy('sort_order')
        .orderBy('id')
        .execute();
    },
    /** Appointments in force on `date` for the given positions. */
    async holdersOn(db: DbOrTx, positionIds: number[], date: string) {
      if (positionIds.length === 0) return [];
      return db
        .selectFrom('appointments as a')
        .innerJoin('members as m', 'm.id', 'a.member_id')
        .select([
          'a.id',
          'a.position_id',
          'a.member_id',
          'm.full_name',
          'm.member_number',
          'm.sex',
          'a.term_start',
          'a.term_end',
          'a.basis',
          'a.decree_number',
        ])
        .select(departedOn(sql.ref<string>('a.member_id'), date).as('left_on'))
        .where('a.position_id', 'in', positionIds)
        .where('a.term_start', '<=', date)
        .where((eb) => eb.or([eb('a.term_end', 'is', null), eb('a.term_end', '>=', date)]))
        .orderBy('a.term_start')
        .execute();
    },
    /** Appointments of a position overlapping [start, end] (end null = open). */
    async overlapping(db: DbOrTx, positionId: number, start: string, end: string | null) {
      return db
        .selectFrom('appointments')
        .select(['id', 'member_id'])
        .where('position_id', '=', positionId)
        .where((eb) => eb.or([eb('term_end', 'is', null), eb('term_end', '>=', start)]))
        .where(end ? sql<boolean>`term_start <= ${end}::date` : sql<boolean>`true`)
        .execute();
    },
    async insertBody(
      db: DbOrTx,
      body: { unit_id: number; kind: string; name: string; statutory_seats: number | null },
    ) {
      return (await db.insertInto('bodies').values(body).returning('id').executeTakeFirstOrThrow()).id;
    },
    async updateBody(db: DbOrTx, id: number, changes: Record<string, unknown>) {
      if (Object.keys(changes).length > 0)
        await db.updateTable('bodies').set(changes).where('id', '=', id).execute();
    },
    async insertPosition(
      db: DbOrTx,
      position: { body_id: number; title: string; category: string; seats: number; sort_order: number },
    ) {
      return (await db.insertInto('positions').values(position).returning('id').executeTakeFirstOrThrow()).id;
    },
    async updatePosition(db: DbOrTx, id: number, changes: Record<string, unknown>) {
      if (Object.keys(changes).length > 0)
        await db.updateTable('positions').set(changes).where('id', '=', id).execute();
    },
    async insertAppointment(
      db: DbOrTx,
      appointment: {
        position_id: number;
        member_id: string;
        term_start: string;
        term_end: string | null;
        basis: string;
        decree_number: string | null;
      },
    ) {
      return (
        await db.insertInto('appointments').values(appointment).returning('id').executeTakeFirstOrThrow()
      ).id;
    },
    async endAppointment(db: DbOrTx, id: string, termEnd: string) {
      await db.updateTable('appointments').set({ term_end: termEnd }).where('id', '=', id).execute();
    },
    async lockPosition(db: DbOrTx, positionId: number) {
      await sql`SELECT id FROM positions WHERE id = ${positionId} FOR UPDATE`.execute(db);
    },
  };
}

export type BodiesRepository = ReturnType<typeof createBodiesRepository>;
