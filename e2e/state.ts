import { readFileSync } from 'node:fs';
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
