import type { CaseState, DeadlineKind } from '../../../shared/case-taxonomy.ts';

/** SOP deadlines (domain/cases.md), configurable through CASE_* settings; SPN defaults. */
export interface DeadlineSettings {
  /** First human contact / safety triage after receipt: 2 × 24 h. */
  firstContactHours: number;
  /** Options counselling with consent recorded per route: 7 days. */
  consentDays: number;
  /** An update to the survivor while the case is open: every 14 days. */
  updateDays: number;
  /** Outcome / feedback: 3 months. */
  outcomeDays: number;
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
 * the case is open. Calendar days for now; working days come with the holiday calendar.
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
    entry('consent', received + settings.consentDays * DAY, facts.firstConsentAt),
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
