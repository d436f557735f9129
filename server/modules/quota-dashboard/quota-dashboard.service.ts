import { groupBy } from '../../../shared/group-by.ts';
import { AppError } from '../../../shared/errors.ts';
import type {
  BodyAttention,
  ProportionalityResponse,
  QuotaDashboardResponse,
} from '../../../shared/contracts/quota-dashboard.ts';
import { bodyKinds } from '../../../shared/taxonomies.ts';
import { can, scopeOf } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { evaluateAll, type QuotaStatus, type Seat, type SubjectCounts } from '../quota/quota-engine.ts';
import type { QuotaRuleSource } from './quota-dashboard-rules.ts';
import type {
  BodyStatsRow,
  DashboardUnitRow,
  QuotaDashboardRepository,
  RollupRow,
} from './quota-dashboard.repository.ts';
import { addCounts, representation, shareBp, withShare } from './quota-indicators.ts';
import type { BodyJudgement, QuotaSummaryRepository, SeatRow } from './quota-summary.repository.ts';

export interface RefreshResult {
  refreshed: boolean;
  reason: string;
  durationMs?: number;
  bodies?: number;
}

export interface RefreshPolicy {
  /** Refresh once no change has arrived for this long (debounce). */
  quietSeconds: number;
  /** …but never let changes wait longer than this. */
  maxWaitSeconds: number;
  /** Refresh at least this often anyway (terms end by date, with no write at all). */
  periodMinutes: number;
}

const topPostOrder = [
  'post:ketua',
  'post:wakil_ketua',
  'post:sekretaris',
  'post:bendahara',
  'category:strategic',
  'category:administrative',
];

const statusOf = (
  row: Pick<
    RollupRow,
    'bodies' | 'compliant' | 'at_risk' | 'non_compliant' | 'not_applicable' | 'unknown_status'
  >,
) => ({
  bodies: row.bodies,
  compliant: row.compliant,
  atRisk: row.at_risk,
  nonCompliant: row.non_compliant,
  notApplicable: row.not_applicable,
  unknown: row.unknown_status,
});

function sumRows(rows: readonly RollupRow[]): RollupRow {
  const zero: RollupRow = {
    subject: '',
    level: '',
    province_code: '',
    women: 0,
    men: 0,
    unknown: 0,
    bodies: 0,
    compliant: 0,
    at_risk: 0,
    non_compliant: 0,
    not_applicable: 0,
    unknown_status: 0,
  };
  return rows.reduce(
    (sum, row) => ({
      ...sum,
      women: sum.women + row.women,
      men: sum.men + row.men,
      unknown: sum.unknown + row.unknown,
      bodies: sum.bodies + row.bodies,
      compliant: sum.compliant + row.compliant,
      at_risk: sum.at_risk + row.at_risk,
      non_compliant: sum.non_compliant + row.non_compliant,
      not_applicable: sum.not_applicable + row.not_applicable,
      unknown_status: sum.unknown_status + row.unknown_status,
    }),
    zero,
  );
}

const unitView = (unit: { id: number; name: string; level: string }) => ({
  id: unit.id,
  name: unit.name,
  level: unit.level,
});

export function toAttention(row: BodyStatsRow): BodyAttention {
  return {
    bodyId: row.body_id,
    bodyName: row.body_name,
    kind: row.kind,
    unit: { id: row.unit_id, name: row.unit_name, level: row.unit_level },
    seats: Math.max(row.statutory_seats ?? row.position_seats, row.filled),
    filled: row.filled,
    women: row.women,
    men: row.men,
    unknown: row.unknown,
    acting: row.acting,
    requiredWomen: row.required_women,
    shortfall: row.shortfall,
    status: row.status as QuotaStatus,
  };
}

/** Seat lists per body, for rules that name posts (Ketua, Sekretaris, Bendahara…). */
function seatListsOf(rows: readonly SeatRow[]): Map<number, Seat[]> {
  const lists = new Map<number, Seat[]>();
  for (const row of rows) {
    const list = lists.get(row.body_id) ?? [];
    let acting = row.acting;
    for (let seat = 0; seat < Math.max(row.seats, row.sexes.length); seat += 1) {
      const filled = seat < row.sexes.length;
      list.push({
        positionTitle: row.title,
        positionCategory: row.category as Seat['positionCategory'],
        filled,
        sex: filled ? (row.sexes[seat] ?? null) : null,
        acting: filled && acting-- > 0,
      });
    }
    lists.set(row.body_id, list);
  }
  return lists;
}

/**
 * Quota dashboards: the summary refresh (a job) and the reads (by node of the tree, scoped to the
 * caller's `dashboard.read` subtrees). Reads never touch members or appointments directly.
 */
export function createQuotaDashboardService(deps: {
  db: Db;
  summary: QuotaSummaryRepository;
  dashboard: QuotaDashboardRepository;
  rules: QuotaRuleSource;
  clock: Clock;
  policy: RefreshPolicy;
  /** Default k of the proportionality view, basis points. */
  proportionalityKBp: number;
}) {
  const { db, summary, dashboard, rules, clock, policy } = deps;

  /** The unit asked for (default: top of the caller's scope), or not_found outside the scope. */
  async function nodeFor(
    actor: Actor,
    unitId: number | undefined,
  ): Promise<{ unit: DashboardUnitRow; trail: DashboardUnitRow[] }> {
    const roots = scopeOf(actor.principal, 'dashboard.read');
    if (roots.length === 0) throw new AppError('forbidden');
    const target = unitId ?? Number(roots[0]!.split('/').at(-2));
    const lineage = await dashboard.unitWithAncestors(db, target);
    const unit = lineage.at(-1);
    if (!unit || unit.id !== target || !can(actor.principal, 'dashboard.read', unit.path))
      throw new AppError('not_found');
    return { unit, trail: lineage.filter((row) => can(actor.principal, 'dashboard.read', row.path)) };
  }

  async function freshnessOf() {
    const run = await dashboard.freshness(db);
    if (!run) return { run: undefined, freshness: null };
    return {
      run,
      freshness: {
        asOf: run.as_of,
        refreshedAt: run.finished_at.toISOString(),
        durationMs: run.duration_ms,
        changesPending: run.pending,
      },
    };
  }

  /** Every figure of one node as of one refresh (the same for every caller who may see the node). */
  async function figuresOf(
    target: number,
    path: string,
    run: Awaited<ReturnType<typeof freshnessOf>>['run'],
  ) {
    // Two reads together: every figure keyed by the unit (one statement) and the bodies needing
    // action (a path-prefix scan on an ordered index).
    const [read, attentionRows] = await Promise.all([
      dashboard.dashboardRead(db, target, ['members', 'body:executive', 'body:komite_perempuan']),
      dashboard.attention(db, path, 50, 0),
    ]);
    const unit = read.lineage.at(-1);
    if (!unit || unit.id !== target) throw new AppError('not_found');
    const rows = read.rollup ?? [];
    const trendRows = read.trend ?? [];
    const children = read.children ?? [];
    const childRows = read.child_rollups ?? [];
    const provinceNames = read.provinces ?? [];
    const bySubject = groupBy(rows, (row) => row.subject);
    const memberRows = bySubject.get('members') ?? [];
    const membership = addCounts(memberRows);
    const bodyRows = rows.filter((row) => row.subject.startsWith('body:'));

    const bodies = [...groupBy(bodyRows, (row) => `${row.subject}|${row.level}`).values()]
      .map((group) => {
        const total = sumRows(group);
        return {
          kind: group[0]!.subject.slice('body:'.length),
          level: group[0]!.level,
          ...representation(total, membership),
          status: statusOf(total),
        };
      })
      .sort(
        (a, b) =>
          bodyKinds.indexOf(a.kind as never) - bodyKinds.indexOf(b.kind as never) ||
          a.level.localeCompare(b.level),
      );

    const provinceName = new Map(provinceNames.map((row) => [row.code, row.name]));
    const regions = [
      ...groupBy(
        rows.filter((row) => row.province_code),
        (row) => row.province_code,
      ).entries(),
    ]
      .map(([code, group]) => {
        const provinceMembers = addCounts(group.filter((row) => row.subject === 'members'));
        return {
          provinceCode: code,
          provinceName: provinceName.get(code) ?? code,
          members: withShare(provinceMembers),
          bodies: [
            ...groupBy(
              group.filter((row) => row.subject.startsWith('body:')),
              (row) => row.subject,
            ).values(),
          ].map((kindRows) => {
            const total = sumRows(kindRows);
            return {
              kind: kindRows[0]!.subject.slice('body:'.length),
              ...representation(total, provinceMembers),
              status: statusOf(total),
            };
          }),
        };
      })
      .sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));

    const topPosts = topPostOrder.map((post) => ({
      post: post.replace(/^(post|category):/, ''),
      ...representation(addCounts(bySubject.get(post) ?? []), membership),
    }));

    const trends = trendRows.map((row) => ({ year: row.year, subject: row.subject, ...withShare(row) }));

    const childBy = groupBy(childRows, (row) => `${row.unit_id}|${row.subject}`);
    const childView = children.map((child) => {
      const members = addCounts(childBy.get(`${child.id}|members`) ?? []);
      const executive = sumRows(childBy.get(`${child.id}|body:executive`) ?? []);
      const komite = sumRows(childBy.get(`${child.id}|body:komite_perempuan`) ?? []);
      return {
        unit: unitView(child),
        hasChildren: child.has_children,
        members: withShare(members),
        executive: { ...representation(executive, members), status: statusOf(executive) },
        komitePerempuan: { ...representation(komite, members), status: statusOf(komite) },
      };
    });

    return {
      lineage: read.lineage,
      unit: unitView(unit),
      rule: run ? ((run.rule as QuotaDashboardResponse['rule']) ?? null) : null,
      members: withShare(membership),
      bodies,
      regions,
      topPosts,
      delegates: {
        assembly:
          run?.delegation_assembly_id && run.delegation_assembly_name
            ? { id: run.delegation_assembly_id, name: run.delegation_assembly_name }
            : null,
        ...representation(addCounts(bySubject.get('delegates') ?? []), membership),
      },
      trends,
      children: childView,
      attention: {
        total: bodyRows.reduce((sum, row) => sum + row.non_compliant + row.unknown_status + row.at_risk, 0),
        items: attentionRows.map(toAttention),
      },
    };
  }

  /**
   * Figures per (node, refresh): a refresh changes every figure at once, so a node's figures are reused
   * until the next refresh stamp. Nothing here matters for correctness (any instance recomputes the same
   * from PostgreSQL); it spares repeated reads of a busy node such as the DPP.
   */
  const figureCache = new Map<string, Awaited<ReturnType<typeof figuresOf>>>();
  const FIGURE_CACHE_SIZE = 500;

  const service = {
    /**
     * Rebuilds the summary as of today (Jakarta) in one transaction; the quota engine judges each body.
     * Used by the refresh job, the bench and tests. Skips when another instance is refreshing.
     */
    async refreshSummary(reason = 'manual'): Promise<RefreshResult> {
      const startedAt = clock.now();
      const timer = performance.now();
      const asOf = isoDateIn(startedAt);
      const result = await db.transaction().execute(async (tx): Promise<RefreshResult> => {
        if (!(await summary.tryLock(tx))) return { refreshed: false, reason: 'locked' };
        const lastChange = await summary.latestChange(tx);
        const ruleSet = await rules.rulesOn(tx, asOf);
        await summary.stageBase(tx, asOf);
        const bodies = await summary.stageBodies(tx);
        const needsSeats = ruleSet.some((rule) => rule.positional || rule.metric === 'core_posts');
        const seatLists = needsSeats ? seatListsOf(await summary.seats(tx)) : new Map<number, Seat[]>();
        const judgements: BodyJudgement[] = bodies.map((body) => {
          const counts: SubjectCounts = {
            seats: Math.max(body.statutory_seats ?? body.position_seats, body.filled),
            filled: body.filled,
            women: body.women,
            men: body.men,
            unknown: body.unknown,
            acting: body.acting,
            seatList: seatLists.get(body.body_id) ?? [],
          };
          const { status, evaluations } = evaluateAll(
            ruleSet,
            { kind: body.kind as (typeof bodyKinds)[number], level: body.unit_level },
            counts,
            {
              asOf,
              membership: { women: body.members_women, men: body.members_men, unknown: body.members_unknown },
            },
          );
          const binding = evaluations.filter((evaluation) => evaluation.enforcement !== 'info');
          const considered = binding.length ? binding : evaluations;
          return {
            bodyId: body.body_id,
            status,
            requiredWomen: Math.max(0, ...considered.map((evaluation) => evaluation.requiredWomen)),
            shortfall: Math.max(0, ...considered.map((evaluation) => evaluation.shortfall)),
          };
        });
        await summary.writeBodies(tx, judgements);
        const kongres = await summary.latestKongres(tx);
        await summary.writeRollup(tx, kongres?.id ?? null);
        await summary.writeTrend(tx);
        await summary.analyze(tx);
        // Stamped on the injected clock (so tests control "refreshed N min ago"), lasting the measured time.
        const end = new Date(startedAt.getTime() + Math.round(performance.now() - timer));
        await summary.recordRun(tx, {
          startedAt,
          finishedAt: end,
          asOf,
          reason,
          lastChangeId: lastChange.id,
          rule: { ...(await rules.describe(tx, ruleSet, asOf)) },
          kongres,
        });
        return {
          refreshed: true,
          reason,
          durationMs: end.getTime() - startedAt.getTime(),
          bodies: bodies.length,
        };
      });
      if (result.refreshed) await summary.vacuum(db);
      return result;
    },

    /**
     * The job's tick (every minute): refresh when changes have settled for `quietSeconds` (or waited
     * `maxWaitSeconds`), when the last refresh is older than `periodMinutes`, or when none exists.
     */
    async refreshIfDue(): Promise<RefreshResult> {
      const now = clock.now().getTime();
      const [run, change] = await Promise.all([summary.lastRun(db), summary.latestChange(db)]);
      if (!run) return service.refreshSummary('initial');
      // A refresh deletes the change rows it absorbed, so any row left is a change it has not seen (even
      // one whose transaction began before the refresh and committed after it).
      const pending = change.id > 0;
      if (pending && change.newestAgeSeconds !== null && change.oldestAgeSeconds !== null) {
        const quiet = change.newestAgeSeconds >= policy.quietSeconds;
        const waitedTooLong = change.oldestAgeSeconds >= policy.maxWaitSeconds;
        if (quiet || waitedTooLong) return service.refreshSummary(quiet ? 'changes' : 'changes (max wait)');
      }
      if (now - run.finished_at.getTime() >= policy.periodMinutes * 60_000)
        return service.refreshSummary('periodic');
      return { refreshed: false, reason: pending ? 'debouncing' : 'fresh' };
    },

    /** The dashboard of one node: members, bodies by kind/level/region, top posts, delegates, trends. */
    async getDashboard(actor: Actor, unitId?: number): Promise<QuotaDashboardResponse> {
      const roots = scopeOf(actor.principal, 'dashboard.read');
      if (roots.length === 0) throw new AppError('forbidden');
      const target = unitId ?? Number(roots[0]!.split('/').at(-2));
      const [located, { run, freshness }] = await Promise.all([
        unitId === undefined ? Promise.resolve({ path: roots[0]! }) : dashboard.unit(db, target),
        freshnessOf(),
      ]);
      if (!located || !can(actor.principal, 'dashboard.read', located.path)) throw new AppError('not_found');
      const key = `${target}|${run ? run.finished_at.toISOString() : '-'}`;
      let figures = figureCache.get(key);
      if (!figures) {
        figures = await figuresOf(target, located.path, run);
        if (figureCache.size >= FIGURE_CACHE_SIZE) figureCache.delete(figureCache.keys().next().value!);
        figureCache.set(key, figures);
      }
      const { lineage, ...rest } = figures;
      return {
        ...rest,
        trail: lineage.filter((row) => can(actor.principal, 'dashboard.read', row.path)).map(unitView),
        freshness,
      };
    },

    /**
     * Bodies whose women's share is below k × the women's share of the membership they represent
     * (a PSP of 95% women with a board of 30% women passes a flat 30% quota, and is still flagged here).
     */
    async getProportionality(
      actor: Actor,
      query: { unitId?: number; kBp?: number; offset: number },
    ): Promise<ProportionalityResponse> {
      const { unit } = await nodeFor(actor, query.unitId);
      const kBp = query.kBp ?? deps.proportionalityKBp;
      const [{ freshness }, { rows, total }] = await Promise.all([
        freshnessOf(),
        dashboard.disproportionate(db, unit.path, kBp, 50, query.offset),
      ]);
      return {
        unit: unitView(unit),
        kBp,
        freshness,
        total,
        items: rows.map((row) => {
          const membership = withShare({
            women: row.members_women,
            men: row.members_men,
            unknown: row.members_unknown,
          });
          const bodyShare = shareBp(row.women, row.filled) ?? 0;
          const memberShare = membership.womenShareBp ?? 0;
          return {
            ...toAttention(row),
            bodyShareBp: bodyShare,
            membership,
            gapBp: bodyShare - Math.floor((kBp * memberShare + 5000) / 10000),
            plainGapBp: bodyShare - memberShare,
          };
        }),
      };
    },

    /** Everything the compliance report prints, for one node; the export is audited. */
    async reportData(actor: Actor, unitId: number | undefined, format: 'xlsx' | 'pdf') {
      const dashboardView = await service.getDashboard(actor, unitId);
      const { unit } = await nodeFor(actor, dashboardView.unit.id);
      const bodiesRows = await dashboard.bodiesOf(db, unit.path);
      await db.transaction().execute((tx) =>
        appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'quota.report.export',
            objectType: 'unit',
            objectId: String(unit.id),
            unitId: unit.id,
            requestId: actor.requestId,
            details: { format },
          },
          clock.now(),
        ),
      );
      return { dashboard: dashboardView, bodies: bodiesRows.map(toAttention) };
    },
  };
  return service;
}

export type QuotaDashboardService = ReturnType<typeof createQuotaDashboardService>;
