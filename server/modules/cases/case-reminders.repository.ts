import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

/** SQL of reminders and check-ins. Reads coded columns only: never a sealed one. */
export function createCaseRemindersRepository() {
  return {
    /**
     * Cases that may still have a deadline: open ones, and closed ones whose last outcome is recent
     * enough for a check-in (the contract check-in may come later; 3 years covers any contract).
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
          'handling_unit_id',
          'next_deadline_kind',
          'next_deadline_at',
        ])
        .where((eb) => eb.or([eb('state', '<>', 'closed'), eb('outcome_at', '>', horizon)]))
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
     * Who is reminded about a case: its assigned handlers and the coordinators of its handling unit,
     * active accounts only, minus anyone excluded from the case. The access module checks each again.
     */
    async teamCandidates(db: DbOrTx, caseId: string, handlingUnitId: number) {
      return db
        .selectFrom('users as u')
        .select(['u.id', 'u.email', 'u.language'])
        .where('u.active', '=', true)
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('case_assignments as a')
                .select(sql`1`.as('x'))
                .whereRef('a.user_id', '=', 'u.id')
                .where('a.case_id', '=', caseId)
                .where('a.role', '=', 'handler')
                .where('a.ended_at', 'is', null),
            ),
            eb.exists(
              eb
                .selectFrom('role_grants as g')
                .select(sql`1`.as('x'))
                .whereRef('g.user_id', '=', 'u.id')
                .where('g.role', '=', 'case_coordinator')
                .where('g.unit_id', '=', handlingUnitId),
            ),
          ]),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('case_exclusions as x')
                .select(sql`1`.as('x'))
                .whereRef('x.user_id', '=', 'u.id')
                .where('x.case_id', '=', caseId),
            ),
          ),
        )
        .orderBy('u.id')
        .execute();
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
