import { describe, expect, it } from 'vitest';
import { dateInputToIso, makeFormatters, todayIso } from './format.ts';

// Whatever zone the browser is in, the staff app shows Jakarta time and says so (issue 18).
describe('the shared formatter: times in WIB, labelled', () => {
  const instant = '2026-12-07T23:05:00Z'; // 06:05 on 8 December in Jakarta
  it('shows date and time in Asia/Jakarta with the WIB label, in both languages', () => {
    const id = makeFormatters('id');
    const en = makeFormatters('en');
    expect(id.dateTime(instant)).toMatch(/^8 Des 2026.*06[.:]05 WIB$/);
    expect(en.dateTime(instant)).toMatch(/^8 Dec 2026.*06:05 WIB$/);
    expect(id.time(instant)).toMatch(/^06[.:]05 WIB$/);
    expect(id.timeUnlabelled(instant)).toMatch(/^06[.:]05$/);
    expect(id.date(instant)).toBe('8 Des 2026');
    expect(id.dateTime(null)).toBe('—');
  });
  it('keeps a calendar date the day it is, in any zone', () => {
    expect(makeFormatters('en').date('2025-03-01')).toBe('1 Mar 2025');
  });
  it('reads date inputs and "today" as Jakarta days', () => {
    expect(dateInputToIso('2026-12-08')).toBe('2026-12-07T17:00:00.000Z');
    expect(dateInputToIso('2026-12-08', true)).toBe('2026-12-08T16:59:59.999Z');
    expect(dateInputToIso('2026-02-30')).toBeUndefined();
    expect(todayIso(new Date(instant))).toBe('2026-12-08');
  });
  it('gives the same answer with the browser in another zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(makeFormatters('en').dateTime(instant)).toMatch(/06:05 WIB$/);
      expect(makeFormatters('en').date('2025-03-01')).toBe('1 Mar 2025');
    } finally {
      process.env.TZ = before;
    }
  });
});
