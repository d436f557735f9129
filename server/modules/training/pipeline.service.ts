import type { StatCell } from '../../../shared/contracts/case-stats.ts';
import type {
  PipelineProportionalityResponse,
  PipelineQuery,
  PipelineResponse,
  ReadyPoolQuery,
  ReadyPoolResponse,
  SexCells,
} from '../../../shared/contracts/training-pipeline.ts';
import { AppError } from '../../../shared/errors.ts';
import { can, scopeOf, type Action } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { protectList, protectTable, SMALL_CELL_LIMIT, type Cell } from '../case-stats/suppression.ts';
import type { QuotaDashboardRepository } from '../quota-dashboard/quota-dashboard.repository.ts';
import { gapBp, shareBp, withShare } from '../quota-dashboard/quota-indicators.ts';
import {
  addMonths,
  daysToFirstAppointment,
  median,
  minimalRoots,
  pipelineSteps,
  tallyPosts,
  tallySteps,
  type GraduateFacts,
  type PostTally,
  type SexTally,
  type StepTallies,
} from './pipeline-rules.ts';
import type { GraduateRow, PipelineRepository } from './pipeline.repository.ts';

/** The first cadre stage that counts as "reached a stage" in the funnel (SPN's ladder, cadre_stages). */
export const FIRST_CADRE_STAGE = 'kader_dasar';
/** Bodies per page of the ready pool, and candidates listed per body (the total is given beside). */
const BODIES_PER_PAGE = 20;
const CANDIDATES_PER_BODY = 25;

const unitView = (unit: { id: number; name: string; level: string }) => ({
  id: unit.id,
  name: unit.name,
  level: unit.level,
});

/** Unit ids along a materialised path, top first ('/1/4/17/' → [1, 4, 17]). */
const idsOf = (path: string) => path.split('/').filter(Boolean).map(Number);

const factsOf = (row: GraduateRow): GraduateFacts => ({
  sex: row.sex,
  completedOn: row.completed_on,
  staged: row.staged,
  delegations: row.delegations,
  terms: row.terms.map(([start, end]) => ({ start, end })),
});

const sexes = ['women', 'men', 'unknown'] as const;

/**
 * Suppresses one step's table (groups × sexes, with its margins) with the complementary suppression of
 * case statistics: every cell under 5 is `< 5`, and enough others are hidden that no total gives it back.
 * A sex column that is zero in every group (no men at all in a women-only class) names nobody, so it is
 * published as 0 and left out of the table; otherwise its zeros would hide every women's count with them.
 */
function protectStep(groups: readonly SexTally[]): { rows: SexCells[]; total: SexCells } {
  const none: Cell = { value: null, status: 'small' };
  if (groups.length === 0) return { rows: [], total: { women: none, men: none, unknown: none, total: none } };
  const present = sexes.filter((sex) => groups.some((tally) => tally[sex] > 0));
  const columns = present.length > 0 ? present : [...sexes];
  const table = protectTable(groups.map((tally) => columns.map((sex) => tally[sex])));
  const zero: Cell = { value: 0, status: 'shown' };
  const cellsOf = (cells: readonly Cell[], total: Cell): SexCells => {
    const bySex = (sex: (typeof sexes)[number]) => {
      const index = columns.indexOf(sex);
      return index === -1 ? zero : cells[index]!;
    };
    return { women: bySex('women'), men: bySex('men'), unknown: bySex('unknown'), total };
  };
  return {
    rows: table.cells.map((cells, index) => cellsOf(cells, table.rowTotals[index]!)),
    total: cellsOf(table.columnTotals, table.total),
  };
}

/** A share from two published cells; null when either is hidden (a share would give a hidden count back). */
const shareOfCells = (part: Cell, whole: Cell): number | null =>
  part.status === 'shown' && whole.status === 'shown' ? shareBp(part.value!, whole.value!) : null;

/**
 * The leadership pipeline (training.md "The leadership pipeline"): the cohort funnel and the
 * proportionality view are aggregates for `dashboard.read` (suppressed like case statistics); the ready
 * pool names members, for `training.pipeline` (gender officers and org admins), and every read of it is
 * audited.
 */
export function createPipelineService(deps: {
  db: Db;
  pipeline: PipelineRepository;
  units: Pick<QuotaDashboardRepository, 'unitWithAncestors'>;
  clock: Clock;
}) {
  const { db, pipeline, units, clock } = deps;

  /** The unit asked for (default: top of the caller's scope for `action`), or not_found outside it. */
  async function nodeFor(actor: Actor, action: Action, unitId: number | undefined) {
    const roots = scopeOf(actor.principal, action);
    if (roots.length === 0) throw new AppError('forbidden');
    const target = unitId ?? idsOf(roots[0]!).at(-1)!;
    const lineage = await units.unitWithAncestors(db, target);
    const unit = lineage.at(-1);
    if (!unit || unit.id !== target || !can(actor.principal, action, unit.path))
      throw new AppError('not_found');
    return { unit, trail: lineage.filter((row) => can(actor.principal, action, row.path)) };
  }

  function funnelRows(groups: { tallies: StepTallies }[]) {
    const protectedSteps = {
      outcomes: Object.fromEntries(
        pipelineSteps.map((step) => [step, protectStep(groups.map((group) => group.tallies.outcomes[step]))]),
      ),
      path: Object.fromEntries(
        pipelineSteps.map((step) => [step, protectStep(groups.map((group) => group.tallies.path[step]))]),
      ),
    } as Record<'outcomes' | 'path', Record<(typeof pipelineSteps)[number], ReturnType<typeof protectStep>>>;
    const pick = (kind: 'outcomes' | 'path', index: number | 'total') =>
      Object.fromEntries(
        pipelineSteps.map((step) => {
          const protectedStep = protectedSteps[kind][step];
          return [step, index === 'total' ? protectedStep.total : protectedStep.rows[index]!];
        }),
      ) as Record<(typeof pipelineSteps)[number], SexCells>;
    return {
      rows: groups.map((_, index) => ({ outcomes: pick('outcomes', index), path: pick('path', index) })),
      total: { outcomes: pick('outcomes', 'total'), path: pick('path', 'total') },
    };
  }

  function postsRows(groups: PostTally[]) {
    const column = (key: keyof PostTally) => protectList(groups.map((group) => group[key]));
    const graduates = column('graduates');
    const due12 = column('due12');
    const holds12 = column('holds12');
    const due24 = column('due24');
    const holds24 = column('holds24');
    const row = (pick: (list: { cells: Cell[]; total: Cell }) => Cell) => ({
      graduates: pick(graduates),
      due12: pick(due12),
      holds12: pick(holds12),
      share12Bp: shareOfCells(pick(holds12), pick(due12)),
      due24: pick(due24),
      holds24: pick(holds24),
      share24Bp: shareOfCells(pick(holds24), pick(due24)),
    });
    return {
      rows: groups.map((_, index) => row((list) => list.cells[index]!)),
      total: row((list) => list.total),
    };
  }

  return {
    /**
     * The funnel of one cohort (track, year) at a unit and below, by the units directly below it and by
     * sex; the posts held 12 and 24 months on by DPD; and the median time to a first appointment.
     */
    async getPipeline(actor: Actor, query: PipelineQuery): Promise<PipelineResponse> {
      const { unit, trail } = await nodeFor(actor, 'dashboard.read', query.unitId);
      const today = isoDateIn(clock.now());
      const graduatesOf = (year: number) =>
        pipeline.graduates(db, { path: unit.path, track: query.track, year, minStage: FIRST_CADRE_STAGE });
      // With a year asked for, the three reads go together; otherwise the latest year comes first.
      const [years, units, asked] = await Promise.all([
        pipeline.cohortYears(db, unit.path, query.track),
        pipeline.namedUnits(db, unit.id),
        query.year === undefined ? Promise.resolve(undefined) : graduatesOf(query.year),
      ]);
      const year = query.year ?? years[0] ?? null;
      const rows = asked ?? (year === null ? [] : await graduatesOf(year));

      // Group by the unit directly below the chosen one (0 = the chosen unit's own members) and by DPD
      // (the unit at depth 1 of the path; the DPP itself for its own members).
      const depth = idsOf(unit.path).length;
      const byChild = new Map<number, GraduateFacts[]>();
      const byDpd = new Map<number, GraduateFacts[]>();
      for (const row of rows) {
        const ids = idsOf(row.unit_path);
        const facts = factsOf(row);
        const child = ids[depth] ?? 0;
        const dpd = ids[1] ?? ids[0]!;
        for (const [groups, key] of [
          [byChild, child],
          [byDpd, dpd],
        ] as const) {
          const list = groups.get(key);
          if (list) list.push(facts);
          else groups.set(key, [facts]);
        }
      }
      const named = new Map(units.map((row) => [row.id, row]));
      // A graduate living at the DPP itself is grouped under the DPP (not a child, not depth 1).
      named.set(unit.id, unit);
      for (const row of trail) named.set(row.id, row);
      const byName = (a: number, b: number) =>
        (named.get(a)?.name ?? '').localeCompare(named.get(b)?.name ?? '') || a - b;
      const childKeys = [...byChild.keys()].sort((a, b) => (a === 0 ? -1 : b === 0 ? 1 : byName(a, b)));
      const dpdKeys = [...byDpd.keys()].sort(byName);

      const funnel = funnelRows(childKeys.map((key) => ({ tallies: tallySteps(byChild.get(key)!) })));
      const posts = postsRows(dpdKeys.map((key) => tallyPosts(byDpd.get(key)!, today)));
      const days = rows.map((row) => daysToFirstAppointment(factsOf(row))).filter((d) => d !== null);
      const appointed: StatCell =
        days.length < SMALL_CELL_LIMIT
          ? { value: null, status: 'small' }
          : { value: days.length, status: 'shown' };

      return {
        unit: unitView(unit),
        trail: trail.map(unitView),
        track: query.track,
        year,
        years,
        today,
        funnel: {
          rows: childKeys.map((key, index) => ({
            unit: key === 0 ? null : unitView(named.get(key)!),
            ...funnel.rows[index]!,
          })),
          total: funnel.total,
        },
        posts: {
          rows: dpdKeys.map((key, index) => ({ unit: unitView(named.get(key)!), ...posts.rows[index]! })),
          total: posts.total,
        },
        firstAppointment: {
          appointed,
          medianDays: days.length < SMALL_CELL_LIMIT ? null : median(days),
        },
      };
    },

    /**
     * The ready pool: bodies of the subtree the quota dashboard judged non-compliant or at risk, or whose
     * term ends within `months`, each with the trained women of its unit's membership not holding a post
     * in it. Names members, so the read is audited.
     */
    async getReadyPool(actor: Actor, query: ReadyPoolQuery): Promise<ReadyPoolResponse> {
      const { unit } = await nodeFor(actor, 'training.pipeline', query.unitId);
      const today = isoDateIn(clock.now());
      const until = addMonths(today, query.months);
      const [bodies, judgedOn] = await Promise.all([
        pipeline.readyBodies(db, {
          path: unit.path,
          today,
          until,
          limit: BODIES_PER_PAGE,
          offset: query.offset,
        }),
        pipeline.judgedOn(db),
      ]);
      const candidates = await pipeline.candidates(db, {
        roots: minimalRoots(bodies.map((body) => body.unit_path)),
        bodies: bodies.map((body) => ({ id: body.body_id, unitId: body.unit_id })),
        today,
        perBody: CANDIDATES_PER_BODY,
      });
      const classes = await pipeline.completedClasses(db, [
        ...new Set(candidates.map((row) => row.member_id)),
      ]);
      const classesOf = new Map<string, { track: string; level: string; title: string; endsOn: string }[]>();
      for (const row of classes)
        classesOf.set(row.member_id, [
          ...(classesOf.get(row.member_id) ?? []),
          { track: row.track, level: row.level, title: row.title, endsOn: row.ends_on },
        ]);

      const items = bodies.map((body) => {
        const own = candidates.filter((row) => row.body_id === body.body_id);
        const reasons: ReadyPoolResponse['items'][number]['reasons'] = [];
        if (body.status === 'non_compliant' || body.status === 'at_risk') reasons.push(body.status);
        if (body.term_ends_on) reasons.push('term_ending');
        return {
          bodyId: body.body_id,
          bodyName: body.body_name,
          kind: body.kind,
          unit: { id: body.unit_id, name: body.unit_name, level: body.unit_level },
          reasons,
          status: body.status,
          shortfall: body.shortfall,
          termEndsOn: body.term_ends_on,
          candidates: {
            total: own[0]?.total ?? 0,
            // Candidates live in the body's unit subtree, inside the caller's, where training.pipeline
            // roles (gender officer, org admin) hold member.read: the names are theirs to see.
            items: own.map((row) => ({
              memberId: row.member_id,
              fullName: row.full_name,
              memberNumber: row.member_number,
              unit: { id: row.unit_id, name: row.unit_name },
              stage:
                row.stage_code === null
                  ? null
                  : {
                      code: row.stage_code,
                      rank: row.stage_rank!,
                      label: (actor.language === 'en' ? row.label_en : row.label_id) ?? row.stage_code,
                    },
              classes: classesOf.get(row.member_id) ?? [],
            })),
          },
        };
      });

      await db.transaction().execute((tx) =>
        appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'training.pipeline.ready_pool.read',
            objectType: 'unit',
            objectId: String(unit.id),
            unitId: unit.id,
            requestId: actor.requestId,
            details: {
              months: query.months,
              offset: query.offset,
              bodies: items.map((item) => item.bodyId),
              members: candidates.length,
            },
          },
          clock.now(),
        ),
      );
      return {
        unit: unitView(unit),
        months: query.months,
        judgedOn,
        total: bodies[0]?.total ?? 0,
        offset: query.offset,
        items,
      };
    },

    /**
     * Women's share of trainees and of facilitators per track and year, beside women's share of the
     * membership of the units that sent the trainees.
     */
    async getProportionality(
      actor: Actor,
      query: { unitId?: number; fromYear?: number; toYear?: number },
    ): Promise<PipelineProportionalityResponse> {
      const { unit } = await nodeFor(actor, 'dashboard.read', query.unitId);
      const thisYear = Number(isoDateIn(clock.now()).slice(0, 4));
      const toYear = query.toYear ?? Math.max(thisYear, query.fromYear ?? thisYear);
      const fromYear = query.fromYear ?? toYear - 4;
      if (fromYear > toYear || toYear - fromYear > 20)
        throw new AppError('validation_failed', 'Invalid year range', {
          fields: [{ path: 'fromYear', message: 'invalid' }],
        });
      const [trainees, facilitators] = await Promise.all([
        pipeline.trainees(db, { path: unit.path, fromYear, toYear }),
        pipeline.facilitators(db, { path: unit.path, fromYear, toYear }),
      ]);
      const keyOf = (row: { track: string; year: number }) => `${row.track}|${row.year}`;
      const keys = [...new Set([...trainees, ...facilitators].map(keyOf))].sort((a, b) => {
        const [trackA, yearA] = a.split('|');
        const [trackB, yearB] = b.split('|');
        return Number(yearB) - Number(yearA) || trackA!.localeCompare(trackB!);
      });
      const traineeBy = new Map(trainees.map((row) => [keyOf(row), row]));
      const facilitatorBy = new Map(facilitators.map((row) => [keyOf(row), row]));
      const zero = { women: 0, men: 0, unknown: 0 };
      // Each (track, year) row stands alone (no total across rows is published), so each is protected
      // as its own line: women + men + unknown = total.
      const protectedTrainees = keys.map((key) => protectStep([traineeBy.get(key) ?? zero]).rows[0]!);
      // Minimal roots per row: a sending unit inside another sending unit adds no member.
      const rootsOf = new Map(
        keys.map((key) => [key, minimalRoots(traineeBy.get(key)?.sending_paths ?? [])]),
      );
      const byPath = await pipeline.membershipByPath(db, [...new Set([...rootsOf.values()].flat())]);
      const memberships = keys.map((key) =>
        rootsOf.get(key)!.reduce(
          (sum, path) => {
            const counts = byPath.get(path);
            return counts
              ? {
                  women: sum.women + counts.women,
                  men: sum.men + counts.men,
                  unknown: sum.unknown + counts.unknown,
                }
              : sum;
          },
          { women: 0, men: 0, unknown: 0 },
        ),
      );
      return {
        unit: unitView(unit),
        fromYear,
        toYear,
        rows: keys.map((key, index) => {
          const [track, year] = key.split('|') as [string, string];
          const cells = protectedTrainees[index]!;
          const facilitator = withShare(facilitatorBy.get(key) ?? zero);
          const membership = withShare(memberships[index]!);
          const traineeShareBp = shareOfCells(cells.women, cells.total);
          return {
            track,
            year: Number(year),
            trainees: cells,
            traineeShareBp,
            facilitators: {
              women: facilitator.women,
              men: facilitator.men,
              unknown: facilitator.unknown,
              total: facilitator.total,
            },
            facilitatorShareBp: facilitator.womenShareBp,
            membership,
            traineeGapBp: gapBp(traineeShareBp, membership.womenShareBp),
            facilitatorGapBp: gapBp(facilitator.womenShareBp, membership.womenShareBp),
          };
        }),
      };
    },
  };
}

export type PipelineService = ReturnType<typeof createPipelineService>;
