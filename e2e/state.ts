import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What global setup hands to the tests and to global teardown. */
export interface E2eState {
  baseURL: string;
  setupToken: string;
  serverPid: number;
  adminDatabaseUrl: string;
  databaseName: string;
  dataDir: string;
  logFile: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const stateFile = path.join(repoRoot, '.tmp', 'e2e-state.json');

export function readState(): E2eState {
  return JSON.parse(readFileSync(stateFile, 'utf8')) as E2eState;
}

/**
 * The administrator made by the first journey, for later spec files: each file is a fresh module, so the
 * TOTP secret (and the last code used, which the server refuses a second time) is handed over on disk.
 */
export interface E2eAdmin {
  email: string;
  name: string;
  password: string;
  totpSecret: string;
  lastTotpCode: string;
}
export const adminFile = path.join(repoRoot, '.tmp', 'e2e-admin.json');

export function saveAdmin(admin: E2eAdmin): void {
  writeFileSync(adminFile, JSON.stringify(admin, null, 2));
}

export function readAdmin(): E2eAdmin | null {
  return existsSync(adminFile) ? (JSON.parse(readFileSync(adminFile, 'utf8')) as E2eAdmin) : null;
}
