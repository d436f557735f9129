import type { Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { renderEmail, type Mailer } from '../../platform/mail.ts';
import type { Role } from '../../../shared/roles.ts';
import type { NotificationsRepository } from '../notifications/notifications.repository.ts';
import { caseRolesOf } from './case-access.ts';
import { nextDeadline } from './case-deadlines.ts';
import { caseLink, notificationKindOf, remindersDue, type ReminderKind } from './case-reminders.ts';
import { reminderKey, type CaseRemindersRepository } from './case-reminders.repository.ts';
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

  /**
   * The case teams that may be reminded, for many cases at once: handlers and coordinators the access
   * module confirms (a handler's grant must still cover the handling unit; exclusions always win).
   */
  async function teamsOf(handle: DbOrTx, caseIds: string[]) {
    const candidates = await reminders.teamCandidates(handle, caseIds);
    const teams = new Map<string, { id: string; email: string; language: string; roles: string[] }[]>();
    if (candidates.length === 0) return teams;
    const ids = [...new Set(candidates.map((candidate) => candidate.case_id))];
    const [assignments, exclusions, grants] = await Promise.all([
      cases.openAssignments(handle, ids),
      cases.exclusions(handle, ids),
      reminders.grantsOf(handle, [...new Set(candidates.map((candidate) => candidate.user_id))]),
    ]);
    for (const candidate of candidates) {
      const roles = caseRolesOf(
        {
          userId: candidate.user_id,
          grants: grants
            .filter((grant) => grant.user_id === candidate.user_id)
            .map((grant) => ({ role: grant.role as Role, unitId: grant.unit_id, unitPath: grant.path })),
        },
        {
          handlingUnitId: candidate.handling_unit_id,
          handlingUnitPath: candidate.handling_unit_path,
          assignments: assignments
            .filter((a) => a.case_id === candidate.case_id)
            .map((a) => ({ userId: a.user_id, role: a.role as 'handler' | 'legal_aid' })),
          excludedUserIds: exclusions.filter((x) => x.case_id === candidate.case_id).map((x) => x.user_id),
          legalAidConsented: false,
        },
      );
      if (!roles.includes('handler') && !roles.includes('coordinator')) continue;
      const team = teams.get(candidate.case_id) ?? [];
      team.push({ id: candidate.user_id, email: candidate.email, language: candidate.language, roles });
      teams.set(candidate.case_id, team);
    }
    return teams;
  }

  /** Writes one claimed reminder's notification and email (inside the claim's transaction). */
  async function deliver(
    tx: DbOrTx,
    caseId: string,
    member: { id: string; email: string; language: string },
    reminderKind: ReminderKind | 'retaliation',
  ) {
    const link = caseLink(caseId);
    await notifications.insert(tx, {
      userId: member.id,
      kind: notificationKindOf[reminderKind],
      caseId,
      link,
      at: clock.now(),
    });
    await mailer.enqueue(tx, {
      to: member.email,
      ...renderEmail('caseAttention', member.language, { link: `${deps.publicUrl}${link}` }),
    });
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
    for (const member of (await teamsOf(tx, [row.id])).get(row.id) ?? []) {
      if (only && (!member.roles.includes(only.role) || member.id === only.exceptUserId)) continue;
      if (!(await reminders.claimReminder(tx, { caseId: row.id, ...reminder, userId: member.id }, now)))
        continue;
      await deliver(tx, row.id, member, reminder.reminderKind);
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
      const due = new Map<string, ReturnType<typeof remindersDue>>();
      for (const row of await reminders.scheduleCandidates(db, now)) {
        const deadlines = await schedule.deadlinesOf(db, row, now, holidays);
        const next = nextDeadline(deadlines);
        if (
          (next?.kind ?? null) !== row.next_deadline_kind ||
          (next?.dueAt.getTime() ?? null) !== (row.next_deadline_at?.getTime() ?? null)
        )
          await reminders.setNextDeadline(db, row.id, next);
        const list = remindersDue(deadlines, now, deps.leadMs);
        if (list.length > 0) due.set(row.id, list);
      }
      // Bulk: the teams of every case with something due, and what was already sent, in a few queries;
      // only reminders not yet claimed open a transaction (a run where all was sent writes nothing).
      const caseIds = [...due.keys()];
      let sent = 0;
      for (let start = 0; start < caseIds.length; start += 500) {
        const batch = caseIds.slice(start, start + 500);
        const [teams, claimed] = await Promise.all([teamsOf(db, batch), reminders.claimedKeys(db, batch)]);
        for (const caseId of batch) {
          const pending = (due.get(caseId) ?? []).flatMap((reminder) =>
            (teams.get(caseId) ?? [])
              .filter(
                (member) =>
                  !claimed.has(
                    reminderKey(
                      caseId,
                      reminder.deadlineKind,
                      reminder.dueAt,
                      reminder.reminderKind,
                      member.id,
                    ),
                  ),
              )
              .map((member) => ({ reminder, member })),
          );
          if (pending.length === 0) continue;
          sent += await db.transaction().execute(async (tx) => {
            let count = 0;
            for (const { reminder, member } of pending) {
              // The claim is the idempotency key: another run may have sent it since we looked.
              if (!(await reminders.claimReminder(tx, { caseId, ...reminder, userId: member.id }, now)))
                continue;
              await deliver(tx, caseId, member, reminder.reminderKind);
              count += 1;
            }
            return count;
          });
        }
      }
      if (sent > 0) await mailer.deliverPending();
      return sent;
    },
  };
}

export type CaseRemindersService = ReturnType<typeof createCaseRemindersService>;
