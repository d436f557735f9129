import type { Config } from '../config.ts';
import { createDatabase, type Db } from './database.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts';

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under the data folder. */
export async function openDatabase(
  config: Config,
  log: (message: string) => void,
): Promise<{ db: Db; url: string; embedded?: EmbeddedDatabase }> {
  if (config.DATABASE_URL) return { db: createDatabase(config.DATABASE_URL), url: config.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.SETARA_EMBEDDED_PG_PORT,
    log,
  });
  return { db: createDatabase(embedded.url), url: embedded.url, embedded };
}
