/**
 * Working-day arithmetic on the Indonesian calendar, pure (no I/O): weekends and the holidays passed in
 * (national holidays and cuti bersama, from the `holidays` table) are not working days. Dates are the
 * calendar dates of Asia/Jakarta (WIB), where SPN works: Asia/Jakarta has had no daylight saving since
 * 1964, so a fixed UTC+7 offset is exact and keeps this file free of time-zone libraries.
 *
 * An instant plus N working days keeps its Jakarta time of day and lands on the N-th working day after
 * its Jakarta date (a report received on Friday 10:00 WIB with 1 working day is due Monday 10:00 WIB; one
 * received on a Saturday is due on Monday too, as the weekend does not count).
 */

/** A calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

const DAY = 86_400_000;
/** WIB = UTC+7 all year. */
export const JAKARTA_OFFSET_MS = 7 * 3_600_000;

/** The Jakarta calendar date of an instant. */
export function jakartaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight (00:00 WIB) of a Jakarta date, as an instant. */
export function jakartaMidnight(date: IsoDate): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - JAKARTA_OFFSET_MS);
}

/** The date `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Saturday and Sunday are not working days. */
export function isWeekend(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** The N-th working day after `date` (N ≥ 1), or before it for negative N; N = 0 answers `date`. */
export function addWorkingDaysToDate(date: IsoDate, days: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError('days must be an integer');
  const step = days < 0 ? -1 : 1;
  let left = Math.abs(days);
  let current = date;
  while (left > 0) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current, holidays)) left -= 1;
  }
  return current;
}

/** The first working day on or after `date`. */
export function nextWorkingDayOnOrAfter(date: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate {
  let current = date;
  while (!isWorkingDay(current, holidays)) current = addCalendarDays(current, 1);
  return current;
}

/** An instant plus N working days, at the same Jakarta time of day (see the file comment). */
export function addWorkingDays(start: Date, days: number, holidays: ReadonlySet<IsoDate>): Date {
  const date = jakartaDate(start);
  const timeOfDay = start.getTime() - jakartaMidnight(date).getTime();
  return new Date(jakartaMidnight(addWorkingDaysToDate(date, days, holidays)).getTime() + timeOfDay);
}

/**
 * Working days after `from`'s Jakarta date up to and including `to`'s (0 when `to` is not later); the
 * inverse of `addWorkingDays`: countWorkingDays(d, addWorkingDays(d, n)) === n.
 */
export function countWorkingDays(from: Date | IsoDate, to: Date | IsoDate, holidays: ReadonlySet<IsoDate>) {
  const start = typeof from === 'string' ? from : jakartaDate(from);
  const end = typeof to === 'string' ? to : jakartaDate(to);
  let count = 0;
  for (let current = addCalendarDays(start, 1); current <= end; current = addCalendarDays(current, 1))
    if (isWorkingDay(current, holidays)) count += 1;
  return count;
}
