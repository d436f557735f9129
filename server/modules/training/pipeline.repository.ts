import { sql } from 'kysely';
import { countedStatuses } from '../../../shared/taxonomies.ts';
import type { DbOrTx } from '../../platform/database.ts';

/** One graduate of a cohort with the facts the pipeline rules need (pipeline-rules.ts). */
export interface GraduateRow {
  sex: 'P' | 'L' | null;
  unit_path: string;
  completed_on: string;
  staged: boolean;
  delegations: string[];
  /** [term_start, term_end] pairs of all her appointments. */
  terms: [string, string | null][];
}

export interface ReadyBodyRow {
  body_id: number;
  body_name: string;
  kind: string;
  unit_id: number;
  unit_name: string;
  unit_level: string;
  unit_path: string;
  status: string | null;
  shortfall: number;
  term_ends_on: string | null;
  total: number;
}

export interface CandidateRow {
  body_id: number;
  member_id: string;
  full_name: string;
  member_number: string;
  unit_id: number;
  unit_name: string;
  stage_code: string | null;
  stage_rank: number | null;
  label_id: string | null;
  label_en: string | null;
  total: number;
}

export interface CandidateClassRow {
  member_id: string;
  track: string;
  level: string;
  title: string;
  ends_on: string;
}

export interface TraineeRow {
  track: string;
  year: number;
  women: number;
  men: number;
  unknown: number;
  sending_paths: string[];
}

export interface FacilitatorRow {
  track: string;
  year: number;
  women: number;
  men: number;
  unknown: number;
}

/**
 * The SQL of the leadership pipeline. Cohorts are read through `training_classes (track, ends_on)` and the
 * completed participants of those classes (indexes: migration 2026-12-07T2400-pipeline-indexes).
 */
export function createPipelineRepository() {
  return {
    /**
     * Every member who completed a class of `track` ending in `year`, living (home unit today) in the
     * subtree `path`, with her cadre stage flag, the assemblies she was a delegate of after completion
     * and all her terms. Her completion date is the end of her earliest such class that year.
     */
    async graduates(
      db: DbOrTx,
      input: { path: string; track: string; year: number; minStage: string },
    ): Promise<GraduateRow[]> {
      const { rows } = await sql<GraduateRow>`
        WITH cohort AS (
          SELECT p.member_id, min(c.ends_on) AS completed_on
          FROM training_classes c
          JOIN training_participants p ON p.class_id = c.id AND p.status = 'completed'
          WHERE c.track = ${input.track}
            AND c.ends_on >= make_date(${input.year}, 1, 1) AND c.ends_on < make_date(${input.year} + 1, 1, 1)
            AND p.member_id IS NOT NULL
          GROUP BY p.member_id
        )
        SELECT m.sex, u.path AS unit_path, g.completed_on,
          EXISTS (SELECT 1 FROM cadre_stage_records r JOIN cadre_stages s ON s.code = r.stage
            WHERE r.member_id = g.member_id AND r.withdrawn_at IS NULL AND s.rank >= (SELECT rank FROM cadre_stages WHERE code = ${input.minStage})) AS staged,
          ARRAY(SELECT a.starts_on::text FROM delegates d
            JOIN delegation_allocations da ON da.id = d.allocation_id
            JOIN assemblies a ON a.id = da.assembly_id
            WHERE d.member_id = g.member_id AND a.starts_on > g.completed_on) AS delegations,
          coalesce((SELECT json_agg(json_build_array(ap.term_start, ap.term_end)) FROM appointments ap
            WHERE ap.member_id = g.member_id), '[]') AS terms
        FROM cohort g
        JOIN members m ON m.id = g.member_id
        JOIN units u ON u.id = m.home_unit_id
        WHERE u.path LIKE ${`${input.path}%`}`.execute(db);
      return rows;
    },

    /** Years with graduates of `track` living in the subtree, newest first. */
    async cohortYears(db: DbOrTx, path: string, track: string): Promise<number[]> {
      const { rows } = await sql<{ year: number }>`
        SELECT DISTINCT extract(year FROM c.ends_on)::int AS year
        FROM training_classes c
        -- Per class, stop at its first graduate from the subtree (the classes of a track are few).
        WHERE c.track = ${track} AND EXISTS (
          SELECT 1 FROM training_participants p
          JOIN members m ON m.id = p.member_id
          JOIN units u ON u.id = m.home_unit_id
          WHERE p.class_id = c.id AND p.status = 'completed' AND u.path LIKE ${`${path}%`})
        ORDER BY year DESC`.execute(db);
      return rows.map((row) => row.year);
    },

    /** The units a funnel names: those directly below `unitId` and every DPD (depth 1), by id. */
    async namedUnits(db: DbOrTx, unitId: number) {
      const { rows } = await sql<{ id: number; name: string; level: string }>`
        SELECT id, name, level FROM units WHERE parent_id = ${unitId} OR depth = 1`.execute(db);
      return rows;
    },

    /**
     * Bodies of the subtree needing a ready pool, one page: those the quota dashboard judged
     * non-compliant or at risk (its summary, `quota_body_stats`), and those whose current term ends by
     * `until` (the latest end among the appointments in force today, all of which have an end). Worst
     * first: non-compliant, at risk, then by term end.
     */
    async readyBodies(
      db: DbOrTx,
      input: { path: string; today: string; until: string; limit: number; offset: number },
    ): Promise<ReadyBodyRow[]> {
      const { rows } = await sql<ReadyBodyRow>`
        WITH flagged AS (
          SELECT body_id, status, shortfall FROM quota_body_stats
          WHERE unit_path LIKE ${`${input.path}%`} AND status IN ('non_compliant', 'at_risk')
        ),
        -- Bodies with a term ending soon: start from the appointments ending in the window (index on
        -- term_end), then check every appointment of that body in force today has ended by then.
        ending_candidates AS (
          SELECT DISTINCT p.body_id FROM appointments a
          JOIN positions p ON p.id = a.position_id
          JOIN bodies b ON b.id = p.body_id
          JOIN units u ON u.id = b.unit_id
          WHERE a.term_end >= ${input.today}::date AND a.term_end <= ${input.until}::date
            AND a.term_start <= ${input.today}::date AND u.path LIKE ${`${input.path}%`}
        ),
        ending AS (
          SELECT p.body_id, max(a.term_end) AS term_ends_on
          FROM ending_candidates e
          JOIN positions p ON p.body_id = e.body_id
          JOIN appointments a ON a.position_id = p.id
          WHERE a.term_start <= ${input.today}::date AND (a.term_end IS NULL OR a.term_end >= ${input.today}::date)
          GROUP BY p.body_id
          HAVING bool_and(a.term_end IS NOT NULL) AND max(a.term_end) <= ${input.until}::date
        ),
        picked AS (
          SELECT coalesce(f.body_id, e.body_id) AS body_id, f.status, coalesce(f.shortfall, 0) AS shortfall,
            e.term_ends_on
          FROM flagged f FULL JOIN ending e ON e.body_id = f.body_id
        )
        SELECT b.id AS body_id, b.name AS body_name, b.kind, u.id AS unit_id, u.name AS unit_name,
          u.level AS unit_level, u.path AS unit_path, x.status, x.shortfall::int AS shortfall,
          x.term_ends_on::text AS term_ends_on, count(*) OVER ()::int AS total
        FROM picked x
        JOIN bodies b ON b.id = x.body_id AND b.active
        JOIN units u ON u.id = b.unit_id AND u.active
        WHERE u.path LIKE ${`${input.path}%`}
        ORDER BY CASE x.status WHEN 'non_compliant' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END,
          x.shortfall DESC, x.term_ends_on NULLS LAST, u.path, b.id
        LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db);
      return rows;
    },

    /**
     * For each body, the trained women of its unit's membership (home unit in the body's unit subtree,
     * counted status, at least one completed class) not holding a post in that body today: the first
     * `perBody` by stage (highest first), completed classes, name; with the total per body.
     */
    async candidates(
      db: DbOrTx,
      input: {
        /** Minimal subtree roots (paths) of the listed bodies' units, inside the caller's subtree. */
        roots: string[];
        bodies: { id: number; unitId: number }[];
        today: string;
        perBody: number;
      },
    ): Promise<CandidateRow[]> {
      if (input.bodies.length === 0) return [];
      // A DPP or DPD subtree holds a large share of all members: one pass over members (hash join) is
      // cheaper there; below, each unit's members by index (the planner, left alone, scans them all).
      const broad = input.roots.some((root) => root.split('/').filter(Boolean).length <= 2);
      const { rows } = await sql<CandidateRow>`
        WITH page AS (
          SELECT * FROM unnest(${input.bodies.map((body) => body.id)}::int[],
            ${input.bodies.map((body) => body.unitId)}::int[]) AS b(id, unit_id)
        ),
        -- Only the subtrees of the listed bodies (minimal roots, by path range: a PSP body reads its
        -- own few units, not the whole tree), then their members and completed classes by index.
        scope_units AS MATERIALIZED (
          SELECT u.id, u.name, u.path FROM unnest(${input.roots}::text[]) AS r(path)
          CROSS JOIN LATERAL (
            SELECT id, name, path FROM units WHERE path >= r.path AND path < left(r.path, -1) || '0' OFFSET 0
          ) u
        ),
        trained AS MATERIALIZED (
          SELECT m.id AS member_id, m.full_name, m.member_number, u.id AS unit_id, u.name AS unit_name,
            u.path, count(*)::int AS classes
          FROM scope_units u
          ${
            broad
              ? sql`JOIN members m ON m.home_unit_id = u.id
                  AND m.sex = 'P' AND m.status = ANY(${[...countedStatuses]}::text[])`
              : sql`CROSS JOIN LATERAL (
                  SELECT m.id, m.full_name, m.member_number FROM members m
                  WHERE m.home_unit_id = u.id AND m.sex = 'P' AND m.status = ANY(${[...countedStatuses]}::text[])
                  OFFSET 0
                ) m`
          }
          JOIN training_participants p ON p.member_id = m.id AND p.status = 'completed'
          GROUP BY m.id, m.full_name, m.member_number, u.id, u.name, u.path
        ),
        -- Who holds a post in each listed body today (a few rows): they are left out of its pool.
        holders AS MATERIALIZED (
          SELECT DISTINCT p.body_id, a.member_id FROM page
          JOIN positions p ON p.body_id = page.id
          JOIN appointments a ON a.position_id = p.id
          WHERE a.term_start <= ${input.today}::date AND (a.term_end IS NULL OR a.term_end >= ${input.today}::date)
        ),
        -- Each trained woman under every listed body whose unit is one of her home unit's ancestors.
        placed AS (
          SELECT b.id AS body_id, t.* FROM trained t
          CROSS JOIN LATERAL unnest(string_to_array(btrim(t.path, '/'), '/')::int[]) AS anc(id)
          JOIN page b ON b.unit_id = anc.id
          WHERE NOT EXISTS (SELECT 1 FROM holders h WHERE h.body_id = b.id AND h.member_id = t.member_id)
        ),
        staged AS (
          SELECT DISTINCT ON (r.member_id) r.member_id, s.code, s.rank, s.label_id, s.label_en
          FROM cadre_stage_records r JOIN cadre_stages s ON s.code = r.stage
          WHERE r.withdrawn_at IS NULL AND r.member_id IN (SELECT member_id FROM placed)
          ORDER BY r.member_id, s.rank DESC
        ),
        ranked AS (
          SELECT x.*, st.code AS stage_code, st.rank AS stage_rank, st.label_id, st.label_en,
            row_number() OVER (PARTITION BY x.body_id
              ORDER BY st.rank DESC NULLS LAST, x.classes DESC, x.full_name, x.member_id) AS position,
            count(*) OVER (PARTITION BY x.body_id)::int AS total
          FROM placed x LEFT JOIN staged st ON st.member_id = x.member_id
        )
        SELECT body_id, member_id::text AS member_id, full_name, member_number, unit_id, unit_name, stage_code,
          stage_rank, label_id, label_en, total
        FROM ranked WHERE position <= ${input.perBody}
        ORDER BY body_id, position`.execute(db);
      return rows;
    },

    /** The completed classes of some members, latest first. */
    async completedClasses(db: DbOrTx, memberIds: string[]): Promise<CandidateClassRow[]> {
      if (memberIds.length === 0) return [];
      const { rows } = await sql<CandidateClassRow>`
        SELECT p.member_id::text AS member_id, c.track, c.level, c.title, c.ends_on
        FROM training_participants p JOIN training_classes c ON c.id = p.class_id
        WHERE p.member_id = ANY(${memberIds}::bigint[]) AND p.status = 'completed'
        ORDER BY c.ends_on DESC, c.id`.execute(db);
      return rows;
    },

    /**
     * Trainees (seat holders: accepted, completed, not completed; members and guests) per track and year
     * of the class end, sent by a unit of the subtree (the nominating unit; for a guest, the organising
     * unit of the program), by sex, with the sending units.
     */
    async trainees(
      db: DbOrTx,
      input: { path: string; fromYear: number; toYear: number },
    ): Promise<TraineeRow[]> {
      const { rows } = await sql<TraineeRow>`
        SELECT c.track, extract(year FROM c.ends_on)::int AS year,
          count(*) FILTER (WHERE coalesce(m.sex, x.sex) = 'P')::int AS women,
          count(*) FILTER (WHERE coalesce(m.sex, x.sex) = 'L')::int AS men,
          count(*) FILTER (WHERE coalesce(m.sex, x.sex) IS NULL)::int AS unknown,
          array_agg(DISTINCT su.path) AS sending_paths
        FROM training_classes c
        JOIN training_programs pr ON pr.id = c.program_id
        JOIN training_participants p ON p.class_id = c.id
          AND p.status IN ('accepted', 'completed', 'not_completed')
        LEFT JOIN members m ON m.id = p.member_id
        LEFT JOIN training_external_persons x ON x.id = p.external_person_id
        JOIN units su ON su.id = coalesce(p.nominating_unit_id, pr.unit_id)
        WHERE c.ends_on >= make_date(${input.fromYear}, 1, 1) AND c.ends_on < make_date(${input.toYear} + 1, 1, 1)
          AND su.path LIKE ${`${input.path}%`}
        GROUP BY c.track, year`.execute(db);
      return rows;
    },

    /**
     * Facilitators (members and external persons), by sex, of the classes organised in the subtree or
     * attended by trainees it sent (a DPD's women trained at a DPP class were trained by these people).
     */
    async facilitators(
      db: DbOrTx,
      input: { path: string; fromYear: number; toYear: number },
    ): Promise<FacilitatorRow[]> {
      const { rows } = await sql<FacilitatorRow>`
        SELECT c.track, extract(year FROM c.ends_on)::int AS year,
          count(*) FILTER (WHERE coalesce(m.sex, x.sex) = 'P')::int AS women,
          count(*) FILTER (WHERE coalesce(m.sex, x.sex) = 'L')::int AS men,
          count(*) FILTER (WHERE coalesce(m.sex, x.sex) IS NULL)::int AS unknown
        FROM training_classes c
        JOIN training_programs pr ON pr.id = c.program_id
        JOIN units ou ON ou.id = pr.unit_id
        JOIN training_facilitators f ON f.class_id = c.id
        LEFT JOIN members m ON m.id = f.member_id
        LEFT JOIN training_external_persons x ON x.id = f.external_person_id
        WHERE c.ends_on >= make_date(${input.fromYear}, 1, 1) AND c.ends_on < make_date(${input.toYear} + 1, 1, 1)
          AND (ou.path LIKE ${`${input.path}%`} OR EXISTS (
            SELECT 1 FROM training_participants p JOIN units su ON su.id = p.nominating_unit_id
            WHERE p.class_id = c.id AND p.status IN ('accepted', 'completed', 'not_completed')
              AND su.path LIKE ${`${input.path}%`}))
        GROUP BY c.track, year`.execute(db);
      return rows;
    },

    /**
     * Members (counted statuses) of the subtree rooted at each of `paths`, from the quota summary's
     * rollup (as of its last refresh), in one read; the caller adds up minimal roots per row.
     */
    async membershipByPath(db: DbOrTx, paths: string[]) {
      if (paths.length === 0) return new Map<string, { women: number; men: number; unknown: number }>();
      const { rows } = await sql<{ path: string; women: number; men: number; unknown: number }>`
        SELECT u.path, sum(r.women)::int AS women, sum(r.men)::int AS men, sum(r.unknown)::int AS unknown
        FROM units u JOIN quota_rollup r ON r.ancestor_id = u.id AND r.subject = 'members'
        WHERE u.path = ANY(${paths}::text[])
        GROUP BY u.path`.execute(db);
      return new Map(rows.map((row) => [row.path, row]));
    },

    /** The date of the last quota summary refresh (the ready pool's judgement date). */
    async judgedOn(db: DbOrTx): Promise<string | null> {
      const { rows } = await sql<{ as_of: string }>`
        SELECT as_of FROM quota_summary_runs ORDER BY finished_at DESC, id DESC LIMIT 1`.execute(db);
      return rows[0]?.as_of ?? null;
    },
  };
}

export type PipelineRepository = ReturnType<typeof createPipelineRepository>;
