import type {
  AgreementStatus,
  ChecklistGroup,
  CodingAnswer,
  GapReason,
} from '../../../shared/agreement-taxonomies.ts';
import { can, type Principal } from '../../platform/access.ts';
import { nextWorkingDayOnOrAfter } from '../calendar/working-days.ts';

/**
 * Pure rules of collective agreements (work-plans-and-advocacy.md "Policy advocacy", issue 14): who
 * reaches an agreement and its document, what an agreement's status is on a given day, the coding sheet
 * against a versioned checklist, and the gap list (DIM) the negotiating team takes to the table.
 * Dates are ISO calendar days (`YYYY-MM-DD`), compared as text.
 */

/**
 * Whether the caller reaches a PSP's agreement, its document and its coding: `agreement.manage` (org
 * admins and gender officers) at the PSP itself or above it. Issue 14: "the document file is visible
 * only to that PSP's officers and those above with org_admin or gender_officer". Case roles, trainers and
 * viewers hold no part of it; another PSP's officers do not reach it.
 */
export const mayReachAgreement = (principal: Principal, pspPath: string): boolean =>
  can(principal, 'agreement.manage', pspPath);

/** The checklist is national: a new version is made by a gender officer at the top unit (DPP). */
export const mayEditChecklist = (principal: Principal, topUnitPath: string): boolean =>
  can(principal, 'agreement.checklist', topUnitPath);

export interface AgreementDates {
  startsOn: string;
  endsOn: string;
  extendedUntil: string | null;
  status: AgreementStatus;
}

/** The day an agreement runs to: its extension's end when it was extended. */
export const effectiveEndOf = (agreement: AgreementDates): string =>
  agreement.extendedUntil ?? agreement.endsOn;

/**
 * The agreement's status on `date`: before its start it is still being negotiated; between start and its
 * (extended) end it is in force; after that it has expired — unless the officers record that a new one
 * is under negotiation, which is what the team needs to see.
 */
export function statusAsOf(agreement: AgreementDates, date: string): AgreementStatus {
  if (date < agreement.startsOn) return 'under_negotiation';
  if (date <= effectiveEndOf(agreement)) return 'in_force';
  return agreement.status === 'under_negotiation' ? 'under_negotiation' : 'expired';
}

/** `date` plus `months` calendar months, the day clamped to the month's length (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(targetYear).padStart(4, '0')}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

/** In force on `date` and ending within `months` of it (the pillar-4 metric uses 6). */
export const isExpiringWithin = (agreement: AgreementDates, date: string, months: number): boolean =>
  statusAsOf(agreement, date) === 'in_force' && effectiveEndOf(agreement) <= addMonths(date, months);

/** How many months before the end each reminder goes (issue 14: "6 and 3 months before"). */
export const reminderMonths = [6, 3] as const;
export type ReminderMonths = (typeof reminderMonths)[number];

/**
 * The days the reminders are due: 6 and 3 months before the (extended) end, each moved to the next
 * working day when it falls on a weekend or holiday (the working-day calendar), earliest first.
 */
export const reminderDaysOf = (
  agreement: AgreementDates,
  holidays: ReadonlySet<string>,
): [string, string] => [
  nextWorkingDayOnOrAfter(addMonths(effectiveEndOf(agreement), -6), holidays),
  nextWorkingDayOnOrAfter(addMonths(effectiveEndOf(agreement), -3), holidays),
];

/**
 * The reminder due on `today`: the latest threshold whose day has come, for an agreement still in force.
 * Only one — an agreement recorded 2 months before its end gets the 3-month reminder, not both.
 */
export function reminderDue(
  agreement: AgreementDates,
  today: string,
  holidays: ReadonlySet<string>,
): ReminderMonths | null {
  if (statusAsOf(agreement, today) !== 'in_force') return null;
  const [sixMonths, threeMonths] = reminderDaysOf(agreement, holidays);
  if (threeMonths <= today) return 3;
  return sixMonths <= today ? 6 : null;
}

// ── Coding against the checklist ────────────────────────────────────────────────────────────────────

export interface ChecklistItem {
  code: string;
  position: number;
  group: ChecklistGroup;
  titleId: string;
  titleEn: string;
}

export interface CodingRow {
  /** Increasing with time: the highest id of an item is its current answer. */
  id: number;
  itemCode: string;
  /** The checklist version the coder worked from. */
  versionNumber: number;
  answer: CodingAnswer;
  excerpt: string | null;
  article: string | null;
  codedBy: string | null;
  codedAt: string;
}

/** The current answer of each item: the latest coding (recoding appends, it never overwrites). */
export function currentCodings(rows: readonly CodingRow[]): Map<string, CodingRow> {
  const current = new Map<string, CodingRow>();
  for (const row of rows) {
    const seen = current.get(row.itemCode);
    if (!seen || row.id > seen.id) current.set(row.itemCode, row);
  }
  return current;
}

/** The newest checklist version the agreement was coded against; null before its first coding. */
export function codedAgainstVersion(current: ReadonlyMap<string, CodingRow>): number | null {
  let highest: number | null = null;
  for (const row of current.values())
    if (highest === null || row.versionNumber > highest) highest = row.versionNumber;
  return highest;
}

export interface SheetRow {
  item: ChecklistItem;
  /** `not_coded` when nobody has coded the item. */
  answer: CodingAnswer;
  coding: CodingRow | null;
  /** The item came with a checklist version newer than the one the agreement was coded against. */
  isNew: boolean;
}

/**
 * The coding sheet of an agreement against the checklist version `items` belong to. `codesOfVersion`
 * answers the item codes of an older version, so an item missing from the version the agreement was coded
 * against, and not coded since, is flagged as new rather than silently "not coded".
 */
export function codingSheet(
  items: readonly ChecklistItem[],
  codings: readonly CodingRow[],
  codesOfVersion: (versionNumber: number) => ReadonlySet<string>,
): SheetRow[] {
  const current = currentCodings(codings);
  const against = codedAgainstVersion(current);
  const knownThen = against === null ? null : codesOfVersion(against);
  return [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const coding = current.get(item.code) ?? null;
      const answer = coding?.answer ?? 'not_coded';
      const isNew = answer === 'not_coded' && knownThen !== null && !knownThen.has(item.code);
      return { item, answer, coding, isNew };
    });
}

const reasonOrder: Record<GapReason, number> = { missing: 0, partial: 1, new: 2, not_coded: 3 };

export interface GapRow {
  item: ChecklistItem;
  reason: GapReason;
  coding: CodingRow | null;
}

/**
 * The gap list (DIM, Daftar Inventarisasi Masalah): every checklist item the agreement does not fully
 * have — lacking (`no`) first, then partial, then items new since it was coded, then items nobody coded
 * yet — each group in checklist order. An item coded `yes` is never on it.
 */
export function gapList(sheet: readonly SheetRow[]): GapRow[] {
  const gaps: GapRow[] = [];
  for (const row of sheet) {
    if (row.answer === 'yes') continue;
    const reason: GapReason =
      row.answer === 'no'
        ? 'missing'
        : row.answer === 'partial'
          ? 'partial'
          : row.isNew
            ? 'new'
            : 'not_coded';
    gaps.push({ item: row.item, reason, coding: row.coding });
  }
  return gaps.sort(
    (a, b) => reasonOrder[a.reason] - reasonOrder[b.reason] || a.item.position - b.item.position,
  );
}

/** Counts of a sheet's answers, for the list and the page header. */
export function answerCounts(sheet: readonly SheetRow[]): Record<CodingAnswer, number> {
  const counts: Record<CodingAnswer, number> = { yes: 0, partial: 0, no: 0, not_coded: 0 };
  for (const row of sheet) counts[row.answer] += 1;
  return counts;
}

export type ChecklistFailure = 'empty' | 'duplicate_code';

/** A new checklist version needs at least one item and each code once (codes match items across versions). */
export function checklistFailure(items: readonly { code: string }[]): ChecklistFailure | null {
  if (items.length === 0) return 'empty';
  return new Set(items.map((item) => item.code)).size === items.length ? null : 'duplicate_code';
}

/** Checklist versions are numbered 1, 2, 3 … and never reused. */
export const nextChecklistNumber = (numbers: readonly number[]): number =>
  numbers.reduce((max, number) => Math.max(max, number), 0) + 1;
