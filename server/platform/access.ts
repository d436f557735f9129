import { isCaseRole, type Role } from '../../shared/roles.ts';

/**
 * The pure access module: the only place that knows which role may do what, and where.
 * A grant is a role at a unit and covers that unit's subtree (materialised path prefix).
 *
 * Case content is deliberately absent from this table: no role, however high, implies access to a case.
 * Case access is decided per case (assignment, consent, conflicts) by the cases module.
 */
export const actions = [
  'unit.read',
  'unit.manage',
  'user.manage',
  'role.grant',
  'audit.read',
  'outbox.read',
  'settings.manage',
  'member.read',
  'member.contact.read',
  'member.manage',
  'dashboard.read',
  // Assemblies, their delegations and credentials: the quota and organisation roles. Delegates' names
  // and member numbers need member.read over the delegate's own unit as well.
  'assembly.read',
  'case.statistics.read',
  'quota.manage',
  // Capacity building: organise programs and classes and decide nominations (gender officers);
  // nominate members of one's subtree (org admins and gender officers); run the classes one is assigned
  // to (trainers; the assignment itself is per class, see modules/training/training-access.ts).
  'training.organise',
  'training.nominate',
  'training.manage',
  // Cadre stages: confirm, decline, record and withdraw a member's stage — only over the PARENT of her
  // home unit ("an officer of the level above", modules/cadre/cadre-rules.ts confirmingUnitOf); at the
  // top unit it also edits the ladder's rules.
  'cadre.confirm',
  // The leadership pipeline's ready pool: trained women named per body needing seats (gender officers
  // and org admins of the subtree; the funnel itself is an aggregate under dashboard.read).
  'training.pipeline',
  'workplan.manage',
  'campaign.manage',
  // The Joint Commitment: versions (authoring at the top unit), signatures of one's subtree, coverage.
  // Which signature a caller reaches is decided by modules/commitment/commitment-access.ts.
  'commitment.manage',
  // Collective agreements (PKB/PP) of PSPs, their documents and their coding against the clause checklist:
  // org admins and gender officers over the PSP (its own officers and those above). Case roles hold no
  // part of it. Editing the national checklist needs `agreement.checklist` at the top unit.
  'agreement.manage',
  'agreement.checklist',
  // Route gates for the case team's screens. They open no case: which case a caller may see or change
  // is decided per case (handling unit, assignment, consent, conflicts) by cases/case-access.ts.
  'case.work',
  'case.intake',
] as const;
export type Action = (typeof actions)[number];

export const permissionsByRole: Record<Role, readonly Action[]> = {
  admin: [
    'unit.read',
    'user.manage',
    'role.grant',
    'audit.read',
    'outbox.read',
    'settings.manage',
    'dashboard.read',
  ],
  org_admin: [
    'unit.read',
    'unit.manage',
    'member.read',
    'member.contact.read',
    'member.manage',
    'dashboard.read',
    'assembly.read',
    'training.nominate',
    'cadre.confirm',
    'training.pipeline',
    'commitment.manage',
    'agreement.manage',
  ],
  // Names and positions for quota work, but not members' phone numbers or email addresses.
  gender_officer: [
    'unit.read',
    'member.read',
    'dashboard.read',
    'assembly.read',
    'case.statistics.read',
    'quota.manage',
    'training.organise',
    'training.nominate',
    'training.manage',
    'cadre.confirm',
    'training.pipeline',
    'workplan.manage',
    'campaign.manage',
    'commitment.manage',
    'agreement.manage',
    'agreement.checklist',
  ],
  // Case roles see structure so they can route cases; case content access is per case, elsewhere.
  // Coordinators also read the de-identified statistics of their subtree (coded fields, small cells hidden).
  case_coordinator: ['unit.read', 'case.work', 'case.intake', 'case.statistics.read'],
  case_handler: ['unit.read', 'case.work', 'case.intake'],
  legal_aid: ['unit.read', 'case.work'],
  trainer: ['unit.read', 'training.manage'],
  viewer: ['unit.read', 'dashboard.read', 'assembly.read'],
};

export interface Grant {
  role: Role;
  unitId: number;
  /** Materialised path of the unit, e.g. `/1/4/`. */
  unitPath: string;
}

export interface Principal {
  userId: string;
  grants: readonly Grant[];
}

export const isWithin = (unitPath: string, ancestorPath: string): boolean =>
  unitPath.startsWith(ancestorPath);

export function roleAllows(role: Role, action: Action): boolean {
  return permissionsByRole[role].includes(action);
}

/** True when some grant of the principal allows `action` at the unit with path `unitPath`. */
export function can(principal: Principal, action: Action, unitPath: string): boolean {
  return principal.grants.some(
    (grant) => roleAllows(grant.role, action) && isWithin(unitPath, grant.unitPath),
  );
}

/** True when the principal may do `action` somewhere (used to show or hide screens). */
export function canAnywhere(principal: Principal, action: Action): boolean {
  return principal.grants.some((grant) => roleAllows(grant.role, action));
}

/**
 * The subtree roots in which `action` is allowed, minimal (a root inside another is dropped), for SQL
 * filters of the form `path LIKE root || '%'`. Empty means nowhere.
 */
export function scopeOf(principal: Principal, action: Action): string[] {
  const paths = principal.grants
    .filter((grant) => roleAllows(grant.role, action))
    .map((grant) => grant.unitPath);
  const unique = [...new Set(paths)].sort((a, b) => a.length - b.length);
  return unique.filter(
    (candidate, index) => !unique.slice(0, index).some((root) => isWithin(candidate, root)),
  );
}

/**
 * Granting: an admin may grant any role at a unit inside its admin subtree. Nobody grants outside
 * their scope, and granting is never implied by the role being granted.
 */
export function canGrant(principal: Principal, _role: Role, unitPath: string): boolean {
  return can(principal, 'role.grant', unitPath);
}

/**
 * A case role opens case content, so it takes effect only when a second person confirms it (issue 17);
 * every other role takes effect when granted.
 */
export const needsSecondPerson = (role: Role): boolean => isCaseRole(role);

/**
 * Who may confirm a pending case role at the unit with `unitPath`: an administrator of that unit (admin
 * covering it), or the case coordinator of a unit above it (a coordinator grant at a proper ancestor).
 * Never the grantee, and never the person who asked for the grant: that would make it one person's act.
 */
export function canConfirmCaseRole(
  principal: Principal,
  pending: { granteeId: string; requestedBy: string; unitPath: string },
): boolean {
  if (principal.userId === pending.granteeId || principal.userId === pending.requestedBy) return false;
  return principal.grants.some(
    (grant) =>
      (roleAllows(grant.role, 'role.grant') && isWithin(pending.unitPath, grant.unitPath)) ||
      (grant.role === 'case_coordinator' &&
        grant.unitPath !== pending.unitPath &&
        isWithin(pending.unitPath, grant.unitPath)),
  );
}

/** Whether the principal may confirm some pending case role (an administrator, or a case coordinator). */
export const confirmsCaseRoles = (principal: Principal): boolean =>
  principal.grants.some((grant) => roleAllows(grant.role, 'role.grant') || grant.role === 'case_coordinator');

/** The root admin (admin at the top unit) sees rows that belong to no unit, such as platform events. */
export function isRootAdmin(principal: Principal): boolean {
  return principal.grants.some((grant) => grant.role === 'admin' && grant.unitPath.split('/').length === 3);
}

/**
 * A member's name and number as this caller may see them where a member appears inside something else
 * (a delegate of an assembly, a seat of a delegation): only with member.read over her own unit, as on the
 * members list. Otherwise both are null; sex and status stay, as quota counts need them.
 */
export function memberIdentity(
  principal: Principal,
  member: { unitPath: string; fullName: string; memberNumber: string },
): { memberName: string | null; memberNumber: string | null } {
  return can(principal, 'member.read', member.unitPath)
    ? { memberName: member.fullName, memberNumber: member.memberNumber }
    : { memberName: null, memberNumber: null };
}
