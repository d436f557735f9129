import { describe, expect, it } from 'vitest';
import { checkinDeadlines, checkinSchedule, contractCheckinDue, decideCheckin } from './case-checkins.ts';
import { remindersDue } from './case-reminders.ts';

const holidays = new Set(['2026-12-24', '2026-12-25', '2027-01-01']);
const wib = (local: string) => new Date(`${local}+07:00`);

describe('retaliation check-in schedule', () => {
  it('none before an outcome', () => {
    expect(checkinSchedule({ outcomeAt: null, contractCheckinDueAt: null }, holidays)).toEqual([]);
  });

  it('30, 90 and 180 days after the outcome, moved to the next working day', () => {
    // Outcome Wednesday 25 Nov 2026, 11:00 WIB: +30 = Friday 25 Dec (Christmas) → Monday 28 Dec.
    const schedule = checkinSchedule(
      { outcomeAt: wib('2026-11-25T11:00'), contractCheckinDueAt: null },
      holidays,
    );
    expect(schedule.map((entry) => [entry.kind, entry.dueAt.toISOString()])).toEqual([
      ['checkin_30', wib('2026-12-28T11:00').toISOString()],
      ['checkin_90', wib('2027-02-23T11:00').toISOString()],
      // +90 and +180 are working days already (Tuesday 23 Feb, Monday 24 May 2027).
      ['checkin_180', wib('2027-05-24T11:00').toISOString()],
    ]);
  });

  it('before the contract renewal: 5 working days ahead at 09:00 WIB, only when after the outcome', () => {
    const due = contractCheckinDue('2027-01-04', holidays);
    // Back from Monday 4 Jan 2027: 31 Dec, 30, 29, 28 Dec, then 23 Dec (24–25 Dec and 1 Jan are off).
    expect(due.toISOString()).toBe(wib('2026-12-23T09:00').toISOString());
    const schedule = checkinSchedule(
      { outcomeAt: wib('2026-11-25T11:00'), contractCheckinDueAt: due },
      holidays,
    );
    expect(schedule.map((entry) => entry.kind)).toEqual([
      'checkin_contract',
      'checkin_30',
      'checkin_90',
      'checkin_180',
    ]);
    const before = checkinSchedule(
      { outcomeAt: wib('2026-12-24T11:00'), contractCheckinDueAt: due },
      holidays,
    );
    expect(before.map((entry) => entry.kind)).not.toContain('checkin_contract');
  });

  it('answered check-ins are done; unanswered past ones are late and get a "missed" reminder once due', () => {
    const schedule = checkinSchedule(
      { outcomeAt: wib('2026-11-25T11:00'), contractCheckinDueAt: null },
      holidays,
    );
    const now = wib('2027-03-01T08:00');
    const deadlines = checkinDeadlines(schedule, new Set(['checkin_30'] as const), now);
    expect(deadlines.map((d) => [d.kind, d.done, d.late])).toEqual([
      ['checkin_30', true, false],
      ['checkin_90', false, true],
      ['checkin_180', false, false],
    ]);
    expect(remindersDue(deadlines, now, 24 * 3_600_000)).toEqual([
      { deadlineKind: 'checkin_90', dueAt: schedule[1]!.dueAt, reminderKind: 'missed' },
    ]);
  });
});

describe('reminders due', () => {
  const deadline = (dueAt: string, done = false) => ({
    kind: 'consent' as const,
    dueAt: new Date(dueAt),
    done,
    late: false,
  });
  it.each([
    ['two days ahead: nothing yet', '2026-11-09T03:00:00Z', '2026-11-07T02:59:59Z', []],
    ['within the lead time: before', '2026-11-09T03:00:00Z', '2026-11-08T03:00:00Z', ['before']],
    ['at the due instant: still before', '2026-11-09T03:00:00Z', '2026-11-09T03:00:00Z', ['before']],
    ['one millisecond late: missed', '2026-11-09T03:00:00Z', '2026-11-09T03:00:00.001Z', ['missed']],
  ] as const)('%s', (_label, due, now, kinds) => {
    expect(remindersDue([deadline(due)], new Date(now), 24 * 3_600_000).map((r) => r.reminderKind)).toEqual(
      kinds,
    );
  });
  it('a deadline met gets no reminder', () => {
    expect(
      remindersDue([deadline('2026-11-09T03:00:00Z', true)], new Date('2026-12-01T00:00:00Z'), 1),
    ).toEqual([]);
  });
});

describe('what a check-in does to the case', () => {
  const closed = { state: 'closed' as const, forms: ['KS01' as const], rightsReviewed: true };
  it('retaliation adds RT01; the coordinator may reopen a closed case, a handler may not', () => {
    expect(
      decideCheckin(closed, ['coordinator'], { retaliation: true, reopen: true, reason: 'Dimutasi' }),
    ).toEqual({
      ok: true,
      addRetaliationForm: true,
      reopen: true,
    });
    expect(
      decideCheckin(closed, ['handler'], { retaliation: true, reopen: true, reason: 'Dimutasi' }),
    ).toEqual({
      ok: false,
      code: 'transition_not_allowed',
    });
    expect(decideCheckin(closed, ['handler'], { retaliation: true, reopen: false })).toEqual({
      ok: true,
      addRetaliationForm: true,
      reopen: false,
    });
  });
  it('a reopen needs retaliation, a closed case and a reason; RT01 is added once', () => {
    expect(
      decideCheckin(closed, ['coordinator'], { retaliation: false, reopen: true, reason: 'x y z' }),
    ).toEqual({
      ok: false,
      code: 'validation_failed',
    });
    expect(
      decideCheckin({ ...closed, state: 'monitoring' }, ['coordinator'], {
        retaliation: true,
        reopen: true,
        reason: 'abc',
      }),
    ).toEqual({ ok: false, code: 'validation_failed' });
    expect(decideCheckin(closed, ['coordinator'], { retaliation: true, reopen: true, reason: '' })).toEqual({
      ok: false,
      code: 'validation_failed',
    });
    expect(
      decideCheckin({ ...closed, forms: ['KS01', 'RT01'] }, ['handler'], {
        retaliation: true,
        reopen: false,
      }),
    ).toMatchObject({ ok: true, addRetaliationForm: false });
  });
  it('legal aid does not record check-ins', () => {
    expect(decideCheckin(closed, ['legal_aid'], { retaliation: false, reopen: false })).toEqual({
      ok: false,
      code: 'forbidden',
    });
  });
});
