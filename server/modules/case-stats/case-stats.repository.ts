import { sql } from 'kysely';
import type { Db, DbOrTx, Tx } from '../../platform/database.ts';
import { CASE_STATISTICS_ROLE } from '../../platform/migrations/2026-12-01T1300-case-stats.ts';
import { countedInStatistics } from './case-stats-filter.ts';

/** Months are counted in the union's time zone (SPN: Western Indonesia Time). */
export const STATISTICS_TIME_ZONE = 'Asia/Jakarta';

export interface StatisticsFilter {
  /** Materialised path of the subtree root; a case belongs to the unit where it happened, else its handling unit. */
  rootPath: string;
  rootDepth: number;
  /** First and last month, `YYYY-MM`, inclusive. */
  from: string;
  to: string;
  now: Date;
  firstContactHours: number;
  consentDays: number;
  outcomeDays: number;
}

export interface Quantiles {
  /** Grouping key: a child unit id, or null for all cases. */
  key: string | null;
  n: number;
  q: [number, number, number, number] | null;
}

/** Coded aggregates of one period and subtree; nothing here can hold case content. */
export interface StatisticsFacts {
  groups: { dim: string; key: string | null; count: number }[];
  formSets: { forms: string[]; count: number }[];
  contact: Quantiles[];
  close: Quantiles[];
  deadlines: { kind: string; met: number; missed: number }[];
  referrals: { service: string; status: string; count: number }[];
  serviceSets: { services: string[]; count: number }[];
  consents: { route: string; status: string; count: number }[];
}

export interface StatisticsUnit {
  id: number;
  name: string;
  level: string;
  path: string;
  depth: number;
}

/**
 * Runs `work` inside a transaction under the statistics role, which may SELECT only the coded columns
 * (migration 2026-12-01T1300): a statistic that touched a sealed column would fail, not leak.
 */
export async function asStatisticsRole<T>(db: Db, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL ROLE ${sql.id(CASE_STATISTICS_ROLE)}`.execute(trx);
    // Read-only too: the role has no write grant anyway, this says so at the transaction.
    await sql`SET TRANSACTION READ ONLY`.execute(trx);
    return work(trx);
  });
}

export function createCaseStatsRepository() {
  return {
    async findUnits(db: DbOrTx, ids: number[]): Promise<StatisticsUnit[]> {
      if (ids.length === 0) return [];
      return db
        .selectFrom('units')
        .select(['id', 'name', 'level', 'path', 'depth'])
        .where('id', 'in', ids)
        .execute();
    },
    async findUnitsByPaths(db: DbOrTx, paths: string[]): Promise<StatisticsUnit[]> {
      if (paths.length === 0) return [];
      return db
        .selectFrom('units')
        .select(['id', 'name', 'level', 'path', 'depth'])
        .where('path', 'in', paths)
        .orderBy('depth')
        .orderBy('name')
        .execute();
    },
    async listChildren(db: DbOrTx, parentId: number): Promise<StatisticsUnit[]> {
      return db
        .selectFrom('units')
        .select(['id', 'name', 'level', 'path', 'depth'])
        .where('parent_id', '=', parentId)
        .orderBy('name')
        .execute();
    },

    /** Every aggregate of the page in one statement (one scan of the period's cases). */
    async aggregate(trx: Tx, filter: StatisticsFilter): Promise<StatisticsFacts> {
      const zone = STATISTICS_TIME_ZONE;
      const fromAt = sql`((${filter.from} || '-01')::timestamp AT TIME ZONE ${zone})`;
      const toAt = sql`(((${filter.to} || '-01')::date + interval '1 month')::timestamp AT TIME ZONE ${zone})`;
      const childPart = filter.rootDepth + 3;
      const firstContact = sql`make_interval(hours => ${filter.firstContactHours})`;
      const consent = sql`make_interval(days => ${filter.consentDays})`;
      const outcome = sql`make_interval(days => ${filter.outcomeDays})`;
      const now = sql`${filter.now.toISOString()}::timestamptz`;
      const result = await sql<{
        groups: StatisticsFacts['groups'] | null;
        form_sets: StatisticsFacts['formSets'] | null;
        contact: StatisticsFacts['contact'] | null;
        close: StatisticsFacts['close'] | null;
        deadlines: {
          fc_met: number;
          fc_missed: number;
          co_met: number;
          co_missed: number;
          oc_met: number;
          oc_missed: number;
        };
        referrals: StatisticsFacts['referrals'] | null;
        service_sets: StatisticsFacts['serviceSets'] | null;
        consents: StatisticsFacts['consents'] | null;
      }>`
        WITH base AS MATERIALIZED (
          SELECT c.id, c.forms, c.place, c.relationship, c.survivor_sex AS sex, c.survivor_age_band AS age,
            coalesce(c.outcome, 'none') AS outcome, c.received_at, c.first_contact_at, c.first_consent_at,
            c.outcome_at,
            to_char(c.received_at AT TIME ZONE ${zone}, 'YYYY-MM') AS month,
            coalesce(nullif(split_part(u.path, '/', ${childPart}), ''), 'self') AS child,
            extract(epoch FROM c.first_contact_at - c.received_at) / 3600 AS contact_hours,
            extract(epoch FROM c.closed_at - c.received_at) / 86400 AS close_days
          FROM cases c
          JOIN units u ON u.id = coalesce(c.place_unit_id, c.handling_unit_id)
          WHERE u.path LIKE ${filter.rootPath + '%'}
            AND c.received_at >= ${fromAt} AND c.received_at < ${toAt}
            AND ${countedInStatistics('c')}
        ),
        groups AS (
          SELECT CASE
              WHEN grouping(month) = 0 THEN 'month' WHEN grouping(child) = 0 THEN 'unit'
              WHEN grouping(place) = 0 THEN 'place' WHEN grouping(relationship) = 0 THEN 'relationship'
              WHEN grouping(outcome) = 0 THEN 'outcome' WHEN grouping(sex) = 0 THEN 'sex'
              WHEN grouping(age) = 0 THEN 'age' ELSE 'total' END AS dim,
            coalesce(month, child, place, relationship, outcome, sex, age) AS key,
            count(*)::int AS count
          FROM base
          GROUP BY GROUPING SETS ((month), (child), (place), (relationship), (outcome), (sex), (age), ())
        ),
        form_sets AS (SELECT forms, count(*)::int AS count FROM base GROUP BY forms),
        contact AS (
          SELECT CASE WHEN grouping(child) = 1 THEN NULL ELSE child END AS key,
            count(contact_hours)::int AS n,
            percentile_cont(ARRAY[0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY contact_hours) AS q
          FROM base GROUP BY GROUPING SETS ((child), ())
        ),
        close AS (
          SELECT CASE WHEN grouping(child) = 1 THEN NULL ELSE child END AS key,
            count(close_days)::int AS n,
            percentile_cont(ARRAY[0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY close_days) AS q
          FROM base GROUP BY GROUPING SETS ((child), ())
        ),
        deadlines AS (
          SELECT
            count(*) FILTER (WHERE first_contact_at <= received_at + ${firstContact})::int AS fc_met,
            count(*) FILTER (WHERE first_contact_at > received_at + ${firstContact}
              OR (first_contact_at IS NULL AND ${now} > received_at + ${firstContact}))::int AS fc_missed,
            count(*) FILTER (WHERE first_consent_at <= received_at + ${consent})::int AS co_met,
            count(*) FILTER (WHERE first_consent_at > received_at + ${consent}
              OR (first_consent_at IS NULL AND ${now} > received_at + ${consent}))::int AS co_missed,
            count(*) FILTER (WHERE outcome_at <= received_at + ${outcome})::int AS oc_met,
            count(*) FILTER (WHERE outcome_at > received_at + ${outcome}
              OR (outcome_at IS NULL AND ${now} > received_at + ${outcome}))::int AS oc_missed
          FROM base
        ),
        referrals AS (
          SELECT r.service, r.status, count(*)::int AS count
          FROM case_referrals r JOIN base b ON b.id = r.case_id GROUP BY r.service, r.status
        ),
        service_sets AS (
          SELECT services, count(*)::int AS count FROM (
            SELECT r.case_id, array_agg(DISTINCT r.service ORDER BY r.service) AS services
            FROM case_referrals r JOIN base b ON b.id = r.case_id
            WHERE r.status IN ('dikirim', 'diterima', 'selesai')
            GROUP BY r.case_id
          ) per_case GROUP BY services
        ),
        latest_consents AS (
          SELECT DISTINCT ON (k.case_id, k.route) k.route, k.status
          FROM case_consents k JOIN base b ON b.id = k.case_id
          ORDER BY k.case_id, k.route, k.recorded_at DESC, k.seq DESC
        ),
        consents AS (SELECT route, status, count(*)::int AS count FROM latest_consents GROUP BY route, status)
        SELECT
          (SELECT json_agg(groups) FROM groups) AS groups,
          (SELECT json_agg(form_sets) FROM form_sets) AS form_sets,
          (SELECT json_agg(contact) FROM contact) AS contact,
          (SELECT json_agg(close) FROM close) AS close,
          (SELECT row_to_json(deadlines) FROM deadlines) AS deadlines,
          (SELECT json_agg(referrals) FROM referrals) AS referrals,
          (SELECT json_agg(service_sets) FROM service_sets) AS service_sets,
          (SELECT json_agg(consents) FROM consents) AS consents
      `.execute(trx);
      const row = result.rows[0]!;
      const quantiles = (rows: StatisticsFacts['contact'] | null) =>
        (rows ?? []).map((entry) => ({
          key: entry.key,
          n: entry.n,
          q: entry.q,
        }));
      return {
        groups: row.groups ?? [],
        formSets: row.form_sets ?? [],
        contact: quantiles(row.contact),
        close: quantiles(row.close),
        deadlines: [
          { kind: 'first_contact', met: row.deadlines.fc_met, missed: row.deadlines.fc_missed },
          { kind: 'consent', met: row.deadlines.co_met, missed: row.deadlines.co_missed },
          { kind: 'outcome', met: row.deadlines.oc_met, missed: row.deadlines.oc_missed },
        ],
        referrals: row.referrals ?? [],
        serviceSets: row.service_sets ?? [],
        consents: row.consents ?? [],
      };
    },
  };
}
export type CaseStatsRepository = ReturnType<typeof createCaseStatsRepository>;
