import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../../shared/roles.ts';
import { repoRoot } from '../state.ts';

/** What the sweep's setup hands to its tests and teardown. */
export interface SweepState {
  baseURL: string;
  serverPid: number;
  adminDatabaseUrl: string;
  databaseName: string;
  dataDir: string;
  /** Playwright storage state (the session cookie) of one signed-in demo account per role. */
  storage: Partial<Record<Role, string>>;
  /** Codes of a valid and of a revoked demo certificate, for the public verification page. */
  certificates: { valid: string; revoked: string };
}

export const sweepDir = path.join(repoRoot, '.tmp', 'sweep');
export const sweepStateFile = path.join(sweepDir, 'state.json');

export const readSweepState = (): SweepState =>
  JSON.parse(readFileSync(sweepStateFile, 'utf8')) as SweepState;

/** The route names (keys of `web/lib/paths.ts`) one role's sweep opened. */
export const openedFile = (role: Role): string => path.join(sweepDir, `opened-${role}.json`);
