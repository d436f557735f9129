import type { CaseState, DeadlineKind } from '../../../shared/case-taxonomy.ts';
import { addWorkingDays } from '../calendar/working-days.ts';

/**
 * SOP deadlines (domain/cases.md), configurable through CASE_* settings; SPN defaults.
 *
 * Which clock each deadline runs on (our decision):
 * - first contact counts **hours** (2 × 24 h): it is a safety triage, and a report made on Friday night
 *   or before Lebaran must not wait for the office to reopen;
 * - consent counts **working days** (7): options counselling needs the handler, often the Satgas or a
 *   service, which work on working days; weekends, national holidays and cuti bersama do not count;
 * - the update to the survivor counts **calendar days** (every 14): it is a promise to the reporter in
 *   plain words on her follow-up page ("the next update by …"), which a long holiday must not stretch;
 * - the outcome counts **calendar days** (90, "3 months"), the benchmark the SOP quotes.
 * Retaliation check-ins (case-checkins.ts) count calendar days from the outcome and move to the next
 * working day, since a check-in is a call the handler makes at work.
 */
export interface DeadlineSettings {
  /** First human contact / safety triage after receipt: 2 × 24 h (hours, whatever the day). */
  firstContactHours: number;
  /** Options counselling with consent recorded per route: 7 working days. */
  consentDays: number;
  /** An update to the survivor while the case is open: every 14 calendar days. */
  updateDays: number;
  /** Outcome / feedback: 3 months (calendar days). */
  outcomeDays: number;
  /** Jakarta dates that are not working days besides weekends (national holidays, cuti bersama). */
  holidays?: ReadonlySet<string>;
}

export const defaultDeadlineSettings: DeadlineSettings = {
  firstContactHours: 48,
  consentDays: 7,
  updateDays: 14,
  outcomeDays: 90,
};

export interface DeadlineFacts {
  state: CaseState;
  receivedAt: Date;
  firstContactAt: Date | null;
  firstConsentAt: Date | null;
  /** Last message from the team or change of state, the survivor's last "update". */
  lastTeamUpdateAt: Date | null;
  outcomeAt: Date | null;
}

export interface Deadline {
  kind: DeadlineKind;
  dueAt: Date;
  done: boolean;
  late: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Every SOP deadline of a case as of `now`. A closed case has none left. The update deadline repeats: it
 * runs from the last update the team gave (a message or a change of state), and is never "done" while
 * the case is open. Consent counts working days on the holiday calendar (see DeadlineSettings).
 */
export function computeDeadlines(facts: DeadlineFacts, settings: DeadlineSettings, now: Date): Deadline[] {
  if (facts.state === 'closed') return [];
  const received = facts.receivedAt.getTime();
  const entry = (kind: DeadlineKind, due: number, doneAt: Date | null): Deadline => ({
    kind,
    dueAt: new Date(due),
    done: doneAt !== null,
    late: doneAt === null ? now.getTime() > due : doneAt.getTime() > due,
  });
  const lastUpdate = Math.max(received, facts.lastTeamUpdateAt?.getTime() ?? received);
  return [
    entry('first_contact', received + settings.firstContactHours * HOUR, facts.firstContactAt),
    entry(
      'consent',
      addWorkingDays(facts.receivedAt, settings.consentDays, settings.holidays ?? new Set()).getTime(),
      facts.firstConsentAt,
    ),
    entry('update', lastUpdate + settings.updateDays * DAY, null),
    entry('outcome', received + settings.outcomeDays * DAY, facts.outcomeAt),
  ];
}

/** The earliest deadline not yet met, the one case lists sort by; null when none is left. */
export function nextDeadline(deadlines: readonly Deadline[]): Deadline | null {
  return (
    deadlines.filter((deadline) => !deadline.done).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ??
    null
  );
}
