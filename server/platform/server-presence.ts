import pg from 'pg';

/**
 * A running server holds a shared advisory lock on its database for its whole life, on one dedicated
 * connection, so an operator command can tell whether a live server uses the database (embedded or
 * DATABASE_URL alike, any number of instances) and refuse the commands that would pull the database out
 * from under it (`restore` replaces every row; `keys rotate` re-wraps data keys the servers hold the old
 * master key for). A server that dies loses its connection and with it the lock.
 */
const PRESENCE_LOCK = "hashtext('setara.server-presence')";

export class ServerRunningError extends Error {}

export interface ServerPresence {
  release(): Promise<void>;
}

/** Called by main.ts before migrations; released at shutdown after the HTTP server has drained. */
export async function holdServerPresence(url: string): Promise<ServerPresence> {
  const client = new pg.Client({ connectionString: url, application_name: 'setara-server-presence' });
  // A dropped connection only loses the marker; it must not crash the server.
  client.on('error', () => undefined);
  await client.connect();
  await client.query(`SELECT pg_advisory_lock_shared(${PRESENCE_LOCK})`);
  return { release: () => client.end() };
}

/**
 * Runs `work` only when no server is running on the database, holding the exclusive lock meanwhile (a
 * server starting meanwhile waits before its migrations). Otherwise throws ServerRunningError.
 */
export async function withNoServerRunning<T>(url: string, what: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'setara-cli' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(${PRESENCE_LOCK}) AS locked`,
    );
    if (!rows[0]?.locked)
      throw new ServerRunningError(
        `Refused: a Setara server is running on this database. Stop every server instance before you ${what}, then run the command again.`,
      );
    return await work();
  } finally {
    await client.end();
  }
}
