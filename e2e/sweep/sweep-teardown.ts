import { existsSync, rmSync } from 'node:fs';
import { stopServer } from '../global-teardown.ts';
import { dropDatabase } from '../server.ts';
import { readSweepState, sweepStateFile } from './sweep-state.ts';

/** Stops the sweep's server and drops its demo database. */
export default async function sweepTeardown(): Promise<void> {
  if (!existsSync(sweepStateFile)) return;
  const state = readSweepState();
  await stopServer(state.serverPid);
  await dropDatabase(state.adminDatabaseUrl, state.databaseName);
  rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(sweepStateFile, { force: true });
}
