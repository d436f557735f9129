import { describe, expect, it } from 'vitest';
import {
  computeDeadlines,
  defaultDeadlineSettings,
  nextDeadline,
  type DeadlineFacts,
} from './case-deadlines.ts';

const received = new Date('2026-11-02T03:00:00Z');
const facts = (overrides: Partial<DeadlineFacts> = {}): DeadlineFacts => ({
  state: 'received',
  receivedAt: received,
  firstContactAt: null,
  firstConsentAt: null,
  lastTeamUpdateAt: null,
  outcomeAt: null,
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe('SOP deadlines', () => {
  it('a new case: first contact in 2 × 24 h, consent in 7 working days, update in 14, outcome in 90', () => {
    const list = computeDeadlines(facts(), defaultDeadlineSettings, at('2026-11-02T04:00:00Z'));
    expect(list.map((d) => [d.kind, d.dueAt.toISOString(), d.done, d.late])).toEqual([
      ['first_contact', '2026-11-04T03:00:00.000Z', false, false],
      // Monday 2 Nov 10:00 WIB + 7 working days = Wednesday 11 Nov 10:00 WIB (one weekend skipped).
      ['consent', '2026-11-11T03:00:00.000Z', false, false],
      ['update', '2026-11-16T03:00:00.000Z', false, false],
      ['outcome', '2026-01-31T03:00:00.000Z'.replace('2026-01-31', '2027-01-31'), false, false],
    ]);
    expect(nextDeadline(list)?.kind).toBe('first_contact');
  });
  it('is late one millisecond after the due time, not before', () => {
    expect(computeDeadlines(facts(), defaultDeadlineSettings, at('2026-11-04T03:00:00.000Z'))[0]?.late).toBe(
      false,
    );
    expect(computeDeadlines(facts(), defaultDeadlineSettings, at('2026-11-04T03:00:00.001Z'))[0]?.late).toBe(
      true,
    );
  });
  it('a step done late stays marked late; done steps leave the next deadline', () => {
    const list = computeDeadlines(
      facts({
        state: 'triage',
        firstContactAt: at('2026-11-05T00:00:00Z'),
        firstConsentAt: at('2026-11-06T00:00:00Z'),
      }),
      defaultDeadlineSettings,
      at('2026-11-07T00:00:00Z'),
    );
    expect(list[0]).toMatchObject({ kind: 'first_contact', done: true, late: true });
    expect(list[1]).toMatchObject({ kind: 'consent', done: true, late: false });
    expect(nextDeadline(list)?.kind).toBe('update');
  });
  it('the update deadline runs from the team’s last update', () => {
    const list = computeDeadlines(
      facts({ state: 'handling', lastTeamUpdateAt: at('2026-11-20T00:00:00Z') }),
      defaultDeadlineSettings,
      at('2026-11-21T00:00:00Z'),
    );
    expect(list.find((d) => d.kind === 'update')?.dueAt.toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });
  it('settings change the deadlines', () => {
    const list = computeDeadlines(facts(), { ...defaultDeadlineSettings, firstContactHours: 24 }, received);
    expect(list[0]?.dueAt.toISOString()).toBe('2026-11-03T03:00:00.000Z');
  });
  it('a closed case has no deadline left', () => {
    expect(computeDeadlines(facts({ state: 'closed' }), defaultDeadlineSettings, received)).toEqual([]);
    expect(nextDeadline([])).toBeNull();
  });
  it('consent skips the holiday calendar; first contact (hours) and the update (calendar days) do not', () => {
    // Received Tuesday 17 March 2026, 10:00 WIB, the day before Nyepi and Lebaran 2026.
    const lebaran = facts({ receivedAt: new Date('2026-03-17T03:00:00Z') });
    const holidays = new Set(['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-23', '2026-03-24']);
    const list = computeDeadlines(lebaran, { ...defaultDeadlineSettings, holidays }, lebaran.receivedAt);
    expect(list.map((d) => [d.kind, d.dueAt.toISOString()])).toEqual([
      ['first_contact', '2026-03-19T03:00:00.000Z'],
      ['consent', '2026-04-02T03:00:00.000Z'],
      ['update', '2026-03-31T03:00:00.000Z'],
      ['outcome', '2026-06-15T03:00:00.000Z'],
    ]);
    const plain = computeDeadlines(lebaran, defaultDeadlineSettings, lebaran.receivedAt);
    expect(plain[1]?.dueAt.toISOString()).toBe('2026-03-26T03:00:00.000Z');
  });
});
