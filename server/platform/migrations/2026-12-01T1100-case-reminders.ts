import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';

const holidaysFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'data',
  'holidays',
  'indonesia.csv',
);

/**
 * Reminders, retaliation check-ins, the staff notifications inbox and the working-day calendar.
 * - `holidays`: Indonesian national holidays and cuti bersama (SKB 3 Menteri) for 2025–2027, seeded
 *   from server/data/holidays/indonesia.csv, then edited by an administrator in the staff app.
 * - `notifications`: per-user inbox. Never case content: a kind code and a link, nothing else.
 * - `case_reminders`: one row per (case, deadline, due time, before/missed, recipient) sent, so a job
 *   that runs twice sends nothing twice (the unique index is the idempotency key).
 * - `case_checkins`: retaliation check-ins recorded after an outcome; the schedule itself is derived
 *   (outcome + 30/90/180 days, and before the contract renewal), only answers are stored.
 * - `cases.contract_renewal_sealed`: the survivor's contract renewal date is case information, sealed
 *   with the case key; `contract_checkin_due_at` is the clear deadline derived from it (deadlines are
 *   coded fields, like every other SOP deadline).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE holidays (
      day date PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('libur_nasional','cuti_bersama','lainnya')),
      source text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by uuid REFERENCES users(id)
    );

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      case_id uuid REFERENCES cases(id) ON DELETE CASCADE,
      link text NOT NULL,
      created_at timestamptz NOT NULL,
      read_at timestamptz
    );
    CREATE INDEX notifications_user ON notifications (user_id, created_at DESC, id);
    CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

    CREATE TABLE case_reminders (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      deadline_kind text NOT NULL,
      due_at timestamptz NOT NULL,
      reminder_kind text NOT NULL CHECK (reminder_kind IN ('before','missed','retaliation')),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      sent_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX case_reminders_once
      ON case_reminders (case_id, deadline_kind, due_at, reminder_kind, user_id);

    CREATE TABLE case_checkins (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      -- The outcome this check-in follows: a reopened case decided again gets a new schedule.
      outcome_at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ('checkin_30','checkin_90','checkin_180','checkin_contract')),
      due_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      recorded_by uuid REFERENCES users(id),
      retaliation boolean NOT NULL,
      retaliation_kinds text[] NOT NULL DEFAULT '{}',
      note_sealed text,
      reopened boolean NOT NULL DEFAULT false
    );
    CREATE UNIQUE INDEX case_checkins_once ON case_checkins (case_id, outcome_at, kind);

    ALTER TABLE cases ADD COLUMN contract_renewal_sealed text;
    ALTER TABLE cases ADD COLUMN contract_checkin_due_at timestamptz;
  `.execute(db);

  const rows = parse<{ date: string; kind: string; name: string; source: string }>(
    readFileSync(holidaysFile, 'utf8'),
    { columns: true, skip_empty_lines: true },
  );
  for (const row of rows)
    await sql`INSERT INTO holidays (day, name, kind, source) VALUES (${row.date}, ${row.name}, ${row.kind}, ${row.source})`.execute(
      db,
    );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE cases DROP COLUMN contract_checkin_due_at;
    ALTER TABLE cases DROP COLUMN contract_renewal_sealed;
    DROP TABLE case_checkins, case_reminders, notifications, holidays;
  `.execute(db);
}
