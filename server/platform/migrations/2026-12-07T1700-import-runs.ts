import { sql, type Kysely } from 'kysely';

/**
 * Imports run on the job queue. `run_attempts` counts how often a run was started (a run cut off by a
 * crash is retried by another instance, up to a limit, instead of waiting 24 h to be marked failed);
 * `request_id` keeps the request that started the run for the audit row written by whichever instance
 * finishes it. The partial index serves the recovery sweep, which looks for `running` imports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE import_jobs
      ADD COLUMN run_attempts integer NOT NULL DEFAULT 0,
      ADD COLUMN request_id text;
    CREATE INDEX import_jobs_running ON import_jobs (created_at) WHERE status = 'running';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX import_jobs_running;
    ALTER TABLE import_jobs DROP COLUMN run_attempts, DROP COLUMN request_id;
  `.execute(db);
}
