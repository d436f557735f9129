import { sql, type Kysely } from 'kysely';

/**
 * Indexes of the leadership pipeline (issue 12, bench/training-pipeline.ts): a cohort is the classes of
 * one track ending in one year; the ready pool starts from the completed participants and from the
 * appointments whose term ends soon; the funnel looks up each graduate's delegations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX training_classes_track_end_idx ON training_classes (track, ends_on);
    CREATE INDEX training_participants_completed_idx ON training_participants (member_id)
      WHERE status = 'completed';
    CREATE INDEX appointments_term_end_idx ON appointments (term_end) WHERE term_end IS NOT NULL;
    CREATE INDEX delegates_member_idx ON delegates (member_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX delegates_member_idx;
    DROP INDEX appointments_term_end_idx;
    DROP INDEX training_participants_completed_idx;
    DROP INDEX training_classes_track_end_idx;
  `.execute(db);
}
