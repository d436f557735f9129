import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseRoles, roles, type Role } from '../../shared/roles.ts';
import {
  actions,
  can,
  canAnywhere,
  canConfirmCaseRole,
  canGrant,
  isRootAdmin,
  needsSecondPerson,
  permissionsByRole,
  scopeOf,
  type Action,
  type Principal,
} from './access.ts';

// DPP /1/ → DPD Jawa Barat /1/2/ → DPC Bogor /1/2/3/ ; DPD Banten /1/4/
const dpdJabar = '/1/2/';
const dpcBogor = '/1/2/3/';
const dpdBanten = '/1/4/';

const principalWith = (role: Role, unitPath = dpdJabar): Principal => ({
  userId: 'u',
  grants: [{ role, unitId: Number(unitPath.split('/').at(-2)), unitPath }],
});

/** The expected permission table, written out independently of the implementation. */
const expected: Record<Role, Action[]> = {
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
    // Officers of a unit nominate its members to training (training.md, Roles).
    'training.nominate',
    // Officers confirm cadre stages (of members below the level of their unit: cadre-rules.ts).
    'cadre.confirm',
    // The ready pool of the leadership pipeline: "gender officers and org admins of that subtree".
    'training.pipeline',
    // Officers of a unit enter its Joint Commitment signatures (issue 13).
    'commitment.manage',
    // A PSP's agreement and its document: its officers and those above (issue 14).
    'agreement.manage',
  ],
  gender_officer: [
    'unit.read',
    'member.read',
    'dashboard.read',
    'assembly.read',
    'case.statistics.read',
    'quota.manage',
    // Gender officers run programs and classes and decide nominations, and nominate too.
    'training.organise',
    'training.nominate',
    'training.manage',
    'cadre.confirm',
    'training.pipeline',
    'workplan.manage',
    'campaign.manage',
    'commitment.manage',
    'agreement.manage',
    // The national clause checklist (at the top unit: agreement-rules.ts).
    'agreement.checklist',
  ],
  // Route gates only: which case is decided per case by modules/cases/case-access.ts.
  case_coordinator: ['unit.read', 'case.work', 'case.intake', 'case.statistics.read'],
  case_handler: ['unit.read', 'case.work', 'case.intake'],
  legal_aid: ['unit.read', 'case.work'],
  trainer: ['unit.read', 'training.manage'],
  viewer: ['unit.read', 'dashboard.read', 'assembly.read'],
};

describe('access decisions: every role × scope × action', () => {
  const cases = roles.flatMap((role) =>
    actions.flatMap((action) => [
      {
        role,
        action,
        target: dpdJabar,
        where: 'at the granted unit',
        allowed: expected[role].includes(action),
      },
      {
        role,
        action,
        target: dpcBogor,
        where: 'below the granted unit',
        allowed: expected[role].includes(action),
      },
      { role, action, target: dpdBanten, where: 'in a sibling subtree', allowed: false },
      { role, action, target: '/1/', where: 'above the granted unit', allowed: false },
    ]),
  );
  it.each(cases)('$role $action $where → $allowed', ({ role, action, target, allowed }) => {
    expect(can(principalWith(role), action, target)).toBe(allowed);
  });

  it('has no role that grants anything resembling case content: only the case roles pass the case gates', () => {
    const gates = ['case.work', 'case.intake', 'case.statistics.read'];
    for (const role of roles) {
      expect(
        permissionsByRole[role].filter((action) => action.startsWith('case.') && !gates.includes(action)),
      ).toEqual([]);
      if (!['case_coordinator', 'case_handler', 'legal_aid'].includes(role))
        expect(
          permissionsByRole[role].filter((action) => action === 'case.work' || action === 'case.intake'),
        ).toEqual([]);
    }
  });

  it('a principal without grants can do nothing', () => {
    const nobody: Principal = { userId: 'n', grants: [] };
    for (const action of actions) expect(can(nobody, action, '/1/')).toBe(false);
  });

  it('does not confuse a unit id prefix with an ancestor (/1/2/ is not above /1/23/)', () => {
    expect(can(principalWith('org_admin', '/1/2/'), 'unit.manage', '/1/23/')).toBe(false);
  });

  it('combines several grants of one person', () => {
    const person: Principal = {
      userId: 'p',
      grants: [
        { role: 'viewer', unitId: 2, unitPath: dpdJabar },
        { role: 'org_admin', unitId: 4, unitPath: dpdBanten },
      ],
    };
    expect(can(person, 'unit.manage', dpdBanten)).toBe(true);
    expect(can(person, 'unit.manage', dpdJabar)).toBe(false);
    expect(canAnywhere(person, 'unit.manage')).toBe(true);
    expect(canAnywhere(person, 'user.manage')).toBe(false);
  });
});

describe('scopeOf', () => {
  it('returns minimal subtree roots for an action', () => {
    const person: Principal = {
      userId: 'p',
      grants: [
        { role: 'org_admin', unitId: 3, unitPath: dpcBogor },
        { role: 'org_admin', unitId: 2, unitPath: dpdJabar },
        { role: 'org_admin', unitId: 4, unitPath: dpdBanten },
        { role: 'viewer', unitId: 1, unitPath: '/1/' },
      ],
    };
    expect(scopeOf(person, 'unit.manage').sort()).toEqual([dpdJabar, dpdBanten].sort());
    expect(scopeOf(person, 'unit.read')).toEqual(['/1/']);
    expect(scopeOf(person, 'user.manage')).toEqual([]);
  });
});

describe('granting and root admin', () => {
  it('only admins grant, and only inside their subtree', () => {
    expect(canGrant(principalWith('admin'), 'case_handler', dpcBogor)).toBe(true);
    expect(canGrant(principalWith('admin'), 'viewer', dpdBanten)).toBe(false);
    expect(canGrant(principalWith('org_admin'), 'viewer', dpcBogor)).toBe(false);
    expect(canGrant(principalWith('case_coordinator'), 'case_handler', dpcBogor)).toBe(false);
  });
  it('recognises the admin at the top unit', () => {
    expect(isRootAdmin(principalWith('admin', '/1/'))).toBe(true);
    expect(isRootAdmin(principalWith('admin', dpdJabar))).toBe(false);
    expect(isRootAdmin(principalWith('org_admin', '/1/'))).toBe(false);
  });
});

describe('a case role needs a second person (issue 17)', () => {
  const unitPaths = { dpp: '/1/', dpdJabar, dpcBogor, dpdBanten };
  const pendingAt = (unitPath: string) => ({ granteeId: 'grantee', requestedBy: 'requester', unitPath });
  const as = (userId: string, role: Role, unitPath: string): Principal => ({
    userId,
    grants: [{ role, unitId: 1, unitPath }],
  });

  it('exactly the roles that open case content wait for a confirmation', () => {
    for (const role of roles)
      expect(needsSecondPerson(role), role).toBe((caseRoles as readonly Role[]).includes(role));
    // The three roles of the SOP's case team, whatever order the list keeps them in.
    expect([...caseRoles].sort()).toEqual(['case_coordinator', 'case_handler', 'legal_aid']);
  });

  it('neither the grantee nor the person who asked may confirm, whatever roles they hold', () => {
    for (const who of ['grantee', 'requester'])
      for (const role of roles)
        for (const held of Object.values(unitPaths))
          for (const at of Object.values(unitPaths))
            expect(canConfirmCaseRole(as(who, role, held), pendingAt(at)), `${who} ${role}@${held}`).toBe(
              false,
            );
  });

  it('a third person confirms as an administrator over the unit, or as a coordinator of a unit above it', () => {
    for (const role of roles)
      for (const held of Object.values(unitPaths))
        for (const at of Object.values(unitPaths)) {
          const covers = at.startsWith(held);
          const strictlyAbove = covers && held !== at;
          const allowed = (role === 'admin' && covers) || (role === 'case_coordinator' && strictlyAbove);
          expect(
            canConfirmCaseRole(as('third', role, held), pendingAt(at)),
            `${role}@${held} for ${at}`,
          ).toBe(allowed);
        }
  });

  it('a coordinator of the same unit, a sibling or a unit below cannot confirm a colleague', () => {
    expect(canConfirmCaseRole(as('third', 'case_coordinator', dpdJabar), pendingAt(dpdJabar))).toBe(false);
    expect(canConfirmCaseRole(as('third', 'case_coordinator', dpdBanten), pendingAt(dpcBogor))).toBe(false);
    expect(canConfirmCaseRole(as('third', 'case_coordinator', dpcBogor), pendingAt(dpdJabar))).toBe(false);
    expect(canConfirmCaseRole(as('third', 'case_coordinator', dpdJabar), pendingAt(dpcBogor))).toBe(true);
  });
});

describe('docs/features/accounts.md', () => {
  it('lists for each role exactly the actions access.ts grants it', () => {
    const doc = readFileSync(new URL('../../docs/features/accounts.md', import.meta.url), 'utf8');
    for (const role of roles) {
      // The role's bullet runs from "- `role`:" to the next bullet or blank line.
      const line = new RegExp(`^- \`${role}\`:([\\s\\S]*?)(?=^- |^$)`, 'm').exec(doc);
      expect(line, `accounts.md has a line for ${role}`).not.toBeNull();
      const listed = [...line![1]!.matchAll(/`([a-z]+(?:\.[a-z]+)+)`/g)].map((match) => match[1]);
      expect(new Set(listed), role).toEqual(new Set(permissionsByRole[role]));
    }
  });
});
