import { Kysely, Migrator, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database-types.ts';
import { migrations } from './migrations/index.ts';

export type { Database } from './database-types.ts';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type DbOrTx = Kysely<Database>;

// bigint (int8) comes back as a string by default; counts are cast with ::int in SQL instead.
// `date` (OID 1082) stays a 'YYYY-MM-DD' string: a calendar date has no time zone to shift it.
pg.types.setTypeParser(1082, (value: string) => value);

export function createDatabase(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max, application_name: 'setara' });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(
      `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      {
        cause: error,
      },
    );
  }
  return (results ?? []).map((result) => result.migrationName);
}

/** True when every migration file has been applied (used by /readyz). */
export async function hasPendingMigrations(db: Db): Promise<boolean> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.some((migration) => !migration.executedAt);
}
