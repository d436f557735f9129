import { isLanguage } from '../../platform/i18n.ts';
import type { Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { translator } from '../../platform/i18n.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { caseRolesOf } from './case-access.ts';
import { nextDeadline } from './case-deadlines.ts';
import { caseLink, notificationKindOf, remindersDue, type ReminderKind } from './case-reminders.ts';
import type { CaseRemindersRepository } from './case-reminders.repository.ts';
import type { CaseSchedule } from './case-schedule.ts';
import type { CasesRepository } from './cases.repository.ts';

/**
 * Reminders to the case team, run by a job (pg-boss) and by check-ins that find retaliation. A reminder
 * goes by email and to the staff inbox and says only "a case at your unit needs attention" with a link
 * to /cases/<id>: no narrative, no names, no form codes, no reference. Each one is claimed in
 * `case_reminders` in the same transaction as its notification and its outbox row, so a job that runs
 * twice (or on two instances at once) sends it once.
 */
export function createCaseRemindersService(deps: {
  db: Db;
  cases: CasesRepository;
  reminders: CaseRemindersRepository;
  notifications: NotificationsRepository;
  schedule: CaseSchedule;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  /** A reminder before a deadline goes this long ahead of it. */
  leadMs: number;
}) {
  const { db, cases, reminders, notifications, schedule, mailer, clock } = deps;

  /** The case team that may be reminded: handlers and coordinators the access module confirms. */
  async function teamOf(handle: DbOrTx, row: { id: string; handling_unit_id: number }) {
    const candidates = await reminders.teamCandidates(handle, row.id, row.handling_unit_id);
    if (candidates.length === 0) return [];
    const unit = await handle
      .selectFrom('units')
      .select('path')
      .where('id', '=', row.handling_unit_id)
      .executeTakeFirstOrThrow();
    const [assignments, exclusions] = await Promise.all([
      cases.openAssignments(handle, [row.id]),
      cases.exclusions(handle, [row.id]),
    ]);
    const team = [];
    for (const candidate of candidates) {
      const grants = await cases.grantsOfUser(handle, candidate.id);
      const roles = caseRolesOf(
        { userId: candidate.id, grants: grants },
        {
          handlingUnitId: row.handling_unit_id,
          handlingUnitPath: unit.path,
          assignments: assignments.map((a) => ({
            userId: a.user_id,
            role: a.role as 'handler' | 'legal_aid',
          })),
          excludedUserIds: exclusions.map((x) => x.user_id),
          legalAidConsented: false,
        },
      );
      if (roles.includes('handler') || roles.includes('coordinator')) team.push({ ...candidate, roles });
    }
    return team;
  }

  /**
   * Sends one reminder about a case to each member of its team (or only its coordinators) who has not
   * had it yet, inside the caller's transaction. Returns how many were sent.
   */
  async function notifyTeam(
    tx: DbOrTx,
    row: { id: string; handling_unit_id: number },
    reminder: { deadlineKind: string; dueAt: Date; reminderKind: ReminderKind | 'retaliation' },
    only?: { role: 'coordinator'; exceptUserId: string },
  ): Promise<number> {
    const now = clock.now();
    let sent = 0;
    for (const member of await teamOf(tx, row)) {
      if (only && (!member.roles.includes(only.role) || member.id === only.exceptUserId)) continue;
      const claimed = await reminders.claimReminder(
        tx,
        { caseId: row.id, ...reminder, userId: member.id },
        now,
      );
      if (!claimed) continue;
      const link = caseLink(row.id);
      await notifications.insert(tx, {
        userId: member.id,
        kind: notificationKindOf[reminder.reminderKind],
        caseId: row.id,
        link,
        at: now,
      });
      const t = translator(isLanguage(member.language) ? member.language : 'id', 'email');
      await mailer.enqueue(tx, {
        to: member.email,
        subject: t('caseAttention.subject'),
        text: `${t('caseAttention.body', { link: `${deps.publicUrl}${link}` })}\n\n--\n${t('footer')}`,
      });
      sent += 1;
    }
    return sent;
  }

  return {
    notifyTeam,

    /**
     * The job: for every case that may still have a deadline, recompute its deadlines on today's
     * calendar (so a holiday an administrator adds moves them, and the case list's next deadline with
     * them), then send the reminders that are due and not yet sent. Returns how many were sent.
     */
    async sendDueReminders(): Promise<number> {
      const now = clock.now();
      const holidays = await schedule.holidays(db);
      let sent = 0;
      for (const row of await reminders.scheduleCandidates(db, now)) {
        const deadlines = await schedule.deadlinesOf(db, row, now, holidays);
        const next = nextDeadline(deadlines);
        if (
          (next?.kind ?? null) !== row.next_deadline_kind ||
          (next?.dueAt.getTime() ?? null) !== (row.next_deadline_at?.getTime() ?? null)
        )
          await reminders.setNextDeadline(db, row.id, next);
        const due = remindersDue(deadlines, now, deps.leadMs);
        if (due.length === 0) continue;
        sent += await db.transaction().execute(async (tx) => {
          let count = 0;
          for (const reminder of due) count += await notifyTeam(tx, row, reminder);
          return count;
        });
      }
      if (sent > 0) await mailer.deliverPending();
      return sent;
    },
  };
}

export type CaseRemindersService = ReturnType<typeof createCaseRemindersService>;
