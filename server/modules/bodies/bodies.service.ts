import { AppError } from '../../../shared/errors.ts';
import type { AppointBody, BodyView } from '../../../shared/contracts/organisation.ts';
import type { AppointmentBasis, BodyKind, PositionCategory } from '../../../shared/taxonomies.ts';
import { can } from '../../platform/access.ts';
import { actorAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import type { MembersRepository } from '../members/members.repository.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type { BodiesRepository } from './bodies.repository.ts';

/** Seats that are not filled on a date: a position's seats minus its holders that day, never negative. */
export function vacantSeats(seats: number, holders: number): number {
  return Math.max(0, seats - holders);
}

/**
 * Bodies of a unit (executive board, Komite Perempuan, Laskar, TKBH, media team, Dewan Kehormatan,
 * congress committees), their positions and the appointments of members to them, with terms.
 */
export function createBodiesService(deps: {
  db: Db;
  bodies: BodiesRepository;
  units: UnitsRepository;
  members: MembersRepository;
  clock: Clock;
}) {
  const { db, bodies, units, members, clock } = deps;
  const today = () => isoDateIn(clock.now());

  async function unitFor(actor: Actor, unitId: number, action: 'unit.read' | 'unit.manage') {
    const unit = await units.findById(db, unitId);
    if (!unit || !can(actor.principal, 'unit.read', unit.path)) throw new AppError('not_found');
    if (!can(actor.principal, action, unit.path)) throw new AppError('forbidden');
    return unit;
  }

  async function bodyFor(actor: Actor, bodyId: number, action: 'unit.read' | 'unit.manage') {
    const body = await bodies.findBody(db, bodyId);
    if (!body || !can(actor.principal, 'unit.read', body.unit_path)) throw new AppError('not_found');
    if (!can(actor.principal, action, body.unit_path)) throw new AppError('forbidden');
    return body;
  }

  async function positionFor(actor: Actor, positionId: number) {
    const position = await bodies.findPosition(db, positionId);
    if (!position || !can(actor.principal, 'unit.read', position.unit_path)) throw new AppError('not_found');
    if (!can(actor.principal, 'unit.manage', position.unit_path)) throw new AppError('forbidden');
    return position;
  }

  async function views(
    handle: DbOrTx,
    unitId: number,
    date: string,
    onlyBodyId?: number,
  ): Promise<BodyView[]> {
    const rows = (await bodies.bodiesOf(handle, unitId)).filter(
      (row) => onlyBodyId === undefined || row.id === onlyBodyId,
    );
    const positions = await bodies.positionsOf(
      handle,
      rows.map((row) => row.id),
    );
    const holders = await bodies.holdersOn(
      handle,
      positions.map((position) => position.id),
      date,
    );
    return rows.map((row) => {
      const own = positions
        .filter((position) => position.body_id === row.id)
        .map((position) => {
          const current = holders.filter((holder) => holder.position_id === position.id);
          return {
            id: position.id,
            title: position.title,
            category: position.category as PositionCategory,
            seats: position.seats,
            sortOrder: position.sort_order,
            holders: current.map((holder) => ({
              id: String(holder.id),
              memberId: String(holder.member_id),
              memberName: holder.full_name,
              memberNumber: holder.member_number,
              sex: holder.sex as 'L' | 'P' | null,
              termStart: holder.term_start,
              termEnd: holder.term_end,
              basis: holder.basis as AppointmentBasis,
              decreeNumber: holder.decree_number,
              leftOn: holder.left_on,
            })),
            // A holder who has left the union sits for no one: her seat is vacant (issue 10).
            vacantSeats: vacantSeats(position.seats, current.filter((holder) => !holder.left_on).length),
          };
        });
      const filled = own.reduce(
        (sum, position) => sum + position.holders.filter((holder) => !holder.leftOn).length,
        0,
      );
      const positionSeats = own.reduce((sum, position) => sum + position.seats, 0);
      return {
        id: row.id,
        unitId: row.unit_id,
        kind: row.kind as BodyKind,
        name: row.name,
        statutorySeats: row.statutory_seats,
        active: row.active,
        positions: own,
        filledSeats: filled,
        // Statutory seats are the reference when set (seats without a defined position are vacant too).
        vacantSeats: Math.max(0, (row.statutory_seats ?? positionSeats) - filled),
      };
    });
  }

  async function oneView(handle: DbOrTx, unitId: number, bodyId: number): Promise<BodyView> {
    const [view] = await views(handle, unitId, today(), bodyId);
    if (!view) throw new AppError('not_found');
    return view;
  }

  const audit = actorAudit(clock);

  return {
    async listBodies(actor: Actor, unitId: number, asOf?: string): Promise<BodyView[]> {
      await unitFor(actor, unitId, 'unit.read');
      return views(db, unitId, asOf ?? today());
    },

    async createBody(
      actor: Actor,
      unitId: number,
      input: { kind: BodyKind; name: string; statutorySeats?: number | null },
    ): Promise<BodyView> {
      await unitFor(actor, unitId, 'unit.manage');
      return db.transaction().execute(async (tx) => {
        const id = await bodies.insertBody(tx, {
          unit_id: unitId,
          kind: input.kind,
          name: input.name,
          statutory_seats: input.statutorySeats ?? null,
        });
        await audit(tx, actor, 'body.create', 'body', String(id), unitId, { kind: input.kind });
        return oneView(tx, unitId, id);
      });
    },

    async updateBody(
      actor: Actor,
      bodyId: number,
      input: { kind?: BodyKind; name?: string; statutorySeats?: number | null; active?: boolean },
    ): Promise<BodyView> {
      const body = await bodyFor(actor, bodyId, 'unit.manage');
      const changes = Object.fromEntries(
        Object.entries({
          kind: input.kind,
          name: input.name,
          statutory_seats: input.statutorySeats,
          active: input.active,
        }).filter(([, value]) => value !== undefined),
      );
      return db.transaction().execute(async (tx) => {
        await bodies.updateBody(tx, bodyId, changes);
        await audit(tx, actor, 'body.update', 'body', String(bodyId), body.unit_id, {
          fields: Object.keys(changes),
        });
        return oneView(tx, body.unit_id, bodyId);
      });
    },

    async createPosition(
      actor: Actor,
      bodyId: number,
      input: { title: string; category: PositionCategory; seats: number; sortOrder: number },
    ): Promise<BodyView> {
      const body = await bodyFor(actor, bodyId, 'unit.manage');
      return db.transaction().execute(async (tx) => {
        const id = await bodies.insertPosition(tx, {
          body_id: bodyId,
          title: input.title,
          category: input.category,
          seats: input.seats,
          sort_order: input.sortOrder,
        });
        await audit(tx, actor, 'position.create', 'position', String(id), body.unit_id, {
          category: input.category,
          seats: input.seats,
        });
        return oneView(tx, body.unit_id, bodyId);
      });
    },

    async updatePosition(
      actor: Actor,
      positionId: number,
      input: { title?: string; category?: PositionCategory; seats?: number; sortOrder?: number },
    ): Promise<BodyView> {
      const position = await positionFor(actor, positionId);
      const changes = Object.fromEntries(
        Object.entries({
          title: input.title,
          category: input.category,
          seats: input.seats,
          sort_order: input.sortOrder,
        }).filter(([, value]) => value !== undefined),
      );
      return db.transaction().execute(async (tx) => {
        await bodies.updatePosition(tx, positionId, changes);
        await audit(tx, actor, 'position.update', 'position', String(positionId), position.unit_id, {
          fields: Object.keys(changes),
        });
        return oneView(tx, position.unit_id, position.body_id);
      });
    },

    /**
     * Appoints a member for a term. Refused when the position has no free seat during the term or the
     * member already holds it then. Acting officers (Plt) count for their seat and are flagged by `basis`.
     */
    async appoint(actor: Actor, positionId: number, input: AppointBody): Promise<BodyView> {
      const position = await positionFor(actor, positionId);
      if (!position.body_active)
        throw new AppError('validation_failed', 'Body is inactive', {
          fields: [{ path: 'positionId', message: 'invalid' }],
        });
      if (input.termEnd && input.termEnd < input.termStart) {
        throw new AppError('validation_failed', 'Term ends before it starts', {
          fields: [{ path: 'termEnd', message: 'invalid' }],
        });
      }
      const member = await members.findById(db, input.memberId);
      if (!member || !can(actor.principal, 'member.read', member.unit_path)) {
        throw new AppError('validation_failed', 'Unknown member', {
          fields: [{ path: 'memberId', message: 'invalid' }],
        });
      }
      return db.transaction().execute(async (tx) => {
        // Serialise appointments to one position so two officers cannot take the last seat together.
        await bodies.lockPosition(tx, positionId);
        const overlapping = await bodies.overlapping(tx, positionId, input.termStart, input.termEnd ?? null);
        if (overlapping.some((row) => String(row.member_id) === member.id)) {
          throw new AppError('conflict', 'Already holds this position', {
            fields: [{ path: 'memberId', message: 'conflict' }],
          });
        }
        if (overlapping.length >= position.seats) {
          throw new AppError('conflict', 'No vacant seat', {
            fields: [{ path: 'positionId', message: 'conflict' }],
          });
        }
        const id = await bodies.insertAppointment(tx, {
          position_id: positionId,
          member_id: member.id,
          term_start: input.termStart,
          term_end: input.termEnd ?? null,
          basis: input.basis,
          decree_number: input.decreeNumber ?? null,
        });
        await audit(tx, actor, 'appointment.create', 'appointment', String(id), position.unit_id, {
          positionId,
          memberId: member.id,
          basis: input.basis,
        });
        return oneView(tx, position.unit_id, position.body_id);
      });
    },

    async endAppointment(actor: Actor, appointmentId: string, termEnd: string): Promise<BodyView> {
      const appointment = /^\d+$/.test(appointmentId)
        ? await bodies.findAppointment(db, appointmentId)
        : undefined;
      if (!appointment || !can(actor.principal, 'unit.read', appointment.unit_path))
        throw new AppError('not_found');
      if (!can(actor.principal, 'unit.manage', appointment.unit_path)) throw new AppError('forbidden');
      if (termEnd < appointment.term_start) {
        throw new AppError('validation_failed', 'Term ends before it starts', {
          fields: [{ path: 'termEnd', message: 'invalid' }],
        });
      }
      return db.transaction().execute(async (tx) => {
        await bodies.endAppointment(tx, appointmentId, termEnd);
        await audit(tx, actor, 'appointment.end', 'appointment', appointmentId, appointment.unit_id, {
          termEnd,
        });
        return oneView(tx, appointment.unit_id, appointment.body_id);
      });
    },
  };
}

export type BodiesService = ReturnType<typeof createBodiesService>;
