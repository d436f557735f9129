import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { ListSignaturesQuery } from '../../../shared/contracts/commitment.ts';
import { signatureScopeSql } from './commitment-access.ts';

/** SQL of the Joint Commitment tables (migration 2026-12-08T1000-commitment). Scope comes from the gate. */

const versionColumns = [
  'v.id',
  'v.number',
  'v.title_id',
  'v.title_en',
  'v.preamble_id',
  'v.preamble_en',
  'v.points',
  'v.text_sha256',
  'v.forum',
  'v.adopted_on',
  'v.status',
  'v.wording_placeholder',
  'v.activated_at',
] as const;

const signatureViewColumns = [
  's.id',
  's.version_id',
  'v.number as version_number',
  's.kind',
  's.unit_id',
  'u.name as unit_name',
  's.member_id',
  'm.full_name as member_name',
  'm.member_number',
  'm.sex as member_sex',
  's.person_name',
  's.person_organisation',
  's.person_sex',
  's.claimed_member_number',
  's.forum',
  's.decree_number',
  's.company_name',
  's.company_signatory',
  's.company_signatory_title',
  's.verification_code',
  's.signed_on',
  's.channel',
  's.public_name',
  's.status',
  's.status_reason',
  's.status_at',
] as const;

export type SignatureViewRow = Awaited<ReturnType<typeof commitmentRepository.signatureRows>>[number];

export const commitmentRepository = {
  versions(handle: DbOrTx) {
    return handle
      .selectFrom('commitment_versions as v')
      .select(versionColumns)
      .orderBy('v.number', 'desc')
      .execute();
  },
  version(handle: DbOrTx, id: number, options: { lock?: boolean } = {}) {
    let query = handle.selectFrom('commitment_versions as v').select(versionColumns).where('v.id', '=', id);
    if (options.lock) query = query.forUpdate();
    return query.executeTakeFirst();
  },
  activeVersion(handle: DbOrTx) {
    return handle
      .selectFrom('commitment_versions as v')
      .select(versionColumns)
      .where('v.status', '=', 'active')
      .executeTakeFirst();
  },
  async nextNumber(handle: DbOrTx): Promise<number> {
    const row = await handle
      .selectFrom('commitment_versions')
      .select(sql<number>`coalesce(max(number), 0)::int + 1`.as('next'))
      .executeTakeFirstOrThrow();
    return row.next;
  },
  /** Signatures per version and status, inside the caller's scope. */
  async countsByVersion(handle: DbOrTx, principal: Principal) {
    return handle
      .selectFrom('commitment_signatures as s')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .select(['s.version_id', 's.status', sql<number>`count(*)::int`.as('count')])
      .where(signatureScopeSql(principal, 'u.path'))
      .groupBy(['s.version_id', 's.status'])
      .execute();
  },

  signatureRows(
    handle: DbOrTx,
    principal: Principal,
    filter: Omit<ListSignaturesQuery, 'limit' | 'offset'> & { id?: string },
    page: { limit: number; offset: number },
  ) {
    return this.signatureQuery(handle, principal, filter)
      .select(signatureViewColumns)
      .orderBy('s.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  },
  async signatureTotal(
    handle: DbOrTx,
    principal: Principal,
    filter: Omit<ListSignaturesQuery, 'limit' | 'offset'>,
  ): Promise<number> {
    const row = await this.signatureQuery(handle, principal, filter)
      .select(sql<number>`count(*)::int`.as('total'))
      .executeTakeFirstOrThrow();
    return row.total;
  },
  signatureQuery(
    handle: DbOrTx,
    principal: Principal,
    filter: Omit<ListSignaturesQuery, 'limit' | 'offset'> & { id?: string },
  ) {
    let query = handle
      .selectFrom('commitment_signatures as s')
      .innerJoin('commitment_versions as v', 'v.id', 's.version_id')
      .innerJoin('units as u', 'u.id', 's.unit_id')
      .leftJoin('members as m', 'm.id', 's.member_id')
      .where(signatureScopeSql(principal, 'u.path'));
    if (filter.id !== undefined) query = query.where('s.id', '=', filter.id);
    if (filter.versionId !== undefined) query = query.where('s.version_id', '=', Number(filter.versionId));
    if (filter.status !== undefined) query = query.where('s.status', '=', filter.status);
    if (filter.kind !== undefined) query = query.where('s.kind', '=', filter.kind);
    if (filter.unitId !== undefined) {
      const unitId = Number(filter.unitId);
      query = query.where(sql<boolean>`u.path LIKE (SELECT path FROM units WHERE id = ${unitId}) || '%'`);
    }
    if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('m.full_name', 'ilike', like),
          eb('m.member_number', 'ilike', like),
          eb('s.person_name', 'ilike', like),
          eb('u.name', 'ilike', like),
          eb('s.company_name', 'ilike', like),
        ]),
      );
    }
    return query;
  },
  events(handle: DbOrTx, signatureId: string) {
    return handle
      .selectFrom('commitment_signature_events as e')
      .leftJoin('users as a', 'a.id', 'e.actor_id')
      .select(['e.status', 'e.reason', 'a.display_name as actor_name', 'e.at'])
      .where('e.signature_id', '=', signatureId)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
  },
  async insertSignature(
    handle: DbOrTx,
    row: {
      version_id: number;
      kind: string;
      unit_id: number;
      member_id?: string | null;
      person_name?: string | null;
      person_organisation?: string | null;
      person_sex?: string | null;
      claimed_member_number?: string | null;
      forum?: string | null;
      decree_number?: string | null;
      company_name?: string | null;
      company_signatory?: string | null;
      company_signatory_title?: string | null;
      verification_code?: string | null;
      signed_on: string;
      channel: string;
      public_name: boolean;
      status: string;
      status_by: string | null;
      created_by: string | null;
    },
    at: Date,
  ): Promise<string> {
    const { id } = await handle
      .insertInto('commitment_signatures')
      .values({ ...row, status_at: at, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle
      .insertInto('commitment_signature_events')
      .values({ signature_id: id, status: row.status, reason: null, actor_id: row.status_by, at })
      .execute();
    return id;
  },
  async setStatus(
    handle: DbOrTx,
    signatureId: string,
    change: { status: string; reason: string | null; actorId: string | null },
    at: Date,
  ) {
    await handle
      .updateTable('commitment_signatures')
      .set({ status: change.status, status_reason: change.reason, status_at: at, status_by: change.actorId })
      .where('id', '=', signatureId)
      .execute();
    await handle
      .insertInto('commitment_signature_events')
      .values({
        signature_id: signatureId,
        status: change.status,
        reason: change.reason,
        actor_id: change.actorId,
        at,
      })
      .execute();
  },
  /** Open signatures of a version become superseded, each with its history row; returns how many. */
  async supersedeOpen(handle: DbOrTx, versionId: number, at: Date): Promise<number> {
    const result = await sql<{ count: number }>`
      WITH moved AS (
        UPDATE commitment_signatures SET status = 'superseded', status_reason = NULL, status_at = ${at},
          status_by = NULL
        WHERE version_id = ${versionId} AND status IN ('pending', 'valid')
        RETURNING id
      ), logged AS (
        INSERT INTO commitment_signature_events (signature_id, status, reason, actor_id, at)
        SELECT id, 'superseded', NULL, NULL, ${at} FROM moved
        RETURNING 1
      )
      SELECT count(*)::int AS count FROM logged
    `.execute(handle);
    return result.rows[0]?.count ?? 0;
  },
  async addReceipt(handle: DbOrTx, signatureId: string, hash: Buffer, at: Date) {
    await handle
      .insertInto('commitment_receipts')
      .values({ receipt_hash: hash, signature_id: signatureId, issued_at: at })
      .execute();
  },
  /** The open signature of a member for a version (duplicates merge into it). */
  openSignatureOfMember(handle: DbOrTx, versionId: number, memberId: string) {
    return handle
      .selectFrom('commitment_signatures')
      .select('id')
      .where('version_id', '=', versionId)
      .where('member_id', '=', memberId)
      .where('status', 'in', ['pending', 'valid'])
      .forUpdate()
      .executeTakeFirst();
  },
  openSignatureOfUnit(handle: DbOrTx, versionId: number, kind: string, unitId: number) {
    return handle
      .selectFrom('commitment_signatures')
      .select('id')
      .where('version_id', '=', versionId)
      .where('kind', '=', kind)
      .where('unit_id', '=', unitId)
      .where('status', 'in', ['pending', 'valid'])
      .executeTakeFirst();
  },
  /** A member by number and birth year (the public page's identity, as on /hadir). */
  memberByNumber(handle: DbOrTx, memberNumber: string, birthYear: number) {
    return handle
      .selectFrom('members')
      .select(['id', 'home_unit_id'])
      .where('member_number', '=', memberNumber)
      .where('birth_year', '=', birthYear)
      .executeTakeFirst();
  },
  /**
   * Open signatures of people (members and persons) of a version per DPD, every active DPD listed (zero
   * included); signatures above any DPD (the top unit: a person who named no region) come as `region: null`.
   * Live over `commitment_signatures_version_idx`; a summary table is the next step at scale (see docs).
   */
  /**
   * People with an open signature of the version, per active DPD (by the signer's unit), and those under
   * no DPD. Counted per unit first (one pass over the partial index `commitment_signatures_people_open`),
   * then the few hundred unit counts are summed per DPD subtree: the page stays fast at 200,000 signatures.
   */
  async peopleByRegion(handle: DbOrTx, versionId: number) {
    const result = await sql<{ id: number | null; name: string | null; count: number }>`
      WITH per_unit AS (
        SELECT s.unit_id, count(*)::int AS n FROM commitment_signatures s
        WHERE s.version_id = ${versionId} AND s.status IN ('pending', 'valid') AND s.kind IN ('member', 'person')
        GROUP BY s.unit_id
      ), counted AS MATERIALIZED (
        SELECT u.path, p.n FROM per_unit p JOIN units u ON u.id = p.unit_id
      )
      SELECT d.id, d.name, coalesce((SELECT sum(c.n) FROM counted c WHERE c.path LIKE d.path || '%'), 0)::int AS count
      FROM units d WHERE d.level = 'DPD' AND d.active
      UNION ALL
      SELECT NULL, NULL, coalesce((SELECT sum(c.n) FROM counted c
        WHERE NOT EXISTS (SELECT 1 FROM units d WHERE d.level = 'DPD' AND d.active AND c.path LIKE d.path || '%')), 0)::int
      ORDER BY 2 NULLS LAST
    `.execute(handle);
    return result.rows;
  },
  publicRegions(handle: DbOrTx) {
    return handle
      .selectFrom('units')
      .select(['id', 'name'])
      .where('level', '=', 'DPD')
      .where('active', '=', true)
      .orderBy('name')
      .execute();
  },
  rootUnit(handle: DbOrTx) {
    return handle
      .selectFrom('units')
      .select(['id', 'path'])
      .where('parent_id', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
  },

  // ── Paper lists and their sheet photos ─────────────────────────────────────────────────────────────
  insertPaperList(
    handle: DbOrTx,
    row: {
      version_id: number;
      unit_id: number;
      signed_on: string;
      counts: { number: number; name: number; merged: number; unmatched: number };
      entered_by: string;
    },
    at: Date,
  ) {
    const { counts, ...rest } = row;
    return handle
      .insertInto('commitment_paper_lists')
      .values({
        ...rest,
        row_count: counts.number + counts.name + counts.merged + counts.unmatched,
        by_number: counts.number,
        by_name: counts.name,
        merged: counts.merged,
        unmatched: counts.unmatched,
        entered_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },
  paperListPhotos(handle: DbOrTx, paperListId: number) {
    return handle
      .selectFrom('commitment_paper_list_photos')
      .select(['id', 'media_type', 'size', 'uploaded_at'])
      .where('paper_list_id', '=', paperListId)
      .orderBy('id')
      .execute();
  },
  insertPaperListPhoto(
    handle: DbOrTx,
    row: { paper_list_id: number; media_type: string; data: Buffer; uploaded_by: string },
    at: Date,
  ) {
    return handle
      .insertInto('commitment_paper_list_photos')
      .values({ ...row, size: row.data.length, uploaded_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
  },
  paperListPhoto(handle: DbOrTx, paperListId: number, photoId: number) {
    return handle
      .selectFrom('commitment_paper_list_photos')
      .select(['media_type', 'data'])
      .where('id', '=', photoId)
      .where('paper_list_id', '=', paperListId)
      .executeTakeFirst();
  },
};
