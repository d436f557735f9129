import { sql, type Kysely } from 'kysely';

/**
 * Paper lists of the Joint Commitment become records (commitment.md "Paper lists"): who typed which
 * sheet, for which unit and day, with its outcome counts, so the photo of the signed sheet is kept with
 * it. Photos follow training sheet photos and campaign activity photos: type sniffed from the bytes and
 * size-limited (platform/uploads.ts), the bytes in the database next to the list.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE commitment_paper_lists (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version_id integer NOT NULL REFERENCES commitment_versions(id),
      unit_id integer NOT NULL REFERENCES units(id),
      signed_on date NOT NULL,
      row_count integer NOT NULL CHECK (row_count > 0),
      by_number integer NOT NULL,
      by_name integer NOT NULL,
      merged integer NOT NULL,
      unmatched integer NOT NULL,
      entered_by uuid REFERENCES users(id),
      entered_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commitment_paper_lists_unit_idx ON commitment_paper_lists (unit_id);

    CREATE TABLE commitment_paper_list_photos (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      paper_list_id integer NOT NULL REFERENCES commitment_paper_lists(id) ON DELETE CASCADE,
      media_type text NOT NULL,
      data bytea NOT NULL,
      size integer NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commitment_paper_list_photos_list_idx ON commitment_paper_list_photos (paper_list_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE commitment_paper_list_photos, commitment_paper_lists;`.execute(db);
}
