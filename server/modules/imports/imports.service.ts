import type { Readable } from 'node:stream';
import pg from 'pg';
import { AppError } from '../../../shared/errors.ts';
import type {
  ImportJobView,
  ImportRowError,
  ImportSummary,
  ImportUploadResponse,
} from '../../../shared/contracts/imports.ts';
import { importErrorCodes } from '../../../shared/taxonomies.ts';
import type { Language, Role } from '../../../shared/roles.ts';
import { canAnywhere, isWithin, scopeOf, type Action } from '../../platform/access.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import { isoDateIn } from '../../platform/dates.ts';
import { translator } from '../../platform/i18n.ts';
import { copyLine, normaliseHeaders, readSpreadsheet } from './import-files.ts';
import { resolveMapping, suggestMapping, type ImportKind } from './import-mapping.ts';
import {
  clientExecute,
  kyselyExecute,
  type ImportsRepository,
  type JobRow,
  type StagedSummary,
} from './imports.repository.ts';

/** The acting user, or the operator's CLI acting for the whole tree (`system`: audit actor is `cli`). */
export type ImportActor = Actor & { system?: boolean };

export type ImportMode = 'all_or_nothing' | 'valid_only';

/** Most errors returned inline by a dry run; the CSV report has all of them. */
export const MAX_INLINE_ERRORS = 1000;
/** Rows written per chunk of the real run; progress is published after each chunk. */
const CHUNK_ROWS = 50_000;
const SAMPLE_ROWS = 5;
/** Uploads never run are purged after this long. */
export const STALE_UPLOAD_HOURS = 24;
/** Lines batched into one write to the COPY stream. */
const COPY_BATCH_BYTES = 512 * 1024;
/**
 * Starts of one run before it is given up as failed: a run that kills its process every time (say, out
 * of memory) must not be retried for ever by the recovery sweep.
 */
export const MAX_RUN_ATTEMPTS = 3;

/** What became of one queued run on this instance. */
export type QueuedRunOutcome = 'done' | 'failed' | 'not_running' | 'busy';

const actionOf = (kind: ImportKind): Action => (kind === 'members' ? 'member.manage' : 'unit.manage');

/** The smallest depth that counts as "PSP or below": PSP's index, else the second-lowest level. */
export function memberMinDepth(levels: string[]): number {
  const psp = levels.indexOf('PSP');
  return psp >= 0 ? psp : Math.max(1, levels.length - 2);
}

/** Subtree roots allowed by both lists (the deeper root where one contains the other). */
export function intersectScopes(a: string[], b: string[]): string[] {
  const result = new Set<string>();
  for (const left of a)
    for (const right of b) {
      if (isWithin(left, right)) result.add(left);
      else if (isWithin(right, left)) result.add(right);
    }
  return [...result];
}

function toJobView(job: JobRow): ImportJobView {
  return {
    id: job.id,
    kind: job.kind as ImportKind,
    status: job.status as ImportJobView['status'],
    fileName: job.file_name,
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    mode: job.mode as ImportMode | null,
    summary: (job.summary as ImportSummary | null) ?? null,
    createdAt: job.created_at.toISOString(),
    finishedAt: job.finished_at?.toISOString() ?? null,
  };
}

export interface UploadProgress {
  /** Bytes of the file read so far. */
  onBytes?: (bytes: number) => void;
}

/**
 * CSV/XLSX import of members and units: upload (COPY into staging), dry-run validation, and the real run
 * in the background. Validation and the run are set-based SQL over the staged rows; nothing is checked row
 * by row in JavaScript. A job belongs to the user who uploaded it and is invisible to everyone else.
 */
export function createImportsService(deps: {
  db: Db;
  imports: ImportsRepository;
  clock: Clock;
  levels: string[];
  connectionString: () => string;
  /**
   * Puts a claimed run on the job queue (pg-boss), for whichever instance with jobs takes it. Without it
   * (tests, the CLI) the run happens in this process and `startRun(...).done` settles when it has.
   */
  enqueueRun?: (importId: string) => Promise<void>;
}) {
  const { db, imports, clock, levels } = deps;
  let pool: pg.Pool | undefined;
  const running = new Set<Promise<void>>();

  /** A small pool of raw clients for COPY (Kysely does not expose its pg clients). */
  function rawPool(): pg.Pool {
    if (!pool) {
      pool = new pg.Pool({
        connectionString: deps.connectionString(),
        max: 4,
        idleTimeoutMillis: 10_000,
        allowExitOnIdle: true,
        application_name: 'setara-import',
      });
      pool.on('error', () => undefined);
    }
    return pool;
  }

  function messagesFor(language: Language): Record<string, string> {
    const t = translator(language, 'imports');
    return Object.fromEntries(importErrorCodes.map((code) => [code, t(`errors.${code}`)]));
  }

  /** The caller's subtrees for this kind of import, as `path LIKE` roots; refuses when there are none. */
  function scopeFor(actor: ImportActor, kind: ImportKind): string[] {
    const action = actionOf(kind);
    if (!canAnywhere(actor.principal, action)) throw new AppError('forbidden');
    return scopeOf(actor.principal, action);
  }

  /** A job of the caller; anyone else's job looks missing. */
  async function loadOwn(actor: ImportActor, id: string): Promise<JobRow> {
    const job = await imports.findJob(db, id);
    if (!job || job.created_by !== actor.userId) throw new AppError('not_found');
    scopeFor(actor, job.kind as ImportKind);
    return job;
  }

  /** Scope of a run: the job's stored scope, narrowed to what the caller may still do now. */
  async function effectiveScope(actor: ImportActor, job: JobRow): Promise<string[]> {
    const current = scopeFor(actor, job.kind as ImportKind);
    const stored = await imports.unitPaths(db, job.scope_unit_ids);
    return intersectScopes(current, stored);
  }

  function stageOptions(job: JobRow, columns: Map<string, number>, scope: string[]) {
    return {
      jobId: job.id,
      columns,
      scopePatterns: scope.map((root) => `${root}%`),
      memberMinDepth: memberMinDepth(levels),
      levels,
      currentYear: clock.now().getUTCFullYear(),
    };
  }

  function toRowErrors(
    rows: { row: number; field: string; code: string; value: string | null; message: string }[],
  ): ImportRowError[] {
    return rows.map((row) => ({ ...row, code: row.code as ImportRowError['code'] }));
  }

  /**
   * The run itself: one transaction that holds the run's advisory lock, so it is idempotent whoever runs
   * it and however often — a run cut off by a crash rolls back whole (PostgreSQL notices the dead client
   * within a second) and the next attempt starts from the staged rows again; members are matched by
   * member number, so nothing is inserted twice. Returns 'busy' when another live session holds the lock
   * and 'not_running' when the job was finished (or failed) meanwhile.
   */
  async function execute(actor: ImportActor, jobId: string, mode: ImportMode): Promise<QueuedRunOutcome> {
    let job: JobRow | undefined;
    try {
      return await db.transaction().execute(async (tx) => {
        const run = kyselyExecute(tx);
        if (!(await imports.lockRun(run, jobId))) return 'busy';
        // Read again under the lock: a run that committed meanwhile has left `running`.
        job = await imports.findJob(tx, jobId);
        if (!job || job.status !== 'running') return 'not_running';
        const attempts = await imports.countAttempt(db, jobId);
        if (attempts > MAX_RUN_ATTEMPTS)
          throw new AppError('import_state', `Run given up after ${MAX_RUN_ATTEMPTS} attempts`);
        const kind = job.kind as ImportKind;
        const scope = await effectiveScope(actor, job);
        const columns = resolveMapping(kind, job.headers, job.mapping ?? {});
        const now = clock.now();
        // "Today" in WIB, like every other dated history row.
        const today = isoDateIn(now);
        const actorId = actor.system ? null : actor.userId;
        await imports.updateJob(db, jobId, { processedRows: 0 });
        await imports.stage(run, kind, stageOptions(job, columns, scope));
        const checked = await imports.summary(run, kind);
        // Staged rows live in an UNLOGGED table: after a PostgreSQL crash they are gone, and a run over
        // what is left would quietly import nothing.
        if (checked.totalRows !== job.total_rows)
          throw new AppError('import_state', 'Staged rows missing: upload the file again');
        // The data may have changed since the dry run: all-or-nothing is decided again here.
        if (mode === 'all_or_nothing' && checked.errorRows > 0)
          throw new AppError('validation_failed', 'Rows with errors');
        let inserted = 0;
        let updated = 0;
        if (kind === 'members') {
          const { first, last } = await imports.stagedRange(run);
          const span = Math.max(1, last - first + 1);
          const totalRows = job.total_rows;
          for (let start = first; start <= last; start += CHUNK_ROWS) {
            const end = Math.min(last, start + CHUNK_ROWS - 1);
            const done = await imports.applyMemberChunk(run, {
              first: start,
              last: end,
              now,
              today,
              actorId,
            });
            inserted += done.inserted;
            updated += done.updated;
            // Progress goes through another connection, so it is visible before this transaction commits.
            await imports.updateJob(db, jobId, {
              processedRows: Math.min(totalRows, Math.round((totalRows * (end - first + 1)) / span)),
            });
          }
        } else {
          const done = await imports.applyUnits(run, { now, today, actorId, maxPasses: levels.length });
          inserted = done.inserted;
          updated = done.updated;
        }
        const summary: StagedSummary = {
          totalRows: checked.totalRows,
          validRows: checked.validRows,
          errorRows: checked.errorRows,
          newRows: inserted,
          updatedRows: updated,
          unchangedRows: checked.validRows - inserted - updated,
        };
        await imports.updateJob(tx, jobId, {
          status: 'done',
          summary,
          processedRows: job.total_rows,
          finishedAt: clock.now(),
        });
        await imports.deleteRows(tx, jobId);
        await appendAudit(
          tx,
          {
            actorId,
            actorLabel: actor.system ? 'cli' : actor.label,
            action: `import.${kind}`,
            objectType: 'import_job',
            objectId: jobId,
            requestId: job.request_id ?? actor.requestId,
            // Counts only: never names or member numbers.
            details: { mode, ...summary },
          },
          clock.now(),
        );
        return 'done' as const;
      });
    } catch (error) {
      if (job)
        await imports
          .updateJob(db, jobId, { status: 'failed', finishedAt: clock.now() })
          .catch(() => undefined);
      throw error;
    }
  }

  /** The uploader, acting now with the grants they hold now (a run may start long after the click). */
  async function ownerOf(job: JobRow): Promise<ImportActor | undefined> {
    const account = await imports.accountWithGrants(db, { id: job.created_by });
    if (!account) return undefined;
    return {
      userId: account.id,
      label: account.email,
      principal: {
        userId: account.id,
        grants: account.grants.map((grant) => ({ ...grant, role: grant.role as Role })),
      },
      requestId: job.request_id ?? 'import-run',
      language: 'en',
    };
  }

  return {
    /**
     * Streams an upload into staging with COPY: sniffs the type, reads the header and rows, and stores
     * headers, row count and the caller's scope (subtree roots as unit ids) in the job.
     */
    async uploadFile(
      actor: ImportActor,
      kind: ImportKind,
      fileName: string,
      source: AsyncIterable<Buffer>,
      progress: UploadProgress = {},
    ): Promise<ImportUploadResponse> {
      const scope = scopeFor(actor, kind);
      const scopeUnitIds = await imports.unitIdsOfPaths(db, scope);
      let bytes = 0;
      async function* counted(): AsyncGenerator<Buffer> {
        for await (const chunk of source) {
          bytes += chunk.length;
          progress.onBytes?.(bytes);
          yield chunk;
        }
      }
      const { rows } = await readSpreadsheet(counted());
      const client = await rawPool().connect();
      let released = false;
      try {
        await client.query('BEGIN');
        const id = await imports.insertJob(client, {
          kind,
          fileName: fileName.slice(0, 255) || 'upload',
          scopeUnitIds,
          createdBy: actor.userId,
        });
        let headers: string[] | undefined;
        let totalRows = 0;
        const sampleRows: string[][] = [];
        async function* lines(): AsyncGenerator<string> {
          let batch = '';
          for await (const chunk of rows) {
            for (const row of chunk) {
              if (!headers) {
                headers = normaliseHeaders(row.cells);
                continue;
              }
              totalRows += 1;
              if (sampleRows.length < SAMPLE_ROWS) sampleRows.push(row.cells);
              batch += copyLine(id, row.rowNumber, row.cells);
            }
            if (batch.length >= COPY_BATCH_BYTES) {
              yield batch;
              batch = '';
            }
          }
          if (batch) yield batch;
        }
        await imports.copyRows(client, lines());
        if (!headers)
          throw new AppError('validation_failed', 'Empty file', {
            fields: [{ path: 'file', message: 'invalid_type' }],
          });
        await imports.finishUpload(client, id, headers, totalRows);
        await client.query('COMMIT');
        return {
          id,
          kind,
          fileName,
          headers,
          sampleRows,
          totalRows,
          suggestedMapping: suggestMapping(kind, headers),
        };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release(true);
        released = true;
        throw error;
      } finally {
        if (!released) client.release();
      }
    },

    /** Dry run: checks every row with the mapping; writes only the job's mapping, summary and status. */
    async validateImport(
      actor: ImportActor,
      id: string,
      mapping: Record<string, string>,
    ): Promise<{ summary: ImportSummary; errors: ImportRowError[] }> {
      const job = await loadOwn(actor, id);
      if (job.status !== 'uploaded' && job.status !== 'validated') throw new AppError('import_state');
      const kind = job.kind as ImportKind;
      const columns = resolveMapping(kind, job.headers, mapping);
      const scope = await effectiveScope(actor, job);
      return db.transaction().execute(async (tx) => {
        const run = kyselyExecute(tx);
        await imports.stage(run, kind, stageOptions(job, columns, scope));
        const summary = await imports.summary(run, kind);
        const errors = await imports.errors(run, kind, messagesFor(actor.language), MAX_INLINE_ERRORS);
        await imports.updateJob(tx, id, { status: 'validated', mapping, summary });
        return { summary, errors: toRowErrors(errors) };
      });
    },

    /**
     * Starts the real run in the background and returns at once. `all_or_nothing` is refused up front
     * when the dry run found errors. `done` settles when the run has committed (or failed).
     */
    async startRun(
      actor: ImportActor,
      id: string,
      mode: ImportMode,
    ): Promise<{ job: ImportJobView; done: Promise<void> }> {
      const job = await loadOwn(actor, id);
      if (job.status !== 'validated' || !job.mapping) throw new AppError('import_state');
      const errorRows = Number((job.summary as { errorRows?: number } | null)?.errorRows ?? 0);
      if (mode === 'all_or_nothing' && errorRows > 0)
        throw new AppError('validation_failed', 'Rows with errors', {
          fields: [{ path: 'mode', message: 'invalid_value' }],
        });
      if (!(await imports.claimJob(db, id, ['validated'], 'running', mode, actor.requestId)))
        throw new AppError('import_state');
      const claimed = { ...job, status: 'running', mode, processed_rows: 0 };
      if (deps.enqueueRun) {
        // The queue is durable: once sent, any instance with jobs takes it (and the recovery sweep resends
        // a run whose job was lost). If sending fails the job goes back to `validated`.
        await deps.enqueueRun(id).catch(async (error: unknown) => {
          await imports.updateJob(db, id, { status: 'validated' });
          throw error;
        });
        return { job: toJobView(claimed), done: Promise.resolve() };
      }
      const done = execute(actor, id, mode).then(() => undefined);
      running.add(done);
      void done.catch(() => undefined).finally(() => running.delete(done));
      return { job: toJobView(claimed), done };
    },

    /**
     * The job queue's handler: runs a claimed import as its uploader, with the grants they hold now.
     * Safe to call for any id, any number of times, on any instance (see `execute`).
     */
    async runQueued(importId: string): Promise<QueuedRunOutcome> {
      const job = await imports.findJob(db, importId);
      if (!job || job.status !== 'running' || !job.mode) return 'not_running';
      const owner = await ownerOf(job);
      if (!owner) {
        await imports.updateJob(db, importId, { status: 'failed', finishedAt: clock.now() });
        return 'failed';
      }
      const done = execute(owner, importId, job.mode as ImportMode);
      const settled = done.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      try {
        return await done;
      } catch (error) {
        // A refused run (all-or-nothing with errors, rows lost, too many attempts) is marked failed.
        if (error instanceof AppError) return 'failed';
        throw error;
      } finally {
        running.delete(settled);
      }
    },

    /**
     * Imports marked `running` that no session is running (their lock is free): sent to the queue again.
     * Called when an instance with jobs starts and every few seconds after, so a run whose process died
     * is taken over by another instance at once, not after 24 h.
     */
    async recoverRuns(): Promise<string[]> {
      if (!deps.enqueueRun) return [];
      const ids = await imports.runsToRecover(db);
      for (const id of ids) await deps.enqueueRun(id);
      return ids;
    },

    async getJob(actor: ImportActor, id: string): Promise<ImportJobView> {
      return toJobView(await loadOwn(actor, id));
    },

    /** The caller's own recent jobs. */
    async listJobs(actor: ImportActor): Promise<{ items: ImportJobView[] }> {
      const jobs = await imports.listJobs(db, actor.userId, 50);
      return { items: jobs.map(toJobView) };
    },

    /** Every error of a validated job as CSV (row, field, code, value, message), streamed from COPY. */
    async errorReport(actor: ImportActor, id: string): Promise<Readable> {
      const job = await loadOwn(actor, id);
      if (job.status !== 'validated' || !job.mapping) throw new AppError('import_state');
      const kind = job.kind as ImportKind;
      const columns = resolveMapping(kind, job.headers, job.mapping);
      const scope = await effectiveScope(actor, job);
      const client = await rawPool().connect();
      try {
        // Never committed: the staged temp table and everything else is rolled back when the stream ends.
        await client.query('BEGIN');
        await imports.stage(clientExecute(client, db), kind, stageOptions(job, columns, scope));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
        throw error;
      }
      const stream = imports.errorsCsv(client, db, kind, messagesFor(actor.language));
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        client
          .query('ROLLBACK')
          .catch(() => undefined)
          .finally(() => client.release());
      };
      stream.on('end', close);
      stream.on('error', close);
      stream.on('close', close);
      return stream;
    },

    /** Purges staged rows of uploads older than 24 h that never ran (runs are recovered, not purged). */
    async purgeStaleUploads(): Promise<number> {
      const now = clock.now();
      return imports.purgeStale(db, new Date(now.getTime() - STALE_UPLOAD_HOURS * 3_600_000), now);
    },

    /** The operator's CLI acts as `system`: org_admin at the top unit, on behalf of the oldest account. */
    async systemActor(requestId: string): Promise<ImportActor> {
      const root = await imports.rootUnit(db);
      const owner = await db
        .selectFrom('users')
        .select('id')
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      if (!root || !owner) throw new Error('No unit tree or no account yet: run `setara create-admin` first');
      return {
        userId: owner.id,
        label: 'cli',
        principal: {
          userId: owner.id,
          grants: [{ role: 'org_admin', unitId: root.id, unitPath: root.path }],
        },
        requestId,
        language: 'en',
        system: true,
      };
    },

    /** An account acting through the CLI (`--as <email>`), with exactly the scope of its grants. */
    async accountActor(email: string, requestId: string): Promise<ImportActor> {
      const account = await imports.accountWithGrants(db, { email });
      if (!account) throw new Error(`No active account ${email}`);
      return {
        userId: account.id,
        label: email.toLowerCase(),
        principal: {
          userId: account.id,
          grants: account.grants.map((grant) => ({ ...grant, role: grant.role as Role })),
        },
        requestId,
        language: 'en',
      };
    },

    /** Waits for background runs (tests, shutdown) and closes the raw pool. */
    async close(): Promise<void> {
      await Promise.allSettled([...running]);
      await pool?.end();
      pool = undefined;
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
