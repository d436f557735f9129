import type { CasePart } from '../../../shared/case-taxonomy.ts';
import type { CaseRoleInCase } from '../../../shared/contracts/cases.ts';
import type { Role } from '../../../shared/roles.ts';
import { isWithin, type Principal } from '../../platform/access.ts';

/**
 * Need-to-know access to one case. No platform role opens a case by itself — not DPP admin, not a chair:
 * - the `case_coordinator` granted at the handling unit itself (not above it) coordinates its cases;
 * - a `case_handler` sees only the cases assigned to her;
 * - `legal_aid` (TKBH) sees a case only when assigned to it and the survivor's consent to legal aid is on
 *   record, and then only the parts needed to advise;
 * - anyone excluded by the conflict rules (the named person, officers of the named person's PSP, anyone
 *   who recused) sees nothing, whatever else they hold.
 * Callers without a role in the case get `not_found`, so a case's existence does not leak.
 */
export interface CaseAccessFacts {
  handlingUnitId: number;
  handlingUnitPath: string;
  assignments: readonly { userId: string; role: 'handler' | 'legal_aid' }[];
  excludedUserIds: readonly string[];
  /** Latest consent record for `bantuan_hukum` is `given`. */
  legalAidConsented: boolean;
}

/** May hold an assignment of this kind on a case handled at the unit with path `handlingUnitPath`. */
export function isEligibleAssignee(
  principal: Principal,
  kind: 'handler' | 'legal_aid',
  handlingUnitPath: string,
): boolean {
  const role: Role = kind === 'handler' ? 'case_handler' : 'legal_aid';
  return principal.grants.some((grant) => grant.role === role && isWithin(grant.unitPath, handlingUnitPath));
}

/** The caller's roles in this case; empty means the case does not exist for them. */
export function caseRolesOf(principal: Principal, facts: CaseAccessFacts): CaseRoleInCase[] {
  if (facts.excludedUserIds.includes(principal.userId)) return [];
  const roles: CaseRoleInCase[] = [];
  if (
    principal.grants.some(
      (grant) => grant.role === 'case_coordinator' && grant.unitId === facts.handlingUnitId,
    )
  )
    roles.push('coordinator');
  const mine = facts.assignments.filter((assignment) => assignment.userId === principal.userId);
  if (
    mine.some((assignment) => assignment.role === 'handler') &&
    isEligibleAssignee(principal, 'handler', facts.handlingUnitPath)
  )
    roles.push('handler');
  if (
    facts.legalAidConsented &&
    mine.some((assignment) => assignment.role === 'legal_aid') &&
    isEligibleAssignee(principal, 'legal_aid', facts.handlingUnitPath)
  )
    roles.push('legal_aid');
  return roles;
}

/** Which parts each case role may read. Legal aid gets what advice needs, not contacts or team talk. */
export const partsByCaseRole: Record<CaseRoleInCase, readonly CasePart[]> = {
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
  legal_aid: ['summary', 'narrative', 'named_person', 'files', 'referrals'],
};

export const caseActions = [
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
] as const;
export type CaseAction = (typeof caseActions)[number];

export const actionsByCaseRole: Record<CaseRoleInCase, readonly CaseAction[]> = {
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
};

export const canReadPart = (roles: readonly CaseRoleInCase[], part: CasePart): boolean =>
  roles.some((role) => partsByCaseRole[role].includes(part));

export const canDoInCase = (roles: readonly CaseRoleInCase[], action: CaseAction): boolean =>
  roles.some((role) => actionsByCaseRole[role].includes(action));
