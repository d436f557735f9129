import { sql, type Kysely } from 'kysely';

/**
 * Escrow matching ("Lapor bersama", docs/escrow-matching.md). A sealed report is an ordinary case row
 * with `escrow = 'sealed'`: every staff read, list and count leaves it out until a match opens it
 * (`opened`) or its reporter withdraws it (`withdrawn`). Match tokens are keyed hashes (HMAC-SHA256 under
 * a secret wrapped by the master key), so this table alone cannot test a guessed name or number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cases ADD COLUMN escrow text CHECK (escrow IN ('sealed','opened','withdrawn'));
    -- When a match opened the report: its SOP deadlines count from here, not from the sealed receipt.
    ALTER TABLE cases ADD COLUMN escrow_opened_at timestamptz;
    CREATE INDEX cases_escrow ON cases (escrow) WHERE escrow IS NOT NULL;

    CREATE TABLE case_match_tokens (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('name_workplace','phone','employee_number')),
      token text NOT NULL,
      PRIMARY KEY (case_id, kind, token)
    );
    CREATE INDEX case_match_tokens_token ON case_match_tokens (kind, token);

    -- The reporter's own contact as a keyed hash: the same reporter twice never makes a match.
    CREATE TABLE case_match_reporters (
      case_id uuid PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
      token text NOT NULL
    );

    -- Cases linked by a match; one row per pair, the smaller id first.
    CREATE TABLE case_links (
      case_a uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      case_b uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (reason IN ('escrow_match')),
      linked_at timestamptz NOT NULL,
      PRIMARY KEY (case_a, case_b),
      CHECK (case_a < case_b)
    );
    CREATE INDEX case_links_b ON case_links (case_b);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE case_links;
    DROP TABLE case_match_reporters;
    DROP TABLE case_match_tokens;
    ALTER TABLE cases DROP COLUMN escrow_opened_at;
    ALTER TABLE cases DROP COLUMN escrow;
  `.execute(db);
}
