import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

/**
 * Who can act on a new report: the units that have an active case coordinator. "Active" means the
 * account is active and the grant is in force; an invited coordinator who has not yet chosen her
 * password counts (the case waits in her list for her first sign-in, which also enrols her TOTP).
 */
export function createCaseCoverageRepository() {
  const coordinators = (db: DbOrTx) =>
    db
      .selectFrom('role_grants as g')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .where('g.role', '=', 'case_coordinator')
      .where('u.active', '=', true);

  return {
    /** Of `unitIds`, those with at least one active case coordinator. */
    async staffedUnits(db: DbOrTx, unitIds: readonly number[]): Promise<Set<number>> {
      if (unitIds.length === 0) return new Set();
      const rows = await coordinators(db)
        .select('g.unit_id')
        .distinct()
        .where('g.unit_id', 'in', [...unitIds])
        .execute();
      return new Set(rows.map((row) => row.unit_id));
    },

    /** Active case coordinators at one unit, for the "new case at your unit" notice. */
    async coordinatorsAt(db: DbOrTx, unitId: number) {
      return coordinators(db)
        .select(['u.id', 'u.email', 'u.language'])
        .distinct()
        .where('g.unit_id', '=', unitId)
        .execute();
    },

    /** Active administrators at the top unit: they are told when a report has nobody to act on it. */
    async topAdministrators(db: DbOrTx) {
      return db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .innerJoin('units as un', 'un.id', 'g.unit_id')
        .select(['u.id', 'u.email', 'u.language'])
        .distinct()
        .where('g.role', '=', 'admin')
        .where('un.parent_id', 'is', null)
        .where('u.active', '=', true)
        .execute();
    },

    /** How many units have an active coordinator, and whether the top unit is one of them. */
    async summary(db: DbOrTx) {
      const row = await coordinators(db)
        .innerJoin('units as un', 'un.id', 'g.unit_id')
        .select([
          sql<number>`count(DISTINCT g.unit_id)::int`.as('units'),
          sql<boolean>`coalesce(bool_or(un.parent_id IS NULL), false)`.as('top'),
        ])
        .executeTakeFirstOrThrow();
      return { staffedUnits: row.units, topUnitStaffed: row.top };
    },

    /**
     * Open cases (not closed, not purged, not sealed in escrow) whose handling unit has no active
     * coordinator today: a count only, for administrators (who see no case content).
     */
    async casesWithoutTeam(db: DbOrTx): Promise<number> {
      const row = await db
        .selectFrom('cases as c')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('c.state', '<>', 'closed')
        .where('c.purged_at', 'is', null)
        .where((eb) => eb.or([eb('c.escrow', 'is', null), eb('c.escrow', '=', 'opened')]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('role_grants as g')
                .innerJoin('users as u', 'u.id', 'g.user_id')
                .select('g.id')
                .where('g.role', '=', 'case_coordinator')
                .where('u.active', '=', true)
                .whereRef('g.unit_id', '=', 'c.handling_unit_id'),
            ),
          ),
        )
        .executeTakeFirstOrThrow();
      return row.n;
    },
  };
}

export type CaseCoverageRepository = ReturnType<typeof createCaseCoverageRepository>;
