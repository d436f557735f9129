import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

/** SQL of cadre stages: the ladder, the facts a stage rule is judged on, proposals and records. */
export function createCadreRepository() {
  return {
    ladder(handle: DbOrTx) {
      return handle.selectFrom('cadre_stages').selectAll().orderBy('rank').execute();
    },

    weights(handle: DbOrTx) {
      return handle.selectFrom('training_attendance_weights').selectAll().execute();
    },

    trackCodes(handle: DbOrTx) {
      return handle
        .selectFrom('training_tracks')
        .select('code')
        .execute()
        .then((rows) => rows.map((row) => row.code));
    },

    rootUnit(handle: DbOrTx) {
      return handle
        .selectFrom('units')
        .select(['id', 'path'])
        .where('parent_id', 'is', null)
        .executeTakeFirst();
    },

    unit(handle: DbOrTx, id: number) {
      return handle
        .selectFrom('units')
        .select(['id', 'path', 'name'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    member(handle: DbOrTx, memberId: string) {
      return handle
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select([
          'm.id',
          'm.full_name',
          'm.member_number',
          'm.joined_on',
          'm.status',
          'm.home_unit_id',
          'u.path as unit_path',
          'u.name as unit_name',
        ])
        .where('m.id', '=', memberId)
        .executeTakeFirst();
    },

    /** Active members of a subtree with a completed class or a class they facilitated (refresh candidates). */
    candidates(handle: DbOrTx, rootPath: string) {
      return handle
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select(['m.id', 'm.joined_on'])
        .where('u.path', 'like', `${rootPath}%`)
        .where('m.status', '=', 'aktif')
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('training_participants as t')
                .select('t.id')
                .whereRef('t.member_id', '=', 'm.id')
                .where('t.status', '=', 'completed'),
            ),
            eb.exists(
              eb.selectFrom('training_facilitators as f').select('f.id').whereRef('f.member_id', '=', 'm.id'),
            ),
          ]),
        )
        .orderBy('m.id')
        .execute();
    },

    joinedOn(handle: DbOrTx, memberIds: readonly string[]) {
      if (memberIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('members')
        .select(['id', 'joined_on', 'status'])
        .where('id', 'in', memberIds)
        .execute();
    },

    /** Completed classes with their session count and her marks (weighted attendance is computed by rule). */
    completed(handle: DbOrTx, memberIds: readonly string[]) {
      if (memberIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('training_participants as t')
        .innerJoin('training_classes as c', 'c.id', 't.class_id')
        .select([
          't.id',
          't.member_id',
          'c.track',
          'c.level',
          'c.ends_on',
          sql<number>`(SELECT count(*)::int FROM training_sessions s WHERE s.class_id = c.id)`.as(
            'session_count',
          ),
          sql<string[]>`coalesce((SELECT array_agg(a.status) FROM training_attendance a
            WHERE a.participant_id = t.id), '{}')`.as('marks'),
        ])
        .where('t.member_id', 'in', memberIds)
        .where('t.status', '=', 'completed')
        .execute();
    },

    facilitated(handle: DbOrTx, memberIds: readonly string[]) {
      if (memberIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('training_facilitators as f')
        .innerJoin('training_classes as c', 'c.id', 'f.class_id')
        .select(['f.member_id', 'c.id as class_id', 'c.ends_on'])
        .where('f.member_id', 'in', memberIds)
        .execute();
    },

    /** Records not withdrawn. */
    heldRecords(handle: DbOrTx, memberIds: readonly string[]) {
      if (memberIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('cadre_stage_records')
        .select(['id', 'member_id', 'stage', 'achieved_on'])
        .where('member_id', 'in', memberIds)
        .where('withdrawn_at', 'is', null)
        .execute();
    },

    /** The latest declined proposal per member and stage (a decline is not re-proposed on the same evidence). */
    latestDeclined(handle: DbOrTx, memberIds: readonly string[]) {
      if (memberIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('cadre_stage_proposals')
        .distinctOn(['member_id', 'stage'])
        .select(['member_id', 'stage', 'evidence'])
        .where('member_id', 'in', memberIds)
        .where('status', '=', 'declined')
        .orderBy('member_id')
        .orderBy('stage')
        .orderBy('decided_at', 'desc')
        .execute();
    },

    /** Idempotent: an open proposal for the same member and stage stays the only one (partial unique index). */
    async insertProposal(
      handle: DbOrTx,
      row: { memberId: string; stage: string; evidence: unknown; at: Date },
    ) {
      const inserted = await handle
        .insertInto('cadre_stage_proposals')
        .values({
          member_id: row.memberId,
          stage: row.stage,
          evidence: JSON.stringify(row.evidence),
          proposed_at: row.at,
        })
        .onConflict((conflict) =>
          conflict.columns(['member_id', 'stage']).where('status', '=', 'open').doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
      return inserted?.id ?? null;
    },

    /** Open proposals of members whose home unit's parent (or, at the top, the unit itself) lies in `roots`. */
    openProposals(handle: DbOrTx, roots: readonly string[]) {
      return handle
        .selectFrom('cadre_stage_proposals as p')
        .innerJoin('members as m', 'm.id', 'p.member_id')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .leftJoin('units as pu', 'pu.id', 'u.parent_id')
        .innerJoin('cadre_stages as s', 's.code', 'p.stage')
        .select([
          'p.id',
          'p.member_id',
          'p.stage',
          'p.proposed_at',
          'p.evidence',
          'm.full_name',
          'm.member_number',
          'u.name as unit_name',
          's.label_id',
          's.label_en',
        ])
        .where('p.status', '=', 'open')
        .where(
          sql<boolean>`coalesce(pu.path, u.path) LIKE ANY (SELECT r || '%' FROM unnest(${[...roots]}::text[]) r)`,
        )
        .orderBy('p.proposed_at')
        .orderBy('p.id')
        .limit(500)
        .execute();
    },

    proposal(handle: DbOrTx, id: string, lock = false) {
      let query = handle.selectFrom('cadre_stage_proposals').selectAll().where('id', '=', id);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    openProposalOf(handle: DbOrTx, memberId: string) {
      return handle
        .selectFrom('cadre_stage_proposals')
        .select(['id', 'stage'])
        .where('member_id', '=', memberId)
        .where('status', '=', 'open')
        .orderBy('id', 'desc')
        .executeTakeFirst();
    },

    record(handle: DbOrTx, id: string, lock = false) {
      let query = handle.selectFrom('cadre_stage_records').selectAll().where('id', '=', id);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    /** Every record of a member, withdrawn too, newest first, with who confirmed and withdrew it. */
    recordsOf(handle: DbOrTx, memberId: string) {
      return handle
        .selectFrom('cadre_stage_records as r')
        .innerJoin('cadre_stages as s', 's.code', 'r.stage')
        .leftJoin('users as cu', 'cu.id', 'r.confirmed_by')
        .leftJoin('users as wu', 'wu.id', 'r.withdrawn_by')
        .leftJoin('units as un', 'un.id', 'r.confirmed_unit_id')
        .select([
          'r.id',
          'r.stage',
          's.label_id',
          's.label_en',
          's.rank',
          'r.achieved_on',
          'r.proposal_id',
          'cu.display_name as confirmed_by_name',
          'un.name as confirmed_unit_name',
          'r.confirmed_at',
          'r.evidence',
          'r.evidence_note',
          'r.withdrawn_at',
          'wu.display_name as withdrawn_by_name',
          'r.withdrawn_reason',
        ])
        .where('r.member_id', '=', memberId)
        .orderBy('r.achieved_on', 'desc')
        .orderBy('r.id', 'desc')
        .execute();
    },

    /** Titles and dates of the classes named in evidence. */
    evidenceClasses(handle: DbOrTx, participantIds: readonly string[]) {
      if (participantIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('training_participants as t')
        .innerJoin('training_classes as c', 'c.id', 't.class_id')
        .select(['t.id', 'c.title', 'c.track', 'c.level', 'c.ends_on'])
        .where('t.id', 'in', participantIds)
        .execute();
    },

    classTitles(handle: DbOrTx, classIds: readonly number[]) {
      if (classIds.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('training_classes')
        .select(['id', 'title', 'ends_on'])
        .where('id', 'in', classIds)
        .execute();
    },
  };
}

export type CadreRepository = ReturnType<typeof createCadreRepository>;
