import { sql, type Kysely } from 'kysely';

/**
 * Pre/post tests of a class (issue 12, shared/domain/training.md "Tests and learning gain").
 *
 * - `training_test_items`: the class's item bank, multiple choice, in Bahasa Indonesia (English optional),
 *   each on form A or B. Without parallel forms every item is one test given before and after.
 * - `training_test_settings`: whether the class uses two parallel forms (A/B swapped between the halves of
 *   the class) and which test is open on the public page now (one at a time).
 * - `training_test_attempts`: one per participant and phase (pre/post), online or from paper, with the
 *   answers as `{ "<item id>": <option index> | null }` and the score counted when recorded.
 * - `training_test_attempt_history`: the earlier version of every corrected attempt (who/when).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE training_test_items (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      class_id integer NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
      form text NOT NULL DEFAULT 'A' CHECK (form IN ('A', 'B')),
      stem_id text NOT NULL CHECK (length(stem_id) BETWEEN 1 AND 2000),
      stem_en text CHECK (length(stem_en) BETWEEN 1 AND 2000),
      -- [{"id": "…", "en": "…" | null}, …], 2 to 6 options.
      options jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 2 AND 6),
      correct smallint NOT NULL CHECK (correct BETWEEN 0 AND 5),
      position integer NOT NULL DEFAULT 0,
      -- An item with answers is retired instead of deleted (its answers keep their key).
      active boolean NOT NULL DEFAULT true,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (correct < jsonb_array_length(options))
    );
    CREATE INDEX training_test_items_class_idx ON training_test_items (class_id, form, position, id);

    CREATE TABLE training_test_settings (
      class_id integer PRIMARY KEY REFERENCES training_classes(id) ON DELETE CASCADE,
      parallel_forms boolean NOT NULL DEFAULT false,
      open_phase text CHECK (open_phase IN ('pre', 'post')),
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE training_test_attempts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      participant_id bigint NOT NULL REFERENCES training_participants(id) ON DELETE CASCADE,
      phase text NOT NULL CHECK (phase IN ('pre', 'post')),
      form text NOT NULL CHECK (form IN ('A', 'B')),
      via text NOT NULL CHECK (via IN ('online', 'paper')),
      answers jsonb NOT NULL,
      score smallint NOT NULL CHECK (score >= 0),
      max_score smallint NOT NULL CHECK (max_score >= 1 AND score <= max_score),
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (participant_id, phase)
    );

    CREATE TABLE training_test_attempt_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      attempt_id bigint NOT NULL REFERENCES training_test_attempts(id) ON DELETE CASCADE,
      form text NOT NULL,
      via text NOT NULL,
      answers jsonb NOT NULL,
      score smallint NOT NULL,
      max_score smallint NOT NULL,
      recorded_by uuid,
      recorded_at timestamptz NOT NULL,
      replaced_by uuid REFERENCES users(id),
      replaced_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_test_attempt_history_idx ON training_test_attempt_history (attempt_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE training_test_attempt_history;
    DROP TABLE training_test_attempts;
    DROP TABLE training_test_settings;
    DROP TABLE training_test_items;
  `.execute(db);
}
