import { existsSync, rmSync } from 'node:fs';
import { dropDatabase } from './global-setup.ts';
import { readState, stateFile } from './state.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the server started by global setup (SIGTERM, its graceful shutdown) and drops its database. */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(stateFile)) return;
  const state = readState();
  if (state.serverPid && isAlive(state.serverPid)) {
    process.kill(state.serverPid, 'SIGTERM');
    const deadline = Date.now() + 20_000;
    while (isAlive(state.serverPid) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    if (isAlive(state.serverPid)) process.kill(state.serverPid, 'SIGKILL');
  }
  await dropDatabase(state.adminDatabaseUrl, state.databaseName);
  rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
}
