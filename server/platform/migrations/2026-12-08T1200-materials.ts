import { sql, type Kysely } from 'kysely';

/**
 * The materials library (issue 13 "Materials library", campaigns-and-commitment.md): flyers, posters,
 * banners, training modules, the SOP text and video links, each owned by a unit, with numbered versions
 * (files whose type is sniffed from the bytes, or a link for a video), the campaign activities that used a
 * version, and download counts per version and day.
 *
 * The counter table has no address, user agent or time of day on purpose: "downloads counted without
 * storing addresses" — a day's total is all anyone learns.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE materials (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- The public address /materi/<slug>; letters, digits and dashes, unique.
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
      owner_unit_id integer NOT NULL REFERENCES units(id),
      kind text NOT NULL CHECK (kind IN ('flyer', 'poster', 'banner', 'module', 'sop_text', 'video_link')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      summary text CHECK (length(summary) <= 2000),
      language text NOT NULL CHECK (language IN ('id', 'en', 'regional')),
      audience text NOT NULL CHECK (audience IN ('members', 'officers', 'employers', 'public')),
      licence text NOT NULL CHECK (licence IN ('cc_by', 'cc_by_sa', 'cc_by_nc_sa', 'union_use', 'all_rights_reserved')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'unpublished')),
      published_at timestamptz,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX materials_owner_idx ON materials (owner_unit_id);
    CREATE INDEX materials_published_idx ON materials (published_at DESC) WHERE status = 'published';

    CREATE TABLE material_versions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      material_id integer NOT NULL REFERENCES materials(id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      note text CHECK (length(note) <= 1000),
      -- A video link's address (https only); file versions have files instead.
      url text CHECK (url ~ '^https://' AND length(url) <= 500),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (material_id, number)
    );

    -- A version's files: type sniffed from the bytes, size and SHA-256 as stored (platform/uploads.ts).
    CREATE TABLE material_files (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version_id integer NOT NULL REFERENCES material_versions(id) ON DELETE CASCADE,
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      media_type text NOT NULL,
      size integer NOT NULL CHECK (size > 0),
      sha256 bytea NOT NULL CHECK (length(sha256) = 32),
      data bytea NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX material_files_version_idx ON material_files (version_id);

    -- Which version a campaign activity used ("which campaigns used them").
    CREATE TABLE material_activity_links (
      activity_id integer NOT NULL REFERENCES campaign_activities(id) ON DELETE CASCADE,
      version_id integer NOT NULL REFERENCES material_versions(id) ON DELETE CASCADE,
      linked_by uuid REFERENCES users(id),
      linked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (activity_id, version_id)
    );
    CREATE INDEX material_activity_links_version_idx ON material_activity_links (version_id);

    -- Downloads per version per day (Asia/Jakarta): a counter, never who downloaded.
    CREATE TABLE material_downloads (
      version_id integer NOT NULL REFERENCES material_versions(id) ON DELETE CASCADE,
      day_on date NOT NULL,
      count integer NOT NULL DEFAULT 0 CHECK (count >= 0),
      PRIMARY KEY (version_id, day_on)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE material_downloads, material_activity_links, material_files, material_versions, materials;
  `.execute(db);
}
