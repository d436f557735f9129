import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';
import { departedOn } from '../members/member-standing.ts';

export type RuleVersionRow = Awaited<
  ReturnType<ReturnType<typeof createQuotaRepository>['ruleVersions']>
>[number];

const allocationQuery = (db: DbOrTx) =>
  db
    .selectFrom('delegation_allocations as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .innerJoin('assemblies as a', 'a.id', 'd.assembly_id')
    .innerJoin('units as o', 'o.id', 'a.unit_id')
    .leftJoin('delegation_credentials as c', 'c.allocation_id', 'd.id')
    .select([
      'd.id',
      'd.assembly_id',
      'd.unit_id',
      'd.category',
      'd.seats',
      'u.name as unit_name',
      'u.path as unit_path',
      'u.level',
      'a.name as assembly_name',
      'a.starts_on',
      'a.unit_id as organiser_unit_id',
      'o.path as organiser_path',
      'o.name as organiser_name',
      'c.status as credential_status',
    ]);

/** SQL for quota rules and versions, and the seat lists that evaluations count. */
export function createQuotaRepository() {
  return {
    /** Every version of every rule (or of one rule), oldest first. */
    async ruleVersions(db: DbOrTx, ruleId?: number) {
      let query = db
        .selectFrom('quota_rule_versions as v')
        .innerJoin('quota_rules as r', 'r.id', 'v.rule_id')
        .selectAll('v')
        .select(['r.code', 'r.current_version'])
        .orderBy('v.rule_id')
        .orderBy('v.version');
      if (ruleId !== undefined) query = query.where('v.rule_id', '=', ruleId);
      return query.execute();
    },
    async lockRule(db: DbOrTx, ruleId: number) {
      return (
        await sql<{ id: number; current_version: number }>`
          SELECT id, current_version FROM quota_rules WHERE id = ${ruleId} FOR UPDATE`.execute(db)
      ).rows[0];
    },
    async insertRule(db: DbOrTx, code: string) {
      return db
        .insertInto('quota_rules')
        .values({ code })
        .onConflict((conflict) => conflict.column('code').doNothing())
        .returning('id')
        .executeTakeFirst();
    },
    async insertVersion(
      db: DbOrTx,
      row: {
        rule_id: number;
        version: number;
        name: string;
        description: string | null;
        subject_kinds: string[];
        levels: string[];
        delegation_categories: string[];
        effective_from: string | null;
        effective_to: string | null;
        metric: string;
        threshold_bp: number;
        rounding: string;
        minimum_women: number | null;
        minimum_when_seats: number | null;
        positional_titles: string[];
        positional_categories: string[];
        positional_at_least: number | null;
        proportionality_factor_bp: number | null;
        enforcement: string;
        created_by: string;
      },
    ) {
      const { id } = await db
        .insertInto('quota_rule_versions')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('quota_rules')
        .set({ current_version: row.version })
        .where('id', '=', row.rule_id)
        .execute();
      return id;
    },
    async rootUnitPath(db: DbOrTx) {
      const row = await db
        .selectFrom('units')
        .select('path')
        .where('parent_id', 'is', null)
        .executeTakeFirst();
      return row?.path ?? null;
    },
    async findBody(db: DbOrTx, bodyId: number) {
      return db
        .selectFrom('bodies as b')
        .innerJoin('units as u', 'u.id', 'b.unit_id')
        .select([
          'b.id',
          'b.kind',
          'b.name',
          'b.statutory_seats',
          'b.unit_id',
          'u.name as unit_name',
          'u.path as unit_path',
          'u.level',
        ])
        .where('b.id', '=', bodyId)
        .executeTakeFirst();
    },
    /** Positions of a body with the appointments whose term covers `date` (Plt included, flagged). */
    async bodySeats(db: DbOrTx, bodyId: number, date: string) {
      const positions = await db
        .selectFrom('positions')
        .select(['id', 'title', 'category', 'seats'])
        .where('body_id', '=', bodyId)
        .orderBy('sort_order')
        .orderBy('id')
        .execute();
      const holders = positions.length
        ? await db
            .selectFrom('appointments as a')
            .innerJoin('members as m', 'm.id', 'a.member_id')
            .select(['a.position_id', 'a.basis', 'm.sex', 'm.full_name'])
            .select(departedOn(sql.ref<string>('a.member_id'), date).as('left_on'))
            .where(
              'a.position_id',
              'in',
              positions.map((position) => position.id),
            )
            .where('a.term_start', '<=', date)
            .where((eb) => eb.or([eb('a.term_end', 'is', null), eb('a.term_end', '>=', date)]))
            .orderBy('a.term_start')
            .orderBy('a.id')
            .execute()
        : [];
      return { positions, holders };
    },
    async findAllocation(db: DbOrTx, allocationId: number) {
      return allocationQuery(db).where('d.id', '=', allocationId).executeTakeFirst();
    },
    /** Every allocation of an assembly, in unit order, with the same columns as findAllocation. */
    async allocationRowsOf(db: DbOrTx, assemblyId: number) {
      return allocationQuery(db)
        .where('d.assembly_id', '=', assemblyId)
        .orderBy('u.path')
        .orderBy('d.category')
        .execute();
    },
    async delegatesOfMany(db: DbOrTx, allocationIds: number[]) {
      if (allocationIds.length === 0) return [];
      return db
        .selectFrom('delegates as g')
        .innerJoin('members as m', 'm.id', 'g.member_id')
        .innerJoin('units as mu', 'mu.id', 'm.home_unit_id')
        .select([
          'g.id',
          'g.allocation_id',
          'g.member_id',
          'g.credential_status',
          'm.full_name',
          'm.member_number',
          'mu.path as member_unit_path',
          'm.sex',
        ])
        .where('g.allocation_id', 'in', allocationIds)
        .orderBy('g.id')
        .execute();
    },
    async decisionsOf(db: DbOrTx, allocationIds: number[]) {
      if (allocationIds.length === 0) return [];
      return db
        .selectFrom('delegation_credential_decisions as c')
        .innerJoin('users as u', 'u.id', 'c.decided_by')
        .select([
          'c.id',
          'c.allocation_id',
          'c.decision',
          'c.reason',
          'c.decided_at',
          'c.evaluation',
          'u.display_name',
        ])
        .where('c.allocation_id', 'in', allocationIds)
        .orderBy('c.decided_at', 'desc')
        .orderBy('c.id', 'desc')
        .execute();
    },
    async delegatesOf(db: DbOrTx, allocationId: number) {
      return db
        .selectFrom('delegates as g')
        .innerJoin('members as m', 'm.id', 'g.member_id')
        .innerJoin('units as mu', 'mu.id', 'm.home_unit_id')
        .select([
          'g.id',
          'g.member_id',
          'g.credential_status',
          'm.full_name',
          'm.member_number',
          'mu.path as member_unit_path',
          'm.sex',
        ])
        .where('g.allocation_id', '=', allocationId)
        .orderBy('g.id')
        .execute();
    },
    /** Members by number or id, limited to the caller's readable subtrees (`scope` path roots). */
    async membersIn(db: DbOrTx, scope: string[], numbers: string[], ids: string[]) {
      if (scope.length === 0 || (numbers.length === 0 && ids.length === 0)) return [];
      return db
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select(['m.id', 'm.member_number', 'm.full_name', 'm.sex'])
        .where((eb) =>
          eb.or([
            ...(numbers.length ? [eb('m.member_number', 'in', numbers)] : []),
            ...(ids.length ? [eb('m.id', 'in', ids)] : []),
          ]),
        )
        .where((eb) => eb.or(scope.map((root) => eb('u.path', 'like', `${root}%`))))
        .execute();
    },
    async findUnit(db: DbOrTx, unitId: number) {
      return db
        .selectFrom('units')
        .select(['id', 'name', 'path', 'level'])
        .where('id', '=', unitId)
        .executeTakeFirst();
    },
  };
}

export type QuotaRepository = ReturnType<typeof createQuotaRepository>;
