import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

/** An agreement with its PSP: the row every list and door reads. */
function agreementRows(handle: DbOrTx) {
  return handle
    .selectFrom('agreements as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select([
      'a.id',
      'a.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'a.kind',
      'a.company_name',
      'a.parties',
      'a.registration_number',
      'a.starts_on',
      'a.ends_on',
      'a.extended_until',
      'a.status',
    ]);
}
export type AgreementRow = Awaited<ReturnType<ReturnType<typeof agreementRows>['executeTakeFirstOrThrow']>>;

/** SQL of collective agreements and the clause checklist; plain rows, no rules. */
export function createAgreementsRepository() {
  return {
    unit(handle: DbOrTx, id: number) {
      return handle
        .selectFrom('units')
        .select(['id', 'name', 'path', 'level', 'company_name'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    topUnit(handle: DbOrTx) {
      return handle
        .selectFrom('units')
        .select(['id', 'path'])
        .where('parent_id', 'is', null)
        .orderBy('id')
        .executeTakeFirst();
    },

    agreement(handle: DbOrTx, id: number, options: { lock?: boolean } = {}) {
      let query = agreementRows(handle).where('a.id', '=', id);
      if (options.lock) query = query.forUpdate('a');
      return query.executeTakeFirst();
    },

    /** Agreements of PSPs inside one of `roots` (the caller's scope, in SQL: CONVENTIONS habit 5). */
    agreementsWithin(handle: DbOrTx, roots: readonly string[]) {
      if (roots.length === 0) return Promise.resolve([]);
      return agreementRows(handle)
        .where(sql<boolean>`u.path LIKE ANY (SELECT r || '%' FROM unnest(${[...roots]}::text[]) r)`)
        .orderBy('a.ends_on')
        .orderBy('a.id')
        .execute();
    },

    /** Every coding of some agreements, oldest first, with the checklist version number and coder's name. */
    codings(handle: DbOrTx, agreementIds: readonly number[]) {
      if (agreementIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('agreement_codings as c')
        .innerJoin('agreement_checklist_versions as v', 'v.id', 'c.checklist_version_id')
        .leftJoin('users as w', 'w.id', 'c.coded_by')
        .select([
          'c.id',
          'c.agreement_id',
          'c.item_code',
          'v.number as version_number',
          'c.answer',
          'c.excerpt',
          'c.article',
          'w.display_name as coded_by_name',
          'c.coded_at',
        ])
        .where('c.agreement_id', 'in', agreementIds)
        .orderBy('c.id')
        .execute();
    },

    /** The agreement's files without their bytes, newest first. */
    files(handle: DbOrTx, agreementId: number) {
      return handle
        .selectFrom('agreement_files')
        .select(['id', 'file_name', 'media_type', 'size', 'sha256', 'uploaded_at'])
        .where('agreement_id', '=', agreementId)
        .orderBy('id', 'desc')
        .execute();
    },

    file(handle: DbOrTx, agreementId: number, fileId: number) {
      return handle
        .selectFrom('agreement_files')
        .select(['id', 'file_name', 'media_type', 'data'])
        .where('id', '=', fileId)
        .where('agreement_id', '=', agreementId)
        .executeTakeFirst();
    },

    /**
     * Agreements that may have a reminder due: ending (with any extension) between `from` and `until`,
     * with their PSP's parent (the DPC, whose gender officer is reminded too).
     */
    endingBetween(handle: DbOrTx, from: string, until: string) {
      return agreementRows(handle)
        .select('u.parent_id as unit_parent_id')
        .where(sql<boolean>`coalesce(a.extended_until, a.ends_on) BETWEEN ${from}::date AND ${until}::date`)
        .orderBy('a.id')
        .execute();
    },

    /**
     * Who is reminded of a PSP's agreement: active accounts with org_admin or gender_officer at the PSP
     * itself, and gender officers at its DPC (issue 14 "Reminders").
     */
    reminderRecipients(handle: DbOrTx, pspId: number, dpcId: number | null) {
      return handle
        .selectFrom('role_grants as g')
        .innerJoin('users as w', 'w.id', 'g.user_id')
        .select(['w.id', 'w.email', 'w.language'])
        .distinct()
        .where('w.active', '=', true)
        .where((eb) =>
          eb.or([
            eb.and([eb('g.unit_id', '=', pspId), eb('g.role', 'in', ['org_admin', 'gender_officer'])]),
            ...(dpcId === null
              ? []
              : [eb.and([eb('g.unit_id', '=', dpcId), eb('g.role', '=', 'gender_officer')])]),
          ]),
        )
        .orderBy('w.id')
        .execute();
    },

    /** Claims one reminder for one recipient; false when it was already sent. */
    async claimReminder(
      handle: DbOrTx,
      key: { agreementId: number; months: number; endsOn: string; userId: string },
      now: Date,
    ): Promise<boolean> {
      const claimed = await handle
        .insertInto('agreement_reminders')
        .values({
          agreement_id: key.agreementId,
          months: key.months,
          ends_on: key.endsOn,
          user_id: key.userId,
          sent_at: now,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returning('agreement_id')
        .execute();
      return claimed.length > 0;
    },

    /** Every checklist version, newest first. */
    checklistVersions(handle: DbOrTx) {
      return handle
        .selectFrom('agreement_checklist_versions')
        .select(['id', 'number', 'note', 'created_at'])
        .orderBy('number', 'desc')
        .execute();
    },

    checklistItems(handle: DbOrTx) {
      return handle
        .selectFrom('agreement_checklist_items')
        .select(['version_id', 'code', 'position', 'item_group', 'title_id', 'title_en'])
        .orderBy('version_id')
        .orderBy('position')
        .execute();
    },
  };
}

export type AgreementsRepository = ReturnType<typeof createAgreementsRepository>;
