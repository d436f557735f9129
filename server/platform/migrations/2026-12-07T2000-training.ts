import { sql, type Kysely } from 'kysely';

/**
 * Capacity building (issue 12, shared/domain/training.md): programs, thematic classes, sessions, the call
 * (seats per unit), nominations with their decision history, attendance with its correction history,
 * head counts of open sessions, and certificates with public verification codes.
 *
 * Tracks and attendance weights are data (seeded with SPN's defaults), not code. People outside the
 * membership (an external facilitator from KSPI, a guest participant) live in their own table and never
 * in `members`, so member lists and counts cannot include them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE training_tracks (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      -- Defaults for new classes of the track: a women-only class and an age limit (Pekerja Muda).
      women_only boolean NOT NULL DEFAULT false,
      max_age smallint CHECK (max_age BETWEEN 15 AND 99),
      label_id text NOT NULL CHECK (length(label_id) BETWEEN 1 AND 120),
      label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 120),
      sort_order integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true
    );
    INSERT INTO training_tracks (code, women_only, max_age, label_id, label_en, sort_order) VALUES
      ('perempuan', true, NULL, 'Kelas Perempuan', 'Women''s class', 10),
      ('pekerja_muda', false, 35, 'Kelas Pekerja Muda', 'Young workers'' class', 20),
      ('laskar', false, NULL, 'Kelas Laskar', 'Laskar class', 30),
      ('media', false, NULL, 'Kelas Media', 'Media class', 40),
      ('tkbh', false, NULL, 'Kelas TKBH', 'Legal aid (TKBH) class', 50),
      ('pendidikan_dasar', false, NULL, 'Pendidikan Dasar', 'Basic union education', 60),
      ('sop_kasus', false, NULL, 'Penanganan Kasus sesuai SOP', 'Handling cases by the SOP', 70);

    -- Points per attendance status; weighted attendance = points earned / (2 × sessions).
    CREATE TABLE training_attendance_weights (
      status text PRIMARY KEY CHECK (status IN ('present', 'late', 'excused', 'absent')),
      points numeric(4, 2) NOT NULL CHECK (points >= 0)
    );
    INSERT INTO training_attendance_weights (status, points) VALUES
      ('present', 2), ('late', 1), ('excused', 1), ('absent', 0);

    CREATE TABLE training_external_persons (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
      organisation text CHECK (length(organisation) <= 200),
      sex char(1) CHECK (sex IN ('L', 'P')),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE training_programs (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id integer NOT NULL REFERENCES units(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      partners text[] NOT NULL DEFAULT '{}',
      venue text CHECK (length(venue) <= 200),
      funding text CHECK (length(funding) <= 200),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_programs_unit_idx ON training_programs (unit_id, starts_on DESC);

    CREATE TABLE training_classes (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      program_id integer NOT NULL REFERENCES training_programs(id) ON DELETE CASCADE,
      track text NOT NULL REFERENCES training_tracks(code),
      level text NOT NULL CHECK (level IN ('dasar', 'madya', 'lanjut')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      seats integer NOT NULL CHECK (seats BETWEEN 1 AND 1000),
      women_only boolean NOT NULL,
      max_age smallint CHECK (max_age BETWEEN 15 AND 99),
      -- Completed classes required before this one: [{"track": "perempuan", "level": "dasar"}, ...].
      prerequisites jsonb NOT NULL DEFAULT '[]',
      -- Completion rule: weighted attendance share and, when a post-test exists, its score share.
      min_attendance numeric(4, 3) NOT NULL DEFAULT 0.8 CHECK (min_attendance BETWEEN 0 AND 1),
      min_post_score numeric(4, 3) DEFAULT 0.6 CHECK (min_post_score BETWEEN 0 AND 1),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      hours numeric(5, 1) CHECK (hours > 0),
      certificate_valid_years smallint CHECK (certificate_valid_years BETWEEN 1 AND 20),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_classes_program_idx ON training_classes (program_id);

    CREATE TABLE training_class_trainers (
      class_id integer NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      PRIMARY KEY (class_id, user_id)
    );
    CREATE INDEX training_class_trainers_user_idx ON training_class_trainers (user_id);

    CREATE TABLE training_facilitators (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      class_id integer NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
      member_id bigint REFERENCES members(id),
      external_person_id integer REFERENCES training_external_persons(id),
      CHECK ((member_id IS NULL) <> (external_person_id IS NULL))
    );
    CREATE UNIQUE INDEX training_facilitators_member_uq ON training_facilitators (class_id, member_id);
    CREATE UNIQUE INDEX training_facilitators_external_uq ON training_facilitators (class_id, external_person_id);

    CREATE TABLE training_sessions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      class_id integer NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
      title text CHECK (length(title) <= 200),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
      venue text CHECK (length(venue) <= 200),
      online boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_sessions_class_idx ON training_sessions (class_id, starts_at);

    -- The call: seats a unit may fill with its members' nominations.
    CREATE TABLE training_seat_allocations (
      class_id integer NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
      unit_id integer NOT NULL REFERENCES units(id),
      seats integer NOT NULL CHECK (seats BETWEEN 1 AND 1000),
      PRIMARY KEY (class_id, unit_id)
    );

    CREATE TABLE training_participants (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      class_id integer NOT NULL REFERENCES training_classes(id) ON DELETE CASCADE,
      member_id bigint REFERENCES members(id),
      external_person_id integer REFERENCES training_external_persons(id),
      nominating_unit_id integer REFERENCES units(id),
      status text NOT NULL CHECK (status IN ('nominated', 'accepted', 'waitlisted', 'returned', 'declined',
        'completed', 'not_completed', 'no_show', 'withdrawn')),
      reason text CHECK (length(reason) <= 500),
      -- Printed on the invitation; identifies her at self check-in and on the test page.
      enrolment_code text NOT NULL UNIQUE CHECK (enrolment_code ~ '^[0-9A-HJKMNP-TV-Z]{8}$'),
      nominated_by uuid REFERENCES users(id),
      nominated_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((member_id IS NULL) <> (external_person_id IS NULL)),
      CHECK (member_id IS NULL OR nominating_unit_id IS NOT NULL)
    );
    CREATE UNIQUE INDEX training_participants_member_uq ON training_participants (class_id, member_id);
    CREATE INDEX training_participants_member_idx ON training_participants (member_id, status);

    -- Every nomination and decision: who, when, why.
    CREATE TABLE training_participant_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      participant_id bigint NOT NULL REFERENCES training_participants(id) ON DELETE CASCADE,
      status text NOT NULL,
      reason text,
      actor_id uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_participant_events_idx ON training_participant_events (participant_id, id);

    CREATE TABLE training_attendance (
      session_id integer NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
      participant_id bigint NOT NULL REFERENCES training_participants(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
      via text NOT NULL CHECK (via IN ('roll_call', 'self', 'paper')),
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (session_id, participant_id)
    );
    -- The earlier value of every corrected mark.
    CREATE TABLE training_attendance_history (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      session_id integer NOT NULL,
      participant_id bigint NOT NULL,
      status text NOT NULL,
      via text NOT NULL,
      recorded_by uuid,
      recorded_at timestamptz NOT NULL,
      replaced_by uuid,
      replaced_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (session_id, participant_id) REFERENCES training_attendance(session_id, participant_id)
        ON DELETE CASCADE
    );
    -- Open sessions where names cannot be taken: head counts only.
    CREATE TABLE training_session_tallies (
      session_id integer PRIMARY KEY REFERENCES training_sessions(id) ON DELETE CASCADE,
      women integer NOT NULL CHECK (women >= 0),
      men integer NOT NULL CHECK (men >= 0),
      unknown integer NOT NULL CHECK (unknown >= 0),
      recorded_by uuid REFERENCES users(id),
      recorded_at timestamptz NOT NULL DEFAULT now()
    );

    -- Photos of signed paper sheets, kept with the session as evidence of the marks entered from them.
    CREATE TABLE training_sheet_photos (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      session_id integer NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
      media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
      data bytea NOT NULL,
      size integer NOT NULL CHECK (size > 0),
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX training_sheet_photos_session_idx ON training_sheet_photos (session_id, id);

    CREATE TABLE training_certificates (
      code text PRIMARY KEY CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{12}$'),
      participant_id bigint NOT NULL REFERENCES training_participants(id),
      issued_at timestamptz NOT NULL DEFAULT now(),
      issued_by uuid REFERENCES users(id),
      valid_until date,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users(id),
      revoke_reason text CHECK (length(revoke_reason) <= 500),
      -- A reissue points at the certificate it replaces, so the code history stays.
      replaces text REFERENCES training_certificates(code),
      CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
    );
    CREATE INDEX training_certificates_participant_idx ON training_certificates (participant_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE training_certificates, training_sheet_photos, training_session_tallies, training_attendance_history,
      training_attendance, training_participant_events, training_participants, training_seat_allocations,
      training_sessions, training_facilitators, training_class_trainers, training_classes, training_programs,
      training_external_persons, training_attendance_weights, training_tracks;
  `.execute(db);
}
