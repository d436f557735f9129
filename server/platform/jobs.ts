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
  /** Rebuilds the quota summary when changes have settled or the periodic refresh is due. */
  refreshQuotaSummary(): Promise<{ refreshed: boolean; reason: string; durationMs?: number }>;
}

export const jobNames = {
  purge: 'platform.purge-expired',
  mail: 'platform.deliver-mail',
  uploads: 'imports.purge-stale-uploads',
  caseRetention: 'cases.purge-retention',
  caseReminders: 'cases.send-reminders',
  quotaSummary: 'quota.refresh-summary',
} as const;

/**
 * Background jobs in PostgreSQL through pg-boss: no second server, and several app instances share the
 * work (a scheduled job runs once per tick across all instances).
 */
export async function startJobs(
  connectionString: string,
  handlers: JobHandlers,
  log: FastifyBaseLogger,
): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 3, application_name: 'setara-jobs' });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const name of Object.values(jobNames)) await boss.createQueue(name);
  await boss.schedule(jobNames.purge, '*/10 * * * *');
  await boss.schedule(jobNames.mail, '* * * * *');
  await boss.schedule(jobNames.uploads, '17 * * * *');
  // Daily at a quiet hour: 19:37 UTC is 02:37 in Jakarta (WIB).
  await boss.schedule(jobNames.caseRetention, '37 19 * * *');
  await boss.schedule(jobNames.caseReminders, '*/15 * * * *');
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
  return boss;
}
