import { spawn, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { repoRoot, stateFile, type E2eState } from './state.ts';

const startTimeoutMs = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // The name is generated here from [a-z0-9_] only, so quoting it is enough.
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts the real server against a fresh database and waits for the one line that carries the
 * first-run setup link (`…/setup#token=…`).
 */
export default async function globalSetup(): Promise<void> {
  const adminDatabaseUrl = process.env.DATABASE_URL;
  if (!adminDatabaseUrl) {
    throw new Error(
      'E2E tests need DATABASE_URL, a PostgreSQL server URL such as postgres://postgres@127.0.0.1:5432/postgres',
    );
  }

  // Always build (about a second): a stale dist/web would test yesterday's screens.
  execSync('npx vite build', { cwd: repoRoot, stdio: 'inherit' });

  const databaseName = `setara_e2e_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await createDatabase(adminDatabaseUrl, databaseName);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-e2e-'));
  mkdirSync(path.dirname(stateFile), { recursive: true });
  const logFile = path.join(repoRoot, '.tmp', 'e2e-server.log');
  const log = createWriteStream(logFile);

  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SETARA_DATA_DIR: dataDir,
      SETARA_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep draining both pipes for the whole run, or the server blocks once a pipe buffer fills.
  server.stderr.on('data', (chunk: Buffer) => log.write(chunk));

  const { baseURL, setupToken } = await new Promise<{ baseURL: string; setupToken: string }>(
    (resolve, reject) => {
      let buffered = '';
      const timer = setTimeout(() => {
        reject(
          new Error(`The server printed no setup link within ${startTimeoutMs / 1000} s; see ${logFile}`),
        );
      }, startTimeoutMs);
      server.stdout.on('data', (chunk: Buffer) => {
        log.write(chunk);
        buffered += chunk.toString('utf8');
        const match = /(https?:\/\/[^\s/]+)\/setup#token=([A-Za-z0-9_~.%-]+)/.exec(buffered);
        if (match?.[1] && match[2]) {
          clearTimeout(timer);
          buffered = '';
          resolve({ baseURL: match[1], setupToken: decodeURIComponent(match[2]) });
        }
      });
      server.on('exit', (code) => {
        clearTimeout(timer);
        reject(
          new Error(`The server exited with code ${code} before printing the setup link; see ${logFile}`),
        );
      });
    },
  ).catch(async (error: unknown) => {
    server.kill('SIGTERM');
    await dropDatabase(adminDatabaseUrl, databaseName).catch(() => undefined);
    throw error;
  });

  const state: E2eState = {
    baseURL,
    setupToken,
    serverPid: server.pid ?? 0,
    adminDatabaseUrl,
    databaseName,
    dataDir,
    logFile,
  };
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  // Workers load the config again and read this for `use.baseURL`.
  process.env.E2E_BASE_URL = baseURL;
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
