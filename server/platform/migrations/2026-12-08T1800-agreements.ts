import { sql, type Kysely } from 'kysely';

/**
 * Collective agreements (issue 14, work-plans-and-advocacy.md "Policy advocacy"): a PSP's PKB (or the
 * company regulation PP where there is none), its document files, a versioned national checklist of
 * clauses on violence, harassment and women workers' rights, and the coding of each agreement against it.
 *
 * Codings are append-only: recoding an item adds a row, and the current answer is the latest row of the
 * agreement and item code. Items are matched across checklist versions by their `code`, so an agreement
 * coded against version 1 shows which items version 2 added.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE agreement_checklist_versions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      number integer NOT NULL UNIQUE CHECK (number >= 1),
      note text CHECK (length(note) <= 1000),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE agreement_checklist_items (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      version_id integer NOT NULL REFERENCES agreement_checklist_versions(id) ON DELETE CASCADE,
      code text NOT NULL CHECK (code ~ '^[a-z0-9]+(_[a-z0-9]+)*$' AND length(code) <= 60),
      position integer NOT NULL CHECK (position >= 1),
      -- 'violence': clauses on violence and harassment (the coverage metric counts these);
      -- 'rights': rights already in law that PKBs restate.
      item_group text NOT NULL CHECK (item_group IN ('violence', 'rights')),
      title_id text NOT NULL CHECK (length(title_id) BETWEEN 1 AND 300),
      title_en text NOT NULL CHECK (length(title_en) BETWEEN 1 AND 300),
      UNIQUE (version_id, code),
      UNIQUE (version_id, position)
    );

    CREATE TABLE agreements (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id integer NOT NULL REFERENCES units(id),
      kind text NOT NULL CHECK (kind IN ('pkb', 'pp')),
      -- The employer side (the union side is the PSP itself).
      company_name text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 200),
      parties text CHECK (length(parties) <= 1000),
      registration_number text CHECK (length(registration_number) <= 100),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      -- A PKB may be extended once (UU 13/2003 art. 123); the agreement then runs to this date.
      extended_until date,
      status text NOT NULL CHECK (status IN ('in_force', 'expired', 'under_negotiation')),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      CHECK (extended_until IS NULL OR extended_until >= ends_on)
    );
    CREATE INDEX agreements_unit_idx ON agreements (unit_id);
    CREATE INDEX agreements_ends_idx ON agreements (ends_on);

    -- The document: type sniffed from the bytes, size and SHA-256 as stored (platform/uploads.ts).
    -- Several uploads keep their order; the newest is the agreement's document.
    CREATE TABLE agreement_files (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      agreement_id integer NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      media_type text NOT NULL,
      size integer NOT NULL CHECK (size > 0),
      sha256 bytea NOT NULL CHECK (length(sha256) = 32),
      data bytea NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agreement_files_agreement_idx ON agreement_files (agreement_id);

    -- One row per coding act: never updated, the latest per (agreement, item code) is current.
    CREATE TABLE agreement_codings (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      agreement_id integer NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
      item_code text NOT NULL,
      -- The checklist version the coder worked from.
      checklist_version_id integer NOT NULL REFERENCES agreement_checklist_versions(id),
      answer text NOT NULL CHECK (answer IN ('yes', 'partial', 'no', 'not_coded')),
      excerpt text CHECK (length(excerpt) <= 4000),
      article text CHECK (length(article) <= 100),
      coded_by uuid REFERENCES users(id),
      coded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX agreement_codings_current_idx ON agreement_codings (agreement_id, item_code, id DESC);

    -- Reminders 6 and 3 months before an agreement ends, claimed once per recipient and end date (a job
    -- that runs twice, or on two instances, sends each once; a changed end date is reminded again).
    CREATE TABLE agreement_reminders (
      agreement_id integer NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
      months integer NOT NULL CHECK (months IN (6, 3)),
      ends_on date NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      sent_at timestamptz NOT NULL,
      PRIMARY KEY (agreement_id, months, ends_on, user_id)
    );
  `.execute(db);

  // Version 1: the suggested items of work-plans-and-advocacy.md "Policy advocacy".
  const items: [string, 'violence' | 'rights', string, string][] = [
    [
      'definition_c190',
      'violence',
      'Definisi kekerasan dan pelecehan sesuai Konvensi ILO 190 (termasuk berbasis gender)',
      'Definition of violence and harassment in line with ILO C190 (gender-based included)',
    ],
    [
      'prohibition',
      'violence',
      'Larangan kekerasan dan pelecehan di tempat kerja',
      'Prohibition of violence and harassment at work',
    ],
    [
      'complaint_channel',
      'violence',
      'Saluran pengaduan yang menjaga kerahasiaan',
      'Confidential complaint channel',
    ],
    [
      'handling_team',
      'violence',
      'Tim penanganan bersama serikat–manajemen atau Satgas PPKS perusahaan (Kepmenaker 88/2023)',
      'Joint union–management handling team or the company’s Satgas PPKS (Kepmenaker 88/2023)',
    ],
    ['deadlines', 'violence', 'Batas waktu penanganan pengaduan', 'Deadlines for handling complaints'],
    [
      'no_retaliation',
      'violence',
      'Larangan pembalasan, termasuk dalam perpanjangan kontrak',
      'No retaliation, including in contract renewal',
    ],
    [
      'survivor_support',
      'violence',
      'Pendampingan dan cuti bagi penyintas',
      'Support and leave for survivors',
    ],
    [
      'sanctions',
      'violence',
      'Sanksi bagi pelaku hingga pemutusan hubungan kerja',
      'Sanctions up to dismissal',
    ],
    [
      'training',
      'violence',
      'Pelatihan pencegahan bagi pekerja dan manajemen',
      'Prevention training for workers and management',
    ],
    ['monitoring', 'violence', 'Pemantauan dan pelaporan berkala', 'Monitoring and reporting'],
    [
      'third_party',
      'violence',
      'Pelecehan oleh pihak ketiga (pelanggan, pemasok, tamu)',
      'Third-party harassment (customers, suppliers, visitors)',
    ],
    [
      'domestic_violence_leave',
      'violence',
      'Cuti bagi pekerja yang mengalami kekerasan dalam rumah tangga',
      'Domestic-violence leave',
    ],
    ['menstrual_leave', 'rights', 'Cuti haid', 'Menstrual leave'],
    ['maternity_leave', 'rights', 'Cuti melahirkan', 'Maternity leave'],
    ['nursing', 'rights', 'Waktu dan ruang menyusui', 'Nursing breaks and room'],
  ];
  const version = await sql<{ id: number }>`
    INSERT INTO agreement_checklist_versions (number, note)
    VALUES (1, 'Daftar awal (work-plans-and-advocacy.md)') RETURNING id
  `.execute(db);
  const versionId = version.rows[0]!.id;
  for (const [index, [code, group, titleId, titleEn]] of items.entries())
    await sql`
      INSERT INTO agreement_checklist_items (version_id, code, position, item_group, title_id, title_en)
      VALUES (${versionId}, ${code}, ${index + 1}, ${group}, ${titleId}, ${titleEn})
    `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE agreement_reminders, agreement_codings, agreement_files, agreements, agreement_checklist_items,
      agreement_checklist_versions;
  `.execute(db);
}
