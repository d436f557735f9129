import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';

export interface JobHandlers {
  /** Deletes expired sessions, one-time tokens and stale throttle rows (login and public pages). */
  purgeExpired(): Promise<Record<string, number>>;
  /** Delivers queued mail (retries of messages that failed right after commit). */
  deliverMail(): Promise<number>;
  /** Drops import uploads never run (and marks runs cut off by a restart as failed). */
  purgeStaleUploads(): Promise<number>;
  /** Purges closed cases past their retention period (each case in its own transaction). */
  purgeCases(): Promise<number>;
  /** Reminds case teams of SOP deadlines and check-ins that are near or missed (each once). */
  sendCaseReminders(): Promise<number>;
  /** Reminds a PSP's officers and its DPC's gender officer 6 and 3 months before its agreement ends. */
  sendAgreementReminders(): Promise<number>;
  /** Rebuilds the quota summary when changes have settled or the periodic refresh is due. */
  refreshQuotaSummary(): Promise<{ refreshed: boolean; reason: string; durationMs?: number }>;
  /** Runs one queued import; 'busy' when another live session is running it right now. */
  runImport(importId: string): Promise<'done' | 'failed' | 'not_running' | 'busy'>;
  /** Sends again the imports marked running that nobody runs (lost job, crashed instance). */
  recoverImports(): Promise<string[]>;
  /** Seals the audit chain's head in a checkpoint (platform/audit.ts); null when no row came since. */
  checkpointAudit(): Promise<{ auditId: string } | null>;
}

/** Queues of on-demand jobs (sent by requests, not scheduled). */
export const queueNames = {
  importRun: 'imports.run',
} as const;

/** How often an instance with jobs looks for imports cut off by a crash (and once at start). */
export const IMPORT_RECOVERY_SECONDS = 5;

/** What requests may put on the queue; every instance has one, with or without workers. */
export interface JobQueue {
  enqueueImportRun(importId: string): Promise<void>;
}

/** The queue as requests see it; `boss` is read when a job is sent (the app is built before it opens). */
export function jobQueueOf(boss: () => PgBoss | undefined): JobQueue {
  return {
    async enqueueImportRun(importId) {
      const queue = boss();
      if (!queue) throw new Error('The job queue is not open');
      await queue.send(queueNames.importRun, { importId });
    },
  };
}

/**
 * Opens the queue in PostgreSQL (pg-boss creates or updates its schema). With `workers: false`
 * (SETARA_JOBS=false) the instance only sends jobs: no maintenance, no schedules, no workers.
 */
export async function openJobQueue(
  connectionString: string,
  log: FastifyBaseLogger,
  options: { workers: boolean },
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: 'pgboss',
    max: options.workers ? 3 : 1,
    application_name: 'setara-jobs',
    supervise: options.workers,
    schedule: options.workers,
  });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  // A run that finds the import busy (another session holds its lock) is retried a little later;
  // 4 h is longer than any import (1M rows take about a minute).
  await boss.createQueue(queueNames.importRun, {
    name: queueNames.importRun,
    retryLimit: 10,
    retryDelay: 5,
    expireInSeconds: 4 * 3600,
  });
  return boss;
}

export const jobNames = {
  purge: 'platform.purge-expired',
  mail: 'platform.deliver-mail',
  uploads: 'imports.purge-stale-uploads',
  caseRetention: 'cases.purge-retention',
  caseReminders: 'cases.send-reminders',
  agreementReminders: 'agreements.send-reminders',
  quotaSummary: 'quota.refresh-summary',
  auditCheckpoint: 'platform.audit-checkpoint',
} as const;

/**
 * Background jobs in PostgreSQL through pg-boss: no second server, and several app instances share the
 * work (a scheduled job runs once per tick across all instances).
 */
export async function startJobs(
  connectionString: string,
  handlers: JobHandlers,
  log: FastifyBaseLogger,
  opened?: PgBoss,
): Promise<PgBoss> {
  const boss = opened ?? (await openJobQueue(connectionString, log, { workers: true }));
  for (const name of Object.values(jobNames)) await boss.createQueue(name);
  await boss.schedule(jobNames.purge, '*/10 * * * *');
  await boss.schedule(jobNames.mail, '* * * * *');
  await boss.schedule(jobNames.uploads, '17 * * * *');
  // Daily at a quiet hour: 19:37 UTC is 02:37 in Jakarta (WIB).
  await boss.schedule(jobNames.caseRetention, '37 19 * * *');
  await boss.schedule(jobNames.caseReminders, '*/15 * * * *');
  // Daily, early in the Jakarta working day: 01:07 UTC is 08:07 WIB.
  await boss.schedule(jobNames.agreementReminders, '7 1 * * *');
  // Hourly: removing the newest audit rows is found as far back as the last checkpoint.
  await boss.schedule(jobNames.auditCheckpoint, '3 * * * *');
  await boss.work(jobNames.auditCheckpoint, async () => {
    const checkpoint = await handlers.checkpointAudit();
    if (checkpoint)
      log.info({ job: jobNames.auditCheckpoint, auditId: checkpoint.auditId }, 'audit head sealed');
  });
  await boss.work(jobNames.purge, async () => {
    const removed = await handlers.purgeExpired();
    log.info({ job: jobNames.purge, removed }, 'expired rows purged');
  });
  // Every minute; the handler decides (debounce after changes, periodic refresh), and one tick runs once
  // across all instances.
  await boss.schedule(jobNames.quotaSummary, '* * * * *');
  await boss.work(jobNames.quotaSummary, async () => {
    const result = await handlers.refreshQuotaSummary();
    if (result.refreshed) log.info({ job: jobNames.quotaSummary, ...result }, 'quota summary refreshed');
  });
  await boss.work(jobNames.mail, async () => {
    await handlers.deliverMail();
  });
  await boss.work(jobNames.uploads, async () => {
    const removed = await handlers.purgeStaleUploads();
    log.info({ job: jobNames.uploads, removed }, 'stale uploads purged');
  });
  await boss.work(jobNames.caseRetention, async () => {
    const purged = await handlers.purgeCases();
    log.info({ job: jobNames.caseRetention, purged }, 'closed cases purged under the retention rule');
  });
  await boss.work(jobNames.caseReminders, async () => {
    const sent = await handlers.sendCaseReminders();
    log.info({ job: jobNames.caseReminders, sent }, 'case reminders sent');
  });
  await boss.work(jobNames.agreementReminders, async () => {
    const sent = await handlers.sendAgreementReminders();
    log.info({ job: jobNames.agreementReminders, sent }, 'agreement reminders sent');
  });
  await boss.work<{ importId: string }>(queueNames.importRun, async ([job]) => {
    if (!job) return;
    const outcome = await handlers.runImport(job.data.importId);
    log.info({ job: queueNames.importRun, importId: job.data.importId, outcome }, 'import run');
    // Thrown so pg-boss retries later; the holder may be a run whose process just died.
    if (outcome === 'busy') throw new Error('import run busy on another session');
  });
  // Recovery: at start, then every few seconds (cheap: one indexed query over `running` imports).
  const recover = () =>
    handlers
      .recoverImports()
      .then((ids) => {
        if (ids.length) log.info({ job: 'imports.recover', imports: ids }, 'import runs sent again');
      })
      .catch((error: unknown) => log.error({ err: error }, 'import recovery failed'));
  await recover();
  const timer = setInterval(() => void recover(), IMPORT_RECOVERY_SECONDS * 1000);
  timer.unref();
  boss.on('stopped', () => clearInterval(timer));
  return boss;
}
