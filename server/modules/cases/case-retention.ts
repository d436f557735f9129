import { closingReasons, type ClosingReason } from '../../../shared/case-taxonomy.ts';
import {
  retentionMaximumYears,
  retentionMinimumYears,
  type RetentionPeriods,
} from '../../../shared/contracts/case-retention.ts';

/**
 * The retention rule (issue 5), pure. A closed case is purged once its period, counted in whole years from
 * its close date, has passed, unless a legal hold is in force. A reopened case is not closed, so it is
 * never due; a purged case is final.
 */

export interface RetentionDefaults {
  /** Years for every closing reason without its own default. */
  years: number;
  /** `ditarik_korban`: the survivor withdrew; keep less. */
  withdrawnYears: number;
  /** `duplikat`: the content lives on in the case it duplicates. */
  duplicateYears: number;
}

/** The periods from the environment defaults (server/config.ts). */
export function defaultRetentionPeriods(defaults: RetentionDefaults): RetentionPeriods {
  const periods = Object.fromEntries(closingReasons.map((reason) => [reason, defaults.years])) as Record<
    ClosingReason,
    number
  >;
  periods.ditarik_korban = defaults.withdrawnYears;
  periods.duplikat = defaults.duplicateYears;
  return periods;
}

/** Stored overrides over the defaults; a stored value out of range (never written by us) is ignored. */
export function effectiveRetentionPeriods(defaults: RetentionPeriods, stored: unknown): RetentionPeriods {
  const result = { ...defaults };
  if (stored && typeof stored === 'object')
    for (const reason of closingReasons) {
      const value = (stored as Record<string, unknown>)[reason];
      if (isValidPeriod(value)) result[reason] = value;
    }
  return result;
}

export function isValidPeriod(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= retentionMinimumYears &&
    value <= retentionMaximumYears
  );
}

/** The period of a closing reason; a closed case without one (never written by the workflow) gets the longest. */
export function periodFor(reason: string | null, periods: RetentionPeriods): number {
  if (reason !== null && (closingReasons as readonly string[]).includes(reason))
    return periods[reason as ClosingReason];
  return Math.max(...Object.values(periods));
}

/** `date` plus whole years in UTC; 29 February falls on 28 February in a year without one. */
export function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(date.getUTCFullYear() + years);
  if (result.getUTCMonth() !== date.getUTCMonth()) result.setUTCDate(0);
  return result;
}

/** When a case closed at `closedAt` for `reason` is due to be purged. */
export function purgeDueAt(closedAt: Date, reason: string | null, periods: RetentionPeriods): Date {
  return addYears(closedAt, periodFor(reason, periods));
}

export interface RetentionFacts {
  state: string;
  closedAt: Date | null;
  closingReason: string | null;
  purgedAt: Date | null;
  onHold: boolean;
}

export type PurgeDecision =
  | { purge: true; dueAt: Date }
  | { purge: false; why: 'not_closed' | 'purged' | 'held' | 'not_due'; dueAt: Date | null };

/** Whether one case is to be purged now. */
export function decidePurge(facts: RetentionFacts, periods: RetentionPeriods, now: Date): PurgeDecision {
  if (facts.purgedAt) return { purge: false, why: 'purged', dueAt: null };
  // A reopened case is in `handling` again with no close date: it is not purged.
  if (facts.state !== 'closed' || !facts.closedAt) return { purge: false, why: 'not_closed', dueAt: null };
  const dueAt = purgeDueAt(facts.closedAt, facts.closingReason, periods);
  if (facts.onHold) return { purge: false, why: 'held', dueAt };
  if (dueAt.getTime() > now.getTime()) return { purge: false, why: 'not_due', dueAt };
  return { purge: true, dueAt };
}

/**
 * The latest close date that can be due now for a reason with `years`, with two days of slack for the
 * 29 February rule; a prefilter for SQL only, `decidePurge` decides.
 */
export function closedBeforeForDue(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(now.getUTCFullYear() - years);
  return new Date(cutoff.getTime() + 2 * 24 * 3600 * 1000);
}
