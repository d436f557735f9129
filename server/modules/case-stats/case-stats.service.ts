import {
  caseForms,
  caseOutcomes,
  casePlaces,
  caseRelationships,
  caseServices,
  consentRoutes,
  type CaseForm,
} from '../../../shared/case-taxonomy.ts';
import { ageBands } from '../../../shared/contracts/cases.ts';
import type {
  CaseStatsQuery,
  CaseStatsResponse,
  DurationStats,
  StatList,
  StatTable,
} from '../../../shared/contracts/case-stats.ts';
import { AppError } from '../../../shared/errors.ts';
import { isWithin, scopeOf } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import {
  asStatisticsRole,
  type CaseStatsRepository,
  type Quantiles,
  type StatisticsFacts,
} from './case-stats.repository.ts';
import {
  simfoniAgeBand,
  simfoniAgeBands,
  simfoniForms,
  simfoniFormsOfCase,
  simfoniPlaceOf,
  simfoniPlaces,
  simfoniRelationshipOf,
  simfoniRelationships,
  simfoniServiceOf,
  simfoniServices,
} from './simfoni.ts';
import { protectList, protectOverlapping, protectTable, SMALL_CELL_LIMIT, type Cell } from './suppression.ts';

/** The longest period one page may cover, in months. */
export const MAX_PERIOD_MONTHS = 36;

export interface StatisticsSettings {
  firstContactHours: number;
  consentDays: number;
  outcomeDays: number;
}

/** One SIMFONI-PPA table row: the dimension, the SIMFONI category and its protected count. */
export interface SimfoniRow {
  dimension:
    | 'bentuk_kekerasan'
    | 'tempat_kejadian'
    | 'hubungan_pelaku'
    | 'layanan'
    | 'kelompok_umur'
    | 'jenis_kelamin';
  category: string;
  cell: Cell;
}

export interface StatisticsReport {
  page: CaseStatsResponse;
  simfoni: SimfoniRow[];
}

const monthKey = (date: Date) => date.toISOString().slice(0, 7);

function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= to) return months;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The 12 months ending with the current one, unless the query names its own (validated here). */
export function resolvePeriod(
  query: CaseStatsQuery,
  now: Date,
): { from: string; to: string; months: string[] } {
  const to = query.to ?? monthKey(now);
  const start = new Date(`${to}-01T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() - 11);
  const from = query.from ?? monthKey(start);
  if (from > to)
    throw new AppError('validation_failed', 'from after to', {
      fields: [{ path: 'from', message: 'invalid' }],
    });
  const months = monthsBetween(from, to);
  if (months.length > MAX_PERIOD_MONTHS)
    throw new AppError('validation_failed', 'period too long', {
      fields: [{ path: 'from', message: 'invalid' }],
    });
  return { from, to, months };
}

/** A one-way breakdown over fixed keys (every key listed, so "< 5" always means 0–4). */
function list(keys: readonly string[], counts: Map<string, number>): StatList {
  const protectedList = protectList(keys.map((key) => counts.get(key) ?? 0));
  return {
    rows: keys.map((key, index) => ({ key, cell: protectedList.cells[index]! })),
    total: protectedList.total,
  };
}

/** A two-way table over fixed rows and columns; `rate` = first column share when both are shown. */
function table(
  rowKeys: readonly string[],
  columns: readonly string[],
  count: (row: string, column: string) => number,
): StatTable {
  const protectedTable = protectTable(rowKeys.map((row) => columns.map((column) => count(row, column))));
  return {
    columns: [...columns],
    rows: rowKeys.map((key, index) => {
      const first = protectedTable.cells[index]![0]!;
      const total = protectedTable.rowTotals[index]!;
      return {
        key,
        cells: protectedTable.cells[index]!,
        total,
        rate:
          first.status === 'shown' && total.status === 'shown' && total.value
            ? Math.round((first.value! / total.value) * 1000) / 1000
            : null,
      };
    }),
    columnTotals: protectedTable.columnTotals,
    total: protectedTable.total,
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Durations only over groups of at least SMALL_CELL_LIMIT cases; smaller groups show nothing. */
function durations(rows: Quantiles[], keys: readonly string[]): DurationStats[] {
  const byKey = new Map(rows.map((row) => [row.key ?? 'all', row]));
  return ['all', ...keys].map((key) => {
    const row = byKey.get(key);
    const n = row?.n ?? 0;
    const enough = n >= SMALL_CELL_LIMIT && row?.q;
    return {
      key,
      count: enough ? { value: n, status: 'shown' as const } : { value: null, status: 'small' as const },
      p25: enough ? round1(row.q![0]) : null,
      median: enough ? round1(row.q![1]) : null,
      p75: enough ? round1(row.q![2]) : null,
      p90: enough ? round1(row.q![3]) : null,
    };
  });
}

/**
 * A coarser breakdown (SIMFONI categories) derived from an already protected one: a group is exact only
 * when every member is shown (then it adds nothing the detailed table does not already tell); otherwise
 * it is hidden, "< 5" when it counts fewer than 5, else ×. So the two exports never give each other's
 * hidden cells away by subtraction.
 */
function coarsen(
  detailed: StatList,
  counts: Map<string, number>,
  groupOf: (key: string) => string,
  groups: readonly string[],
): Map<string, Cell> {
  const result = new Map<string, Cell>();
  for (const group of groups) {
    const members = detailed.rows.filter((row) => groupOf(row.key) === group);
    const value = members.reduce((sum, row) => sum + (counts.get(row.key) ?? 0), 0);
    const allShown = members.length > 0 && members.every((row) => row.cell.status === 'shown');
    result.set(
      group,
      allShown
        ? { value, status: 'shown' }
        : { value: null, status: value < SMALL_CELL_LIMIT ? 'small' : 'complement' },
    );
  }
  return result;
}

/**
 * Case statistics for gender officers and case coordinators, scoped to the subtree of their grant. Only
 * coded fields are read, under a database role that cannot read anything else (see the repository).
 */
export function createCaseStatsService(deps: {
  db: Db;
  stats: CaseStatsRepository;
  clock: Clock;
  settings: StatisticsSettings;
}) {
  const { db, stats, clock, settings } = deps;

  async function resolveUnit(actor: Actor, unitId: number | undefined) {
    const roots = scopeOf(actor.principal, 'case.statistics.read');
    if (roots.length === 0) throw new AppError('forbidden');
    const scopeUnits = await stats.findUnitsByPaths(db, roots);
    if (unitId === undefined) return { unit: scopeUnits[0]!, scopeUnits };
    const [unit] = await stats.findUnits(db, [unitId]);
    // Outside the caller's subtree looks exactly like a unit that does not exist.
    if (!unit || !roots.some((root) => isWithin(unit.path, root))) throw new AppError('not_found');
    return { unit, scopeUnits };
  }

  const service = {
    /** The statistics page (and the source of every export): protected counts, rates and durations. */
    async report(actor: Actor, query: CaseStatsQuery): Promise<StatisticsReport> {
      const { unit, scopeUnits } = await resolveUnit(actor, query.unitId);
      const now = clock.now();
      const period = resolvePeriod(query, now);
      const children = await stats.listChildren(db, unit.id);
      const facts = await asStatisticsRole(db, (trx) =>
        stats.aggregate(trx, {
          rootPath: unit.path,
          rootDepth: unit.depth,
          from: period.from,
          to: period.to,
          now,
          ...settings,
        }),
      );
      return buildReport(facts, { unit, children, scopeUnits, period });
    },

    /** The same report for a file that leaves the app: who exported which period and unit is audited. */
    async exportReport(
      actor: Actor,
      query: CaseStatsQuery,
      format: 'xlsx' | 'csv' | 'simfoni',
    ): Promise<StatisticsReport> {
      const report = await service.report(actor, query);
      await db.transaction().execute((tx) =>
        appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'case_statistics.export',
            objectType: 'unit',
            objectId: String(report.page.unit.id),
            unitId: report.page.unit.id,
            requestId: actor.requestId,
            details: { format, from: report.page.from, to: report.page.to },
          },
          clock.now(),
        ),
      );
      return report;
    },
  };
  return service;
}
export type CaseStatsService = ReturnType<typeof createCaseStatsService>;

type UnitView = { id: number; name: string; level: string };

/** Pure: the protected page and SIMFONI rows from the coded aggregates. */
export function buildReport(
  facts: StatisticsFacts,
  context: {
    unit: UnitView;
    children: UnitView[];
    scopeUnits: UnitView[];
    period: { from: string; to: string; months: string[] };
  },
): StatisticsReport {
  const counts = (dim: string) =>
    new Map(
      facts.groups.filter((group) => group.dim === dim).map((group) => [group.key ?? 'unknown', group.count]),
    );
  const unitKeys = [...context.children.map((child) => String(child.id)), 'self'];
  const placeCounts = counts('place');
  const relationshipCounts = counts('relationship');
  const sexCounts = counts('sex');
  const ageCounts = counts('age');
  const byPlace = list(casePlaces, placeCounts);
  const byRelationship = list(caseRelationships, relationshipCounts);
  const bySex = list(['P', 'L', 'unknown'], sexCounts);
  const byAgeBand = list([...ageBands, 'unknown'], ageCounts);
  const byMonth = list(context.period.months, counts('month'));

  const formCounts = new Map<string, number>();
  const simfoniFormCounts = new Map<string, number>();
  for (const set of facts.formSets) {
    for (const form of new Set(set.forms)) formCounts.set(form, (formCounts.get(form) ?? 0) + set.count);
    for (const form of simfoniFormsOfCase(set.forms as CaseForm[]))
      simfoniFormCounts.set(form, (simfoniFormCounts.get(form) ?? 0) + set.count);
  }
  const byFormCells = protectOverlapping(caseForms.map((form) => formCounts.get(form) ?? 0));

  const referralColumns = ['selesai', 'berjalan', 'ditolak'] as const;
  const referralColumnOf = (status: string) =>
    status === 'selesai' ? 'selesai' : status === 'ditolak' ? 'ditolak' : 'berjalan';
  const referralCount = (service: string, column: string) =>
    facts.referrals
      .filter((row) => row.service === service && referralColumnOf(row.status) === column)
      .reduce((sum, row) => sum + row.count, 0);
  const consentCount = (route: string, status: string) =>
    facts.consents.find((row) => row.route === route && row.status === status)?.count ?? 0;
  const deadlineOf = (kind: string) => facts.deadlines.find((row) => row.kind === kind);

  const totalCount = facts.groups.find((group) => group.dim === 'total')?.count ?? 0;
  const page: CaseStatsResponse = {
    from: context.period.from,
    to: context.period.to,
    unit: { id: context.unit.id, name: context.unit.name, level: context.unit.level },
    childUnits: context.children.map((child) => ({ id: child.id, name: child.name, level: child.level })),
    scopeUnits: context.scopeUnits.map((unit) => ({ id: unit.id, name: unit.name, level: unit.level })),
    smallCellLimit: SMALL_CELL_LIMIT,
    total: byMonth.total,
    byMonth,
    byUnit: list(unitKeys, counts('unit')),
    byPlace,
    byRelationship,
    byOutcome: list([...caseOutcomes, 'none'], counts('outcome')),
    bySex,
    byAgeBand,
    byForm: caseForms.map((form, index) => ({ key: form, cell: byFormCells[index]! })),
    timeToFirstContact: durations(facts.contact, unitKeys),
    timeToClose: durations(facts.close, unitKeys),
    deadlines: table(['first_contact', 'consent', 'outcome'], ['met', 'missed'], (kind, column) => {
      const row = deadlineOf(kind);
      return column === 'met' ? (row?.met ?? 0) : (row?.missed ?? 0);
    }),
    referrals: table(caseServices, referralColumns, referralCount),
    consents: table(consentRoutes, ['given', 'refused', 'withdrawn'], consentCount),
  };

  // SIMFONI: partitions derived from the protected detailed tables; overlapping ones protected alone.
  const simfoni: SimfoniRow[] = [];
  const push = (dimension: SimfoniRow['dimension'], cells: Map<string, Cell>) => {
    for (const [category, cell] of cells) simfoni.push({ dimension, category, cell });
  };
  const formCells = protectOverlapping(simfoniForms.map((form) => simfoniFormCounts.get(form) ?? 0));
  push('bentuk_kekerasan', new Map(simfoniForms.map((form, index) => [form, formCells[index]!])));
  push(
    'tempat_kejadian',
    coarsen(byPlace, placeCounts, (key) => simfoniPlaceOf[key as keyof typeof simfoniPlaceOf], simfoniPlaces),
  );
  push(
    'hubungan_pelaku',
    coarsen(
      byRelationship,
      relationshipCounts,
      (key) => simfoniRelationshipOf[key as keyof typeof simfoniRelationshipOf],
      simfoniRelationships,
    ),
  );
  const serviceCounts = new Map<string, number>([['Pengaduan', totalCount]]);
  for (const set of facts.serviceSets) {
    const mapped = new Set(
      set.services
        .map((service) => simfoniServiceOf[service as keyof typeof simfoniServiceOf])
        .filter(Boolean),
    );
    mapped.delete('Pengaduan'); // every case is already a complaint received
    for (const service of mapped) serviceCounts.set(service, (serviceCounts.get(service) ?? 0) + set.count);
  }
  const serviceCells = protectOverlapping(simfoniServices.map((service) => serviceCounts.get(service) ?? 0));
  push('layanan', new Map(simfoniServices.map((service, index) => [service, serviceCells[index]!])));
  push(
    'kelompok_umur',
    coarsen(byAgeBand, ageCounts, (key) => simfoniAgeBand(key === 'unknown' ? null : key), simfoniAgeBands),
  );
  push(
    'jenis_kelamin',
    coarsen(bySex, sexCounts, (key) => (key === 'unknown' ? 'NA' : key), ['P', 'L', 'NA']),
  );
  return { page, simfoni };
}
