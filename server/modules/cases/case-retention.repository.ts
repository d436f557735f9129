import { sql } from 'kysely';
import { closingReasons } from '../../../shared/case-taxonomy.ts';
import type { DbOrTx } from '../../platform/database.ts';

/** The `system_settings` key holding the administrator's retention periods (years per closing reason). */
export const RETENTION_SETTINGS_KEY = 'case_retention';

/**
 * Child tables of `cases` whose rows the purge deletes (every one carries content, names or who-did-what).
 * Tables added later that reference `cases` must be listed here or in `keptCaseChildTables`: a test
 * compares both lists with the database's foreign keys, so a new table cannot be forgotten. The escrow
 * match tokens table, when it lands, belongs here (see `purgeCaseRows`).
 */
export const purgedCaseChildTables = [
  'case_messages',
  'case_files',
  'case_events',
  'case_consents',
  'case_referrals',
  'case_measures',
  'case_assignments',
  'case_exclusions',
  'case_access_log',
  'case_legal_holds',
  'case_match_tokens',
  'case_match_reporters',
  'case_checkins',
  'case_reminders',
  'notifications',
] as const;

/** Tables that link two cases (escrow matches); a purged case's links go with it. */
export const purgedCaseLinkTables = ['case_links'] as const;

/** Child tables that hold only coded, statistical rows and stay after a purge (none yet). */
export const keptCaseChildTables: readonly string[] = [];

export interface RetentionCaseRow {
  id: string;
  reference: string;
  state: string;
  handling_unit_id: number;
  handling_unit_name: string;
  handling_unit_path: string;
  closing_reason: string | null;
  closed_at: Date | null;
  purged_at: Date | null;
  /** Escrow state ("Lapor bersama"); a report that never opened stays off the retention screens. */
  escrow: string | null;
  hold_reason: string | null;
  hold_placed_at: Date | null;
}

/** Close-date cutoffs per closing reason (SQL prefilter of due cases; the pure rule decides). */
export type DueCutoffs = { reason: string; closedBefore: Date }[];

export function createCaseRetentionRepository() {
  const base = (db: DbOrTx) =>
    db
      .selectFrom('cases as c')
      .innerJoin('units as hu', 'hu.id', 'c.handling_unit_id')
      .leftJoin('case_legal_holds as h', (join) =>
        join.onRef('h.case_id', '=', 'c.id').on('h.released_at', 'is', null),
      )
      .select([
        'c.id',
        'c.reference',
        'c.state',
        'c.handling_unit_id',
        'hu.name as handling_unit_name',
        'hu.path as handling_unit_path',
        'c.closing_reason',
        'c.closed_at',
        'c.purged_at',
        'c.escrow',
        'h.reason as hold_reason',
        'h.placed_at as hold_placed_at',
      ]);

  /** `closed_at <= cutoff` for the case's closing reason (unknown reasons take the `fallback` cutoff). */
  const dueFilter = (cutoffs: DueCutoffs, fallback: Date) =>
    sql<boolean>`(CASE ${sql.join(
      cutoffs.map(
        (cutoff) => sql`WHEN c.closing_reason = ${cutoff.reason} THEN c.closed_at <= ${cutoff.closedBefore}`,
      ),
      sql` `,
    )} ELSE c.closed_at <= ${fallback} END)`;

  return {
    async readSettings(db: DbOrTx) {
      return db
        .selectFrom('system_settings')
        .select(['value', 'updated_at'])
        .where('key', '=', RETENTION_SETTINGS_KEY)
        .executeTakeFirst();
    },
    async writeSettings(db: DbOrTx, value: Record<string, number>, now: Date): Promise<void> {
      await db
        .insertInto('system_settings')
        .values({ key: RETENTION_SETTINGS_KEY, value: JSON.stringify(value), updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
        .execute();
    },

    async findCase(db: DbOrTx, id: string): Promise<RetentionCaseRow | undefined> {
      return await base(db).where('c.id', '=', id).executeTakeFirst();
    },

    /**
     * Closed cases in the given subtrees, oldest close first, keyset-paginated on (closed_at, id).
     * `pending` = closed and not purged (held or not); `due` = pending, not held, past the prefilter.
     */
    async listClosed(
      db: DbOrTx,
      filter: {
        subtreePaths: string[];
        status: 'pending' | 'due' | 'held' | 'purged';
        due?: { cutoffs: DueCutoffs; fallback: Date };
        after?: { closedAt: string; id: string };
        limit: number;
      },
    ): Promise<RetentionCaseRow[]> {
      if (filter.subtreePaths.length === 0) return [];
      let query = base(db)
        .where('c.state', '=', 'closed')
        .where((eb) => eb.or(filter.subtreePaths.map((path) => eb('hu.path', 'like', `${path}%`))))
        // A sealed report that was withdrawn never opened: it is nobody's case, not even on this screen
        // (the purge still removes it when its period ends).
        .where((eb) => eb.or([eb('c.escrow', 'is', null), eb('c.escrow', '=', 'opened')]));
      if (filter.status === 'purged') query = query.where('c.purged_at', 'is not', null);
      else query = query.where('c.purged_at', 'is', null);
      if (filter.status === 'held') query = query.where('h.id', 'is not', null);
      if (filter.status === 'due' && filter.due)
        query = query.where('h.id', 'is', null).where(dueFilter(filter.due.cutoffs, filter.due.fallback));
      if (filter.after)
        query = query.where(
          sql<boolean>`(c.closed_at, c.id) > (${filter.after.closedAt}::timestamptz, ${filter.after.id}::uuid)`,
        );
      return await query
        .orderBy('c.closed_at')
        .orderBy('c.id')
        .limit(filter.limit + 1)
        .execute();
    },

    /** Closed, unpurged, unheld cases whose close date passes the prefilter; the oldest first. */
    async purgeCandidates(
      db: DbOrTx,
      due: { cutoffs: DueCutoffs; fallback: Date },
      after: { closedAt: Date; id: string } | null,
      limit: number,
    ) {
      let query = db
        .selectFrom('cases as c')
        .select(['c.id', 'c.closed_at'])
        .where('c.state', '=', 'closed')
        .where('c.purged_at', 'is', null)
        .where('c.closed_at', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('case_legal_holds as h')
                .select('h.id')
                .whereRef('h.case_id', '=', 'c.id')
                .where('h.released_at', 'is', null),
            ),
          ),
        )
        .where(dueFilter(due.cutoffs, due.fallback));
      if (after)
        query = query.where(sql<boolean>`(c.closed_at, c.id) > (${after.closedAt}, ${after.id}::uuid)`);
      return await query.orderBy('c.closed_at').orderBy('c.id').limit(limit).execute();
    },

    /** Locks the case row for a purge or a hold change; the facts the rule needs. */
    async lockCase(db: DbOrTx, id: string) {
      const row = await db
        .selectFrom('cases')
        .select([
          'id',
          'reference',
          'state',
          'closing_reason',
          'closed_at',
          'purged_at',
          'handling_unit_id',
          'data_key_id',
        ])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return undefined;
      const hold = await db
        .selectFrom('case_legal_holds')
        .select(['id', 'reason', 'placed_at'])
        .where('case_id', '=', id)
        .where('released_at', 'is', null)
        .executeTakeFirst();
      return { ...row, hold: hold ?? null };
    },

    async insertHold(db: DbOrTx, row: { caseId: string; reason: string; at: Date; by: string }) {
      await db
        .insertInto('case_legal_holds')
        .values({ case_id: row.caseId, reason: row.reason, placed_at: row.at, placed_by: row.by })
        .execute();
    },
    async releaseHold(db: DbOrTx, holdId: string, at: Date, by: string): Promise<void> {
      await db
        .updateTable('case_legal_holds')
        .set({ released_at: at, released_by: by })
        .where('id', '=', holdId)
        .execute();
    },

    /**
     * Removes everything with content from one case, inside the caller's transaction: every child row
     * (purgedCaseChildTables), every sealed column, the receipt's index and verifier (the receipt then
     * opens nothing), the creator, the exact incident date, and the case's data key itself, so a sealed
     * value that survived anywhere (an old backup excepted) can no longer be opened. The coded columns
     * stay for statistics. Escrow match tokens and links go too.
     */
    async purgeCaseRows(db: DbOrTx, caseId: string, dataKeyId: string | null, now: Date): Promise<void> {
      for (const table of purgedCaseChildTables)
        await db.deleteFrom(table).where('case_id', '=', caseId).execute();
      for (const table of purgedCaseLinkTables)
        await db
          .deleteFrom(table)
          .where((eb) => eb.or([eb('case_a', '=', caseId), eb('case_b', '=', caseId)]))
          .execute();
      await sql`
        UPDATE cases SET
          content_sealed = NULL,
          rights_notes_sealed = NULL,
          ethics_note_sealed = NULL,
          contract_renewal_sealed = NULL,
          contract_checkin_due_at = NULL,
          receipt_index = NULL,
          receipt_hash = NULL,
          data_key_id = NULL,
          incident_date = NULL,
          created_by = NULL,
          next_deadline_kind = NULL,
          next_deadline_at = NULL,
          purged_at = ${now},
          updated_at = ${now}
        WHERE id = ${caseId}`.execute(db);
      if (dataKeyId) await db.deleteFrom('data_keys').where('id', '=', dataKeyId).execute();
    },
  };
}

export type CaseRetentionRepository = ReturnType<typeof createCaseRetentionRepository>;

/** Every closing reason, for building the per-reason cutoffs. */
export const retentionReasons = closingReasons;
