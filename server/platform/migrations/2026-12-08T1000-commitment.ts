import { sql, type Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import { canonicalText, versionOne } from '../../../shared/commitment-text.ts';

/**
 * The Joint Commitment (Komitmen Bersama) against violence and harassment (issue 13,
 * shared/domain/campaigns-and-commitment.md "The Joint Commitment").
 *
 * - `commitment_versions`: the text (id/en) and its points, the SHA-256 of the canonical text
 *   (modules/commitment/commitment-text.ts), the adopting forum and date, and a status. At most one
 *   version is active. Activating a new one supersedes the old one and its open signatures.
 * - `commitment_signatures`: one row per signatory of a version: a member (matched to her record), a
 *   person outside the membership (name, organisation, sex here, never in `members`), a unit's adoption
 *   (forum, date, decree number), or a PSP with its company (management co-signature). `unit_id` is the
 *   unit the signature counts under and the one staff scope is judged by.
 * - `commitment_signature_events`: every status change with who, when and why.
 * - `commitment_receipts`: receipt codes, stored only as an HMAC under a key derived from the master key
 *   (never in the database), so a leaked dump neither shows receipts nor lets anyone test guessed ones.
 *   A signature may hold several receipts: a member who signs twice keeps one signature (duplicates merge)
 *   and each submission gets its own receipt, so the second answer looks exactly like the first.
 *
 * Nothing here stores an address or a user agent.
 *
 * Version 1 is seeded as adopted in Bogor on 16 Nov 2025. Its wording is Setara's paraphrase of SPN's nine
 * points, `wording_placeholder = true`, for SPN to replace with the official text (a new version).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE commitment_versions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number integer NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 1000),
      title_id text NOT NULL CHECK (length(title_id) BETWEEN 1 AND 300),
      title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 300),
      preamble_id text NOT NULL CHECK (length(preamble_id) <= 5000),
      preamble_en text NOT NULL CHECK (length(preamble_en) <= 5000),
      -- [{"id": "…", "en": "…"}, …] in order, 1 to 30 points.
      points jsonb NOT NULL CHECK (jsonb_typeof(points) = 'array'),
      text_sha256 bytea NOT NULL CHECK (length(text_sha256) = 32),
      forum text NOT NULL CHECK (length(forum) BETWEEN 1 AND 300),
      adopted_on date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'superseded')),
      wording_placeholder boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      activated_at timestamptz,
      activated_by uuid REFERENCES users(id),
      superseded_at timestamptz
    );
    -- One active version at a time.
    CREATE UNIQUE INDEX commitment_versions_one_active ON commitment_versions ((true)) WHERE status = 'active';

    CREATE TABLE commitment_signatures (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version_id integer NOT NULL REFERENCES commitment_versions(id),
      kind text NOT NULL CHECK (kind IN ('member', 'person', 'unit', 'psp_company')),
      -- The unit it counts under and scope is judged by: the member's home unit at signing, the adopting
      -- unit or PSP, or for a person outside the membership the region she named (else the top unit).
      unit_id integer NOT NULL REFERENCES units(id),
      member_id bigint REFERENCES members(id),
      -- Person outside the membership (also an unmatched public or paper row): as she gave it.
      person_name text CHECK (length(person_name) BETWEEN 1 AND 200),
      person_organisation text CHECK (length(person_organisation) <= 200),
      person_sex char(1) CHECK (person_sex IN ('L', 'P')),
      -- A member number she typed that matched no member (kept for staff review).
      claimed_member_number text CHECK (length(claimed_member_number) <= 40),
      -- Unit adoption and PSP co-signature.
      forum text CHECK (length(forum) <= 300),
      decree_number text CHECK (length(decree_number) <= 120),
      company_name text CHECK (length(company_name) <= 200),
      company_signatory text CHECK (length(company_signatory) <= 200),
      company_signatory_title text CHECK (length(company_signatory_title) <= 200),
      -- Public code of a unit adoption or PSP–company co-signature on /verifikasi (public by design).
      verification_code text UNIQUE CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{12}$'),
      signed_on date NOT NULL,
      channel text NOT NULL CHECK (channel IN ('staff', 'public', 'paper')),
      public_name boolean NOT NULL DEFAULT false,
      status text NOT NULL CHECK (status IN ('pending', 'valid', 'invalidated', 'withdrawn', 'superseded')),
      status_reason text CHECK (length(status_reason) <= 500),
      status_at timestamptz NOT NULL DEFAULT now(),
      status_by uuid REFERENCES users(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind <> 'member' OR member_id IS NOT NULL),
      CHECK (kind <> 'person' OR person_name IS NOT NULL),
      CHECK (kind NOT IN ('unit', 'psp_company') OR forum IS NOT NULL),
      CHECK (kind <> 'psp_company' OR company_name IS NOT NULL),
      CHECK ((verification_code IS NOT NULL) = (kind IN ('unit', 'psp_company'))),
      CHECK (status NOT IN ('invalidated') OR status_reason IS NOT NULL)
    );
    -- Duplicates merge: one open (pending or valid) signature per member, and per unit, of a version.
    CREATE UNIQUE INDEX commitment_signatures_member_open ON commitment_signatures (version_id, member_id)
      WHERE member_id IS NOT NULL AND status IN ('pending', 'valid');
    CREATE UNIQUE INDEX commitment_signatures_unit_open ON commitment_signatures (version_id, kind, unit_id)
      WHERE kind IN ('unit', 'psp_company') AND status IN ('pending', 'valid');
    CREATE INDEX commitment_signatures_version_idx ON commitment_signatures (version_id, status, unit_id);
    CREATE INDEX commitment_signatures_unit_idx ON commitment_signatures (unit_id, version_id);

    CREATE TABLE commitment_signature_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      signature_id bigint NOT NULL REFERENCES commitment_signatures(id) ON DELETE CASCADE,
      status text NOT NULL,
      reason text,
      -- Null for the signer herself (public page) and for the system (supersession).
      actor_id uuid REFERENCES users(id),
      at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commitment_signature_events_signature_idx ON commitment_signature_events (signature_id, at);

    CREATE TABLE commitment_receipts (
      receipt_hash bytea PRIMARY KEY CHECK (length(receipt_hash) = 32),
      signature_id bigint NOT NULL REFERENCES commitment_signatures(id) ON DELETE CASCADE,
      issued_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX commitment_receipts_signature_idx ON commitment_receipts (signature_id);
  `.execute(db);
  await seedVersionOne(db);
}

/** Version 1 as the seed (hash computed by the same canonicalisation as every other version). */
async function seedVersionOne(db: Kysely<unknown>): Promise<void> {
  await sql`
    INSERT INTO commitment_versions
      (number, title_id, title_en, preamble_id, preamble_en, points, text_sha256, forum, adopted_on, status,
       wording_placeholder, activated_at)
    VALUES (1, ${versionOne.titleId}, ${versionOne.titleEn}, ${versionOne.preambleId}, ${versionOne.preambleEn},
      ${JSON.stringify(versionOne.points)}::jsonb, ${createHash('sha256').update(canonicalText(versionOne), 'utf8').digest()}, ${versionOne.forum},
      ${versionOne.adoptedOn}, 'active', true, '2025-11-16T10:00:00+07:00')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE commitment_receipts;
    DROP TABLE commitment_signature_events;
    DROP TABLE commitment_signatures;
    DROP TABLE commitment_versions;
  `.execute(db);
}
