import { sql } from 'kysely';
import type {
  ParticipantReportQuery,
  ParticipantReportResponse,
  ParticipantReportRow,
  SexCounts,
} from '../../../shared/contracts/training-reports.ts';
import { AppError } from '../../../shared/errors.ts';
import { seatHoldingStatuses, type ParticipantStatus } from '../../../shared/training-taxonomies.ts';
import { can, scopeOf } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';

/**
 * The participant report (issue 12, "Reports and exports"): every nomination of the caller's unit and
 * its subtree, counted by year of the class, track, the child unit that sent it, sex and how far it got
 * (nominated → participant, i.e. holding a seat → completed). Aggregates only: no names, so it is read
 * with `dashboard.read` like the quota dashboard; its XLSX and PDF exports are audited.
 */

/** One group of nominations as the database counts them. */
export interface ParticipantCountRow {
  year: number;
  track: string;
  unit_id: number;
  unit_name: string;
  sex: string | null;
  status: string;
  count: number;
}

const emptyCounts = (): SexCounts => ({ women: 0, men: 0, unknown: 0, total: 0 });
function add(counts: SexCounts, sex: string | null, count: number): void {
  if (sex === 'P') counts.women += count;
  else if (sex === 'L') counts.men += count;
  else counts.unknown += count;
  counts.total += count;
}

/**
 * Folds counted groups into report rows. Every nomination counts as nominated; a seat holder (accepted,
 * completed, not completed, no-show) is also a participant; a completed one is also completed. So each
 * stage is part of the one before it, for every sex.
 */
export function tallyParticipants(groups: readonly ParticipantCountRow[]): {
  rows: ParticipantReportRow[];
  totals: Pick<ParticipantReportRow, 'nominated' | 'participants' | 'completed'>;
} {
  const byKey = new Map<string, ParticipantReportRow>();
  const totals = { nominated: emptyCounts(), participants: emptyCounts(), completed: emptyCounts() };
  for (const group of groups) {
    const key = `${group.year}|${group.track}|${group.unit_id}`;
    let row = byKey.get(key);
    if (!row) {
      row = {
        year: group.year,
        track: group.track,
        unitId: group.unit_id,
        unitName: group.unit_name,
        nominated: emptyCounts(),
        participants: emptyCounts(),
        completed: emptyCounts(),
      };
      byKey.set(key, row);
    }
    const stages: (keyof typeof totals)[] = ['nominated'];
    if (seatHoldingStatuses.includes(group.status as ParticipantStatus)) stages.push('participants');
    if (group.status === 'completed') stages.push('completed');
    for (const stage of stages) {
      add(row[stage], group.sex, group.count);
      add(totals[stage], group.sex, group.count);
    }
  }
  const rows = [...byKey.values()].sort(
    (a, b) => b.year - a.year || a.track.localeCompare(b.track) || a.unitName.localeCompare(b.unitName),
  );
  return { rows, totals };
}

export function createParticipantReport(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The unit asked for (default: top of the caller's scope), or not_found outside it. */
  async function unitFor(actor: Actor, unitId: number | undefined) {
    const roots = scopeOf(actor.principal, 'dashboard.read');
    if (roots.length === 0) throw new AppError('forbidden');
    const target = unitId ?? Number(roots[0]!.split('/').at(-2));
    const unit = await db
      .selectFrom('units')
      .select(['id', 'name', 'level', 'path'])
      .where('id', '=', target)
      .executeTakeFirst();
    if (!unit || !can(actor.principal, 'dashboard.read', unit.path)) throw new AppError('not_found');
    return unit;
  }

  async function report(actor: Actor, query: ParticipantReportQuery): Promise<ParticipantReportResponse> {
    const unit = await unitFor(actor, query.unitId);
    // The sending unit rolled up to the child of the report's unit that contains it (or the unit itself
    // for its own nominations). External guests have no home unit: they count for the unit that sent them, or the
    // program's unit.
    const { rows: groups } = await sql<ParticipantCountRow>`
      SELECT extract(year FROM c.starts_on)::int AS year, c.track,
        coalesce(child.id, ${unit.id}) AS unit_id, coalesce(child.name, ${unit.name}) AS unit_name,
        coalesce(m.sex, e.sex) AS sex, t.status, count(*)::int AS count
      FROM training_participants t
      JOIN training_classes c ON c.id = t.class_id
      JOIN training_programs p ON p.id = c.program_id
      JOIN units nu ON nu.id = coalesce(t.nominating_unit_id, p.unit_id)
      LEFT JOIN units child ON child.parent_id = ${unit.id} AND starts_with(nu.path, child.path)
      LEFT JOIN members m ON m.id = t.member_id
      LEFT JOIN training_external_persons e ON e.id = t.external_person_id
      WHERE starts_with(nu.path, ${unit.path})
        AND (${query.year ?? null}::int IS NULL OR extract(year FROM c.starts_on)::int = ${query.year ?? null}::int)
        AND (${query.track ?? null}::text IS NULL OR c.track = ${query.track ?? null}::text)
      GROUP BY 1, 2, 3, 4, 5, 6`.execute(db);
    const [{ rows: years }, tracks] = await Promise.all([
      sql<{ year: number }>`
        SELECT DISTINCT extract(year FROM c.starts_on)::int AS year
        FROM training_participants t
        JOIN training_classes c ON c.id = t.class_id
        JOIN training_programs p ON p.id = c.program_id
        JOIN units nu ON nu.id = coalesce(t.nominating_unit_id, p.unit_id)
        WHERE starts_with(nu.path, ${unit.path})
        ORDER BY 1 DESC`.execute(db),
      db
        .selectFrom('training_tracks')
        .select(['code', 'label_id', 'label_en'])
        .orderBy('sort_order')
        .orderBy('code')
        .execute(),
    ]);
    return {
      unit: { id: unit.id, name: unit.name, level: unit.level },
      filters: { year: query.year ?? null, track: query.track ?? null },
      years: years.map((row) => row.year),
      tracks: tracks.map((track) => ({
        code: track.code,
        labels: { id: track.label_id, en: track.label_en },
      })),
      ...tallyParticipants(groups),
    };
  }

  return {
    report,
    /** The same report for an XLSX or PDF file; the export is in the audit log. */
    async exportReport(actor: Actor, query: ParticipantReportQuery, format: 'xlsx' | 'pdf') {
      const data = await report(actor, query);
      await db.transaction().execute((tx) =>
        appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'training.report.export',
            objectType: 'unit',
            objectId: String(data.unit.id),
            unitId: data.unit.id,
            requestId: actor.requestId,
            details: { format, year: data.filters.year, track: data.filters.track },
          },
          clock.now(),
        ),
      );
      return { ...data, generatedAt: clock.now() };
    },
  };
}
export type ParticipantReportService = ReturnType<typeof createParticipantReport>;
