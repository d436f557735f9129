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

/** Reads of the quota summary for one node of the tree (each an indexed lookup or a path-prefix scan). */
export function createQuotaDashboardRepository() {
  return {
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
    async childRollups(db: DbOrTx, unitIds: number[], subjects: string[]): Promise<ChildRollupRow[]> {
      if (unitIds.length === 0) return [];
      const { rows } = await sql<ChildRollupRow>`
        SELECT ancestor_id AS unit_id, subject, '' AS level, '' AS province_code,
          sum(women)::int AS women, sum(men)::int AS men, sum(unknown)::int AS unknown, sum(bodies)::int AS bodies,
          sum(compliant)::int AS compliant, sum(at_risk)::int AS at_risk, sum(non_compliant)::int AS non_compliant,
          sum(not_applicable)::int AS not_applicable, sum(unknown_status)::int AS unknown_status
        FROM quota_rollup WHERE ancestor_id = ANY(${unitIds}::int[]) AND subject = ANY(${subjects}::text[])
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
    async provinces(db: DbOrTx, codes: string[]) {
      if (codes.length === 0) return [];
      const { rows } = await sql<{ code: string; name: string }>`
        SELECT code, name FROM regions WHERE code = ANY(${codes}::text[])`.execute(db);
      return rows;
    },
    /** Non-compliant, unknown and at-risk bodies of a subtree, worst and largest shortfall first. */
    async attention(db: DbOrTx, path: string, limit: number, offset: number) {
      const { rows } = await sql<BodyStatsRow & { total: number }>`
        SELECT ${bodyColumns}, count(*) OVER ()::int AS total FROM quota_body_stats
        WHERE unit_path LIKE ${`${path}%`} AND status IN ('non_compliant', 'unknown', 'at_risk')
        ORDER BY CASE status WHEN 'non_compliant' THEN 0 WHEN 'unknown' THEN 1 ELSE 2 END, shortfall DESC,
          unit_path, body_id
        LIMIT ${limit} OFFSET ${offset}`.execute(db);
      return rows;
    },
    /**
     * Bodies whose women's share falls below k × the women's share of the membership they represent:
     * women/filled < k × mw/members  ⇔  women × members × 10000 < k × mw × filled (integers only).
     */
    async disproportionate(db: DbOrTx, path: string, kBp: number, limit: number, offset: number) {
      const { rows } = await sql<BodyStatsRow & { total: number }>`
        SELECT ${bodyColumns}, count(*) OVER ()::int AS total FROM quota_body_stats
        WHERE unit_path LIKE ${`${path}%`} AND filled > 0
          AND members_women + members_men + members_unknown > 0
          AND women::bigint * (members_women + members_men + members_unknown) * 10000
            < ${kBp}::bigint * members_women * filled
        ORDER BY (members_women::float8 / (members_women + members_men + members_unknown))
          - (women::float8 / filled) DESC, body_id
        LIMIT ${limit} OFFSET ${offset}`.execute(db);
      return rows;
    },
    /** Every body of a subtree, for the compliance report (export), in tree order. */
    async bodiesOf(db: DbOrTx, path: string) {
      const { rows } = await sql<BodyStatsRow>`
        SELECT ${bodyColumns} FROM quota_body_stats WHERE unit_path LIKE ${`${path}%`}
        ORDER BY unit_path, kind, body_id LIMIT 100000`.execute(db);
      return rows;
    },
    /** Any change row left is one the last refresh has not absorbed (it deletes those it took in). */
    async pendingChanges(db: DbOrTx): Promise<boolean> {
      const { rows } = await sql<{ pending: boolean }>`
        SELECT EXISTS (SELECT 1 FROM quota_summary_changes) AS pending`.execute(db);
      return rows[0]?.pending ?? false;
    },
  };
}

export type QuotaDashboardRepository = ReturnType<typeof createQuotaDashboardRepository>;
