import { sql, type Kysely } from 'kysely';

/**
 * Education campaigns against gender-based violence at work (issue 13, shared/domain/
 * campaigns-and-commitment.md "Campaigns"): campaigns with a parent (a national "16 Hari Anti
 * Kekerasan" and one sub-campaign per DPD), their days (the 16 Days template pre-fills them), goals by
 * sex, activities of kinds kept as data, facilitators, evidence photos and reach — a tally of women,
 * men and unknown, or a named roll-call list of members.
 *
 * Facilitators from outside the membership are kept on the activity (name, organisation) rather than in
 * `training_external_persons`: that table belongs to the training module, and a campaign facilitator is
 * a name on one activity, never matched or counted elsewhere.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE campaign_activity_kinds (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      label_id text NOT NULL CHECK (length(label_id) BETWEEN 1 AND 120),
      label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 120),
      sort_order integer NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true
    );
    INSERT INTO campaign_activity_kinds (code, label_id, label_en, sort_order) VALUES
      ('workplace_socialisation', 'Sosialisasi di tempat kerja (PSP)', 'Workplace socialisation (PSP)', 10),
      ('workshop', 'Lokakarya', 'Workshop', 20),
      ('stand', 'Stan', 'Stand', 30),
      ('leaflet_distribution', 'Pembagian leaflet', 'Leaflet distribution', 40),
      ('factory_visit', 'Kunjungan pabrik', 'Factory visit', 50),
      ('media_post', 'Siaran radio / media sosial', 'Radio or social-media post', 60);

    CREATE TABLE campaigns (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      parent_id integer REFERENCES campaigns(id),
      owner_unit_id integer NOT NULL REFERENCES units(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      theme text CHECK (length(theme) <= 500),
      -- The work-plan pillar the campaign serves (education against KBG at work, the workshop's seed).
      pillar text NOT NULL DEFAULT 'education_kbg' CHECK (pillar ~ '^[a-z][a-z0-9_]{1,39}$'),
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
      -- 'sixteen_days' when made from the 16 Days template (25 Nov – 10 Dec).
      template text CHECK (template IN ('sixteen_days')),
      goal_women integer CHECK (goal_women BETWEEN 0 AND 10000000),
      goal_men integer CHECK (goal_men BETWEEN 0 AND 10000000),
      goal_units integer CHECK (goal_units BETWEEN 0 AND 100000),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (parent_id IS NULL OR parent_id <> id)
    );
    CREATE INDEX campaigns_owner_idx ON campaigns (owner_unit_id, starts_on DESC);
    CREATE INDEX campaigns_parent_idx ON campaigns (parent_id);

    -- A theme per day (the 16 Days template fills 25 Nov – 10 Dec).
    CREATE TABLE campaign_days (
      campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      day_on date NOT NULL,
      theme text NOT NULL CHECK (length(theme) BETWEEN 1 AND 300),
      PRIMARY KEY (campaign_id, day_on)
    );

    CREATE TABLE campaign_activities (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      campaign_id integer NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
      kind text NOT NULL REFERENCES campaign_activity_kinds(code),
      host_unit_id integer NOT NULL REFERENCES units(id),
      held_on date NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      place text CHECK (length(place) <= 200),
      materials text CHECK (length(materials) <= 1000),
      -- Reach: 'tally' (head count by sex) or 'named' (a roll-call list of members).
      reach_mode text NOT NULL DEFAULT 'tally' CHECK (reach_mode IN ('tally', 'named')),
      women integer CHECK (women BETWEEN 0 AND 1000000),
      men integer CHECK (men BETWEEN 0 AND 1000000),
      unknown integer CHECK (unknown BETWEEN 0 AND 1000000),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((women IS NULL) = (men IS NULL) AND (men IS NULL) = (unknown IS NULL))
    );
    CREATE INDEX campaign_activities_campaign_idx ON campaign_activities (campaign_id, held_on);
    CREATE INDEX campaign_activities_host_idx ON campaign_activities (host_unit_id);

    CREATE TABLE campaign_activity_facilitators (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      activity_id integer NOT NULL REFERENCES campaign_activities(id) ON DELETE CASCADE,
      member_id bigint REFERENCES members(id),
      full_name text CHECK (length(full_name) BETWEEN 1 AND 200),
      organisation text CHECK (length(organisation) <= 200),
      CHECK ((member_id IS NULL) <> (full_name IS NULL))
    );
    CREATE UNIQUE INDEX campaign_activity_facilitators_member_uq
      ON campaign_activity_facilitators (activity_id, member_id);

    -- The named list: members reached, marked by roll call; one row per member and activity.
    CREATE TABLE campaign_activity_attendees (
      activity_id integer NOT NULL REFERENCES campaign_activities(id) ON DELETE CASCADE,
      member_id bigint NOT NULL REFERENCES members(id),
      via text NOT NULL DEFAULT 'roll_call' CHECK (via IN ('roll_call')),
      marked_by uuid REFERENCES users(id),
      marked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (activity_id, member_id)
    );

    -- Photos as evidence of an activity (type sniffed from the bytes, size-limited: platform/uploads.ts).
    CREATE TABLE campaign_activity_photos (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      activity_id integer NOT NULL REFERENCES campaign_activities(id) ON DELETE CASCADE,
      media_type text NOT NULL,
      data bytea NOT NULL,
      size integer NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX campaign_activity_photos_activity_idx ON campaign_activity_photos (activity_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE campaign_activity_photos, campaign_activity_attendees, campaign_activity_facilitators,
      campaign_activities, campaign_days, campaigns, campaign_activity_kinds;
  `.execute(db);
}
