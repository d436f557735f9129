import { describe, expect, it } from 'vitest';
import { caseParts } from '../../../shared/case-taxonomy.ts';
import { roles, type Role } from '../../../shared/roles.ts';
import type { Principal } from '../../platform/access.ts';
import {
  caseActions,
  caseRolesOf,
  canDoInCase,
  canReadPart,
  isEligibleAssignee,
  type CaseAccessFacts,
} from './case-access.ts';

// DPP 1 → DPD 2 (handling unit) → DPC 3; DPD 5 elsewhere.
const unitPaths: Record<number, string> = { 1: '/1/', 2: '/1/2/', 3: '/1/2/3/', 5: '/1/5/' };
const principal = (userId: string, grants: [Role, number][]): Principal => ({
  userId,
  grants: grants.map(([role, unitId]) => ({ role, unitId, unitPath: unitPaths[unitId]! })),
});
const facts = (overrides: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  handlingUnitId: 2,
  handlingUnitPath: '/1/2/',
  assignments: [],
  excludedUserIds: [],
  legalAidConsented: false,
  ...overrides,
});

describe('who has a role in a case: every platform role at the handling unit, below it, above it, elsewhere', () => {
  const placements = { 'handling unit': 2, below: 3, 'DPP root': 1, 'another DPD': 5 } as const;
  const rows = roles.flatMap((role) =>
    Object.entries(placements).map(([where, unitId]) => ({ role, where, unitId })),
  );
  it.each(rows)('$role at $where, not assigned', ({ role, where, unitId }) => {
    const result = caseRolesOf(principal('u1', [[role, unitId]]), facts());
    // Only the coordinator of the handling unit itself sees an unassigned case; no other role does.
    expect(result).toEqual(role === 'case_coordinator' && where === 'handling unit' ? ['coordinator'] : []);
  });
  it.each(rows)('$role at $where, assigned as handler', ({ role, where, unitId }) => {
    const result = caseRolesOf(
      principal('u1', [[role, unitId]]),
      facts({ assignments: [{ userId: 'u1', role: 'handler' }] }),
    );
    const inSubtree = where === 'handling unit' || where === 'below';
    const expected =
      role === 'case_handler' && inSubtree
        ? ['handler']
        : role === 'case_coordinator' && where === 'handling unit'
          ? ['coordinator']
          : [];
    expect(result).toEqual(expected);
  });
  it('legal aid sees a case only when assigned and the survivor consented to legal aid', () => {
    const tkbh = principal('u9', [['legal_aid', 2]]);
    const assigned = { assignments: [{ userId: 'u9', role: 'legal_aid' as const }] };
    expect(caseRolesOf(tkbh, facts(assigned))).toEqual([]);
    expect(caseRolesOf(tkbh, facts({ ...assigned, legalAidConsented: true }))).toEqual(['legal_aid']);
    expect(caseRolesOf(tkbh, facts({ legalAidConsented: true }))).toEqual([]);
    expect(
      caseRolesOf(principal('u9', [['legal_aid', 5]]), facts({ ...assigned, legalAidConsented: true })),
    ).toEqual([]);
  });
  it('an excluded account (named person, PSP officer, recused) sees nothing, whatever it holds', () => {
    const everything = principal('u1', [
      ['case_coordinator', 2],
      ['case_handler', 2],
      ['legal_aid', 2],
      ['admin', 1],
    ]);
    const assignedEverywhere = facts({
      assignments: [
        { userId: 'u1', role: 'handler' },
        { userId: 'u1', role: 'legal_aid' },
      ],
      legalAidConsented: true,
    });
    expect(caseRolesOf(everything, assignedEverywhere)).toEqual(['coordinator', 'handler', 'legal_aid']);
    expect(caseRolesOf(everything, { ...assignedEverywhere, excludedUserIds: ['u1'] })).toEqual([]);
  });
  it('someone else’s assignment gives nothing', () => {
    expect(
      caseRolesOf(
        principal('u2', [['case_handler', 2]]),
        facts({ assignments: [{ userId: 'u1', role: 'handler' }] }),
      ),
    ).toEqual([]);
  });
});

describe('what each case role may read and do (hand-written table)', () => {
  const reads = {
    coordinator: [
      'summary',
      'narrative',
      'identity',
      'named_person',
      'notes',
      'messages',
      'files',
      'referrals',
      'access_log',
    ],
    handler: [
      'summary',
      'narrative',
      'identity',
      'named_person',
      'notes',
      'messages',
      'files',
      'referrals',
      'access_log',
    ],
    // Legal aid advises on referrals and protective measures, so it reads them (and the read is logged).
    legal_aid: ['summary', 'narrative', 'named_person', 'files', 'referrals'],
  } as const;
  const does = {
    coordinator: [
      'assign',
      'recuse',
      'note',
      'message',
      'consent',
      'refer',
      'review_referral',
      'measure',
      'ethics',
      'rights',
      'file',
      'reroute',
    ],
    handler: ['recuse', 'note', 'message', 'consent', 'refer', 'measure', 'ethics', 'rights', 'file'],
    legal_aid: ['recuse', 'note'],
  } as const;
  for (const role of ['coordinator', 'handler', 'legal_aid'] as const) {
    it.each(caseParts.map((part) => ({ part })))(`${role} reads $part?`, ({ part }) => {
      expect(canReadPart([role], part)).toBe((reads[role] as readonly string[]).includes(part));
    });
    it.each(caseActions.map((action) => ({ action })))(`${role} may $action?`, ({ action }) => {
      expect(canDoInCase([role], action)).toBe((does[role] as readonly string[]).includes(action));
    });
  }
  it('no role in the case means no part and no action', () => {
    expect(caseParts.some((part) => canReadPart([], part))).toBe(false);
    expect(caseActions.some((action) => canDoInCase([], action))).toBe(false);
  });
});

describe('eligible assignees', () => {
  it('a handler must hold case_handler at the handling unit or below; legal aid likewise', () => {
    expect(isEligibleAssignee(principal('u', [['case_handler', 3]]), 'handler', '/1/2/')).toBe(true);
    expect(isEligibleAssignee(principal('u', [['case_handler', 5]]), 'handler', '/1/2/')).toBe(false);
    expect(isEligibleAssignee(principal('u', [['case_handler', 1]]), 'handler', '/1/2/')).toBe(false);
    expect(isEligibleAssignee(principal('u', [['case_coordinator', 2]]), 'handler', '/1/2/')).toBe(false);
    expect(isEligibleAssignee(principal('u', [['legal_aid', 2]]), 'legal_aid', '/1/2/')).toBe(true);
    expect(isEligibleAssignee(principal('u', [['legal_aid', 2]]), 'handler', '/1/2/')).toBe(false);
  });
});
