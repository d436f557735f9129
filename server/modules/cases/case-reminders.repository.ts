import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

export const reminderKey = (
  caseId: string,
  deadlineKind: string,
  dueAt: Date,
  reminderKind: string,
  userId: string,
) => `${caseId}|${deadlineKind}|${dueAt.toISOString()}|${reminderKind}|${userId}`;

/** SQL of reminders and check-ins. Reads coded columns only: never a sealed one. */
export function createCaseRemindersRepository() {
  return {
    /**
     * Cases that may still have a deadline: open ones, and closed ones whose last outcome is recent
     * enough for a check-in (the contract check-in may come later; 3 years covers any contract).
     * Never a sealed or withdrawn escrow report (no team may learn it exists) nor a purged case.
     */
    async scheduleCandidates(db: DbOrTx, now: Date) {
      const horizon = new Date(now.getTime() - 3 * 366 * 86_400_000);
      return db
        .selectFrom('cases')
        .select([
          'id',
          'state',
          'received_at',
          'first_contact_at',
          'first_consent_at',
          'last_team_update_at',
          'outcome_at',
          'escrow_opened_at',
          'handling_unit_id',
          'next_deadline_kind',
          'next_deadline_at',
        ])
        .where((eb) => eb.or([eb('state', '<>', 'closed'), eb('outcome_at', '>', horizon)]))
        .where((eb) => eb.or([eb('escrow', 'is', null), eb('escrow', '=', 'opened')]))
        .where('purged_at', 'is', null)
        .orderBy('id')
        .execute();
    },

    async setNextDeadline(db: DbOrTx, id: string, next: { kind: string; dueAt: Date } | null) {
      await db
        .updateTable('cases')
        .set({ next_deadline_kind: next?.kind ?? null, next_deadline_at: next?.dueAt ?? null })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Who may be reminded about these cases: assigned handlers and the coordinators of each handling
     * unit, active accounts only, minus anyone excluded from the case (one query for many cases). The
     * access module checks each again.
     */
    async teamCandidates(db: DbOrTx, caseIds: string[]) {
      if (caseIds.length === 0) return [];
      const { rows } = await sql<{
        case_id: string;
        handling_unit_id: number;
        handling_unit_path: string;
        user_id: string;
        email: string;
        language: string;
      }>`
        WITH team AS (
          SELECT a.case_id, a.user_id FROM case_assignments a
          WHERE a.case_id = ANY(${caseIds}::uuid[]) AND a.role = 'handler' AND a.ended_at IS NULL
          UNION
          SELECT c.id, g.user_id FROM cases c
          JOIN role_grants g ON g.unit_id = c.handling_unit_id AND g.role = 'case_coordinator'
          WHERE c.id = ANY(${caseIds}::uuid[])
        )
        SELECT t.case_id, c.handling_unit_id, hu.path AS handling_unit_path, u.id AS user_id, u.email, u.language
        FROM team t
        JOIN cases c ON c.id = t.case_id
        JOIN units hu ON hu.id = c.handling_unit_id
        JOIN users u ON u.id = t.user_id AND u.active
        WHERE NOT EXISTS (SELECT 1 FROM case_exclusions x WHERE x.case_id = t.case_id AND x.user_id = t.user_id)
        ORDER BY t.case_id, u.id
      `.execute(db);
      return rows;
    },

    /** The grants of these accounts with their unit paths, for the access module. */
    async grantsOf(db: DbOrTx, userIds: string[]) {
      if (userIds.length === 0) return [];
      return db
        .selectFrom('role_grants as g')
        .innerJoin('units as un', 'un.id', 'g.unit_id')
        .select(['g.user_id', 'g.role', 'g.unit_id', 'un.path'])
        .where('g.user_id', 'in', userIds)
        .execute();
    },

    /** The reminders already sent about these cases, as `case|deadline|due|kind|user` keys. */
    async claimedKeys(db: DbOrTx, caseIds: string[]): Promise<Set<string>> {
      if (caseIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('case_reminders')
        .select(['case_id', 'deadline_kind', 'due_at', 'reminder_kind', 'user_id'])
        .where('case_id', 'in', caseIds)
        .execute();
      return new Set(
        rows.map((row) =>
          reminderKey(row.case_id, row.deadline_kind, row.due_at, row.reminder_kind, row.user_id),
        ),
      );
    },

    /** Claims one reminder; false when it was already sent (the unique index is the idempotency key). */
    async claimReminder(
      db: DbOrTx,
      reminder: { caseId: string; deadlineKind: string; dueAt: Date; reminderKind: string; userId: string },
      now: Date,
    ): Promise<boolean> {
      const row = await db
        .insertInto('case_reminders')
        .values({
          case_id: reminder.caseId,
          deadline_kind: reminder.deadlineKind,
          due_at: reminder.dueAt,
          reminder_kind: reminder.reminderKind,
          user_id: reminder.userId,
          sent_at: now,
        })
        .onConflict((conflict) =>
          conflict.columns(['case_id', 'deadline_kind', 'due_at', 'reminder_kind', 'user_id']).doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    // ── Check-ins ─────────────────────────────────────────────────────────────────────────────────
    async contractFields(db: DbOrTx, caseId: string) {
      return db
        .selectFrom('cases')
        .select(['contract_renewal_sealed', 'contract_checkin_due_at'])
        .where('id', '=', caseId)
        .executeTakeFirst();
    },
    async setContract(
      db: DbOrTx,
      caseId: string,
      fields: { sealed: string | null; checkinDueAt: Date | null },
      now: Date,
    ) {
      await db
        .updateTable('cases')
        .set({
          contract_renewal_sealed: fields.sealed,
          contract_checkin_due_at: fields.checkinDueAt,
          updated_at: now,
        })
        .where('id', '=', caseId)
        .execute();
    },
    async checkins(db: DbOrTx, caseId: string, outcomeAt: Date) {
      return db
        .selectFrom('case_checkins as c')
        .leftJoin('users as u', 'u.id', 'c.recorded_by')
        .select([
          'c.id',
          'c.kind',
          'c.due_at',
          'c.recorded_at',
          'c.retaliation',
          'c.retaliation_kinds',
          'c.note_sealed',
          'c.reopened',
          'u.display_name',
        ])
        .where('c.case_id', '=', caseId)
        .where('c.outcome_at', '=', outcomeAt)
        .execute();
    },
    async insertCheckin(
      db: DbOrTx,
      row: {
        id: string;
        case_id: string;
        outcome_at: Date;
        kind: string;
        due_at: Date;
        recorded_at: Date;
        recorded_by: string;
        retaliation: boolean;
        retaliation_kinds: string[];
        note_sealed: string | null;
        reopened: boolean;
      },
    ): Promise<boolean> {
      const inserted = await db
        .insertInto('case_checkins')
        .values(row)
        .onConflict((conflict) => conflict.columns(['case_id', 'outcome_at', 'kind']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },
    async setForms(db: DbOrTx, caseId: string, forms: string[], now: Date) {
      await db.updateTable('cases').set({ forms, updated_at: now }).where('id', '=', caseId).execute();
    },
  };
}

export type CaseRemindersRepository = ReturnType<typeof createCaseRemindersRepository>;
