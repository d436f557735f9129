import type { ClosingReason } from '../../../shared/case-taxonomy.ts';
import {
  retentionMaximumYears,
  retentionMinimumYears,
  type CaseRetentionView,
  type LegalHoldReason,
  type RetentionCaseItem,
  type RetentionListQuery,
  type RetentionListResponse,
  type RetentionPeriods,
  type RetentionSettingsResponse,
} from '../../../shared/contracts/case-retention.ts';
import { AppError } from '../../../shared/errors.ts';
import { can, scopeOf } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { createCaseGate } from './case-gate.ts';
import {
  closedBeforeForDue,
  decidePurge,
  effectiveRetentionPeriods,
  periodFor,
  purgeDueAt,
} from './case-retention.ts';
import {
  retentionReasons,
  type CaseRetentionRepository,
  type RetentionCaseRow,
} from './case-retention.repository.ts';
import type { CasesRepository } from './cases.repository.ts';

/** Who runs a purge that no person started. */
export interface SystemRunner {
  label: 'system' | 'cli';
  requestId: string | null;
}

export interface PurgeResult {
  purged: { id: string; reference: string; closingReason: string | null; closedAt: Date }[];
}

/** A grant's unit is the top unit when its path has one segment (`/1/`). */
const isTopUnitPath = (path: string) => /^\/\d+\/$/.test(path);

/**
 * Retention of closed cases (issue 5): periods per closing reason (administrator settings over the
 * environment defaults), legal holds, the administrator's coded list, and the purge. Administrators have
 * no case access, so everything they see here is coded: reference, unit, closing reason, dates, hold.
 */
export function createCaseRetentionService(deps: {
  db: Db;
  retention: CaseRetentionRepository;
  cases: CasesRepository;
  clock: Clock;
  /** Periods from the environment (server/config.ts). */
  defaults: RetentionPeriods;
}) {
  const { db, retention, clock } = deps;
  const gate = createCaseGate(deps.cases);

  async function periods(handle: DbOrTx = db): Promise<RetentionPeriods> {
    const stored = await retention.readSettings(handle);
    return effectiveRetentionPeriods(deps.defaults, stored?.value);
  }

  const dueFilter = (current: RetentionPeriods, now: Date) => ({
    cutoffs: retentionReasons.map((reason) => ({
      reason,
      closedBefore: closedBeforeForDue(now, current[reason]),
    })),
    fallback: closedBeforeForDue(now, Math.max(...Object.values(current))),
  });

  function requireAdmin(actor: Actor): string[] {
    const scope = scopeOf(actor.principal, 'settings.manage');
    if (scope.length === 0) throw new AppError('forbidden');
    return scope;
  }

  /** The case if it is closed and inside the admin's scope; `not_found` otherwise (open cases do not show). */
  async function adminCase(handle: DbOrTx, actor: Actor, id: string): Promise<RetentionCaseRow> {
    requireAdmin(actor);
    const row = await retention.findCase(handle, id);
    if (
      !row ||
      row.state !== 'closed' ||
      (row.escrow !== null && row.escrow !== 'opened') ||
      !can(actor.principal, 'settings.manage', row.handling_unit_path)
    )
      throw new AppError('not_found');
    return row;
  }

  function item(row: RetentionCaseRow, current: RetentionPeriods, now: Date): RetentionCaseItem {
    const closedAt = row.closed_at ?? now;
    const dueAt = purgeDueAt(closedAt, row.closing_reason, current);
    return {
      id: row.id,
      reference: row.reference,
      handlingUnit: { id: row.handling_unit_id, name: row.handling_unit_name },
      closingReason: row.closing_reason as ClosingReason | null,
      closedAt: closedAt.toISOString(),
      purgeDueAt: dueAt.toISOString(),
      isDue: !row.purged_at && !row.hold_reason && dueAt.getTime() <= now.getTime(),
      hold:
        row.hold_reason && row.hold_placed_at
          ? { reason: row.hold_reason as LegalHoldReason, placedAt: row.hold_placed_at.toISOString() }
          : null,
      purgedAt: row.purged_at?.toISOString() ?? null,
    };
  }

  const auditCase = (
    handle: DbOrTx,
    who: { actorId: string | null; label: string; requestId: string | null },
    action: string,
    row: { id: string; handling_unit_id: number },
    details: Record<string, unknown>,
  ) =>
    appendAudit(
      handle,
      {
        actorId: who.actorId,
        actorLabel: who.label,
        action,
        objectType: 'case',
        objectId: row.id,
        unitId: row.handling_unit_id,
        requestId: who.requestId,
        // Codes and dates only: never content.
        details,
      },
      clock.now(),
    );

  /** Purges one case in its own transaction if it is (still) due; false when it no longer is. */
  async function purgeOne(caseId: string, runner: SystemRunner, current: RetentionPeriods) {
    return db.transaction().execute(async (tx) => {
      const row = await retention.lockCase(tx, caseId);
      if (!row) return null;
      const now = clock.now();
      const decision = decidePurge(
        {
          state: row.state,
          closedAt: row.closed_at,
          closingReason: row.closing_reason,
          purgedAt: row.purged_at,
          onHold: row.hold !== null,
        },
        current,
        now,
      );
      if (!decision.purge || !row.closed_at) return null;
      await retention.purgeCaseRows(tx, row.id, row.data_key_id, now);
      await auditCase(
        tx,
        { actorId: null, label: runner.label, requestId: runner.requestId },
        'case.purge',
        row,
        {
          reference: row.reference,
          closingReason: row.closing_reason,
          closedAt: row.closed_at.toISOString(),
          retentionYears: periodFor(row.closing_reason, current),
        },
      );
      return {
        id: row.id,
        reference: row.reference,
        closingReason: row.closing_reason,
        closedAt: row.closed_at,
      };
    });
  }

  return {
    periods,

    /** Periods in force, the defaults, and whether the caller may change them. */
    async getSettings(actor: Actor): Promise<RetentionSettingsResponse> {
      const scope = requireAdmin(actor);
      const stored = await retention.readSettings(db);
      return {
        periods: effectiveRetentionPeriods(deps.defaults, stored?.value),
        defaults: deps.defaults,
        minimumYears: retentionMinimumYears,
        maximumYears: retentionMaximumYears,
        editable: scope.some(isTopUnitPath),
        updatedAt: stored?.updated_at.toISOString() ?? null,
      };
    },

    /** Sets the periods (every closing reason, in years, validated by the contract). Top-unit admins only. */
    async updateSettings(actor: Actor, next: RetentionPeriods): Promise<RetentionSettingsResponse> {
      const scope = requireAdmin(actor);
      if (!scope.some(isTopUnitPath)) throw new AppError('forbidden');
      await db.transaction().execute(async (tx) => {
        const previous = await periods(tx);
        await retention.writeSettings(tx, next, clock.now());
        await appendAudit(
          tx,
          {
            actorId: actor.userId,
            actorLabel: actor.label,
            action: 'case_retention.settings',
            objectType: 'system_settings',
            objectId: 'case_retention',
            requestId: actor.requestId,
            details: { previous, periods: next },
          },
          clock.now(),
        );
      });
      return this.getSettings(actor);
    },

    /** Closed cases in the admin's scope with coded data only. */
    async listCases(actor: Actor, query: RetentionListQuery): Promise<RetentionListResponse> {
      const scope = requireAdmin(actor);
      const now = clock.now();
      const current = await periods();
      let after: { closedAt: string; id: string } | undefined;
      if (query.cursor) {
        const [closedAt, id] = query.cursor.split('|');
        if (!closedAt || !id || Number.isNaN(Date.parse(closedAt)) || !/^[0-9a-f-]{36}$/.test(id))
          throw new AppError('validation_failed', 'Bad cursor', {
            fields: [{ path: 'cursor', message: 'invalid' }],
          });
        after = { closedAt, id };
      }
      const rows = await retention.listClosed(db, {
        subtreePaths: scope,
        status: query.status,
        due: dueFilter(current, now),
        after,
        limit: query.limit,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const items = page.map((row) => item(row, current, now));
      return {
        // The SQL prefilter for `due` has two days of slack (29 February); the rule decides.
        items: query.status === 'due' ? items.filter((entry) => entry.isDue) : items,
        nextCursor:
          rows.length > query.limit && last?.closed_at ? `${last.closed_at.toISOString()}|${last.id}` : null,
      };
    },

    /** Places a legal hold (coded reason) on one closed case; the purge skips it until released. */
    async placeHold(actor: Actor, id: string, reason: LegalHoldReason): Promise<RetentionCaseItem> {
      await db.transaction().execute(async (tx) => {
        const found = await adminCase(tx, actor, id);
        const row = await retention.lockCase(tx, found.id);
        if (!row) throw new AppError('not_found');
        if (row.purged_at) throw new AppError('case_purged');
        if (row.hold) throw new AppError('retention_hold_exists');
        await retention.insertHold(tx, { caseId: row.id, reason, at: clock.now(), by: actor.userId });
        await auditCase(
          tx,
          { actorId: actor.userId, label: actor.label, requestId: actor.requestId },
          'case.legal_hold',
          row,
          { reason },
        );
      });
      return item(await adminCase(db, actor, id), await periods(), clock.now());
    },

    /** Lifts the legal hold; the next purge run takes the case if its period has passed. */
    async releaseHold(actor: Actor, id: string): Promise<RetentionCaseItem> {
      await db.transaction().execute(async (tx) => {
        const found = await adminCase(tx, actor, id);
        const row = await retention.lockCase(tx, found.id);
        if (!row?.hold) throw new AppError('retention_hold_missing');
        await retention.releaseHold(tx, row.hold.id, clock.now(), actor.userId);
        await auditCase(
          tx,
          { actorId: actor.userId, label: actor.label, requestId: actor.requestId },
          'case.legal_hold_release',
          row,
          { reason: row.hold.reason },
        );
      });
      return item(await adminCase(db, actor, id), await periods(), clock.now());
    },

    /** The case team's view of retention on the case page: due date and hold. Same access as the case. */
    async caseView(actor: Actor, id: string): Promise<CaseRetentionView> {
      const { row } = await gate.open(db, actor, id);
      const current = await periods();
      const coded = await retention.findCase(db, id);
      return {
        state: row.state,
        closedAt: row.closed_at?.toISOString() ?? null,
        purgeDueAt:
          row.state === 'closed' && row.closed_at
            ? purgeDueAt(row.closed_at, row.closing_reason, current).toISOString()
            : null,
        periodYears: periodFor(row.state === 'closed' ? row.closing_reason : null, current),
        hold:
          coded?.hold_reason && coded.hold_placed_at
            ? { reason: coded.hold_reason as LegalHoldReason, placedAt: coded.hold_placed_at.toISOString() }
            : null,
      };
    },

    /** The cases a purge run would take now (for `setara purge-cases --dry-run`); nothing is changed. */
    async listDue(limit = 10_000) {
      const now = clock.now();
      const current = await periods();
      const candidates = await retention.purgeCandidates(db, dueFilter(current, now), null, limit);
      const rows = await Promise.all(candidates.map((candidate) => retention.findCase(db, candidate.id)));
      return rows
        .filter((row): row is RetentionCaseRow => row !== undefined)
        .map((row) => item(row, current, now))
        .filter((entry) => entry.isDue);
    },

    /**
     * Purges every due case, in batches, each case in its own transaction (a crash leaves no case half
     * purged; the next run takes up where this one stopped). Idempotent: a purged case is never due again.
     */
    async purgeDue(runner: SystemRunner, batchSize = 50): Promise<PurgeResult> {
      const current = await periods();
      const purged: PurgeResult['purged'] = [];
      let after: { closedAt: Date; id: string } | null = null;
      for (;;) {
        const batch = await retention.purgeCandidates(db, dueFilter(current, clock.now()), after, batchSize);
        for (const candidate of batch) {
          const done = await purgeOne(candidate.id, runner, current);
          if (done) purged.push(done);
        }
        const last = batch.at(-1);
        if (batch.length < batchSize || !last?.closed_at) break;
        after = { closedAt: last.closed_at, id: last.id };
      }
      return { purged };
    },
  };
}

export type CaseRetentionService = ReturnType<typeof createCaseRetentionService>;
