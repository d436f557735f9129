import type { CaseRoleInCase } from '../../../shared/contracts/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Principal } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/database.ts';
import { caseRolesOf } from './case-access.ts';
import type { CaseRecord, CasesRepository } from './cases.repository.ts';
import { isHiddenFromStaff } from './escrow.ts';

/**
 * The one door into a case for staff (issue 10). Every service that reaches a case by id on behalf of a
 * signed-in person goes through `open`; lists use `rolesInMany`. In this order:
 * 1. the row, locked when the caller will change it;
 * 2. a sealed or withdrawn "Lapor bersama" report does not exist for any staff member → `not_found`;
 * 3. the caller's roles in the case (case-access.ts: handling unit, assignment, consent, exclusions win);
 *    none → `not_found`, so a case's existence does not leak;
 * 4. a case purged under the retention rule has nothing to show or change → `case_purged` (410).
 * What the caller may then do with the case (an action, a part) is the service's next check, against the
 * roles returned here.
 */
export interface CaseGate {
  open: (
    handle: DbOrTx,
    actor: Actor,
    id: string,
    options?: { lock?: boolean },
  ) => Promise<{ row: CaseRecord; roles: CaseRoleInCase[] }>;
  /** The caller's roles in each case (empty: the case does not exist for the caller). */
  rolesInMany: (
    handle: DbOrTx,
    principal: Principal,
    rows: readonly Pick<CaseRecord, 'id' | 'handling_unit_id' | 'handling_unit_path' | 'escrow'>[],
  ) => Promise<Map<string, CaseRoleInCase[]>>;
  rolesIn: (handle: DbOrTx, principal: Principal, row: CaseRecord) => Promise<CaseRoleInCase[]>;
}

export function createCaseGate(cases: CasesRepository): CaseGate {
  const gate: CaseGate = {
    async rolesInMany(handle, principal, rows) {
      const result = new Map<string, CaseRoleInCase[]>();
      const visible = rows.filter((row) => !isHiddenFromStaff(row.escrow));
      for (const row of rows) result.set(row.id, []);
      if (visible.length === 0) return result;
      const ids = visible.map((row) => row.id);
      const [assignments, exclusions, consented] = await Promise.all([
        cases.openAssignments(handle, ids),
        cases.exclusions(handle, ids),
        cases.legalAidConsented(handle, ids),
      ]);
      for (const row of visible)
        result.set(
          row.id,
          caseRolesOf(principal, {
            handlingUnitId: row.handling_unit_id,
            handlingUnitPath: row.handling_unit_path,
            assignments: assignments
              .filter((assignment) => assignment.case_id === row.id)
              .map((assignment) => ({
                userId: assignment.user_id,
                role: assignment.role as 'handler' | 'legal_aid',
              })),
            excludedUserIds: exclusions.filter((x) => x.case_id === row.id).map((x) => x.user_id),
            legalAidConsented: consented.has(row.id),
          }),
        );
      return result;
    },

    async rolesIn(handle, principal, row) {
      return (await gate.rolesInMany(handle, principal, [row])).get(row.id) ?? [];
    },

    async open(handle, actor, id, options = {}) {
      const row = options.lock ? await cases.lockCase(handle, id) : await cases.findCase(handle, id);
      // A sealed or withdrawn escrow report does not exist for any staff member (docs/escrow-matching.md).
      if (!row || isHiddenFromStaff(row.escrow)) throw new AppError('not_found');
      const roles = await gate.rolesIn(handle, actor.principal, row);
      if (roles.length === 0) throw new AppError('not_found');
      // Purged under the retention rule: nothing to show or change, and no reopening (case-retention.ts).
      if (row.purged_at) throw new AppError('case_purged');
      return { row, roles };
    },
  };
  return gate;
}
