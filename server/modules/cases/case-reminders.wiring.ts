import type { Config } from '../../config.ts';
import type { Clock } from '../../platform/context.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { Db } from '../../platform/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { createCalendarRepository } from '../calendar/calendar.repository.ts';
import { createCalendarService } from '../calendar/calendar.service.ts';
import { createNotificationsRepository } from '../notifications/notifications.repository.ts';
import { createNotificationsService } from '../notifications/notifications.service.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import { createCaseCheckinsService } from './case-checkins.service.ts';
import { createCaseRemindersRepository } from './case-reminders.repository.ts';
import { createCaseRemindersService } from './case-reminders.service.ts';
import { createCaseSchedule } from './case-schedule.ts';
import { createCasesRepository } from './cases.repository.ts';

/** Wires reminders, check-ins, the staff inbox and the holiday calendar (one call in createServices). */
export function createCaseRemindersWiring(deps: {
  config: Config;
  db: Db;
  keyring: Keyring;
  mailer: Mailer;
  clock: Clock;
  units: UnitsRepository;
}) {
  const { config, db, mailer, clock } = deps;
  const cases = createCasesRepository(deps.keyring);
  const reminders = createCaseRemindersRepository();
  const notifications = createNotificationsRepository();
  const schedule = createCaseSchedule({
    firstContactHours: config.CASE_FIRST_CONTACT_HOURS,
    consentDays: config.CASE_CONSENT_DAYS,
    updateDays: config.CASE_UPDATE_DAYS,
    outcomeDays: config.CASE_OUTCOME_DAYS,
  });
  const caseRemindersService = createCaseRemindersService({
    db,
    cases,
    reminders,
    notifications,
    schedule,
    mailer,
    clock,
    publicUrl: config.publicUrl,
    leadMs: config.CASE_REMINDER_LEAD_HOURS * 3_600_000,
  });
  return {
    caseRemindersService,
    caseCheckinsService: createCaseCheckinsService({
      db,
      cases,
      reminders,
      remindersService: caseRemindersService,
      schedule,
      mailer,
      clock,
    }),
    notificationsService: createNotificationsService({ db, notifications, clock }),
    calendarService: createCalendarService({
      db,
      calendar: createCalendarRepository(),
      clock,
      rootPath: async (handle) => (await deps.units.findRoot(handle))?.path,
    }),
  };
}
