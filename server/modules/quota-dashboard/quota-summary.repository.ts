import { sql } from 'kysely';
import { countedStatuses } from '../../../shared/taxonomies.ts';
import { departedOn } from '../members/member-standing.ts';
import type { DbOrTx } from '../../platform/database.ts';

/** Holder counts of one active body on the refresh date, before the quota engine judges it. */
export interface BodyCountsRow {
  body_id: number;
  kind: string;
  unit_level: string;
  statutory_seats: number | null;
  position_seats: number;
  filled: number;
  women: number;
  men: number;
  unknown: number;
  acting: number;
  members_women: number;
  members_men: number;
  members_unknown: number;
}

/** One seat of a body for rules with named posts: a position's seat, filled (with the holder's sex) or vacant. */
export interface SeatRow {
  body_id: number;
  title: string;
  category: string;
  seats: number;
  sexes: ('L' | 'P' | null)[];
  acting: number;
}

export interface BodyJudgement {
  bodyId: number;
  status: string;
  requiredWomen: number;
  shortfall: number;
}

/** Top posts of an executive board, recognised by title ("Ketua Umum" is Ketua; "Ketua Bidang X" is not). */
const postOfTitle = (title: ReturnType<typeof sql>) => sql`CASE
  WHEN lower(btrim(${title})) ~ '^wakil ketua( umum)?( [ivx0-9]+)?$' THEN 'post:wakil_ketua'
  WHEN lower(btrim(${title})) ~ '^ketua( umum)?$' THEN 'post:ketua'
  WHEN lower(btrim(${title})) ~ '^sekretaris( umum| jenderal)?$' THEN 'post:sekretaris'
  WHEN lower(btrim(${title})) ~ '^bendahara( umum)?$' THEN 'post:bendahara'
END`;

const provinceOf = sql`coalesce(split_part(u.region_code, '.', 1), '')`;
const ancestorsOf = (path: ReturnType<typeof sql>) =>
  sql`unnest(string_to_array(btrim(${path}, '/'), '/')::int[])`;

/**
 * SQL that rebuilds the quota summary tables. Every step runs inside the caller's transaction, so readers
 * keep seeing the previous summary until the new one commits (no lock on reads, no half-built state).
 */
export function createQuotaSummaryRepository() {
  return {
    /** One refresh at a time across instances; false when another is running. */
    async tryLock(tx: DbOrTx): Promise<boolean> {
      const { rows } = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(hashtext('setara.quota_summary')) AS locked`.execute(tx);
      // The rollup groups about a million rows: let it hash in memory instead of spilling to disk.
      if (rows[0]?.locked) await sql`SET LOCAL work_mem = '256MB'`.execute(tx);
      return rows[0]?.locked ?? false;
    },

    /**
     * The newest recorded change, and how long ago (in the database's own time, which stamped them) the
     * newest and the oldest pending change arrived.
     */
    async latestChange(
      db: DbOrTx,
    ): Promise<{ id: number; newestAgeSeconds: number | null; oldestAgeSeconds: number | null }> {
      const { rows } = await sql<{ id: string | null; newest: number | null; oldest: number | null }>`
        SELECT max(id) AS id,
          extract(epoch FROM clock_timestamp() - max(changed_at))::float8 AS newest,
          extract(epoch FROM clock_timestamp() - min(changed_at))::float8 AS oldest
        FROM quota_summary_changes`.execute(db);
      const row = rows[0];
      return {
        id: Number(row?.id ?? 0),
        newestAgeSeconds: row?.newest ?? null,
        oldestAgeSeconds: row?.oldest ?? null,
      };
    },

    /** Members of each unit and of each unit's subtree, and the holders in office on `asOf`. */
    async stageBase(tx: DbOrTx, asOf: string): Promise<void> {
      await sql`
        CREATE TEMP TABLE qs_unit_members ON COMMIT DROP AS
        SELECT home_unit_id AS unit_id,
          count(*) FILTER (WHERE sex = 'P')::int AS women,
          count(*) FILTER (WHERE sex = 'L')::int AS men,
          count(*) FILTER (WHERE sex IS NULL)::int AS unknown
        FROM members WHERE status = ANY(${[...countedStatuses]}::text[])
        GROUP BY home_unit_id`.execute(tx);
      await sql`
        CREATE TEMP TABLE qs_subtree_members ON COMMIT DROP AS
        SELECT anc.id AS unit_id, sum(um.women)::int AS women, sum(um.men)::int AS men,
          sum(um.unknown)::int AS unknown
        FROM qs_unit_members um JOIN units u ON u.id = um.unit_id
        CROSS JOIN LATERAL ${ancestorsOf(sql`u.path`)} AS anc(id)
        GROUP BY anc.id`.execute(tx);
      await sql`CREATE UNIQUE INDEX ON qs_subtree_members (unit_id)`.execute(tx);
      await sql`
        CREATE TEMP TABLE qs_holders ON COMMIT DROP AS
        SELECT p.body_id, p.id AS position_id, p.title, p.category, m.sex, a.basis
        FROM appointments a
        JOIN positions p ON p.id = a.position_id
        JOIN members m ON m.id = a.member_id
        WHERE a.term_start <= ${asOf}::date AND (a.term_end IS NULL OR a.term_end >= ${asOf}::date)
          -- A holder who has left the union by then sits for no one: her seat counts as vacant (issue 10).
          AND ${departedOn(sql.ref<string>('a.member_id'), asOf)} IS NULL`.execute(tx);
      // Temporary tables get no statistics by themselves; without them the planner guesses badly.
      await sql`ANALYZE qs_unit_members, qs_subtree_members, qs_holders`.execute(tx);
    },

    /** Counts one row per active body (in a staging table, to be judged) and returns them. */
    async stageBodies(tx: DbOrTx): Promise<BodyCountsRow[]> {
      await sql`
        CREATE TEMP TABLE qs_bodies ON COMMIT DROP AS
        SELECT b.id AS body_id, u.id AS unit_id, u.path AS unit_path, u.name AS unit_name, u.level AS unit_level,
          ${provinceOf} AS province_code, b.kind, b.name AS body_name, b.statutory_seats,
          coalesce(s.seats, 0) AS position_seats, coalesce(h.filled, 0) AS filled, coalesce(h.women, 0) AS women,
          coalesce(h.men, 0) AS men, coalesce(h.unknown, 0) AS unknown, coalesce(h.acting, 0) AS acting,
          coalesce(sm.women, 0) AS members_women, coalesce(sm.men, 0) AS members_men,
          coalesce(sm.unknown, 0) AS members_unknown
        FROM bodies b
        JOIN units u ON u.id = b.unit_id
        LEFT JOIN (SELECT body_id, sum(seats)::int AS seats FROM positions GROUP BY body_id) s ON s.body_id = b.id
        LEFT JOIN (
          SELECT body_id, count(*)::int AS filled,
            count(*) FILTER (WHERE sex = 'P')::int AS women,
            count(*) FILTER (WHERE sex = 'L')::int AS men,
            count(*) FILTER (WHERE sex IS NULL)::int AS unknown,
            count(*) FILTER (WHERE basis = 'acting')::int AS acting
          FROM qs_holders GROUP BY body_id
        ) h ON h.body_id = b.id
        LEFT JOIN qs_subtree_members sm ON sm.unit_id = u.id
        WHERE b.active AND u.active`.execute(tx);
      const { rows } = await sql<BodyCountsRow>`
        SELECT body_id, kind, unit_level, statutory_seats, position_seats, filled, women, men, unknown, acting,
          members_women, members_men, members_unknown
        FROM qs_bodies`.execute(tx);
      await sql`ANALYZE qs_bodies`.execute(tx);
      return rows;
    },

    /** Seats per position with the sexes of the holders in office, for rules that name posts. */
    async seats(tx: DbOrTx): Promise<SeatRow[]> {
      const { rows } = await sql<SeatRow>`
        SELECT p.body_id, p.title, p.category, p.seats,
          coalesce(array_agg(h.sex) FILTER (WHERE h.position_id IS NOT NULL), '{}') AS sexes,
          count(*) FILTER (WHERE h.basis = 'acting')::int AS acting
        FROM positions p
        JOIN qs_bodies s ON s.body_id = p.body_id
        LEFT JOIN qs_holders h ON h.position_id = p.id
        GROUP BY p.id`.execute(tx);
      return rows;
    },

    /** Replaces the body rows with the staged counts and the engine's judgements. */
    async writeBodies(tx: DbOrTx, judgements: BodyJudgement[]): Promise<void> {
      await sql`DELETE FROM quota_body_stats`.execute(tx);
      await sql`
        INSERT INTO quota_body_stats (body_id, unit_id, unit_path, unit_name, unit_level, province_code, kind,
          body_name, statutory_seats, position_seats, filled, women, men, unknown, acting, required_women,
          status, severity, shortfall, members_women, members_men, members_unknown, proportionality_bp)
        SELECT q.body_id, q.unit_id, q.unit_path, q.unit_name, q.unit_level, q.province_code, q.kind, q.body_name,
          q.statutory_seats, q.position_seats, q.filled, q.women, q.men, q.unknown, q.acting,
          coalesce(j.required, 0), coalesce(j.status, 'not_applicable'),
          CASE j.status WHEN 'non_compliant' THEN 0 WHEN 'unknown' THEN 1 WHEN 'at_risk' THEN 2 ELSE 9 END,
          coalesce(j.shortfall, 0), q.members_women, q.members_men, q.members_unknown,
          -- women/filled ÷ mw/members = women × members ÷ (filled × mw); the 95%-women PSP with a 30% board
          -- gets 3157, below k = 8000.
          CASE WHEN q.filled > 0 AND q.members_women > 0
            THEN (q.women::bigint * (q.members_women + q.members_men + q.members_unknown) * 10000
              / (q.filled::bigint * q.members_women))::int END
        FROM qs_bodies q
        LEFT JOIN unnest(${judgements.map((j) => j.bodyId)}::int[], ${judgements.map((j) => j.status)}::text[],
          ${judgements.map((j) => j.requiredWomen)}::int[], ${judgements.map((j) => j.shortfall)}::int[])
          AS j(body_id, status, required, shortfall) ON j.body_id = q.body_id
        ORDER BY q.unit_path, q.body_id`.execute(tx);
      await sql`ANALYZE quota_body_stats`.execute(tx);
    },

    /** Fresh planner statistics: the tables are rewritten whole on every refresh. */
    async analyze(tx: DbOrTx): Promise<void> {
      await sql`ANALYZE quota_rollup, quota_trend`.execute(tx);
    },

    /**
     * After the refresh commits: reclaim the rows it replaced, so reads do not wade through dead
     * versions and index-only scans work (VACUUM cannot run inside the refresh transaction).
     */
    async vacuum(db: DbOrTx): Promise<void> {
      await sql`VACUUM (ANALYZE) quota_body_stats, quota_rollup, quota_trend, quota_summary_changes`.execute(
        db,
      );
    },

    /** The latest Kongres (by start date): its delegates are the "congress delegates" indicator. */
    async latestKongres(tx: DbOrTx): Promise<{ id: number; name: string } | undefined> {
      const { rows } = await sql<{ id: number; name: string }>`
        SELECT id, name FROM assemblies WHERE kind = 'kongres' ORDER BY starts_on DESC, id DESC LIMIT 1`.execute(
        tx,
      );
      return rows[0];
    },

    /** Adds every subject up at every ancestor of the unit it sits at, by level and province. */
    async writeRollup(tx: DbOrTx, kongresId: number | null): Promise<void> {
      await sql`DELETE FROM quota_rollup`.execute(tx);
      await sql`
        INSERT INTO quota_rollup (ancestor_id, subject, level, province_code, women, men, unknown, bodies,
          compliant, at_risk, non_compliant, not_applicable, unknown_status)
        SELECT anc.id, x.subject, x.level, x.province_code, sum(x.women)::int, sum(x.men)::int,
          sum(x.unknown)::int, sum(x.bodies)::int, sum(x.compliant)::int, sum(x.at_risk)::int,
          sum(x.non_compliant)::int, sum(x.not_applicable)::int, sum(x.unknown_status)::int
        FROM (
          SELECT u.path, 'members' AS subject, u.level, ${provinceOf} AS province_code,
            um.women, um.men, um.unknown, 0 AS bodies, 0 AS compliant, 0 AS at_risk, 0 AS non_compliant,
            0 AS not_applicable, 0 AS unknown_status
          FROM qs_unit_members um JOIN units u ON u.id = um.unit_id
          UNION ALL
          SELECT s.unit_path, 'body:' || s.kind, s.unit_level, s.province_code, s.women, s.men, s.unknown, 1,
            (s.status = 'compliant')::int, (s.status = 'at_risk')::int, (s.status = 'non_compliant')::int,
            (s.status = 'not_applicable')::int, (s.status = 'unknown')::int
          FROM quota_body_stats s
          UNION ALL
          SELECT s.unit_path, t.subject, s.unit_level, s.province_code,
            count(*) FILTER (WHERE h.sex = 'P'), count(*) FILTER (WHERE h.sex = 'L'),
            count(*) FILTER (WHERE h.sex IS NULL), 0, 0, 0, 0, 0, 0
          FROM qs_holders h
          JOIN quota_body_stats s ON s.body_id = h.body_id AND s.kind = 'executive'
          CROSS JOIN LATERAL (VALUES (${postOfTitle(sql`h.title`)}), ('category:' || h.category)) AS t(subject)
          WHERE t.subject IS NOT NULL AND t.subject <> 'category:other'
          GROUP BY s.unit_path, t.subject, s.unit_level, s.province_code
          UNION ALL
          SELECT u.path, 'delegates', u.level, ${provinceOf},
            count(*) FILTER (WHERE m.sex = 'P'), count(*) FILTER (WHERE m.sex = 'L'),
            count(*) FILTER (WHERE m.sex IS NULL), 0, 0, 0, 0, 0, 0
          FROM delegates d
          JOIN delegation_allocations da ON da.id = d.allocation_id
          JOIN units u ON u.id = da.unit_id
          JOIN members m ON m.id = d.member_id
          WHERE da.assembly_id = ${kongresId} AND d.credential_status <> 'returned'
          GROUP BY u.path, u.level, ${provinceOf}
        ) x
        CROSS JOIN LATERAL ${ancestorsOf(sql`x.path`)} AS anc(id)
        GROUP BY anc.id, x.subject, x.level, x.province_code
        -- One node's rows side by side on disk: a dashboard read touches a few pages, not hundreds.
        ORDER BY anc.id`.execute(tx);
    },

    /** Everyone ever appointed, by year of term start: the trend by term. */
    async writeTrend(tx: DbOrTx): Promise<void> {
      await sql`DELETE FROM quota_trend`.execute(tx);
      await sql`
        INSERT INTO quota_trend (ancestor_id, subject, year, women, men, unknown)
        SELECT anc.id, t.subject, x.year, count(*) FILTER (WHERE x.sex = 'P')::int,
          count(*) FILTER (WHERE x.sex = 'L')::int, count(*) FILTER (WHERE x.sex IS NULL)::int
        FROM (
          SELECT u.path, b.kind, extract(year FROM a.term_start)::int AS year, m.sex,
            CASE WHEN b.kind = 'executive' THEN ${postOfTitle(sql`p.title`)} END AS post
          FROM appointments a
          JOIN positions p ON p.id = a.position_id
          JOIN bodies b ON b.id = p.body_id
          JOIN units u ON u.id = b.unit_id
          JOIN members m ON m.id = a.member_id
        ) x
        CROSS JOIN LATERAL (VALUES ('body:' || x.kind), (x.post)) AS t(subject)
        CROSS JOIN LATERAL ${ancestorsOf(sql`x.path`)} AS anc(id)
        WHERE t.subject IS NOT NULL
        GROUP BY anc.id, t.subject, x.year
        ORDER BY anc.id`.execute(tx);
    },

    async recordRun(
      tx: DbOrTx,
      run: {
        startedAt: Date;
        finishedAt: Date;
        asOf: string;
        reason: string;
        lastChangeId: number;
        rule: Record<string, unknown>;
        kongres: { id: number; name: string } | undefined;
      },
    ): Promise<void> {
      await sql`
        INSERT INTO quota_summary_runs (started_at, finished_at, as_of, duration_ms, reason, last_change_id,
          rule, delegation_assembly_id, delegation_assembly_name)
        VALUES (${run.startedAt}, ${run.finishedAt}, ${run.asOf}::date,
          ${Math.round(run.finishedAt.getTime() - run.startedAt.getTime())}, ${run.reason}, ${run.lastChangeId},
          ${JSON.stringify(run.rule)}::jsonb, ${run.kongres?.id ?? null}, ${run.kongres?.name ?? null})`.execute(
        tx,
      );
      // Keep a day's worth of runs for the freshness stamp and operations; the rest is noise.
      await sql`DELETE FROM quota_summary_runs WHERE finished_at < ${run.finishedAt}::timestamptz - interval '1 day'
        AND id <> (SELECT max(id) FROM quota_summary_runs)`.execute(tx);
      await sql`DELETE FROM quota_summary_changes WHERE id <= ${run.lastChangeId}`.execute(tx);
    },

    async lastRun(db: DbOrTx) {
      const { rows } = await sql<{
        started_at: Date;
        finished_at: Date;
        as_of: string;
        duration_ms: number;
        reason: string;
        last_change_id: string;
        rule: Record<string, unknown>;
        delegation_assembly_id: number | null;
        delegation_assembly_name: string | null;
      }>`SELECT started_at, finished_at, as_of, duration_ms, reason, last_change_id, rule,
          delegation_assembly_id, delegation_assembly_name
        FROM quota_summary_runs ORDER BY finished_at DESC, id DESC LIMIT 1`.execute(db);
      return rows[0];
    },
  };
}

export type QuotaSummaryRepository = ReturnType<typeof createQuotaSummaryRepository>;
