import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingDaysToDate,
  countWorkingDays,
  isWorkingDay,
  jakartaDate,
  nextWorkingDayOnOrAfter,
} from './working-days.ts';

/** The calendar shipped by the migration (server/data/holidays/indonesia.csv). */
const shipped = new Set(
  (
    parse(readFileSync(new URL('../../data/holidays/indonesia.csv', import.meta.url), 'utf8'), {
      columns: true,
    }) as { date: string }[]
  ).map((row) => row.date),
);
const none = new Set<string>();
/** WIB wall-clock time as an instant. */
const wib = (local: string) => new Date(`${local}+07:00`);

describe('working days on the Indonesian calendar', () => {
  it.each([
    // [start (WIB), working days, holidays, due (WIB), why]
    ['2026-11-02T10:00', 7, 'none', '2026-11-11T10:00', 'Monday + 7 skips one weekend'],
    ['2026-11-06T10:00', 1, 'none', '2026-11-09T10:00', 'Friday + 1 is Monday'],
    ['2026-11-07T10:00', 1, 'none', '2026-11-09T10:00', 'a Saturday start counts from Monday'],
    ['2026-11-06T23:30', 1, 'none', '2026-11-09T23:30', 'late Friday evening WIB is still Friday'],
    // Lebaran 2026: cuti bersama 18 (Nyepi), 20, 23, 24 March; Nyepi 19; Idul Fitri 21–22; Good Friday 3 April.
    ['2026-03-17T10:00', 7, 'shipped', '2026-04-02T10:00', 'spans Nyepi, Idul Fitri and its cuti bersama'],
    ['2026-03-17T10:00', 8, 'shipped', '2026-04-06T10:00', 'and Good Friday'],
    ['2026-03-17T10:00', 7, 'none', '2026-03-26T10:00', 'the same without the calendar'],
    // Lebaran 2025: Idul Fitri 31 March–1 April, cuti bersama 2, 3, 4, 7 April.
    ['2025-03-27T09:00', 3, 'shipped', '2025-04-10T09:00', 'Nyepi cuti bersama 28 March, then Lebaran'],
    // Year boundary: Christmas 25 Dec and cuti bersama 24 Dec 2026, New Year 2027, Isra Mikraj 5 Jan 2027.
    ['2026-12-23T14:00', 7, 'shipped', '2027-01-07T14:00', 'across Christmas, New Year and Isra Mikraj'],
    ['2025-12-24T08:00', 3, 'shipped', '2025-12-31T08:00', 'Christmas and cuti bersama 26 Dec 2025'],
    ['2025-12-24T08:00', 4, 'shipped', '2026-01-02T08:00', 'New Year 2026 skipped'],
  ] as const)('%s + %i working days (%s)', (start, days, calendar, due, _why) => {
    const holidays = calendar === 'shipped' ? shipped : none;
    const result = addWorkingDays(wib(start), days, holidays);
    expect(result.toISOString()).toBe(wib(due).toISOString());
    expect(countWorkingDays(wib(start), result, holidays)).toBe(days);
  });

  it('a start just after midnight UTC is already the next day in Jakarta', () => {
    expect(jakartaDate(new Date('2026-11-06T17:30:00Z'))).toBe('2026-11-07');
    expect(jakartaDate(new Date('2026-11-06T16:59:59Z'))).toBe('2026-11-06');
  });

  it('counts, moves forward and backward over weekends and holidays', () => {
    expect(isWorkingDay('2026-03-20', shipped)).toBe(false);
    expect(isWorkingDay('2026-03-20', none)).toBe(true);
    expect(isWorkingDay('2026-03-21', none)).toBe(false);
    expect(nextWorkingDayOnOrAfter('2026-03-18', shipped)).toBe('2026-03-25');
    expect(nextWorkingDayOnOrAfter('2026-03-25', shipped)).toBe('2026-03-25');
    expect(addWorkingDaysToDate('2026-03-25', -1, shipped)).toBe('2026-03-17');
    expect(addWorkingDaysToDate('2027-01-04', -2, shipped)).toBe('2026-12-30');
    expect(addWorkingDaysToDate('2026-03-25', 0, shipped)).toBe('2026-03-25');
    expect(countWorkingDays('2026-03-17', '2026-03-25', shipped)).toBe(1);
    expect(countWorkingDays('2026-03-25', '2026-03-17', shipped)).toBe(0);
    expect(() => addWorkingDaysToDate('2026-03-25', 1.5, shipped)).toThrow(RangeError);
  });

  it('ships 2025, 2026 and 2027 with Lebaran and Christmas each year', () => {
    for (const year of ['2025', '2026', '2027']) {
      const dates = [...shipped].filter((date) => date.startsWith(year));
      expect(dates.length, year).toBeGreaterThanOrEqual(15);
      expect(dates, year).toContain(`${year}-12-25`);
      expect(dates, year).toContain(`${year}-01-01`);
    }
    expect(shipped).toContain('2025-03-31');
    expect(shipped).toContain('2026-03-21');
  });
});
