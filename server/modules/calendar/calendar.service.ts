import type { HolidayKind } from '../../../shared/case-checkins.ts';
import type { AddHolidayBody, ListHolidaysResponse } from '../../../shared/contracts/case-reminders.ts';
import { AppError } from '../../../shared/errors.ts';
import { can } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import type { CalendarRepository } from './calendar.repository.ts';

/**
 * The working-day calendar: national holidays and cuti bersama that SOP deadlines skip. Shipped for
 * 2025–2027 (SKB 3 Menteri; 2027 as an estimate until its SKB is out), edited by an administrator
 * (`settings.manage` at the top unit: the calendar is national, one for the whole union).
 */
export function createCalendarService(deps: {
  db: Db;
  calendar: CalendarRepository;
  clock: Clock;
  rootPath: (db: Db) => Promise<string | undefined>;
}) {
  const { db, calendar, clock } = deps;

  async function requireAdmin(actor: Actor) {
    const root = await deps.rootPath(db);
    if (!root || !can(actor.principal, 'settings.manage', root)) throw new AppError('forbidden');
  }

  return {
    /** The holidays of one year, in date order. Any signed-in staff may read the calendar. */
    async listYear(year: number): Promise<ListHolidaysResponse> {
      const rows = await calendar.listYear(db, year);
      return {
        year,
        items: rows.map((row) => ({
          date: row.day,
          name: row.name,
          kind: row.kind as HolidayKind,
          source: row.source,
        })),
      };
    },

    /** Adds a non-working date; `conflict` when the date is already in the calendar. */
    async add(actor: Actor, body: AddHolidayBody) {
      await requireAdmin(actor);
      await db.transaction().execute(async (tx) => {
        const added = await calendar.add(tx, {
          day: body.date,
          name: body.name,
          kind: body.kind,
          source: null,
          createdBy: actor.userId,
        });
        if (!added) throw new AppError('conflict');
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'calendar.holiday_add',
            objectType: 'holiday',
            objectId: body.date,
            requestId: actor.requestId,
            details: { kind: body.kind },
          },
          clock.now(),
        );
      });
      return this.listYear(Number(body.date.slice(0, 4)));
    },

    async remove(actor: Actor, date: string) {
      await requireAdmin(actor);
      await db.transaction().execute(async (tx) => {
        const removed = await calendar.remove(tx, date);
        if (!removed) throw new AppError('not_found');
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'calendar.holiday_remove',
            objectType: 'holiday',
            objectId: date,
            requestId: actor.requestId,
            details: { kind: removed.kind },
          },
          clock.now(),
        );
      });
      return this.listYear(Number(date.slice(0, 4)));
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
