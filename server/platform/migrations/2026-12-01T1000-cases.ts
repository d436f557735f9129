import { sql, type Kysely } from 'kysely';

/**
 * Safe reporting and SOP case handling. Coded fields (forms, place, relationship, units, dates, state)
 * stay in clear for routing, deadlines and statistics; everything that could identify a person or tell
 * what happened (narrative, identities, contacts, notes, messages, files, reasons) is sealed with the
 * case's own data key (server/platform/crypto.ts) before it reaches these tables.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A staff account may be linked to its member record: conflict checks (the named person's own
    -- account, officers of the named person's PSP) and same-gender handler requests need it.
    ALTER TABLE users ADD COLUMN member_id bigint UNIQUE REFERENCES members(id);

    CREATE SEQUENCE case_reference_seq;

    CREATE TABLE cases (
      id uuid PRIMARY KEY,
      reference text NOT NULL UNIQUE,
      data_key_id uuid NOT NULL REFERENCES data_keys(id),
      -- 20-bit index of a keyed hash of the receipt, and its Argon2id verifier; never the receipt.
      receipt_index text NOT NULL,
      receipt_hash text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('web','tatap_muka','telepon','whatsapp')),
      reporter_role text NOT NULL,
      forms text[] NOT NULL CHECK (cardinality(forms) >= 1),
      place text NOT NULL,
      relationship text NOT NULL,
      named_office text NOT NULL,
      wishes text[] NOT NULL DEFAULT '{}',
      asks_dpp boolean NOT NULL DEFAULT false,
      same_gender_handler boolean NOT NULL DEFAULT false,
      survivor_sex text CHECK (survivor_sex IN ('L','P')),
      survivor_age_band text,
      incident_date date,
      incident_date_approximate boolean NOT NULL DEFAULT false,
      place_unit_id integer REFERENCES units(id),
      handling_unit_id integer NOT NULL REFERENCES units(id),
      routing_reason text NOT NULL,
      routing_conflict boolean NOT NULL DEFAULT false,
      state text NOT NULL DEFAULT 'received'
        CHECK (state IN ('received','triage','handling','monitoring','closed')),
      outcome text,
      closing_reason text,
      received_at timestamptz NOT NULL,
      first_contact_at timestamptz,
      first_consent_at timestamptz,
      last_team_update_at timestamptz,
      outcome_at timestamptz,
      closed_at timestamptz,
      next_deadline_kind text,
      next_deadline_at timestamptz,
      -- Sealed JSON: narrative, place detail, reporter identity and contact, named person's identifiers.
      content_sealed text NOT NULL,
      -- Rights checklist (UU TPKS Arts. 68–70): item code → status code; notes sealed apart.
      rights jsonb NOT NULL DEFAULT '{}',
      rights_notes_sealed text,
      ethics_status text,
      ethics_note_sealed text,
      ethics_updated_at timestamptz,
      created_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX cases_handling_deadline ON cases (handling_unit_id, next_deadline_at NULLS LAST, id);
    CREATE INDEX cases_handling_received ON cases (handling_unit_id, received_at DESC, id);
    CREATE INDEX cases_receipt_index ON cases (receipt_index);

    CREATE TABLE case_assignments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      role text NOT NULL CHECK (role IN ('handler','legal_aid')),
      assigned_at timestamptz NOT NULL,
      assigned_by uuid REFERENCES users(id),
      ended_at timestamptz
    );
    CREATE UNIQUE INDEX case_assignments_open ON case_assignments (case_id, user_id, role) WHERE ended_at IS NULL;
    CREATE INDEX case_assignments_user ON case_assignments (user_id) WHERE ended_at IS NULL;

    -- Accounts that may never see the case (conflicts of interest, recusals). Why is sealed elsewhere:
    -- the reason "named person" next to an account id would itself identify the named person.
    CREATE TABLE case_exclusions (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      PRIMARY KEY (case_id, user_id)
    );

    -- The timeline: who did what, when; coded facts in clear, the reason or note text sealed.
    CREATE TABLE case_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- Order of writing, for entries made within the same instant.
      seq bigint GENERATED ALWAYS AS IDENTITY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      actor_id uuid REFERENCES users(id),
      actor_kind text NOT NULL CHECK (actor_kind IN ('user','reporter','system')),
      kind text NOT NULL,
      facts jsonb NOT NULL DEFAULT '{}',
      text_sealed text
    );
    CREATE INDEX case_events_case ON case_events (case_id, at);

    CREATE TABLE case_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- Order of writing, for entries made within the same instant.
      seq bigint GENERATED ALWAYS AS IDENTITY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      from_reporter boolean NOT NULL,
      author_id uuid REFERENCES users(id),
      body_sealed text NOT NULL
    );
    CREATE INDEX case_messages_case ON case_messages (case_id, at);

    CREATE TABLE case_consents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- Order of writing, for entries made within the same instant.
      seq bigint GENERATED ALWAYS AS IDENTITY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      route text NOT NULL,
      status text NOT NULL CHECK (status IN ('given','refused','withdrawn')),
      recorded_at timestamptz NOT NULL,
      recorded_by uuid REFERENCES users(id),
      note_sealed text
    );
    CREATE INDEX case_consents_case ON case_consents (case_id, route, recorded_at);

    CREATE TABLE case_referrals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      service text NOT NULL,
      recipient_sealed text,
      referred_on date NOT NULL,
      status text NOT NULL,
      outcome_sealed text,
      emergency boolean NOT NULL DEFAULT false,
      emergency_reason_sealed text,
      needs_review boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id),
      reviewed_at timestamptz,
      reviewed_by uuid REFERENCES users(id)
    );
    CREATE INDEX case_referrals_case ON case_referrals (case_id);

    CREATE TABLE case_measures (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      kind text NOT NULL,
      status text NOT NULL,
      description_sealed text,
      started_on date,
      created_at timestamptz NOT NULL,
      created_by uuid REFERENCES users(id)
    );
    CREATE INDEX case_measures_case ON case_measures (case_id);

    CREATE TABLE case_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      from_reporter boolean NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      name_sealed text NOT NULL,
      media_type text NOT NULL,
      size integer NOT NULL,
      content_sealed text NOT NULL
    );
    CREATE INDEX case_files_case ON case_files (case_id);

    -- Every read of case content: who, when, which case, what part.
    CREATE TABLE case_access_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      at timestamptz NOT NULL,
      part text NOT NULL
    );
    CREATE INDEX case_access_log_case ON case_access_log (case_id, at);

    -- Anti-abuse counters for the public pages: a keyed hash that rotates daily, never an address.
    CREATE TABLE public_throttle (
      bucket text NOT NULL,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (bucket, window_start)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE public_throttle, case_access_log, case_files, case_measures, case_referrals, case_consents,
      case_messages, case_events, case_exclusions, case_assignments, cases;
    DROP SEQUENCE case_reference_seq;
    ALTER TABLE users DROP COLUMN member_id;
  `.execute(db);
}
