import { sql, type Kysely } from 'kysely';

/**
 * Cadre stages (issue 12, shared/domain/training.md "Cadre stages"): the ladder and each stage's rule are
 * data (SPN's default `anggota → kader_dasar → kader_madya → kader_utama → fasilitator` seeded here), the
 * system proposes a promotion when a member meets a stage's rule, an officer of the level above confirms
 * or declines it, and each confirmed stage is a dated record with who confirmed it and its evidence.
 *
 * `cadre_stage_records` is also what the leadership pipeline reads for its "cadre stage" step: a member's
 * stage is her highest-ranked record that is not withdrawn.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cadre_stages (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      -- Position on the ladder: 0 is every member (anggota), higher is further up.
      rank smallint NOT NULL UNIQUE CHECK (rank BETWEEN 0 AND 50),
      label_id text NOT NULL CHECK (length(label_id) BETWEEN 1 AND 120),
      label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 120),
      -- The rule to reach this stage (rank 0 has none): completed classes, in all and of these tracks,
      -- at least one at this level or above, mean weighted attendance over them, and time since the
      -- member reached the stage below.
      min_completed_classes smallint NOT NULL DEFAULT 0 CHECK (min_completed_classes BETWEEN 0 AND 100),
      required_tracks text[] NOT NULL DEFAULT '{}',
      min_level text CHECK (min_level IN ('dasar', 'madya', 'lanjut')),
      min_attendance numeric(4, 3) CHECK (min_attendance BETWEEN 0 AND 1),
      min_months_since_previous smallint NOT NULL DEFAULT 0 CHECK (min_months_since_previous BETWEEN 0 AND 240),
      -- Facilitated classes (as a member facilitator) needed, for the facilitator stage.
      min_facilitated_classes smallint NOT NULL DEFAULT 0 CHECK (min_facilitated_classes BETWEEN 0 AND 100),
      active boolean NOT NULL DEFAULT true
    );
    INSERT INTO cadre_stages
      (code, rank, label_id, label_en, min_completed_classes, required_tracks, min_level, min_attendance,
       min_months_since_previous, min_facilitated_classes) VALUES
      ('anggota', 0, 'Anggota', 'Member', 0, '{}', NULL, NULL, 0, 0),
      ('kader_dasar', 1, 'Kader Dasar', 'Basic cadre', 1, '{}', 'dasar', 0.8, 0, 0),
      ('kader_madya', 2, 'Kader Madya', 'Intermediate cadre', 2, '{}', 'madya', 0.8, 12, 0),
      ('kader_utama', 3, 'Kader Utama', 'Senior cadre', 3, '{}', 'lanjut', 0.8, 24, 0),
      ('fasilitator', 4, 'Fasilitator', 'Facilitator', 3, '{}', 'lanjut', 0.8, 12, 1);

    CREATE TABLE cadre_stage_proposals (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member_id bigint NOT NULL REFERENCES members(id),
      stage text NOT NULL REFERENCES cadre_stages(code),
      proposed_at timestamptz NOT NULL DEFAULT now(),
      -- What met the rule: participant ids of the completed classes, facilitated class ids, the record below.
      evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'declined')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_reason text CHECK (length(decision_reason) <= 1000),
      CHECK ((status = 'open') = (decided_at IS NULL))
    );
    CREATE UNIQUE INDEX cadre_stage_proposals_open_uq ON cadre_stage_proposals (member_id, stage)
      WHERE status = 'open';

    CREATE TABLE cadre_stage_records (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member_id bigint NOT NULL REFERENCES members(id),
      stage text NOT NULL REFERENCES cadre_stages(code),
      achieved_on date NOT NULL,
      proposal_id bigint REFERENCES cadre_stage_proposals(id),
      confirmed_by uuid REFERENCES users(id),
      -- The unit whose officer confirmed it (the level above the member's home unit).
      confirmed_unit_id integer REFERENCES units(id),
      confirmed_at timestamptz NOT NULL DEFAULT now(),
      evidence jsonb NOT NULL DEFAULT '{}'::jsonb,
      evidence_note text CHECK (length(evidence_note) <= 2000),
      withdrawn_at timestamptz,
      withdrawn_by uuid REFERENCES users(id),
      withdrawn_reason text CHECK (length(withdrawn_reason) <= 1000),
      CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
    );
    CREATE UNIQUE INDEX cadre_stage_records_current_uq ON cadre_stage_records (member_id, stage)
      WHERE withdrawn_at IS NULL;
    CREATE INDEX cadre_stage_records_member_idx ON cadre_stage_records (member_id) WHERE withdrawn_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE cadre_stage_records, cadre_stage_proposals, cadre_stages;`.execute(db);
}
