import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codingAnswers, type CodingAnswer } from '../../../shared/agreement-taxonomies.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Principal } from '../../platform/access.ts';
import {
  addMonths,
  checklistFailure,
  codingSheet,
  currentCodings,
  gapList,
  isExpiringWithin,
  mayEditChecklist,
  mayReachAgreement,
  reminderDaysOf,
  reminderDue,
  statusAsOf,
  type ChecklistItem,
  type CodingRow,
} from './agreement-rules.ts';

const as = (role: Role, unitPath: string): Principal => ({
  userId: 'u',
  grants: [{ role, unitId: 1, unitPath }],
});

describe('mayReachAgreement (issue 14: the PSP’s officers and those above with org_admin or gender_officer)', () => {
  const psp = '/1/2/3/4/';
  it.each([
    ['the PSP’s own org admin', as('org_admin', psp), true],
    ['the PSP’s own gender officer', as('gender_officer', psp), true],
    ['a DPC gender officer above it', as('gender_officer', '/1/2/3/'), true],
    ['a DPP org admin', as('org_admin', '/1/'), true],
    ['another PSP’s gender officer', as('gender_officer', '/1/2/3/5/'), false],
    ['another DPD’s org admin', as('org_admin', '/1/9/'), false],
    ['a case coordinator at DPP', as('case_coordinator', '/1/'), false],
    ['a case handler at the PSP', as('case_handler', psp), false],
    ['legal aid at the DPC', as('legal_aid', '/1/2/3/'), false],
    ['a viewer at DPP', as('viewer', '/1/'), false],
    ['a trainer at DPP', as('trainer', '/1/'), false],
    ['an admin at DPP', as('admin', '/1/'), false],
  ])('%s → %s', (_label, principal, expected) => {
    expect(mayReachAgreement(principal, psp)).toBe(expected);
  });
  it('only a gender officer at the top unit edits the checklist', () => {
    expect(mayEditChecklist(as('gender_officer', '/1/'), '/1/')).toBe(true);
    expect(mayEditChecklist(as('gender_officer', '/1/2/'), '/1/')).toBe(false);
    expect(mayEditChecklist(as('org_admin', '/1/'), '/1/')).toBe(false);
  });
});

describe('statusAsOf', () => {
  const pkb = {
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    extendedUntil: null,
    status: 'in_force' as const,
  };
  it.each([
    ['2024-12-31', 'in_force', 'under_negotiation'],
    ['2025-01-01', 'in_force', 'in_force'],
    ['2026-12-31', 'in_force', 'in_force'],
    ['2027-01-01', 'in_force', 'expired'],
    ['2027-01-01', 'under_negotiation', 'under_negotiation'],
    ['2026-06-01', 'expired', 'in_force'],
  ] as const)('on %s, recorded %s → %s', (date, status, expected) => {
    expect(statusAsOf({ ...pkb, status }, date)).toBe(expected);
  });
  it('an extension keeps it in force to the extension’s end', () => {
    const extended = { ...pkb, extendedUntil: '2027-12-31' };
    expect(statusAsOf(extended, '2027-06-30')).toBe('in_force');
    expect(statusAsOf(extended, '2028-01-01')).toBe('expired');
  });
  it('property: in force exactly between start and (extended) end', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map(dayAfter);
    fc.assert(
      fc.property(day, day, day, (a, b, probe) => {
        const [startsOn, endsOn] = a <= b ? [a, b] : [b, a];
        const status = statusAsOf({ startsOn, endsOn, extendedUntil: null, status: 'expired' }, probe);
        expect(status === 'in_force').toBe(startsOn <= probe && probe <= endsOn);
      }),
    );
  });
  it('expiring within 6 months: in force and ending inside the window', () => {
    expect(isExpiringWithin(pkb, '2026-07-01', 6)).toBe(true);
    expect(isExpiringWithin(pkb, '2026-06-30', 6)).toBe(false);
    expect(isExpiringWithin(pkb, '2027-01-02', 6)).toBe(false);
  });
  it('reminders 6 and 3 months before the end, the day clamped to the month, moved off weekends and holidays', () => {
    // 28 Feb 2026 is a Saturday → Monday 2 March; 31 May 2026 is a Sunday, 1 June a holiday → 2 June.
    expect(reminderDaysOf({ ...pkb, endsOn: '2026-08-31' }, new Set(['2026-06-01']))).toEqual([
      '2026-03-02',
      '2026-06-02',
    ]);
    expect(reminderDaysOf({ ...pkb, endsOn: '2026-10-14' }, new Set())).toEqual(['2026-04-14', '2026-07-14']);
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });
});

describe('reminderDue', () => {
  const pkb = {
    startsOn: '2025-01-01',
    endsOn: '2026-10-14',
    extendedUntil: null,
    status: 'in_force' as const,
  };
  const none = new Set<string>();
  it.each([
    ['2026-04-13', null],
    ['2026-04-14', 6],
    ['2026-07-13', 6],
    ['2026-07-14', 3],
    ['2026-10-14', 3],
    ['2026-10-15', null],
  ] as const)('on %s → %s', (today, expected) => {
    expect(reminderDue(pkb, today, none)).toBe(expected);
  });
  it('an extension moves the reminders to the extension’s end', () => {
    expect(reminderDue({ ...pkb, extendedUntil: '2027-10-14' }, '2026-07-14', none)).toBeNull();
  });
});

function dayAfter(offset: number): string {
  return new Date(Date.UTC(2020, 0, 1 + offset)).toISOString().slice(0, 10);
}

const item = (code: string, position: number): ChecklistItem => ({
  code,
  position,
  group: 'violence',
  titleId: code,
  titleEn: code,
});
let nextId = 1;
const coding = (itemCode: string, answer: CodingAnswer, versionNumber = 1): CodingRow => ({
  id: nextId++,
  itemCode,
  versionNumber,
  answer,
  excerpt: null,
  article: null,
  codedBy: null,
  codedAt: '2026-01-01T00:00:00.000Z',
});

describe('coding sheet and gap list', () => {
  const v1 = [item('definition', 1), item('prohibition', 2), item('channel', 3)];
  const v2 = [...v1, item('third_party', 4)];
  const codesOf = (number: number) => new Set((number === 1 ? v1 : v2).map((entry) => entry.code));

  it('recoding keeps history: the latest coding is current', () => {
    const rows = [
      coding('prohibition', 'no'),
      coding('prohibition', 'partial'),
      coding('prohibition', 'yes'),
    ];
    expect(currentCodings(rows).get('prohibition')?.answer).toBe('yes');
    expect(currentCodings([...rows].reverse()).get('prohibition')?.answer).toBe('yes');
  });

  it('lists missing, then partial, then new, then not coded; never an item coded yes', () => {
    const rows = [coding('definition', 'partial'), coding('prohibition', 'yes'), coding('channel', 'no')];
    const gaps = gapList(codingSheet(v2, rows, codesOf));
    expect(gaps.map((gap) => [gap.item.code, gap.reason])).toEqual([
      ['channel', 'missing'],
      ['definition', 'partial'],
      ['third_party', 'new'],
    ]);
  });

  it('an item of the coded version left uncoded is not coded, not new; nothing coded means nothing new', () => {
    const rows = [coding('definition', 'yes')];
    const gaps = gapList(codingSheet(v2, rows, codesOf));
    expect(gaps.map((gap) => [gap.item.code, gap.reason])).toEqual([
      ['third_party', 'new'],
      ['prohibition', 'not_coded'],
      ['channel', 'not_coded'],
    ]);
    expect(gapList(codingSheet(v2, [], codesOf)).every((gap) => gap.reason === 'not_coded')).toBe(true);
  });

  it('once coded against the newer version the new item is an ordinary item', () => {
    const rows = [coding('definition', 'yes'), coding('third_party', 'not_coded', 2)];
    const sheet = codingSheet(v2, rows, codesOf);
    expect(sheet.find((row) => row.item.code === 'third_party')?.isNew).toBe(false);
  });

  it('property: an item is on the gap list exactly when its current answer is not yes', () => {
    const answers = fc.array(
      fc.tuple(fc.constantFrom(...v2.map((entry) => entry.code)), fc.constantFrom(...codingAnswers)),
      {
        maxLength: 20,
      },
    );
    fc.assert(
      fc.property(answers, (pairs) => {
        const rows = pairs.map(([code, answer]) => coding(code, answer, 2));
        const current = currentCodings(rows);
        const onList = new Set(gapList(codingSheet(v2, rows, codesOf)).map((gap) => gap.item.code));
        for (const entry of v2)
          expect(onList.has(entry.code)).toBe(current.get(entry.code)?.answer !== 'yes');
      }),
    );
  });

  it('a new checklist version needs items with distinct codes', () => {
    expect(checklistFailure([])).toBe('empty');
    expect(checklistFailure([{ code: 'a' }, { code: 'a' }])).toBe('duplicate_code');
    expect(checklistFailure([{ code: 'a' }, { code: 'b' }])).toBeNull();
  });
});
