import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase, migrateToLatest } from '../platform/database.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../platform/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server-level connection string (any database); test files create their own databases. */
    serverUrl: string;
    /** Name of the migrated template database each test file clones. */
    templateDatabase: string;
  }
}

/**
 * Uses DATABASE_URL when set (CI: the PostgreSQL on 127.0.0.1:5432), otherwise starts an embedded
 * PostgreSQL for the run. Migrates one template database; every test file clones it, so files run in
 * parallel on their own databases.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.resolve('.tmp/test-pg'),
      port: Number(process.env.SETARA_TEST_PG_PORT ?? 5499),
    });
    serverUrl = embedded.adminUrl;
  }
  const templateDatabase = `setara_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  const url = new URL(serverUrl);
  url.pathname = `/${templateDatabase}`;
  const db = createDatabase(url.toString(), 1);
  await migrateToLatest(db);
  await db.destroy();
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    // Test files drop their own databases; sweep what a crashed file may have left.
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`setara_t_${process.pid}_%`, templateDatabase],
    );
    for (const row of leftovers.rows)
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
  };
}
