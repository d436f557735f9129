import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

export interface RollupRow {
  subject: string;
  level: string;
  province_code: string;
  women: number;
  men: number;
  unknown: number;
  bodies: number;
  compliant: number;
  at_risk: number;
  non_compliant: number;
  not_applicable: number;
  unknown_status: number;
}

export interface ChildRollupRow extends RollupRow {
  unit_id: number;
}

export interface BodyStatsRow {
  body_id: number;
  unit_id: number;
  unit_name: string;
  unit_level: string;
  province_code: string;
  kind: string;
  body_name: string;
  statutory_seats: number | null;
  position_seats: number;
  filled: number;
  women: number;
  men: number;
  unknown: number;
  acting: number;
  required_women: number;
  status: string;
  shortfall: number;
  members_women: number;
  members_men: number;
  members_unknown: number;
}

export interface DashboardUnitRow {
  id: number;
  parent_id: number | null;
  path: string;
  name: string;
  level: string;
  depth: number;
}

const rollupColumns = sql`women, men, unknown, bodies, compliant, at_risk, non_compliant, not_applicable,
  unknown_status`;

const bodyColumns = sql`body_id, unit_id, unit_name, unit_level, province_code, kind, body_name, statutory_seats,
  position_seats, filled, women, men, unknown, acting, required_women, status, shortfall, members_women,
  members_men, members_unknown`;

export interface DashboardRead {
  lineage: DashboardUnitRow[];
  rollup: RollupRow[] | null;
  trend: { subject: string; year: number; women: number; men: number; unknown: number }[] | null;
  children: (DashboardUnitRow & { has_children: boolean })[] | null;
  child_rollups: ChildRollupRow[] | null;
  provinces: { code: string; name: string }[] | null;
}

/** Reads of the quota summary for one node of the tree (each an indexed lookup or a path-prefix scan). */
export function createQuotaDashboardRepository() {
  return {
    /**
     * Everything one dashboard shows, in one statement (one round trip; PostgreSQL builds the JSON):
     * the unit with its ancestors, its rollup rows, trend, children with their totals and the province
     * names. The caller checks access on `lineage` before using the rest.
     */
    async dashboardRead(db: DbOrTx, unitId: number, childSubjects: string[]) {
      const { rows } = await sql<DashboardRead>`
        WITH target AS (SELECT id, path FROM units WHERE id = ${unitId})
        SELECT
          (SELECT coalesce(json_agg(l ORDER BY l.depth), '[]') FROM (
            SELECT u.id, u.parent_id, u.path, u.name, u.level, u.depth FROM units u
            WHERE u.id IN (SELECT unnest(string_to_array(btrim(path, '/'), '/')::int[]) FROM target)) l) AS lineage,
          (SELECT json_agg(r) FROM (SELECT subject, level, province_code, ${rollupColumns}
            FROM quota_rollup WHERE ancestor_id = ${unitId}) r) AS rollup,
          (SELECT json_agg(t ORDER BY t.year, t.subject) FROM (SELECT subject, year, women, men, unknown
            FROM quota_trend WHERE ancestor_id = ${unitId}) t) AS trend,
          (SELECT json_agg(c ORDER BY c.name, c.id) FROM (
            SELECT id, parent_id, path, name, level, depth,
              EXISTS (SELECT 1 FROM units g WHERE g.parent_id = units.id AND g.active) AS has_children
            FROM units WHERE parent_id = ${unitId} AND active LIMIT 1000) c) AS children,
          (SELECT json_agg(cr) FROM (
            SELECT ancestor_id AS unit_id, subject, '' AS level, '' AS province_code,
              sum(women)::int AS women, sum(men)::int AS men, sum(unknown)::int AS unknown,
              sum(bodies)::int AS bodies, sum(compliant)::int AS compliant, sum(at_risk)::int AS at_risk,
              sum(non_compliant)::int AS non_compliant, sum(not_applicable)::int AS not_applicable,
              sum(unknown_status)::int AS unknown_status
            FROM quota_rollup
            WHERE ancestor_id IN (SELECT id FROM units WHERE parent_id = ${unitId})
              AND subject = ANY(${childSubjects}::text[])
            GROUP BY ancestor_id, subject) cr) AS child_rollups,
          (SELECT json_agg(p) FROM (SELECT code, name FROM regions WHERE code IN (
            SELECT DISTINCT province_code FROM quota_rollup WHERE ancestor_id = ${unitId})) p) AS provinces`.execute(
        db,
      );
      return rows[0]!;
    },
    /** The unit and all its ancestors, top first, in one query (ids are read off the path). */
    async unitWithAncestors(db: DbOrTx, id: number): Promise<DashboardUnitRow[]> {
      const { rows } = await sql<DashboardUnitRow>`
        SELECT id, parent_id, path, name, level, depth FROM units
        WHERE id IN (SELECT unnest(string_to_array(btrim(path, '/'), '/')::int[]) FROM units WHERE id = ${id})
        ORDER BY depth`.execute(db);
      return rows;
    },
    async unit(db: DbOrTx, id: number): Promise<DashboardUnitRow | undefined> {
      const { rows } = await sql<DashboardUnitRow>`
        SELECT id, parent_id, path, name, level, depth FROM units WHERE id = ${id}`.execute(db);
      return rows[0];
    },
    async unitsByPath(db: DbOrTx, paths: string[]): Promise<DashboardUnitRow[]> {
      if (paths.length === 0) return [];
      const { rows } = await sql<DashboardUnitRow>`
        SELECT id, parent_id, path, name, level, depth FROM units WHERE path = ANY(${paths}::text[])
        ORDER BY depth`.execute(db);
      return rows;
    },
    async children(db: DbOrTx, parentId: number): Promise<(DashboardUnitRow & { has_children: boolean })[]> {
      const { rows } = await sql<DashboardUnitRow & { has_children: boolean }>`
        SELECT id, parent_id, path, name, level, depth,
          EXISTS (SELECT 1 FROM units c WHERE c.parent_id = units.id AND c.active) AS has_children
        FROM units WHERE parent_id = ${parentId} AND active
        ORDER BY name, id LIMIT 1000`.execute(db);
      return rows;
    },
    async rollup(db: DbOrTx, unitId: number): Promise<RollupRow[]> {
      const { rows } = await sql<RollupRow>`
        SELECT subject, level, province_code, ${rollupColumns} FROM quota_rollup WHERE ancestor_id = ${unitId}`.execute(
        db,
      );
      return rows;
    },
    /** Totals per child unit for the drill-down table (members and the bodies listed). */
    async childRollups(db: DbOrTx, parentId: number, subjects: string[]): Promise<ChildRollupRow[]> {
      const { rows } = await sql<ChildRollupRow>`
        SELECT ancestor_id AS unit_id, subject, '' AS level, '' AS province_code,
          sum(women)::int AS women, sum(men)::int AS men, sum(unknown)::int AS unknown, sum(bodies)::int AS bodies,
          sum(compliant)::int AS compliant, sum(at_risk)::int AS at_risk, sum(non_compliant)::int AS non_compliant,
          sum(not_applicable)::int AS not_applicable, sum(unknown_status)::int AS unknown_status
        FROM quota_rollup
        WHERE ancestor_id IN (SELECT id FROM units WHERE parent_id = ${parentId}) AND subject = ANY(${subjects}::text[])
        GROUP BY ancestor_id, subject`.execute(db);
      return rows;
    },
    async trend(db: DbOrTx, unitId: number) {
      const { rows } = await sql<{
        subject: string;
        year: number;
        women: number;
        men: number;
        unknown: number;
      }>`
        SELECT subject, year, women, men, unknown FROM quota_trend WHERE ancestor_id = ${unitId}
        ORDER BY year, subject`.execute(db);
      return rows;
    },
    /** Names of the provinces that appear below a unit. */
    async provincesBelow(db: DbOrTx, unitId: number) {
      const { rows } = await sql<{ code: string; name: string }>`
        SELECT code, name FROM regions
        WHERE code IN (SELECT DISTINCT province_code FROM quota_rollup WHERE ancestor_id = ${unitId})`.execute(
        db,
      );
      return rows;
    },
    /** Non-compliant, unknown and at-risk bodies of a subtree, worst and largest shortfall first. */
    // (Their number comes from the rollup, so this reads the ordered index and stops at `limit`.)
    async attention(db: DbOrTx, path: string, limit: number, offset: number) {
      const { rows } = await sql<BodyStatsRow>`
        SELECT ${bodyColumns} FROM quota_body_stats
        WHERE unit_path LIKE ${`${path}%`} AND severity < 9
        ORDER BY severity, shortfall DESC, unit_path, body_id
        LIMIT ${limit} OFFSET ${offset}`.execute(db);
      return rows;
    },
    /**
     * Bodies whose women's share falls below k × the women's share of the membership they represent:
     * women/filled < k × mw/members  ⇔  women × members × 10000 < k × mw × filled (integers only).
     */
    // proportionality_bp = floor(women × members × 10000 ÷ (filled × mw)), so for an integer k the test
    // `proportionality_bp < k` is exactly the inequality above. Lowest ratio first.
    async disproportionate(db: DbOrTx, path: string, kBp: number, limit: number, offset: number) {
      const where = sql`unit_path LIKE ${`${path}%`} AND proportionality_bp < ${kBp}`;
      const [page, count] = await Promise.all([
        sql<BodyStatsRow>`
          SELECT ${bodyColumns} FROM quota_body_stats WHERE ${where}
          ORDER BY proportionality_bp, unit_path, body_id LIMIT ${limit} OFFSET ${offset}`.execute(db),
        sql<{ total: number }>`SELECT count(*)::int AS total FROM quota_body_stats WHERE ${where}`.execute(
          db,
        ),
      ]);
      return { rows: page.rows, total: count.rows[0]?.total ?? 0 };
    },
    /** Every body of a subtree, for the compliance report (export), in tree order. */
    async bodiesOf(db: DbOrTx, path: string) {
      const { rows } = await sql<BodyStatsRow>`
        SELECT ${bodyColumns} FROM quota_body_stats WHERE unit_path LIKE ${`${path}%`}
        ORDER BY unit_path, kind, body_id LIMIT 100000`.execute(db);
      return rows;
    },
    /**
     * The last refresh, and whether changes wait: any change row left is one the last refresh has not
     * absorbed (it deletes those it took in).
     */
    async freshness(db: DbOrTx) {
      const { rows } = await sql<{
        finished_at: Date;
        as_of: string;
        duration_ms: number;
        rule: Record<string, unknown>;
        delegation_assembly_id: number | null;
        delegation_assembly_name: string | null;
        pending: boolean;
      }>`SELECT finished_at, as_of, duration_ms, rule, delegation_assembly_id, delegation_assembly_name,
          EXISTS (SELECT 1 FROM quota_summary_changes) AS pending
        FROM quota_summary_runs ORDER BY finished_at DESC, id DESC LIMIT 1`.execute(db);
      return rows[0];
    },
  };
}

export type QuotaDashboardRepository = ReturnType<typeof createQuotaDashboardRepository>;
