import { sql, type Kysely } from 'kysely';

/** SPN's core officers: at least one woman among them (titles as SPN writes them, with the "Umum" forms). */
const coreTitles = ['Ketua', 'Ketua Umum', 'Sekretaris', 'Sekretaris Umum', 'Bendahara', 'Bendahara Umum'];

/**
 * Quota rules as data, versioned (a change is a new version; old versions stay and are referenced by
 * credential decisions), seeded with SPN's defaults; delegation-level credential state and decisions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE quota_rules (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{1,62}$'),
      current_version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- One row per version; never updated. Integer basis points only (3000 = 30%).
    CREATE TABLE quota_rule_versions (
      id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      rule_id integer NOT NULL REFERENCES quota_rules(id),
      version integer NOT NULL CHECK (version >= 1),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      description text,
      subject_kinds text[] NOT NULL CHECK (cardinality(subject_kinds) >= 1),
      levels text[] NOT NULL DEFAULT '{}',
      delegation_categories text[] NOT NULL DEFAULT '{}',
      effective_from date,
      effective_to date,
      metric text NOT NULL CHECK (metric IN ('filled_share', 'statutory_share', 'core_posts', 'proportionality')),
      threshold_bp integer NOT NULL CHECK (threshold_bp BETWEEN 0 AND 10000),
      rounding text NOT NULL CHECK (rounding IN ('ceil', 'half_up', 'floor')),
      minimum_women integer CHECK (minimum_women >= 0),
      minimum_when_seats integer CHECK (minimum_when_seats >= 0),
      positional_titles text[] NOT NULL DEFAULT '{}',
      positional_categories text[] NOT NULL DEFAULT '{}',
      positional_at_least integer CHECK (positional_at_least >= 0),
      proportionality_factor_bp integer CHECK (proportionality_factor_bp BETWEEN 0 AND 100000),
      enforcement text NOT NULL CHECK (enforcement IN ('info', 'warn', 'block', 'return_delegation')),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id),
      UNIQUE (rule_id, version),
      CHECK (effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from)
    );

    -- Credential state of a whole delegation (one allocation), decided by the congress committee.
    CREATE TABLE delegation_credentials (
      allocation_id integer PRIMARY KEY REFERENCES delegation_allocations(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('submitted', 'returned', 'accepted')),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every decision with who, when, why and the evaluation it was made on (rule versions included).
    CREATE TABLE delegation_credential_decisions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      allocation_id integer NOT NULL REFERENCES delegation_allocations(id) ON DELETE CASCADE,
      decision text NOT NULL CHECK (decision IN ('accepted', 'returned', 'resubmitted')),
      reason text CHECK (reason IS NULL OR length(reason) <= 2000),
      decided_by uuid NOT NULL REFERENCES users(id),
      decided_at timestamptz NOT NULL,
      evaluation jsonb NOT NULL,
      rule_version_ids integer[] NOT NULL DEFAULT '{}'
    );
    CREATE INDEX delegation_credential_decisions_allocation_idx
      ON delegation_credential_decisions (allocation_id, decided_at, id);
  `.execute(db);

  const seed = [
    {
      code: 'spn-executive-30',
      name: '30% perempuan di setiap kepengurusan',
      description: 'Konferensi Perempuan SPN 2018: setiap struktur memenuhi kuota 30% perempuan.',
      kinds: ['executive'],
      categories: [] as string[],
      metric: 'filled_share',
      bp: 3000,
      enforcement: 'warn',
      titles: [] as string[],
      atLeast: null as number | null,
    },
    {
      code: 'spn-adart-40',
      name: 'Target AD/ART 40% perempuan',
      description:
        'Konferensi Perempuan SPN 2018: 40% perempuan dituliskan dalam AD/ART (target IndustriALL).',
      kinds: ['executive', 'delegation'],
      categories: ['executive'],
      metric: 'filled_share',
      bp: 4000,
      enforcement: 'info',
      titles: [],
      atLeast: null,
    },
    {
      code: 'spn-core-officers',
      name: 'Minimal satu perempuan di antara Ketua, Sekretaris, Bendahara',
      description: 'Jabatan inti (strategis dan administratif) menurut kebijakan gender SPN.',
      kinds: ['executive'],
      categories: [],
      metric: 'core_posts',
      bp: 0,
      enforcement: 'warn',
      titles: coreTitles,
      atLeast: 1,
    },
    {
      code: 'spn-delegation-30',
      name: '30% perempuan di setiap delegasi kongres',
      description:
        'Konferensi Perempuan SPN 2018: delegasi di bawah 30% perempuan dikembalikan oleh panitia (SC/OC). ' +
        'Delegasi Komite Perempuan duduk sebagai tambahan dan tidak dihitung di sini.',
      kinds: ['delegation'],
      categories: ['executive'],
      metric: 'filled_share',
      bp: 3000,
      enforcement: 'return_delegation',
      titles: [],
      atLeast: null,
    },
    {
      code: 'spn-invitation-30',
      name: 'Undangan agenda organisasi minimal 30% perempuan',
      description: 'Setiap undangan agenda organisasi mencantumkan minimal 30% perempuan.',
      kinds: ['invitation_list', 'committee', 'congress_committee'],
      categories: [],
      metric: 'filled_share',
      bp: 3000,
      enforcement: 'warn',
      titles: [],
      atLeast: null,
    },
  ];
  for (const rule of seed) {
    await sql`
      WITH inserted AS (INSERT INTO quota_rules (code) VALUES (${rule.code}) RETURNING id)
      INSERT INTO quota_rule_versions (rule_id, version, name, description, subject_kinds, delegation_categories,
        metric, threshold_bp, rounding, positional_titles, positional_at_least, enforcement)
      SELECT id, 1, ${rule.name}, ${rule.description}, ${rule.kinds}::text[], ${rule.categories}::text[],
        ${rule.metric}, ${rule.bp}, 'ceil', ${rule.titles}::text[], ${rule.atLeast}::int, ${rule.enforcement}
      FROM inserted
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE delegation_credential_decisions, delegation_credentials, quota_rule_versions, quota_rules`.execute(
    db,
  );
}
