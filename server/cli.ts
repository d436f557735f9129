import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { createServices } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { openDatabase } from './platform/open-database.ts';
import { auditCheckpointKey, verifyAuditChain, appendAudit } from './platform/audit.ts';
import { withNoServerRunning } from './platform/server-presence.ts';
import {
  checkMasterKeyFingerprint,
  createKeyring,
  generateMasterKey,
  loadOrCreateMasterKey,
  parseMasterKey,
  readStoredFingerprint,
  rotateMasterKey,
  writeKeyFile,
} from './platform/crypto.ts';
import { migrateToLatest, type Db } from './platform/database.ts';
import { createMailer } from './platform/mail.ts';
import {
  detectBackupFormat,
  findPgTool,
  restoreLogicalDump,
  serverMajorVersion,
  UNSAVED_TABLES,
  writeLogicalDump,
} from './platform/backup.ts';
import { languages, type Language } from '../shared/roles.ts';
import { AppError } from '../shared/errors.ts';
import { createReadStream } from 'node:fs';
import cliProgress from 'cli-progress';
import { systemClock } from './platform/context.ts';
import { createImportsRepository } from './modules/imports/imports.repository.ts';
import { createImportsService, type ImportsService } from './modules/imports/imports.service.ts';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';

const out = (message: string) => process.stdout.write(`${message}\n`);

async function withDatabase<T>(run: (db: Db, config: Config, url: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { db, url, embedded } = await openDatabase(config, out);
  try {
    return await run(db, config, url);
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: hidden && process.stdin.isTTY,
  });
  if (hidden && process.stdin.isTTY) {
    // Do not echo the password to the terminal.
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    output._writeToOutput = (text: string) => {
      if (text.startsWith(question)) process.stdout.write(question);
    };
  }
  const answer = await rl.question(question);
  rl.close();
  if (hidden && process.stdin.isTTY) process.stdout.write('\n');
  return answer.trim();
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}`)),
    );
  });
}

const program = new Command();
program
  .name('setara')
  .description('Setara operator commands. Configuration comes from the same environment as the server.');

program
  .command('create-admin')
  .description('Create the first administrator (admin and org_admin at the top unit); asks for what it needs')
  .option('--email <email>', 'email address of the administrator')
  .option('--name <name>', 'display name')
  .option('--language <language>', 'id or en', 'id')
  .option('--password-stdin', 'read the password from standard input instead of asking')
  .action(async (options: { email?: string; name?: string; language: string; passwordStdin?: boolean }) => {
    const email = (options.email ?? (await ask('Email: '))).toLowerCase();
    const displayName = options.name ?? (await ask('Name: '));
    const password = options.passwordStdin
      ? (readFileSync(0, 'utf8').split('\n')[0]?.trim() ?? '')
      : await ask('Password (at least 10 characters): ', true);
    const language = (languages as readonly string[]).includes(options.language)
      ? (options.language as Language)
      : 'id';
    await withDatabase(async (db, config, url) => {
      await migrateToLatest(db);
      const { masterKey, source } = await loadOrCreateMasterKey({
        keyFromEnvironment: config.SETARA_MASTER_KEY,
        keyFile: config.keyFile,
        db,
      });
      await checkMasterKeyFingerprint(db, masterKey, source);
      const { authService } = createServices({
        config,
        db,
        databaseUrl: url,
        keyring: createKeyring(db, masterKey),
        mailer: createMailer(db, { from: config.MAIL_FROM }),
      });
      try {
        await authService.createFirstAdmin({
          email,
          displayName,
          password,
          language,
          requestId: `cli-${randomUUID()}`,
          via: 'cli',
        });
      } catch (error) {
        if (error instanceof AppError)
          throw new Error(
            `Refused: ${error.code}${error.details ? ` ${JSON.stringify(error.details)}` : ''}`,
            { cause: error },
          );
        throw error;
      }
      out(`Administrator ${email} created. Sign in at ${config.publicUrl}/login`);
    });
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    await withDatabase(async (db) => {
      const applied = await migrateToLatest(db);
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    });
  });

const audit = program.command('audit').description('Audit log tools');
audit
  .command('verify')
  .description(
    'Walk the hash chain of the audit log, check its sealed checkpoints, and report the first broken link (exit 2)',
  )
  .action(async () => {
    await withDatabase(async (db, config) => {
      const { masterKey, source } = await loadOrCreateMasterKey({
        keyFromEnvironment: config.SETARA_MASTER_KEY,
        keyFile: config.keyFile,
        db,
      });
      await checkMasterKeyFingerprint(db, masterKey, source);
      const result = await verifyAuditChain(db, { checkpointKey: auditCheckpointKey(masterKey.key) });
      if (result.ok) {
        out(`Audit chain intact: ${result.rows} rows verified.`);
        out(
          result.newestCheckpoint
            ? `${result.checkpoints} checkpoints hold; the newest seals row ${result.newestCheckpoint.auditId} (${result.newestCheckpoint.madeAt.toISOString()}, hash ${result.newestCheckpoint.auditHash}).`
            : 'No checkpoint yet (the hourly job writes the first one).',
        );
      } else {
        const why: Record<typeof result.reason, string> = {
          prev_hash_mismatch: 'a row before it was changed or removed',
          hash_mismatch: 'the row was changed',
          checkpoint_missing:
            'a sealed checkpoint names this row, and the chain no longer holds it: rows up to it were removed or rewritten',
          checkpoint_forged:
            'the checkpoint of this row was not sealed with the master key, or one before it was removed',
        };
        out(
          `Audit chain BROKEN at row id ${result.brokenAtId} (${result.reason}: ${why[result.reason]}); ${Math.max(0, result.rows - 1)} rows before it are intact.`,
        );
        process.exitCode = 2;
      }
    });
  });

program
  .command('backup <file>')
  .description(
    "Write a backup of the database to <file>: pg_dump custom format when a pg_dump of the server's major version is available, otherwise Setara's built-in format",
  )
  .option('--format <format>', 'auto, pg_dump or builtin', 'auto')
  .action(async (file: string, options: { format: string }) => {
    if (!['auto', 'pg_dump', 'builtin'].includes(options.format))
      throw new Error('--format must be auto, pg_dump or builtin');
    await withDatabase(async (db, config, url) => {
      await migrateToLatest(db);
      const target = path.resolve(file);
      const major = await serverMajorVersion(url);
      const pgDump = options.format === 'builtin' ? undefined : findPgTool('pg_dump', major);
      if (options.format === 'pg_dump' && !pgDump)
        throw new Error(
          `No pg_dump of PostgreSQL ${major} found (PATH, /usr/lib/postgresql/${major}/bin, the embedded package); use --format builtin or auto`,
        );
      if (pgDump) {
        await run(pgDump, [
          '--format=custom',
          '--no-owner',
          ...UNSAVED_TABLES.map((table) => `--exclude-table-data=${table}`),
          '--file',
          target,
          url,
        ]);
        out(`Backup written to ${target} (pg_dump custom format, PostgreSQL ${major}).`);
      } else {
        await writeLogicalDump(url, target);
        out(
          `Backup written to ${target} (Setara built-in format${options.format === 'auto' ? `: no pg_dump of PostgreSQL ${major} found` : ''}).`,
        );
      }
      const fingerprint = await readStoredFingerprint(db);
      out(`It does NOT contain the master key (fingerprint ${fingerprint ?? 'none yet'}).`);
      const checkpoint = await db
        .selectFrom('audit_checkpoints')
        .select(['audit_id', 'audit_hash', 'made_at'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      out(
        checkpoint
          ? `Newest audit checkpoint: row ${checkpoint.audit_id}, hash ${checkpoint.audit_hash.toString('hex')} (${new Date(checkpoint.made_at).toISOString()}). Keep this line apart from the backup: \`setara audit verify\` proves the log still reaches it.`
          : 'No audit checkpoint yet.',
      );
      out(
        `The key is ${config.SETARA_MASTER_KEY ? 'in SETARA_MASTER_KEY' : `in ${config.keyFile}`}: keep a copy of it separately and safely.`,
      );
      out(
        'Without that key, sealed data in this backup (case content, second-factor secrets) cannot be read.',
      );
    });
  });

program
  .command('restore <file>')
  .description(
    'Replace the database with a dump made by `setara backup`, after checking the master key fits it',
  )
  .option('--yes', 'do not ask for confirmation')
  .action(async (file: string, options: { yes?: boolean }) => {
    if (!existsSync(file)) throw new Error(`No such file: ${file}`);
    const format = await detectBackupFormat(file);
    await withDatabase((db, config, url) =>
      withNoServerRunning(url, 'restore', async () => {
        if (
          !options.yes &&
          (await ask('This replaces every row in the database. Type "restore" to continue: ')) !== 'restore'
        ) {
          out('Cancelled.');
          return;
        }
        if (format === 'pg_dump') {
          // A pg_restore of the server's version when there is one; otherwise the one on PATH, as before.
          const pgRestore = findPgTool('pg_restore', await serverMajorVersion(url)) ?? 'pg_restore';
          await run(pgRestore, [
            '--clean',
            '--if-exists',
            '--no-owner',
            '--single-transaction',
            '--dbname',
            url,
            path.resolve(file),
          ]);
        } else {
          const { tables } = await restoreLogicalDump(db, url, path.resolve(file));
          out(`Loaded ${tables} tables from the Setara built-in backup.`);
        }
        await migrateToLatest(db);
        const stored = await readStoredFingerprint(db);
        const keyAvailable = config.SETARA_MASTER_KEY || existsSync(config.keyFile);
        if (!keyAvailable) {
          out(
            `Restored. The master key needed to read sealed data (fingerprint ${stored}) is MISSING: put the key file at ${config.keyFile} or set SETARA_MASTER_KEY.`,
          );
          process.exitCode = 3;
          return;
        }
        const { masterKey, source } = await loadOrCreateMasterKey({
          keyFromEnvironment: config.SETARA_MASTER_KEY,
          keyFile: config.keyFile,
          db,
        });
        if (stored && stored !== masterKey.fingerprint) {
          out(
            `Restored, but the master key at ${source} (fingerprint ${masterKey.fingerprint}) is NOT the key of this backup (fingerprint ${stored}). Sealed data cannot be read until the right key is in place; the server will refuse to start.`,
          );
          process.exitCode = 3;
          return;
        }
        out(
          `Restored from ${path.resolve(file)}; the master key matches (fingerprint ${stored ?? masterKey.fingerprint}).`,
        );
      }),
    );
  });

const keys = program.command('keys').description('Master key tools');
keys
  .command('rotate')
  .description('Create a new master key and re-wrap every data key with it (sealed data is not re-encrypted)')
  .action(async () => {
    await withDatabase((db, config, url) =>
      withNoServerRunning(url, 'rotate the master key', async () => {
        if (config.SETARA_MASTER_KEY)
          throw new Error(
            'The key comes from SETARA_MASTER_KEY: rotate it where it is managed, then run with the old key in SETARA_MASTER_KEY and the new one in a key file.',
          );
        await migrateToLatest(db);
        const current = parseMasterKey(readFileSync(config.keyFile, 'utf8'));
        await checkMasterKeyFingerprint(db, current, config.keyFile);
        const next = generateMasterKey();
        const staged = `${config.keyFile}.next`;
        await fs.rm(staged, { force: true });
        await writeKeyFile(staged, next);
        const count = await rotateMasterKey(db, current, next);
        const retired = `${config.keyFile}.retired-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        await fs.rename(config.keyFile, retired);
        await fs.rename(staged, config.keyFile);
        await db.transaction().execute((tx) =>
          appendAudit(tx, {
            actorId: null,
            actorLabel: 'cli',
            action: 'keys.rotate',
            objectType: 'master_key',
            objectId: next.fingerprint,
            details: { dataKeys: count, previous: current.fingerprint },
          }),
        );
        out(`Re-wrapped ${count} data keys. New key fingerprint ${next.fingerprint} at ${config.keyFile}.`);
        out(
          `The old key was kept at ${retired}; it opens only backups made before this rotation. Store or destroy it deliberately.`,
        );
      }),
    );
  });

program
  .command('purge-cases')
  .description(
    'Purge closed cases past their retention period (as the daily job does); --dry-run lists what would go',
  )
  .option('--dry-run', 'list the cases that would be purged; change nothing')
  .option('--batch-size <n>', 'cases per batch (each case in its own transaction)', '50')
  .action(async (options: { dryRun?: boolean; batchSize: string }) => {
    const batchSize = Number(options.batchSize);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
      throw new Error('--batch-size must be a whole number from 1 to 10000');
    await withDatabase(async (db, config, url) => {
      await migrateToLatest(db);
      const { masterKey, source } = await loadOrCreateMasterKey({
        keyFromEnvironment: config.SETARA_MASTER_KEY,
        keyFile: config.keyFile,
        db,
      });
      await checkMasterKeyFingerprint(db, masterKey, source);
      const { caseRetentionService } = createServices({
        config,
        db,
        databaseUrl: url,
        keyring: createKeyring(db, masterKey),
        mailer: createMailer(db, { from: config.MAIL_FROM }),
      });
      // Coded data only: reference, closing reason, dates. Never content.
      const line = (entry: { reference: string; closingReason: string | null; closedAt: string | Date }) =>
        `  ${entry.reference}  ${entry.closingReason ?? '-'}  closed ${new Date(entry.closedAt).toISOString().slice(0, 10)}`;
      if (options.dryRun) {
        const due = await caseRetentionService.listDue();
        for (const entry of due) out(`${line(entry)}  due ${entry.purgeDueAt.slice(0, 10)}`);
        out(`Dry run: ${due.length} case(s) would be purged. Nothing changed.`);
        return;
      }
      const { purged } = await caseRetentionService.purgeDue(
        { label: 'cli', requestId: `cli-${randomUUID()}` },
        batchSize,
      );
      for (const entry of purged) out(line(entry));
      out(`Purged ${purged.length} case(s); only their coded statistics remain.`);
    });
  });

program
  .command('import')
  .description('Import members or units from a CSV or XLSX file: upload, validate, then run, with progress')
  .argument('<kind>', 'members or units')
  .argument('<file>', 'CSV or XLSX file')
  .option(
    '--mapping <mapping>',
    'auto, or JSON of field to header, e.g. {"member_number":"No Anggota"}',
    'auto',
  )
  .option('--mode <mode>', 'valid_only or all_or_nothing', 'valid_only')
  .option('--dry-run', 'validate only; write nothing')
  .option(
    '--as <email>',
    "act as this account, with its scope (default: system, whole tree, audit actor 'cli')",
  )
  .action(
    async (
      kind: string,
      file: string,
      options: { mapping: string; mode: string; dryRun?: boolean; as?: string },
    ) => {
      if (kind !== 'members' && kind !== 'units') throw new Error('kind must be members or units');
      if (options.mode !== 'valid_only' && options.mode !== 'all_or_nothing')
        throw new Error('--mode must be valid_only or all_or_nothing');
      if (!existsSync(file)) throw new Error(`No such file: ${file}`);
      const mode = options.mode;
      await withDatabase(async (db, config, url) => {
        await migrateToLatest(db);
        const imports = createImportsService({
          db,
          imports: createImportsRepository(),
          clock: systemClock,
          levels: config.SETARA_UNIT_LEVELS,
          connectionString: () => url,
        });
        try {
          await runImportCommand(imports, { ...options, kind, file, mode });
        } catch (error) {
          if (error instanceof AppError)
            throw new Error(
              `Refused: ${error.code}${error.details ? ` ${JSON.stringify(error.details)}` : ''}`,
              { cause: error },
            );
          throw error;
        } finally {
          await imports.close();
        }
      });
    },
  );

async function runImportCommand(
  imports: ImportsService,
  options: {
    kind: 'members' | 'units';
    file: string;
    mode: 'valid_only' | 'all_or_nothing';
    mapping: string;
    dryRun?: boolean;
    as?: string;
  },
): Promise<void> {
  const requestId = `cli-${randomUUID()}`;
  const actor = options.as
    ? await imports.accountActor(options.as, requestId)
    : await imports.systemActor(requestId);
  const size = (await fs.stat(options.file)).size;
  const bars = new cliProgress.MultiBar(
    { format: ' {task} [{bar}] {percentage}% {value}/{total}', noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  const uploadBar = bars.create(size, 0, { task: 'upload' });
  const uploaded = await imports.uploadFile(
    actor,
    options.kind,
    path.basename(options.file),
    createReadStream(options.file, { highWaterMark: 1024 * 1024 }),
    { onBytes: (bytes) => uploadBar.update(bytes) },
  );
  uploadBar.update(size);
  bars.stop();
  out(`Uploaded ${uploaded.totalRows} rows (import ${uploaded.id}); columns: ${uploaded.headers.join(', ')}`);
  const mapping =
    options.mapping === 'auto'
      ? uploaded.suggestedMapping
      : (JSON.parse(options.mapping) as Record<string, string>);
  out(`Mapping: ${JSON.stringify(mapping)}`);
  const { summary, errors } = await imports.validateImport(actor, uploaded.id, mapping);
  const printSummary = (label: string, figures: typeof summary) =>
    out(
      `${label}: ${figures.totalRows} rows, ${figures.validRows} valid, ${figures.errorRows} with errors; ` +
        `${figures.newRows} new, ${figures.updatedRows} updated, ${figures.unchangedRows} unchanged`,
    );
  printSummary('Validation', summary);
  for (const error of errors.slice(0, 20))
    out(`  row ${error.row} ${error.field} ${error.code}: ${error.value ?? ''} (${error.message})`);
  if (errors.length > 20) out(`  … ${summary.errorRows} rows with errors in all`);
  if (options.dryRun) {
    out('Dry run: nothing written.');
    return;
  }
  if (options.mode === 'all_or_nothing' && summary.errorRows > 0) {
    out('Refused: all_or_nothing and some rows have errors. Nothing written.');
    process.exitCode = 4;
    return;
  }
  const runBar = new cliProgress.SingleBar(
    { format: ' run [{bar}] {percentage}% {value}/{total}', noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  runBar.start(uploaded.totalRows, 0);
  const { done } = await imports.startRun(actor, uploaded.id, options.mode);
  const poll = setInterval(() => {
    void imports
      .getJob(actor, uploaded.id)
      .then((job) => runBar.update(job.processedRows))
      .catch(() => undefined);
  }, 500);
  try {
    await done;
  } finally {
    clearInterval(poll);
  }
  const job = await imports.getJob(actor, uploaded.id);
  runBar.update(job.processedRows);
  runBar.stop();
  if (job.summary) printSummary('Imported', job.summary);
  out(`Import ${job.id}: ${job.status}.`);
}

program.parseAsync(process.argv).then(
  // Exit now, with the command's code: a cluster left running for the server must not keep us waiting.
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
