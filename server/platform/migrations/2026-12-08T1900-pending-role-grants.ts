import { sql, type Kysely } from 'kysely';

/**
 * Case roles take effect only when a second person confirms them (issue 17: an administrator granted
 * herself case_coordinator and read her DPD's cases). Until then the grant waits here, apart from
 * role_grants, so that no query that reads role_grants can count an unconfirmed grant by mistake.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE pending_role_grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('case_coordinator', 'case_handler', 'legal_aid')),
      unit_id integer NOT NULL REFERENCES units(id),
      requested_by uuid NOT NULL REFERENCES users(id),
      requested_at timestamptz NOT NULL,
      UNIQUE (user_id, role, unit_id)
    );
    CREATE INDEX pending_role_grants_unit_idx ON pending_role_grants (unit_id);
    ALTER TABLE role_grants ADD COLUMN confirmed_by uuid REFERENCES users(id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE role_grants DROP COLUMN confirmed_by;
    DROP TABLE pending_role_grants;
  `.execute(db);
}
