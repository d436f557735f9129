import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, dropDatabase, startServer } from './server.ts';
import { repoRoot, stateFile, type E2eState } from './state.ts';

export { dropDatabase } from './server.ts';

const startTimeoutMs = 90_000;

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
  const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-e2e-'));
  mkdirSync(path.dirname(stateFile), { recursive: true });
  const logFile = path.join(repoRoot, '.tmp', 'e2e-server.log');

  const server = await startServer({
    databaseUrl,
    dataDir,
    logFile,
    waitFor: /(https?:\/\/[^\s/]+)\/setup#token=([A-Za-z0-9_~.%-]+)/,
    timeoutMs: startTimeoutMs,
  }).catch(async (error: unknown) => {
    await dropDatabase(adminDatabaseUrl, databaseName).catch(() => undefined);
    throw error;
  });

  const state: E2eState = {
    baseURL: server.baseURL,
    setupToken: decodeURIComponent(server.matched[2] ?? ''),
    serverPid: server.process.pid ?? 0,
    adminDatabaseUrl,
    databaseName,
    dataDir,
    logFile,
  };
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  // Workers load the config again and read this for `use.baseURL`.
  process.env.E2E_BASE_URL = server.baseURL;
}
