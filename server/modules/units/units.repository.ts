import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

export interface UnitRow {
  id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  name: string;
  code: string;
  level: string;
  active: boolean;
  child_count: number;
}

const childCount = sql<number>`(SELECT count(*)::int FROM units c WHERE c.parent_id = units.id)`.as(
  'child_count',
);

/** SQL for the unit tree. Subtrees are materialised-path prefixes (`path LIKE '/1/4/%'`). */
export function createUnitsRepository() {
  const columns = ['id', 'parent_id', 'path', 'depth', 'name', 'code', 'level', 'active'] as const;
  return {
    async findById(db: DbOrTx, id: number): Promise<UnitRow | undefined> {
      return db
        .selectFrom('units')
        .select([...columns, childCount])
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async findRoot(db: DbOrTx): Promise<UnitRow | undefined> {
      return db
        .selectFrom('units')
        .select([...columns, childCount])
        .where('parent_id', 'is', null)
        .executeTakeFirst();
    },
    async findByIds(db: DbOrTx, ids: number[]): Promise<UnitRow[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('units')
        .select([...columns, childCount])
        .where('id', 'in', ids)
        .execute();
    },
    async listChildren(db: DbOrTx, parentId: number, includeInactive: boolean): Promise<UnitRow[]> {
      let query = db
        .selectFrom('units')
        .select([...columns, childCount])
        .where('parent_id', '=', parentId);
      if (!includeInactive) query = query.where('active', '=', true);
      return query.orderBy('name').orderBy('id').limit(1000).execute();
    },
    /** Name or code search limited to the given subtree roots. */
    async search(
      db: DbOrTx,
      text: string,
      scopePaths: string[],
      includeInactive: boolean,
    ): Promise<UnitRow[]> {
      if (scopePaths.length === 0) return [];
      const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      let query = db
        .selectFrom('units')
        .select([...columns, childCount])
        .where((eb) => eb.or(scopePaths.map((root) => eb('path', 'like', `${root}%`))))
        .where((eb) => eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(code)`, 'like', pattern)]));
      if (!includeInactive) query = query.where('active', '=', true);
      return query.orderBy('depth').orderBy('name').limit(50).execute();
    },
    async insert(
      db: DbOrTx,
      unit: {
        parentId: number | null;
        parentPath: string;
        depth: number;
        name: string;
        code: string;
        level: string;
      },
    ): Promise<number> {
      // The id is needed inside the path, so insert with a placeholder path and set it in the same tx.
      const { id } = await db
        .insertInto('units')
        .values({
          parent_id: unit.parentId,
          path: `${unit.parentPath}pending-${Math.random()}/`,
          depth: unit.depth,
          name: unit.name,
          code: unit.code,
          level: unit.level,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('units')
        .set({ path: `${unit.parentPath}${id}/` })
        .where('id', '=', id)
        .execute();
      return id;
    },
    async codeExists(db: DbOrTx, code: string): Promise<boolean> {
      const row = await db
        .selectFrom('units')
        .select('id')
        .where(sql`lower(code)`, '=', code.toLowerCase())
        .executeTakeFirst();
      return Boolean(row);
    },
    async rename(db: DbOrTx, id: number, name: string): Promise<void> {
      await db.updateTable('units').set({ name, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async setActive(db: DbOrTx, id: number, active: boolean): Promise<void> {
      await db.updateTable('units').set({ active, updated_at: new Date() }).where('id', '=', id).execute();
    },
    async countActiveChildren(db: DbOrTx, id: number): Promise<number> {
      const row = await db
        .selectFrom('units')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('parent_id', '=', id)
        .where('active', '=', true)
        .executeTakeFirstOrThrow();
      return row.n;
    },
    /** Moves a subtree: one statement rewrites the path prefix and depth of every unit in it. */
    async moveSubtree(db: DbOrTx, unit: UnitRow, newParent: UnitRow): Promise<void> {
      const newPath = `${newParent.path}${unit.id}/`;
      const depthDelta = newParent.depth + 1 - unit.depth;
      await db
        .updateTable('units')
        .set({
          path: sql`${newPath} || substr(path, ${unit.path.length + 1})`,
          depth: sql`depth + ${depthDelta}`,
          updated_at: new Date(),
        })
        .where('path', 'like', `${unit.path}%`)
        .execute();
      await db.updateTable('units').set({ parent_id: newParent.id }).where('id', '=', unit.id).execute();
    },
    /** Locks the whole tree against concurrent moves (moves are rare; correctness matters more). */
    async lockTree(db: DbOrTx): Promise<void> {
      await sql`SELECT pg_advisory_xact_lock(hashtext('setara.unit-tree'))`.execute(db);
    },
  };
}

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;

export interface UnitDetailsRow {
  id: number;
  region_code: string | null;
  region_name: string | null;
  company_name: string | null;
  sector: string | null;
  disnaker_number: string | null;
  founded_on: string | null;
  dissolved_on: string | null;
  merged_into_id: number | null;
  member_count: number;
}

/** SQL for the organisation details of units: regions, details, history, merges. */
export function createUnitDetailsRepository() {
  return {
    async details(db: DbOrTx, id: number): Promise<UnitDetailsRow | undefined> {
      return db
        .selectFrom('units as u')
        .leftJoin('regions as r', 'r.code', 'u.region_code')
        .select([
          'u.id',
          'u.region_code',
          'r.name as region_name',
          'u.company_name',
          'u.sector',
          'u.disnaker_number',
          'u.founded_on',
          'u.dissolved_on',
          'u.merged_into_id',
          sql<number>`(SELECT count(*)::int FROM members m JOIN units mu ON mu.id = m.home_unit_id
            WHERE mu.path LIKE u.path || '%' AND m.status = 'aktif')`.as('member_count'),
        ])
        .where('u.id', '=', id)
        .executeTakeFirst();
    },
    async updateDetails(db: DbOrTx, id: number, changes: Record<string, unknown>): Promise<void> {
      if (Object.keys(changes).length === 0) return;
      await db
        .updateTable('units')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },
    async findRegion(db: DbOrTx, code: string) {
      return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
    },
    async listRegions(db: DbOrTx, filters: { q?: string; kind?: string; provinceCode?: string }) {
      let query = db.selectFrom('regions').selectAll();
      if (filters.kind) query = query.where('kind', '=', filters.kind);
      if (filters.provinceCode)
        query = query.where((eb) =>
          eb.or([eb('province_code', '=', filters.provinceCode!), eb('code', '=', filters.provinceCode!)]),
        );
      if (filters.q) {
        const q = filters.q.toLowerCase();
        query = query.where((eb) =>
          eb.or([
            eb(sql`lower(name)`, 'like', `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`),
            eb('code', 'like', `${q.replace(/[\\%_]/g, '')}%`),
            eb(sql`word_similarity(${q}, lower(name))`, '>', 0.5),
          ]),
        );
      }
      return query
        .orderBy('code')
        .limit(filters.q || filters.provinceCode ? 100 : 600)
        .execute();
    },
    async addEvent(
      db: DbOrTx,
      event: {
        unitId: number;
        kind: string;
        occurredOn: string;
        details?: Record<string, unknown>;
        recordedBy: string | null;
      },
    ) {
      await db
        .insertInto('unit_events')
        .values({
          unit_id: event.unitId,
          kind: event.kind,
          occurred_on: event.occurredOn,
          details: JSON.stringify(event.details ?? {}),
          recorded_by: event.recordedBy,
        })
        .execute();
    },
    async events(db: DbOrTx, unitId: number) {
      return db
        .selectFrom('unit_events')
        .select(['id', 'kind', 'occurred_on', 'details'])
        .where('unit_id', '=', unitId)
        .orderBy('occurred_on', 'desc')
        .orderBy('id', 'desc')
        .limit(500)
        .execute();
    },
    /** Moves the members of `fromId` to `toId` from a date, writing one history row each (set-based). */
    async moveMembers(
      db: DbOrTx,
      fromId: number,
      toId: number,
      validFrom: string,
      recordedBy: string | null,
    ): Promise<number> {
      await sql`INSERT INTO member_status_history (member_id, status, unit_id, valid_from, reason, recorded_by)
        SELECT id, status, ${toId}, ${validFrom}::date, 'merge', ${recordedBy}::uuid FROM members WHERE home_unit_id = ${fromId}`.execute(
        db,
      );
      const result = await db
        .updateTable('members')
        .set({ home_unit_id: toId, updated_at: new Date() })
        .where('home_unit_id', '=', fromId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async deactivateBodies(db: DbOrTx, unitId: number): Promise<void> {
      await db.updateTable('bodies').set({ active: false }).where('unit_id', '=', unitId).execute();
    },
    async markMerged(db: DbOrTx, id: number, targetId: number, on: string): Promise<void> {
      await db
        .updateTable('units')
        .set({ active: false, merged_into_id: targetId, dissolved_on: on, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type UnitDetailsRepository = ReturnType<typeof createUnitDetailsRepository>;
