/**
 * The leadership pipeline's rules (shared/domain/training.md "The leadership pipeline"), pure: the
 * repository gathers the facts of each graduate, these functions decide what counts.
 *
 * Definitions (docs/features/training.md "Leadership pipeline"):
 * - A **graduate** of a cohort (track, year) is a member with a `completed` participation in a class of
 *   that track ending in that year; her **completion date** is the end date of the earliest such class.
 * - **Reached a stage**: she holds a cadre stage record (not withdrawn) at or above `kader_dasar`.
 * - **Nominated**: she is a delegate (any credential status: a returned delegation still nominated her)
 *   of an assembly starting after her completion date.
 * - **Appointed**: she has an appointment whose term starts after her completion date.
 * - The **outcomes** count each of these on its own among the graduates (an appointed woman need not have
 *   been a delegate). The **path** is the funnel proper: each step counts only the graduates who also
 *   took every step before it (trained → stage → nominated → appointed), so it never grows.
 * - **Holds a post N months after**: an appointment whose term covers the date N months after completion
 *   (an appointment made before the class counts too: she holds a post then). Only graduates whose
 *   N-month date has passed are counted ("due"); the others are not yet known.
 * - **Time to first appointment**: days from completion to the start of the first term starting after it.
 */

import { isWithin } from '../../platform/access.ts';

export const pipelineSteps = ['trained', 'staged', 'nominated', 'appointed'] as const;
export type PipelineStep = (typeof pipelineSteps)[number];

export interface Term {
  start: string;
  end: string | null;
}

export interface GraduateFacts {
  sex: 'P' | 'L' | null;
  /** ISO date (Asia/Jakarta calendar date) the class ended. */
  completedOn: string;
  staged: boolean;
  /** Start dates of the assemblies she was a delegate of. */
  delegations: readonly string[];
  terms: readonly Term[];
}

export interface GraduateOutcome {
  staged: boolean;
  nominated: boolean;
  appointed: boolean;
  /** How far along the path she went: 1 trained, 2 + stage, 3 + nominated, 4 + appointed. */
  pathLength: 1 | 2 | 3 | 4;
}

/** Days since 1970-01-01 of an ISO date (calendar arithmetic, no time zone involved). */
const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/**
 * The same calendar day `months` later; the last day of the month when that day does not exist
 * (31 Aug + 6 months = 28/29 Feb).
 */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
  return date.toISOString().slice(0, 10);
}

/** True when one of the terms covers `date` (start ≤ date ≤ end, an open end covering every later day). */
export function holdsPostOn(terms: readonly Term[], date: string): boolean {
  return terms.some((term) => term.start <= date && (term.end === null || term.end >= date));
}

export function outcomeOf(graduate: GraduateFacts): GraduateOutcome {
  const nominated = graduate.delegations.some((startsOn) => startsOn > graduate.completedOn);
  const appointed = graduate.terms.some((term) => term.start > graduate.completedOn);
  const pathLength = !graduate.staged ? 1 : !nominated ? 2 : !appointed ? 3 : 4;
  return { staged: graduate.staged, nominated, appointed, pathLength };
}

/** Days from completion to the first term starting after it; null when none did. */
export function daysToFirstAppointment(graduate: GraduateFacts): number | null {
  const starts = graduate.terms.map((term) => term.start).filter((start) => start > graduate.completedOn);
  if (starts.length === 0) return null;
  const first = starts.reduce((a, b) => (a < b ? a : b));
  return dayNumber(first) - dayNumber(graduate.completedOn);
}

/**
 * Whether she holds a post `months` after completion: `not_due` while that date is after `today`
 * (not yet known), else `holds` or `none`.
 */
export function postAfter(
  graduate: GraduateFacts,
  months: number,
  today: string,
): 'not_due' | 'holds' | 'none' {
  const date = addMonths(graduate.completedOn, months);
  if (date > today) return 'not_due';
  return holdsPostOn(graduate.terms, date) ? 'holds' : 'none';
}

/** The median of whole numbers (the mean of the two middle values, rounded down, for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.floor((sorted[middle - 1]! + sorted[middle]!) / 2);
}

export type SexKey = 'women' | 'men' | 'unknown';
export const sexKeyOf = (sex: 'P' | 'L' | null): SexKey =>
  sex === 'P' ? 'women' : sex === 'L' ? 'men' : 'unknown';

export type SexTally = Record<SexKey, number>;
const zeroTally = (): SexTally => ({ women: 0, men: 0, unknown: 0 });

/** Counts per step, outcome-wise (each step on its own) and path-wise (the funnel), by sex. */
export interface StepTallies {
  outcomes: Record<PipelineStep, SexTally>;
  path: Record<PipelineStep, SexTally>;
}

const zeroSteps = (): Record<PipelineStep, SexTally> => ({
  trained: zeroTally(),
  staged: zeroTally(),
  nominated: zeroTally(),
  appointed: zeroTally(),
});

/** Step counts of a group of graduates. */
export function tallySteps(graduates: readonly GraduateFacts[]): StepTallies {
  const tallies: StepTallies = { outcomes: zeroSteps(), path: zeroSteps() };
  for (const graduate of graduates) {
    const sex = sexKeyOf(graduate.sex);
    const outcome = outcomeOf(graduate);
    tallies.outcomes.trained[sex] += 1;
    if (outcome.staged) tallies.outcomes.staged[sex] += 1;
    if (outcome.nominated) tallies.outcomes.nominated[sex] += 1;
    if (outcome.appointed) tallies.outcomes.appointed[sex] += 1;
    pipelineSteps.slice(0, outcome.pathLength).forEach((step) => (tallies.path[step][sex] += 1));
  }
  return tallies;
}

export interface PostTally {
  graduates: number;
  /** Graduates whose 12-month (24-month) date has passed, and of them those holding a post that day. */
  due12: number;
  holds12: number;
  due24: number;
  holds24: number;
}

/** The 12- and 24-month figures of a group of graduates, as of `today`. */
export function tallyPosts(graduates: readonly GraduateFacts[], today: string): PostTally {
  const tally: PostTally = { graduates: 0, due12: 0, holds12: 0, due24: 0, holds24: 0 };
  for (const graduate of graduates) {
    tally.graduates += 1;
    const at12 = postAfter(graduate, 12, today);
    const at24 = postAfter(graduate, 24, today);
    if (at12 !== 'not_due') tally.due12 += 1;
    if (at12 === 'holds') tally.holds12 += 1;
    if (at24 !== 'not_due') tally.due24 += 1;
    if (at24 === 'holds') tally.holds24 += 1;
  }
  return tally;
}

/**
 * The paths not inside another of the list (each subtree once). Sorted, a subtree's paths follow its
 * root directly, so one pass comparing with the last root kept is enough (thousands of sending PSPs).
 */
export function minimalRoots(paths: readonly string[]): string[] {
  const roots: string[] = [];
  for (const path of [...new Set(paths)].sort()) {
    const last = roots.at(-1);
    if (last === undefined || !isWithin(path, last)) roots.push(path);
  }
  return roots;
}
