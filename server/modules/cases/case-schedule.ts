import type { CaseState } from '../../../shared/case-taxonomy.ts';
import type { CheckinKind } from '../../../shared/case-checkins.ts';
import type { DbOrTx } from '../../platform/database.ts';
import { createCalendarRepository } from '../calendar/calendar.repository.ts';
import { checkinDeadlines, checkinSchedule } from './case-checkins.ts';
import { computeDeadlines, type Deadline, type DeadlineSettings } from './case-deadlines.ts';

/** The coded facts a case's schedule is computed from (all clear columns of `cases`). */
export interface ScheduleFacts {
  id: string;
  state: string;
  received_at: Date;
  /** An escrow report opened by a match counts its SOP deadlines from the opening. */
  escrow_opened_at?: Date | null;
  first_contact_at: Date | null;
  first_consent_at: Date | null;
  last_team_update_at: Date | null;
  outcome_at: Date | null;
}

/**
 * Every deadline of a case: the SOP deadlines (case-deadlines.ts) on the working-day calendar, then the
 * retaliation check-ins after its outcome (case-checkins.ts), which go on after the case is closed.
 * Reads the holiday calendar and the check-in answers; never case content.
 */
export function createCaseSchedule(settings: DeadlineSettings) {
  const calendar = createCalendarRepository();

  function sop(row: ScheduleFacts, holidays: ReadonlySet<string>, now: Date): Deadline[] {
    return computeDeadlines(
      {
        state: row.state as CaseState,
        receivedAt: row.escrow_opened_at ?? row.received_at,
        firstContactAt: row.first_contact_at,
        firstConsentAt: row.first_consent_at,
        lastTeamUpdateAt: row.last_team_update_at,
        outcomeAt: row.outcome_at,
      },
      { ...settings, holidays },
      now,
    );
  }

  async function checkinFacts(handle: DbOrTx, row: ScheduleFacts) {
    if (!row.outcome_at) return { contractCheckinDueAt: null, answered: new Set<CheckinKind>() };
    const [extra, answers] = await Promise.all([
      handle
        .selectFrom('cases')
        .select('contract_checkin_due_at')
        .where('id', '=', row.id)
        .executeTakeFirst(),
      handle
        .selectFrom('case_checkins')
        .select('kind')
        .where('case_id', '=', row.id)
        .where('outcome_at', '=', row.outcome_at)
        .execute(),
    ]);
    return {
      contractCheckinDueAt: extra?.contract_checkin_due_at ?? null,
      answered: new Set(answers.map((answer) => answer.kind as CheckinKind)),
    };
  }

  return {
    holidays: (handle: DbOrTx) => calendar.holidaySet(handle),

    /** SOP deadlines only (what the reporter's follow-up page speaks of). */
    async sopDeadlinesOf(handle: DbOrTx, row: ScheduleFacts, now: Date): Promise<Deadline[]> {
      return sop(row, await calendar.holidaySet(handle), now);
    },

    /** SOP deadlines and check-ins, for the case page, the case list and the reminders. */
    async deadlinesOf(
      handle: DbOrTx,
      row: ScheduleFacts,
      now: Date,
      holidays?: ReadonlySet<string>,
    ): Promise<Deadline[]> {
      const days = holidays ?? (await calendar.holidaySet(handle));
      const facts = await checkinFacts(handle, row);
      const schedule = checkinSchedule(
        { outcomeAt: row.outcome_at, contractCheckinDueAt: facts.contractCheckinDueAt },
        days,
      );
      return [...sop(row, days, now), ...checkinDeadlines(schedule, facts.answered, now)];
    },
  };
}

export type CaseSchedule = ReturnType<typeof createCaseSchedule>;
