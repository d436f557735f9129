import { execFileSync, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from '@playwright/test';
import { roles, type Role } from '../../shared/roles.ts';
import { createDatabase, dropDatabase, startServer } from '../server.ts';
import { repoRoot } from '../state.ts';
import { totpCode } from '../support.ts';
import { sweepDir, sweepStateFile, type SweepState } from './sweep-state.ts';

/** The account lines `npm run demo` prints: role, unit, e-mail, password. */
const accountLine = /^\s+([a-z_]+)\s+(.+?)\s+(demo\.\S+@setara\.test)\s+(\S+)\s*$/gm;

/**
 * One server on one demo database for the whole sweep: `npm run demo` loads the synthetic union into a
 * fresh database (before the server starts, as the demo requires), then every demo role signs in once
 * (case roles enrol TOTP as at a first sign-in) and its session is kept for the sweep's browser contexts.
 */
export default async function sweepSetup(): Promise<void> {
  const adminDatabaseUrl = process.env.DATABASE_URL;
  if (!adminDatabaseUrl) throw new Error('The page sweep needs DATABASE_URL, a PostgreSQL server URL');
  execSync('npx vite build --logLevel warn', { cwd: repoRoot, stdio: 'inherit' });

  mkdirSync(sweepDir, { recursive: true });
  const databaseName = `setara_sweep_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await createDatabase(adminDatabaseUrl, databaseName);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-sweep-'));
  const env = { ...process.env, DATABASE_URL: databaseUrl, SETARA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  let demoOutput: string;
  try {
    demoOutput = execFileSync(process.execPath, ['--import', 'tsx', 'server/demo/run.ts'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    await dropDatabase(adminDatabaseUrl, databaseName);
    throw error;
  }
  const accounts = new Map<Role, { email: string; password: string }>();
  for (const match of demoOutput.matchAll(accountLine)) {
    const role = match[1] as Role;
    if (roles.includes(role) && !accounts.has(role) && match[3] && match[4])
      accounts.set(role, { email: match[3], password: match[4] });
  }
  const missing = roles.filter((role) => !accounts.has(role));
  if (missing.length > 0) throw new Error(`npm run demo printed no account for ${missing.join(', ')}`);

  const server = await startServer({
    databaseUrl,
    dataDir,
    logFile: path.join(sweepDir, 'server.log'),
    waitFor: /Setara is ready on/,
    timeoutMs: 90_000,
    env: { LOG_LEVEL: 'warn' },
  });

  const storage: Partial<Record<Role, string>> = {};
  for (const [role, account] of accounts) {
    const api = await request.newContext({ baseURL: server.baseURL });
    const call = async <T>(method: string, url: string, data?: unknown): Promise<T> => {
      const csrf = (await (await api.get('/api/v1/csrf')).json()) as { token: string };
      const response = await api.fetch(`/api/v1${url}`, {
        method,
        data,
        headers: { 'x-csrf-token': csrf.token },
      });
      if (!response.ok()) throw new Error(`${role}: ${method} ${url} answered ${response.status()}`);
      return (await response.json()) as T;
    };
    const login = await call<{ stage: string }>('POST', '/auth/login', account);
    if (login.stage === 'enrol') {
      const { secret } = await call<{ secret: string }>('POST', '/me/totp/start');
      await call('POST', '/me/totp/confirm', { code: totpCode(secret) });
    } else if (login.stage !== 'full') {
      throw new Error(`${role}: unexpected sign-in stage ${login.stage}`);
    }
    const file = path.join(sweepDir, `${role}.json`);
    await api.storageState({ path: file });
    storage[role] = file;
    await api.dispose();
  }

  const state: SweepState = {
    baseURL: server.baseURL,
    serverPid: server.process.pid ?? 0,
    adminDatabaseUrl,
    databaseName,
    dataDir,
    storage,
  };
  writeFileSync(sweepStateFile, JSON.stringify(state, null, 2));
}
