import type { DeadlineKind } from '../../../shared/case-taxonomy.ts';
import type { NotificationKind } from '../../../shared/case-checkins.ts';
import type { Deadline } from './case-deadlines.ts';

/**
 * Which reminders a case's deadlines call for at `now` (pure). A deadline not yet met gets one reminder
 * `before` it falls due (within `leadMs`) and one when it is `missed`; the caller records each sent
 * reminder under (case, deadline, due time, kind, recipient), so running twice sends nothing twice and a
 * repeating deadline (the update every 14 days) gets fresh reminders each time it moves.
 */
export type ReminderKind = 'before' | 'missed';

export interface DueReminder {
  deadlineKind: DeadlineKind;
  dueAt: Date;
  reminderKind: ReminderKind;
}

export function remindersDue(deadlines: readonly Deadline[], now: Date, leadMs: number): DueReminder[] {
  const at = now.getTime();
  return deadlines.flatMap((deadline): DueReminder[] => {
    if (deadline.done) return [];
    const due = deadline.dueAt.getTime();
    if (at > due) return [{ deadlineKind: deadline.kind, dueAt: deadline.dueAt, reminderKind: 'missed' }];
    if (at >= due - leadMs)
      return [{ deadlineKind: deadline.kind, dueAt: deadline.dueAt, reminderKind: 'before' }];
    return [];
  });
}

export const notificationKindOf: Record<ReminderKind | 'retaliation', NotificationKind> = {
  before: 'case_deadline_near',
  missed: 'case_deadline_missed',
  retaliation: 'case_retaliation',
};

/** The staff-app path of a case: the only thing a reminder carries. */
export const caseLink = (caseId: string) => `/cases/${caseId}`;
