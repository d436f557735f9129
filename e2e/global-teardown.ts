import { existsSync, rmSync } from 'node:fs';
import { dropDatabase } from './server.ts';
import { readState, stateFile } from './state.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM (the server's graceful shutdown), then SIGKILL if it has not stopped within 20 s. */
export async function stopServer(pid: number): Promise<void> {
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Stops the server started by global setup and drops its database. */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(stateFile)) return;
  const state = readState();
  await stopServer(state.serverPid);
  await dropDatabase(state.adminDatabaseUrl, state.databaseName);
  rmSync(state.dataDir, { recursive: true, force: true });
  rmSync(stateFile, { force: true });
}
