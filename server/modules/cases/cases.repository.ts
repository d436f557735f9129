import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Role } from '../../../shared/roles.ts';
import type { Keyring } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/database.ts';

/** What a case holds in its sealed content column; nothing here is ever stored in clear. */
export interface CaseContent {
  narrative: string;
  placeDetail: string | null;
  reporterName: string | null;
  contactMethod: 'none' | 'phone' | 'email' | 'whatsapp';
  contactValue: string | null;
  safeTimes: string | null;
  consentToContact: boolean;
  namedName: string | null;
  namedPosition: string | null;
  namedWorkplace: string | null;
  /** The member record of the named person, once the team links it. */
  namedMemberId: string | null;
  /** Further identifiers of the named person for escrow matching (absent in older cases). */
  namedPhone?: string | null;
  namedEmployeeNumber?: string | null;
}

export interface CaseRecord {
  id: string;
  reference: string;
  data_key_id: string;
  channel: string;
  reporter_role: string;
  forms: string[];
  place: string;
  relationship: string;
  named_office: string;
  wishes: string[];
  asks_dpp: boolean;
  same_gender_handler: boolean;
  survivor_sex: string | null;
  survivor_age_band: string | null;
  incident_date: string | null;
  incident_date_approximate: boolean;
  place_unit_id: number | null;
  handling_unit_id: number;
  routing_reason: string;
  routing_conflict: boolean;
  /** The unit routing chose first when it had no case coordinator (the case went up the tree). */
  routing_fallback_from_unit_id: number | null;
  state: string;
  outcome: string | null;
  closing_reason: string | null;
  received_at: Date;
  first_contact_at: Date | null;
  first_consent_at: Date | null;
  last_team_update_at: Date | null;
  outcome_at: Date | null;
  closed_at: Date | null;
  next_deadline_kind: string | null;
  next_deadline_at: Date | null;
  content_sealed: string;
  rights: Record<string, string>;
  rights_notes_sealed: string | null;
  ethics_status: string | null;
  ethics_note_sealed: string | null;
  ethics_updated_at: Date | null;
  handling_unit_name: string;
  handling_unit_path: string;
  place_unit_name: string | null;
  routing_fallback_from_unit_name: string | null;
  /** Set once the retention purge removed the content (case-retention.service.ts). */
  purged_at: Date | null;
  /** Escrow ("Lapor bersama"): null for an ordinary case; 'sealed' and 'withdrawn' are hidden from staff. */
  escrow: string | null;
  escrow_opened_at: Date | null;
}

export type CaseUpdate = Partial<
  Omit<
    CaseRecord,
    | 'id'
    | 'reference'
    | 'data_key_id'
    | 'handling_unit_name'
    | 'handling_unit_path'
    | 'place_unit_name'
    | 'routing_fallback_from_unit_name'
    | 'rights'
    | 'purged_at'
  >
> & { rights?: string };

/** A new case: its coded fields as a case row has them, plus the receipt's index and verifier. */
export type CaseInsert = Pick<
  CaseRecord,
  | 'id'
  | 'reference'
  | 'channel'
  | 'reporter_role'
  | 'forms'
  | 'place'
  | 'relationship'
  | 'named_office'
  | 'wishes'
  | 'asks_dpp'
  | 'same_gender_handler'
  | 'survivor_sex'
  | 'survivor_age_band'
  | 'incident_date'
  | 'incident_date_approximate'
  | 'place_unit_id'
  | 'handling_unit_id'
  | 'routing_reason'
  | 'routing_conflict'
  | 'received_at'
> & {
  receipt_index: string;
  receipt_hash: string;
  created_by: string | null;
  routing_fallback_from_unit_id?: number | null;
};

export interface ListFilter {
  /** Case ids assigned to the caller (scope mine) or handling units coordinated (scope unit). */
  assignedTo?: string;
  handlingUnitIds?: number[];
  excludedUserId: string;
  state?: string;
  form?: string;
  unitId?: number;
  lateBefore?: Date;
  dueBefore?: Date;
  sort: 'deadline' | 'received';
  after?: { key: string | null; id: string };
  limit: number;
}

/**
 * Case tables. This is the one boundary where case content is sealed and opened (CONVENTIONS habit 11):
 * each case has its own data key; the sealing context names the case, the column and the row, so a sealed
 * value copied into another row or case does not open.
 */
export function createCasesRepository(keyring: Keyring) {
  const seal = (db: DbOrTx, keyId: string, context: string, value: string | Buffer) =>
    keyring.seal(keyId, value, context, db);
  const sealOptional = async (
    db: DbOrTx,
    keyId: string,
    context: string,
    value: string | null | undefined,
  ) => (value === null || value === undefined || value === '' ? null : seal(db, keyId, context, value));
  const open = (db: DbOrTx, context: string, envelope: string) => keyring.openText(envelope, context, db);
  const openOptional = async (db: DbOrTx, context: string, envelope: string | null) =>
    envelope === null ? null : open(db, context, envelope);

  const caseSelect = (db: DbOrTx) =>
    db
      .selectFrom('cases as c')
      .innerJoin('units as hu', 'hu.id', 'c.handling_unit_id')
      .leftJoin('units as pu', 'pu.id', 'c.place_unit_id')
      .leftJoin('units as fu', 'fu.id', 'c.routing_fallback_from_unit_id')
      .select([
        'c.id',
        'c.reference',
        'c.data_key_id',
        'c.channel',
        'c.reporter_role',
        'c.forms',
        'c.place',
        'c.relationship',
        'c.named_office',
        'c.wishes',
        'c.asks_dpp',
        'c.same_gender_handler',
        'c.survivor_sex',
        'c.survivor_age_band',
        'c.incident_date',
        'c.incident_date_approximate',
        'c.place_unit_id',
        'c.handling_unit_id',
        'c.routing_reason',
        'c.routing_conflict',
        'c.routing_fallback_from_unit_id',
        'c.state',
        'c.outcome',
        'c.closing_reason',
        'c.received_at',
        'c.first_contact_at',
        'c.first_consent_at',
        'c.last_team_update_at',
        'c.outcome_at',
        'c.closed_at',
        'c.next_deadline_kind',
        'c.next_deadline_at',
        'c.content_sealed',
        'c.rights',
        'c.rights_notes_sealed',
        'c.ethics_status',
        'c.ethics_note_sealed',
        'c.ethics_updated_at',
        'hu.name as handling_unit_name',
        'hu.path as handling_unit_path',
        'pu.name as place_unit_name',
        'fu.name as routing_fallback_from_unit_name',
        'c.purged_at',
        'c.escrow',
        'c.escrow_opened_at',
      ]);

  return {
    async nextReference(db: DbOrTx, year: number): Promise<string> {
      const { rows } = await sql<{ n: string }>`SELECT nextval('case_reference_seq')::text AS n`.execute(db);
      return `K-${year}-${(rows[0]?.n ?? '0').padStart(6, '0')}`;
    },

    /** Inserts a case with a fresh data key and its sealed content, inside the caller's transaction. */
    async insertCase(db: DbOrTx, row: CaseInsert, content: CaseContent): Promise<void> {
      const dataKeyId = await keyring.createDataKey('case', db);
      await db
        .insertInto('cases')
        .values({
          ...row,
          data_key_id: dataKeyId,
          content_sealed: await seal(db, dataKeyId, `case:${row.id}:content`, JSON.stringify(content)),
        })
        .execute();
    },

    async findCase(db: DbOrTx, id: string): Promise<CaseRecord | undefined> {
      return await caseSelect(db).where('c.id', '=', id).executeTakeFirst();
    },

    /** Locks the case row for the rest of the transaction (one change at a time per case). */
    async lockCase(db: DbOrTx, id: string): Promise<CaseRecord | undefined> {
      await db.selectFrom('cases').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      return await caseSelect(db).where('c.id', '=', id).executeTakeFirst();
    },

    async updateCase(db: DbOrTx, id: string, changes: CaseUpdate, now: Date): Promise<void> {
      await db
        .updateTable('cases')
        .set({ ...changes, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async openContent(db: DbOrTx, row: Pick<CaseRecord, 'id' | 'content_sealed'>): Promise<CaseContent> {
      return JSON.parse(await open(db, `case:${row.id}:content`, row.content_sealed)) as CaseContent;
    },

    async writeContent(db: DbOrTx, row: CaseRecord, content: CaseContent, now: Date): Promise<void> {
      const sealed = await seal(db, row.data_key_id, `case:${row.id}:content`, JSON.stringify(content));
      await db
        .updateTable('cases')
        .set({ content_sealed: sealed, updated_at: now })
        .where('id', '=', row.id)
        .execute();
    },

    async receiptCandidates(db: DbOrTx, index: string) {
      return db
        .selectFrom('cases')
        .select(['id', 'receipt_hash'])
        .where('receipt_index', '=', index)
        .execute();
    },

    async listCases(db: DbOrTx, filter: ListFilter) {
      let query = caseSelect(db).where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_exclusions as x')
              .select('x.case_id')
              .whereRef('x.case_id', '=', 'c.id')
              .where('x.user_id', '=', filter.excludedUserId),
          ),
        ),
      );
      // A purged case has left the case team's lists (only its coded statistics remain).
      query = query.where('c.purged_at', 'is', null);
      if (filter.assignedTo !== undefined) {
        const userId = filter.assignedTo;
        query = query.where((eb) =>
          eb.exists(
            eb
              .selectFrom('case_assignments as a')
              .select('a.id')
              .whereRef('a.case_id', '=', 'c.id')
              .where('a.user_id', '=', userId)
              .where('a.ended_at', 'is', null),
          ),
        );
      }
      if (filter.handlingUnitIds !== undefined) {
        if (filter.handlingUnitIds.length === 0) return [];
        query = query.where('c.handling_unit_id', 'in', filter.handlingUnitIds);
      }
      // Sealed and withdrawn escrow reports are in no list (docs/escrow-matching.md).
      query = query.where((eb) => eb.or([eb('c.escrow', 'is', null), eb('c.escrow', '=', 'opened')]));
      if (filter.state) query = query.where('c.state', '=', filter.state);
      if (filter.form) query = query.where(sql<boolean>`${filter.form} = ANY(c.forms)`);
      if (filter.unitId) query = query.where('c.handling_unit_id', '=', filter.unitId);
      if (filter.lateBefore) query = query.where('c.next_deadline_at', '<', filter.lateBefore);
      if (filter.dueBefore) query = query.where('c.next_deadline_at', '<', filter.dueBefore);
      // Keyset pagination on (sort key, id); cases without a deadline (closed) sort last.
      if (filter.sort === 'deadline') {
        const far = sql<Date>`coalesce(c.next_deadline_at, 'infinity'::timestamptz)`;
        if (filter.after)
          query = query.where(
            sql<boolean>`(${far}, c.id) > (coalesce(${filter.after.key}::timestamptz, 'infinity'::timestamptz), ${filter.after.id}::uuid)`,
          );
        query = query.orderBy(far).orderBy('c.id');
      } else {
        if (filter.after)
          query = query.where(
            sql<boolean>`(c.received_at, c.id) < (${filter.after.key}::timestamptz, ${filter.after.id}::uuid)`,
          );
        query = query.orderBy('c.received_at', 'desc').orderBy('c.id', 'desc');
      }
      return (await query.limit(filter.limit + 1).execute()) as CaseRecord[];
    },

    // ── Who may see a case ──────────────────────────────────────────────────────────────────────────
    async openAssignments(db: DbOrTx, caseIds: string[]) {
      if (caseIds.length === 0) return [];
      return db
        .selectFrom('case_assignments as a')
        .innerJoin('users as u', 'u.id', 'a.user_id')
        .leftJoin('members as m', 'm.id', 'u.member_id')
        .select(['a.id', 'a.case_id', 'a.user_id', 'a.role', 'a.assigned_at', 'u.display_name', 'm.sex'])
        .where('a.case_id', 'in', caseIds)
        .where('a.ended_at', 'is', null)
        .orderBy('a.assigned_at')
        .execute();
    },
    async insertAssignment(
      db: DbOrTx,
      row: { case_id: string; user_id: string; role: string; assigned_at: Date; assigned_by: string },
    ): Promise<string> {
      const { id } = await db
        .insertInto('case_assignments')
        .values(row)
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
    async endAssignments(db: DbOrTx, caseId: string, where: { id?: string; userIds?: string[] }, now: Date) {
      let query = db
        .updateTable('case_assignments')
        .set({ ended_at: now })
        .where('case_id', '=', caseId)
        .where('ended_at', 'is', null);
      if (where.id) query = query.where('id', '=', where.id);
      if (where.userIds) {
        if (where.userIds.length === 0) return 0;
        query = query.where('user_id', 'in', where.userIds);
      }
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async exclusions(db: DbOrTx, caseIds: string[]) {
      if (caseIds.length === 0) return [];
      return db.selectFrom('case_exclusions').selectAll().where('case_id', 'in', caseIds).execute();
    },
    async replaceExclusions(db: DbOrTx, caseId: string, userIds: string[]) {
      await db.deleteFrom('case_exclusions').where('case_id', '=', caseId).execute();
      if (userIds.length > 0)
        await db
          .insertInto('case_exclusions')
          .values([...new Set(userIds)].map((userId) => ({ case_id: caseId, user_id: userId })))
          .execute();
    },
    async legalAidConsented(db: DbOrTx, caseIds: string[]): Promise<Set<string>> {
      if (caseIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('case_consents')
        .select(['case_id', 'status'])
        .distinctOn('case_id')
        .where('case_id', 'in', caseIds)
        .where('route', '=', 'bantuan_hukum')
        .orderBy('case_id')
        .orderBy('recorded_at', 'desc')
        .orderBy('seq', 'desc')
        .execute();
      return new Set(rows.filter((row) => row.status === 'given').map((row) => row.case_id));
    },
    /** Latest consent status per route. */
    async latestConsents(db: DbOrTx, caseId: string): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('case_consents')
        .select(['route', 'status'])
        .distinctOn('route')
        .where('case_id', '=', caseId)
        .orderBy('route')
        .orderBy('recorded_at', 'desc')
        .orderBy('seq', 'desc')
        .execute();
      return new Map(rows.map((row) => [row.route, row.status]));
    },

    // ── Conflict inputs ─────────────────────────────────────────────────────────────────────────────
    async userOfMember(db: DbOrTx, memberId: string) {
      return db.selectFrom('users').select('id').where('member_id', '=', memberId).executeTakeFirst();
    },
    async memberById(db: DbOrTx, memberId: string) {
      return db
        .selectFrom('members')
        .select(['id', 'full_name', 'member_number', 'home_unit_id'])
        .where('id', '=', memberId)
        .executeTakeFirst();
    },
    /** Units where the member holds a current appointment, with path and depth. */
    async officeUnitsOf(db: DbOrTx, memberId: string, date: string) {
      return db
        .selectFrom('appointments as a')
        .innerJoin('positions as p', 'p.id', 'a.position_id')
        .innerJoin('bodies as b', 'b.id', 'p.body_id')
        .innerJoin('units as u', 'u.id', 'b.unit_id')
        .select(['u.id', 'u.path', 'u.depth'])
        .where('a.member_id', '=', memberId)
        .where('a.term_start', '<=', date)
        .where((eb) => eb.or([eb('a.term_end', 'is', null), eb('a.term_end', '>=', date)]))
        .execute();
    },
    /** Accounts of members holding a current appointment at a unit (e.g. the named person's PSP). */
    async officerAccountsAt(db: DbOrTx, unitId: number, date: string): Promise<string[]> {
      const rows = await db
        .selectFrom('appointments as a')
        .innerJoin('positions as p', 'p.id', 'a.position_id')
        .innerJoin('bodies as b', 'b.id', 'p.body_id')
        .innerJoin('users as us', 'us.member_id', 'a.member_id')
        .select('us.id')
        .where('b.unit_id', '=', unitId)
        .where('a.term_start', '<=', date)
        .where((eb) => eb.or([eb('a.term_end', 'is', null), eb('a.term_end', '>=', date)]))
        .execute();
      return rows.map((row) => row.id);
    },
    async recusedUsers(db: DbOrTx, caseId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('case_events')
        .select('actor_id')
        .where('case_id', '=', caseId)
        .where('kind', '=', 'recusal')
        .execute();
      return rows.flatMap((row) => (row.actor_id ? [row.actor_id] : []));
    },
    /** Active accounts holding case_handler or legal_aid at a unit inside `path`'s subtree. */
    async candidateAssignees(db: DbOrTx, path: string) {
      return db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .innerJoin('units as un', 'un.id', 'g.unit_id')
        .leftJoin('members as m', 'm.id', 'u.member_id')
        .select(['u.id', 'u.display_name', 'g.role', 'm.sex'])
        .where('u.active', '=', true)
        .where('g.role', 'in', ['case_handler', 'legal_aid'])
        .where('un.path', 'like', `${path}%`)
        .orderBy('u.display_name')
        .execute();
    },
    /** Members matching a name (typo-tolerant) or an exact number inside a subtree, for linking. */
    async searchMembers(db: DbOrTx, subtreePath: string, q: string) {
      return db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('pg_trgm.word_similarity_threshold', '0.45', true)`.execute(tx);
        const lowered = q.toLowerCase();
        return tx
          .selectFrom('members as m')
          .innerJoin('units as u', 'u.id', 'm.home_unit_id')
          .select(['m.id', 'm.full_name', 'm.member_number', 'u.name as unit_name'])
          .where('u.path', 'like', `${subtreePath}%`)
          .where((eb) =>
            eb.or([sql<boolean>`${lowered} <% lower(m.full_name)`, eb('m.member_number', '=', q)]),
          )
          .orderBy(sql`word_similarity(${lowered}, lower(m.full_name))`, 'desc')
          .orderBy('m.id')
          .limit(10)
          .execute();
      });
    },
    /** Grants of an active account, as the access module takes them. */
    async grantsOfUser(db: DbOrTx, userId: string) {
      const rows = await db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .innerJoin('units as un', 'un.id', 'g.unit_id')
        .select(['g.role', 'g.unit_id', 'un.path'])
        .where('g.user_id', '=', userId)
        .where('u.active', '=', true)
        .execute();
      return rows.map((row) => ({ role: row.role as Role, unitId: row.unit_id, unitPath: row.path }));
    },
    async userSex(db: DbOrTx, userId: string): Promise<string | null> {
      const row = await db
        .selectFrom('users as u')
        .leftJoin('members as m', 'm.id', 'u.member_id')
        .select('m.sex')
        .where('u.id', '=', userId)
        .executeTakeFirst();
      return row?.sex ?? null;
    },

    // ── Timeline and actions inside a case ──────────────────────────────────────────────────────────
    async addEvent(
      db: DbOrTx,
      row: CaseRecord,
      event: {
        at: Date;
        actorId: string | null;
        actorKind: 'user' | 'reporter' | 'system';
        kind: string;
        facts?: Record<string, string | number | boolean | null>;
        text?: string | null;
      },
    ): Promise<void> {
      const id = randomUUID();
      await db
        .insertInto('case_events')
        .values({
          id,
          case_id: row.id,
          at: event.at,
          actor_id: event.actorId,
          actor_kind: event.actorKind,
          kind: event.kind,
          facts: JSON.stringify(event.facts ?? {}),
          text_sealed: await sealOptional(db, row.data_key_id, `case:${row.id}:event:${id}`, event.text),
        })
        .execute();
    },
    async events(db: DbOrTx, row: CaseRecord, withText: boolean) {
      const rows = await db
        .selectFrom('case_events as e')
        .leftJoin('users as u', 'u.id', 'e.actor_id')
        .select(['e.id', 'e.at', 'e.actor_kind', 'e.kind', 'e.facts', 'e.text_sealed', 'u.display_name'])
        .where('e.case_id', '=', row.id)
        .orderBy('e.at')
        .orderBy('e.seq')
        .execute();
      return Promise.all(
        rows.map(async (event) => ({
          ...event,
          text: withText
            ? await openOptional(db, `case:${row.id}:event:${event.id}`, event.text_sealed)
            : null,
        })),
      );
    },
    async notes(db: DbOrTx, row: CaseRecord) {
      return (await this.events(db, row, true)).filter((event) => event.kind === 'note');
    },

    async addMessage(
      db: DbOrTx,
      row: CaseRecord,
      message: { at: Date; fromReporter: boolean; authorId: string | null; body: string },
    ): Promise<void> {
      const id = randomUUID();
      await db
        .insertInto('case_messages')
        .values({
          id,
          case_id: row.id,
          at: message.at,
          from_reporter: message.fromReporter,
          author_id: message.authorId,
          body_sealed: await seal(db, row.data_key_id, `case:${row.id}:message:${id}`, message.body),
        })
        .execute();
    },
    async messages(db: DbOrTx, row: CaseRecord) {
      const rows = await db
        .selectFrom('case_messages as m')
        .leftJoin('users as u', 'u.id', 'm.author_id')
        .select(['m.id', 'm.at', 'm.from_reporter', 'm.body_sealed', 'u.display_name'])
        .where('m.case_id', '=', row.id)
        .orderBy('m.at')
        .orderBy('m.seq')
        .execute();
      return Promise.all(
        rows.map(async (message) => ({
          id: message.id,
          at: message.at,
          fromReporter: message.from_reporter,
          author: message.display_name,
          body: await open(db, `case:${row.id}:message:${message.id}`, message.body_sealed),
        })),
      );
    },

    async addConsent(
      db: DbOrTx,
      row: CaseRecord,
      consent: { route: string; status: string; at: Date; by: string; note: string | null | undefined },
    ): Promise<void> {
      const id = randomUUID();
      await db
        .insertInto('case_consents')
        .values({
          id,
          case_id: row.id,
          route: consent.route,
          status: consent.status,
          recorded_at: consent.at,
          recorded_by: consent.by,
          note_sealed: await sealOptional(db, row.data_key_id, `case:${row.id}:consent:${id}`, consent.note),
        })
        .execute();
    },
    async consents(db: DbOrTx, row: CaseRecord, withText: boolean) {
      const rows = await db
        .selectFrom('case_consents as c')
        .leftJoin('users as u', 'u.id', 'c.recorded_by')
        .select(['c.id', 'c.route', 'c.status', 'c.recorded_at', 'c.note_sealed', 'u.display_name'])
        .where('c.case_id', '=', row.id)
        .orderBy('c.recorded_at')
        .orderBy('c.seq')
        .execute();
      return Promise.all(
        rows.map(async (consent) => ({
          ...consent,
          note: withText
            ? await openOptional(db, `case:${row.id}:consent:${consent.id}`, consent.note_sealed)
            : null,
        })),
      );
    },

    async addReferral(
      db: DbOrTx,
      row: CaseRecord,
      referral: {
        service: string;
        recipient: string | null | undefined;
        referredOn: string;
        emergencyReason: string | null | undefined;
        at: Date;
        by: string;
      },
    ): Promise<string> {
      const id = randomUUID();
      const emergency = Boolean(referral.emergencyReason);
      await db
        .insertInto('case_referrals')
        .values({
          id,
          case_id: row.id,
          service: referral.service,
          recipient_sealed: await sealOptional(
            db,
            row.data_key_id,
            `case:${row.id}:referral:${id}:recipient`,
            referral.recipient,
          ),
          referred_on: referral.referredOn,
          status: 'direncanakan',
          emergency,
          emergency_reason_sealed: await sealOptional(
            db,
            row.data_key_id,
            `case:${row.id}:referral:${id}:emergency`,
            referral.emergencyReason,
          ),
          needs_review: emergency,
          created_at: referral.at,
          created_by: referral.by,
        })
        .execute();
      return id;
    },
    async findReferral(db: DbOrTx, caseId: string, id: string) {
      return db
        .selectFrom('case_referrals')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async updateReferral(
      db: DbOrTx,
      row: CaseRecord,
      id: string,
      changes: { status?: string; outcome?: string | null; reviewedBy?: string; reviewedAt?: Date },
    ): Promise<void> {
      await db
        .updateTable('case_referrals')
        .set({
          ...(changes.status ? { status: changes.status } : {}),
          ...(changes.outcome !== undefined
            ? {
                outcome_sealed: await sealOptional(
                  db,
                  row.data_key_id,
                  `case:${row.id}:referral:${id}:outcome`,
                  changes.outcome,
                ),
              }
            : {}),
          ...(changes.reviewedBy
            ? { needs_review: false, reviewed_by: changes.reviewedBy, reviewed_at: changes.reviewedAt }
            : {}),
        })
        .where('id', '=', id)
        .where('case_id', '=', row.id)
        .execute();
    },
    async referrals(db: DbOrTx, row: CaseRecord) {
      const rows = await db
        .selectFrom('case_referrals')
        .selectAll()
        .where('case_id', '=', row.id)
        .orderBy('created_at')
        .execute();
      return Promise.all(
        rows.map(async (referral) => ({
          ...referral,
          recipient: await openOptional(
            db,
            `case:${row.id}:referral:${referral.id}:recipient`,
            referral.recipient_sealed,
          ),
          outcome: await openOptional(
            db,
            `case:${row.id}:referral:${referral.id}:outcome`,
            referral.outcome_sealed,
          ),
          emergencyReason: await openOptional(
            db,
            `case:${row.id}:referral:${referral.id}:emergency`,
            referral.emergency_reason_sealed,
          ),
        })),
      );
    },

    async addMeasure(
      db: DbOrTx,
      row: CaseRecord,
      measure: {
        kind: string;
        status: string;
        description: string | null | undefined;
        startedOn: string | null;
        at: Date;
        by: string;
      },
    ): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('case_measures')
        .values({
          id,
          case_id: row.id,
          kind: measure.kind,
          status: measure.status,
          description_sealed: await sealOptional(
            db,
            row.data_key_id,
            `case:${row.id}:measure:${id}`,
            measure.description,
          ),
          started_on: measure.startedOn,
          created_at: measure.at,
          created_by: measure.by,
        })
        .execute();
      return id;
    },
    async updateMeasure(db: DbOrTx, caseId: string, id: string, status: string): Promise<number> {
      const result = await db
        .updateTable('case_measures')
        .set({ status })
        .where('id', '=', id)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async measures(db: DbOrTx, row: CaseRecord) {
      const rows = await db
        .selectFrom('case_measures')
        .selectAll()
        .where('case_id', '=', row.id)
        .orderBy('created_at')
        .execute();
      return Promise.all(
        rows.map(async (measure) => ({
          ...measure,
          description: await openOptional(
            db,
            `case:${row.id}:measure:${measure.id}`,
            measure.description_sealed,
          ),
        })),
      );
    },

    sealCaseText: (db: DbOrTx, row: CaseRecord, field: string, value: string | null | undefined) =>
      sealOptional(db, row.data_key_id, `case:${row.id}:${field}`, value),
    openCaseText: (db: DbOrTx, row: CaseRecord, field: string, envelope: string | null) =>
      openOptional(db, `case:${row.id}:${field}`, envelope),

    async addFile(
      db: DbOrTx,
      row: CaseRecord,
      file: {
        at: Date;
        fromReporter: boolean;
        uploadedBy: string | null;
        name: string;
        mediaType: string;
        data: Buffer;
      },
    ): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('case_files')
        .values({
          id,
          case_id: row.id,
          at: file.at,
          from_reporter: file.fromReporter,
          uploaded_by: file.uploadedBy,
          name_sealed: await seal(db, row.data_key_id, `case:${row.id}:file:${id}:name`, file.name),
          media_type: file.mediaType,
          size: file.data.length,
          content_sealed: await seal(db, row.data_key_id, `case:${row.id}:file:${id}:content`, file.data),
        })
        .execute();
      return id;
    },
    async files(db: DbOrTx, row: CaseRecord) {
      const rows = await db
        .selectFrom('case_files')
        .select(['id', 'at', 'from_reporter', 'name_sealed', 'media_type', 'size'])
        .where('case_id', '=', row.id)
        .orderBy('at')
        .execute();
      return Promise.all(
        rows.map(async (file) => ({
          id: file.id,
          at: file.at,
          fromReporter: file.from_reporter,
          mediaType: file.media_type,
          size: file.size,
          name: await open(db, `case:${row.id}:file:${file.id}:name`, file.name_sealed),
        })),
      );
    },
    async fileContent(db: DbOrTx, row: CaseRecord, id: string) {
      const file = await db
        .selectFrom('case_files')
        .select(['id', 'name_sealed', 'media_type', 'content_sealed'])
        .where('case_id', '=', row.id)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!file) return undefined;
      return {
        name: await open(db, `case:${row.id}:file:${id}:name`, file.name_sealed),
        mediaType: file.media_type,
        data: await keyring.open(file.content_sealed, `case:${row.id}:file:${id}:content`, db),
      };
    },

    // ── Access log ──────────────────────────────────────────────────────────────────────────────────
    async logAccess(db: DbOrTx, caseId: string, userId: string, parts: string[], at: Date): Promise<void> {
      if (parts.length === 0) return;
      await db
        .insertInto('case_access_log')
        .values(parts.map((part) => ({ case_id: caseId, user_id: userId, part, at })))
        .execute();
    },
    async accessLog(db: DbOrTx, caseId: string) {
      return db
        .selectFrom('case_access_log as l')
        .innerJoin('users as u', 'u.id', 'l.user_id')
        .select(['l.at', 'l.part', 'u.id as user_id', 'u.display_name'])
        .where('l.case_id', '=', caseId)
        .orderBy('l.at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(500)
        .execute();
    },
  };
}

export type CasesRepository = ReturnType<typeof createCasesRepository>;
