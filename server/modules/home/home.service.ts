import type { HomeWork } from '../../../shared/contracts/home.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import type { CaseCoverageService } from '../cases/case-coverage.service.ts';
import type { HomeRepository } from './home.repository.ts';

/**
 * The home page's "what to act on now" (issue 18): the coordinator's waiting cases and the soonest first
 * contact, the handler's assigned cases, the administrator's blocking warnings. Each part is computed only
 * for the roles it concerns, from the caller's own grants; a count never reveals a case's content.
 */
export function createHomeService(deps: {
  db: Db;
  home: HomeRepository;
  coverage: Pick<CaseCoverageService, 'adminWarnings'>;
  clock: Clock;
}) {
  const { db, home, clock } = deps;
  return {
    async work(actor: Actor): Promise<HomeWork> {
      const grants = actor.principal.grants;
      const now = clock.now();
      const coordinated = [
        ...new Set(grants.filter((g) => g.role === 'case_coordinator').map((g) => g.unitId)),
      ];
      const assignable = grants.some((g) => g.role === 'case_handler' || g.role === 'legal_aid');
      // Administration of the whole install is the top unit's: its path has one id.
      const topAdmin = grants.some(
        (g) => g.role === 'admin' && g.unitPath.split('/').filter(Boolean).length === 1,
      );
      const [unit, assigned, admin] = await Promise.all([
        coordinated.length > 0 ? home.unitCases(db, actor.userId, coordinated, now) : null,
        assignable ? home.assignedCases(db, actor.userId, now) : null,
        topAdmin
          ? Promise.all([deps.coverage.adminWarnings(db), home.heldMail(db)]).then(
              ([warnings, heldMail]) => ({ ...warnings, heldMail }),
            )
          : null,
      ]);
      return {
        unitCases: unit && {
          open: unit.open,
          waiting: unit.waiting,
          firstContactDueAt: unit.first_contact_due_at?.toISOString() ?? null,
          late: unit.late,
        },
        assignedCases: assigned && {
          open: assigned.open,
          nextDeadlineAt: assigned.next_deadline_at?.toISOString() ?? null,
          late: assigned.late,
        },
        admin,
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
