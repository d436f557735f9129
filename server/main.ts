import { performance } from 'node:perf_hooks';
import type PgBoss from 'pg-boss';
import { buildApp, createServices } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import {
  checkMasterKeyFingerprint,
  createKeyring,
  loadOrCreateMasterKey,
  MasterKeyError,
} from './platform/crypto.ts';
import { auditCheckpointKey, writeAuditCheckpoint } from './platform/audit.ts';
import { migrateToLatest } from './platform/database.ts';
import { openDatabase } from './platform/open-database.ts';
import { jobQueueOf, openJobQueue, startJobs } from './platform/jobs.ts';
import { createMailer } from './platform/mail.ts';
import { purgeSpentFormTokens } from './public/public.routes.ts';
import { purgePublicThrottle } from './public/throttle.ts';
import { holdServerPresence, type ServerPresence } from './platform/server-presence.ts';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const say = (message: string) => process.stdout.write(`${message}\n`);
  const { db, url, embedded } = await openDatabase(config, say);
  let boss: PgBoss | undefined;
  let presence: ServerPresence | undefined;
  try {
    // Marks this database as used by a live server, so `restore` and `keys rotate` refuse meanwhile.
    presence = await holdServerPresence(url);
    await migrateToLatest(db);
    const { masterKey, created, source } = await loadOrCreateMasterKey({
      keyFromEnvironment: config.SETARA_MASTER_KEY,
      keyFile: config.keyFile,
      db,
    });
    if (created)
      say(`Created a new master key at ${source} (mode 0600). Back it up separately from database backups.`);
    await checkMasterKeyFingerprint(db, masterKey, source);
    const keyring = createKeyring(db, masterKey);
    const mailer = createMailer(db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
    const jobQueue = jobQueueOf(() => boss);
    const app = await buildApp({ config, db, databaseUrl: url, keyring, masterKey, mailer, jobQueue });
    const {
      authService,
      unitsService,
      importsService,
      caseRetentionService,
      caseRemindersService,
      agreementsService,
      quotaDashboardService,
    } = createServices({
      config,
      db,
      databaseUrl: url,
      keyring,
      mailer,
      jobQueue,
    });
    await unitsService.ensureRootUnit(config.SETARA_ROOT_UNIT_NAME);

    let shuttingDown = false;
    const shutdown = async (signal: string) => {
      if (shuttingDown) return;
      shuttingDown = true;
      say(`${signal} received: finishing in-flight requests, then stopping`);
      const force = setTimeout(
        () => {
          app.log.error('shutdown took too long; exiting');
          process.exit(1);
        },
        (config.SHUTDOWN_GRACE_SECONDS + 10) * 1000,
      );
      force.unref();
      try {
        await app.close();
        // Stop taking jobs and let a running import finish its transaction (or fail it) before the
        // database goes away; a run still going when the grace period ends is rolled back and taken over
        // by another instance (or this one at its next start).
        await boss?.stop({ graceful: true, timeout: config.SHUTDOWN_GRACE_SECONDS * 1000, close: true });
        await importsService.close();
        mailer.close();
        await db.destroy();
        await presence?.release();
        await embedded?.stop();
        say('Setara stopped cleanly');
        process.exit(0);
      } catch (error) {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      }
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));

    // Every instance opens the queue (imports are sent to it); only SETARA_JOBS instances work on it.
    boss = await openJobQueue(url, app.log, { workers: config.SETARA_JOBS });
    await app.listen({ port: config.PORT, host: config.HOST });
    if (config.SETARA_JOBS) {
      await startJobs(
        url,
        {
          purgeExpired: async () => ({
            ...(await authService.purgeExpired()),
            publicThrottle: await purgePublicThrottle(db, new Date()),
            spentFormTokens: await purgeSpentFormTokens(db, new Date()),
          }),
          deliverMail: () => mailer.deliverPending(),
          purgeStaleUploads: () => importsService.purgeStaleUploads(),
          purgeCases: async () =>
            (await caseRetentionService.purgeDue({ label: 'system', requestId: null })).purged.length,
          sendCaseReminders: () => caseRemindersService.sendDueReminders(),
          sendAgreementReminders: () => agreementsService.sendDueReminders(),
          refreshQuotaSummary: () => quotaDashboardService.refreshIfDue(),
          runImport: (importId) => importsService.runQueued(importId),
          recoverImports: () => importsService.recoverRuns(),
          checkpointAudit: () => writeAuditCheckpoint(db, auditCheckpointKey(masterKey.key), new Date()),
        },
        app.log,
        boss,
      );
    }
    if (await authService.isSetupNeeded()) {
      const token = await authService.issueSetupToken();
      say(
        `No administrator exists yet. Open this one-time link to create the first one:\n  ${config.publicUrl}/setup#token=${token}\n(or run: npm run setara -- create-admin)`,
      );
    }
    say(
      `Setara is ready on ${config.publicUrl} (started in ${Math.round(performance.now() - started)} ms, database: ${embedded ? `embedded, ${config.dataDir}` : 'DATABASE_URL'})`,
    );
  } catch (error) {
    await db.destroy().catch(() => undefined);
    await presence?.release().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof MasterKeyError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Setara could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
