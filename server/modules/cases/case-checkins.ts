import type { CaseForm, CaseState } from '../../../shared/case-taxonomy.ts';
import type { CheckinKind } from '../../../shared/case-checkins.ts';
import type { CaseRoleInCase } from '../../../shared/contracts/cases.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import {
  addCalendarDays,
  addWorkingDaysToDate,
  jakartaDate,
  jakartaMidnight,
  nextWorkingDayOnOrAfter,
} from '../calendar/working-days.ts';
import type { Deadline } from './case-deadlines.ts';
import { decideTransition } from './case-workflow.ts';

/**
 * Retaliation check-ins after an outcome (UU TPKS Arts. 69(f), 70; domain/cases.md). The schedule is
 * derived, never stored: 30, 90 and 180 calendar days after the outcome, moved to the next working day
 * (a check-in is a call the handler makes at work), and one before the survivor's contract renewal when
 * the handler recorded it. Only the answers are stored (case_checkins), so a new renewal date or a new
 * outcome after a reopen moves the schedule by itself.
 */
export const checkinDaysAfterOutcome = { checkin_30: 30, checkin_90: 90, checkin_180: 180 } as const;

/** The contract check-in is due this many working days before the renewal, at 09:00 WIB. */
export const CONTRACT_CHECKIN_WORKING_DAYS_BEFORE = 5;
const CHECKIN_HOUR_MS = 9 * 3_600_000;

export function contractCheckinDue(renewalOn: string, holidays: ReadonlySet<string>): Date {
  const date = addWorkingDaysToDate(renewalOn, -CONTRACT_CHECKIN_WORKING_DAYS_BEFORE, holidays);
  return new Date(jakartaMidnight(date).getTime() + CHECKIN_HOUR_MS);
}

export interface ScheduledCheckin {
  kind: CheckinKind;
  dueAt: Date;
}

/** The check-ins that follow an outcome, in due order; none before an outcome. */
export function checkinSchedule(
  facts: { outcomeAt: Date | null; contractCheckinDueAt: Date | null },
  holidays: ReadonlySet<string>,
): ScheduledCheckin[] {
  const { outcomeAt } = facts;
  if (!outcomeAt) return [];
  const outcomeDate = jakartaDate(outcomeAt);
  const timeOfDay = outcomeAt.getTime() - jakartaMidnight(outcomeDate).getTime();
  const list: ScheduledCheckin[] = Object.entries(checkinDaysAfterOutcome).map(([kind, days]) => ({
    kind: kind as CheckinKind,
    dueAt: new Date(
      jakartaMidnight(nextWorkingDayOnOrAfter(addCalendarDays(outcomeDate, days), holidays)).getTime() +
        timeOfDay,
    ),
  }));
  // A renewal before the outcome is past: nothing to check before it.
  if (facts.contractCheckinDueAt && facts.contractCheckinDueAt.getTime() > outcomeAt.getTime())
    list.push({ kind: 'checkin_contract', dueAt: facts.contractCheckinDueAt });
  return list.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The check-ins as deadlines: done once answered for this outcome, late when past due unanswered. */
export function checkinDeadlines(
  schedule: readonly ScheduledCheckin[],
  answered: ReadonlySet<CheckinKind>,
  now: Date,
): Deadline[] {
  return schedule.map((entry) => ({
    kind: entry.kind,
    dueAt: entry.dueAt,
    done: answered.has(entry.kind),
    late: !answered.has(entry.kind) && now.getTime() > entry.dueAt.getTime(),
  }));
}

/** The case team reads and records check-ins: its coordinator and handlers, not legal aid. */
export const canReadCheckins = (roles: readonly CaseRoleInCase[]) =>
  roles.includes('coordinator') || roles.includes('handler');
export const canRecordCheckin = canReadCheckins;

export type CheckinDecision =
  { ok: true; addRetaliationForm: boolean; reopen: boolean } | { ok: false; code: ErrorCode };

/**
 * What a recorded check-in does to the case (our decision, docs/features/cases.md "Retaliation check-ins"):
 * - retaliation found → RT01 (retaliation against reporter or witness, UU TPKS Art. 69) joins the case's
 *   forms, so it is handled and counted as what it is, and the coordinator is told at once;
 * - on a closed case the coordinator may reopen it in the same step, through the workflow's own rule
 *   (closed → handling, coordinator only, reason required); a handler cannot reopen, the coordinator's
 *   notification is her cue;
 * - no retaliation → nothing changes but the record.
 */
export function decideCheckin(
  facts: { state: CaseState; forms: readonly CaseForm[]; rightsReviewed: boolean },
  roles: readonly CaseRoleInCase[],
  request: { retaliation: boolean; reopen: boolean; reason?: string },
): CheckinDecision {
  if (!canRecordCheckin(roles)) return { ok: false, code: 'forbidden' };
  if (request.reopen && (!request.retaliation || facts.state !== 'closed'))
    return { ok: false, code: 'validation_failed' };
  if (request.reopen) {
    const transition = decideTransition(facts, roles, { to: 'handling', reason: request.reason ?? '' });
    if (!transition.ok) return transition;
  }
  return {
    ok: true,
    addRetaliationForm: request.retaliation && !facts.forms.includes('RT01'),
    reopen: request.reopen,
  };
}
