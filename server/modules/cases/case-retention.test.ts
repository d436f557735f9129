import { describe, expect, it } from 'vitest';
import { closingReasons } from '../../../shared/case-taxonomy.ts';
import { retentionPeriods } from '../../../shared/contracts/case-retention.ts';
import {
  addYears,
  closedBeforeForDue,
  decidePurge,
  defaultRetentionPeriods,
  effectiveRetentionPeriods,
  periodFor,
  purgeDueAt,
} from './case-retention.ts';

const defaults = defaultRetentionPeriods({ years: 5, withdrawnYears: 1, duplicateYears: 1 });
const closedAt = new Date('2026-03-10T04:30:00Z');

describe('retention periods', () => {
  it('default to 5 years, and 1 year for a withdrawn or duplicate report', () => {
    expect(defaults).toEqual({
      selesai: 5,
      dirujuk_keluar: 5,
      ditarik_korban: 1,
      tanpa_persetujuan: 5,
      tidak_terbukti: 5,
      duplikat: 1,
    });
  });

  it('take stored overrides over the defaults and ignore anything out of range', () => {
    expect(
      effectiveRetentionPeriods(defaults, {
        selesai: 7,
        duplikat: 0,
        ditarik_korban: 2.5,
        tidak_terbukti: 31,
      }),
    ).toEqual({ ...defaults, selesai: 7 });
    expect(effectiveRetentionPeriods(defaults, null)).toEqual(defaults);
  });

  it.each([0, -1, 31, 1.5, '5'])('refuse %s years (minimum 1, never 0, maximum 30)', (years) => {
    const periods = { ...defaults, selesai: years };
    expect(retentionPeriods.safeParse(periods).success).toBe(false);
  });

  it('accept 1 and 30 years', () => {
    expect(retentionPeriods.safeParse({ ...defaults, selesai: 1, duplikat: 30 }).success).toBe(true);
  });
});

describe('purge due date', () => {
  it.each([
    ['selesai', '2031-03-10T04:30:00.000Z'],
    ['dirujuk_keluar', '2031-03-10T04:30:00.000Z'],
    ['ditarik_korban', '2027-03-10T04:30:00.000Z'],
    ['tanpa_persetujuan', '2031-03-10T04:30:00.000Z'],
    ['tidak_terbukti', '2031-03-10T04:30:00.000Z'],
    ['duplikat', '2027-03-10T04:30:00.000Z'],
  ] as const)('a case closed as %s is due at %s', (reason, due) => {
    expect(purgeDueAt(closedAt, reason, defaults).toISOString()).toBe(due);
  });

  it('counts from the close date with the configured period', () => {
    expect(purgeDueAt(closedAt, 'selesai', { ...defaults, selesai: 10 }).toISOString()).toBe(
      '2036-03-10T04:30:00.000Z',
    );
  });

  it('a closed case without a known reason keeps the longest period', () => {
    expect(periodFor(null, { ...defaults, tidak_terbukti: 8 })).toBe(8);
    expect(periodFor('something_else', defaults)).toBe(5);
  });

  it('29 February falls on 28 February in a year without one', () => {
    expect(addYears(new Date('2028-02-29T10:00:00Z'), 1).toISOString()).toBe('2029-02-28T10:00:00.000Z');
    expect(addYears(new Date('2028-02-29T10:00:00Z'), 4).toISOString()).toBe('2032-02-29T10:00:00.000Z');
  });

  it('the SQL prefilter never misses a due case (29 February included)', () => {
    for (const closed of ['2028-02-29T10:00:00Z', '2026-12-31T23:59:59Z', '2027-06-15T00:00:00Z'])
      for (const years of [1, 5]) {
        const due = addYears(new Date(closed), years);
        expect(new Date(closed).getTime()).toBeLessThanOrEqual(closedBeforeForDue(due, years).getTime());
      }
  });
});

describe('purge decision', () => {
  const closed = { state: 'closed', closedAt, closingReason: 'selesai', purgedAt: null, onHold: false };
  const justBefore = new Date('2031-03-10T04:29:59Z');
  const atDue = new Date('2031-03-10T04:30:00Z');

  it('purges a closed case once its period has passed, not a second earlier', () => {
    expect(decidePurge(closed, defaults, justBefore)).toMatchObject({ purge: false, why: 'not_due' });
    expect(decidePurge(closed, defaults, atDue)).toMatchObject({ purge: true });
  });

  it('never purges a held case, however old', () => {
    expect(decidePurge({ ...closed, onHold: true }, defaults, new Date('2099-01-01Z'))).toMatchObject({
      purge: false,
      why: 'held',
    });
  });

  it('never purges a reopened (not closed) case', () => {
    for (const state of ['received', 'triage', 'handling', 'monitoring'])
      expect(
        decidePurge({ ...closed, state, closedAt: null }, defaults, new Date('2099-01-01Z')),
      ).toMatchObject({ purge: false, why: 'not_closed' });
  });

  it('never purges twice', () => {
    expect(decidePurge({ ...closed, purgedAt: atDue }, defaults, new Date('2099-01-01Z'))).toMatchObject({
      purge: false,
      why: 'purged',
    });
  });

  it('every closing reason has a period', () => {
    for (const reason of closingReasons) expect(defaults[reason]).toBeGreaterThanOrEqual(1);
  });
});
