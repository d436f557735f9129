import { sql } from 'kysely';
import type { SexTally } from '../../../shared/contracts/campaigns.ts';
import type { DbOrTx } from '../../platform/database.ts';
import { campaignColumns } from './campaign-access.ts';

const toTally = (rows: readonly { sex: string | null; count: number }[]): SexTally => {
  const tally = { women: 0, men: 0, unknown: 0 };
  for (const row of rows) {
    if (row.sex === 'P') tally.women += row.count;
    else if (row.sex === 'L') tally.men += row.count;
    else tally.unknown += row.count;
  }
  return tally;
};

/** An activity with its host unit and the campaign it belongs to: the row every activity list reads. */
function activityRows(handle: DbOrTx) {
  return handle
    .selectFrom('campaign_activities as a')
    .innerJoin('units as hu', 'hu.id', 'a.host_unit_id')
    .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .select([
      'a.id',
      'a.campaign_id',
      'c.title as campaign_title',
      'a.kind',
      'a.host_unit_id',
      'hu.name as host_unit_name',
      'hu.path as host_unit_path',
      'a.held_on',
      'a.title',
      'a.reach_mode',
      'a.women',
      'a.men',
      'a.unknown',
    ]);
}

/** SQL of education campaigns; plain rows, no rules. */
export function createCampaignsRepository() {
  return {
    kinds(handle: DbOrTx) {
      return handle
        .selectFrom('campaign_activity_kinds')
        .selectAll()
        .orderBy('sort_order')
        .orderBy('code')
        .execute();
    },

    unit(handle: DbOrTx, id: number) {
      return handle
        .selectFrom('units')
        .select(['id', 'name', 'path'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /**
     * Campaigns in `ids` (a visibility subquery), with counts of the sub-campaigns owned and activities
     * hosted inside `roots` (the caller's scope: everything of a campaign she manages, only her own units'
     * of one she only sees); optionally only children of `parentId`.
     */
    campaigns(
      handle: DbOrTx,
      ids: ReturnType<typeof sql<number>>,
      roots: readonly string[],
      parentId?: number,
    ) {
      let query = handle
        .selectFrom('campaigns as c')
        .innerJoin('units as u', 'u.id', 'c.owner_unit_id')
        .leftJoin('campaigns as pc', 'pc.id', 'c.parent_id')
        .select(campaignColumns)
        .select([
          sql<number>`(
            SELECT count(*)::int FROM campaigns k JOIN units ku ON ku.id = k.owner_unit_id
            WHERE k.parent_id = c.id AND ku.path LIKE ANY (SELECT r || '%' FROM unnest(${roots}::text[]) r)
          )`.as('child_count'),
          sql<number>`(
            SELECT count(*)::int FROM campaign_activities a JOIN units au ON au.id = a.host_unit_id
            WHERE a.campaign_id = c.id AND au.path LIKE ANY (SELECT r || '%' FROM unnest(${roots}::text[]) r)
          )`.as('activity_count'),
        ])
        .where('c.id', 'in', ids);
      if (parentId !== undefined) query = query.where('c.parent_id', '=', parentId);
      return query.orderBy('c.starts_on', 'desc').orderBy('c.id').execute();
    },

    days(handle: DbOrTx, campaignId: number) {
      return handle
        .selectFrom('campaign_days')
        .select(['day_on', 'theme'])
        .where('campaign_id', '=', campaignId)
        .orderBy('day_on')
        .execute();
    },

    async replaceDays(handle: DbOrTx, campaignId: number, days: readonly { date: string; theme: string }[]) {
      await handle.deleteFrom('campaign_days').where('campaign_id', '=', campaignId).execute();
      if (days.length)
        await handle
          .insertInto('campaign_days')
          .values(days.map((day) => ({ campaign_id: campaignId, day_on: day.date, theme: day.theme })))
          .execute();
    },

    /** The campaign and all its descendants' ids. */
    async subtreeIds(handle: DbOrTx, campaignId: number): Promise<number[]> {
      const { rows } = await sql<{ id: number }>`
        WITH RECURSIVE tree AS (
          SELECT id FROM campaigns WHERE id = ${campaignId}
          UNION ALL SELECT c.id FROM campaigns c JOIN tree t ON c.parent_id = t.id
        ) SELECT id FROM tree`.execute(handle);
      return rows.map((row) => row.id);
    },

    /** Bounds of the campaign's direct children and activities (to keep them inside new dates). */
    async contentsSpan(handle: DbOrTx, campaignId: number) {
      const { rows } = await sql<{ first: string | null; last: string | null }>`
        SELECT min(d)::text AS first, max(e)::text AS last FROM (
          SELECT starts_on AS d, ends_on AS e FROM campaigns WHERE parent_id = ${campaignId}
          UNION ALL SELECT held_on, held_on FROM campaign_activities WHERE campaign_id = ${campaignId}
        ) s`.execute(handle);
      return rows[0]!;
    },

    /**
     * Activities of the campaigns in `campaignIds`; with `roots`, only those hosted inside one of them
     * (what a see-only caller may know).
     */
    activities(handle: DbOrTx, campaignIds: readonly number[], roots: readonly string[] | 'all') {
      if (campaignIds.length === 0) return Promise.resolve([]);
      let query = activityRows(handle).where('a.campaign_id', 'in', campaignIds);
      if (roots !== 'all')
        query = query.where(sql<boolean>`hu.path LIKE ANY (SELECT r || '%' FROM unnest(${roots}::text[]) r)`);
      return query.orderBy('a.held_on').orderBy('a.id').execute();
    },

    /** Activities of every campaign hosted under `root`, optionally within dates. */
    activitiesHostedUnder(handle: DbOrTx, root: string, from?: string, to?: string) {
      let query = activityRows(handle).where(sql<boolean>`hu.path LIKE ${root} || '%'`);
      if (from) query = query.where('a.held_on', '>=', from);
      if (to) query = query.where('a.held_on', '<=', to);
      return query.orderBy('a.held_on').orderBy('a.id').execute();
    },

    childUnits(handle: DbOrTx, parentId: number) {
      return handle
        .selectFrom('units')
        .select(['id', 'name', 'path'])
        .where('parent_id', '=', parentId)
        .orderBy('name')
        .execute();
    },

    /** Named-list reach by sex per activity. */
    async namedReach(handle: DbOrTx, activityIds: readonly number[]): Promise<Map<number, SexTally>> {
      const result = new Map<number, SexTally>();
      if (activityIds.length === 0) return result;
      const rows = await handle
        .selectFrom('campaign_activity_attendees as t')
        .innerJoin('members as m', 'm.id', 't.member_id')
        .select(['t.activity_id', 'm.sex', sql<number>`count(*)::int`.as('count')])
        .where('t.activity_id', 'in', activityIds)
        .groupBy(['t.activity_id', 'm.sex'])
        .execute();
      for (const id of new Set(rows.map((row) => row.activity_id)))
        result.set(id, toTally(rows.filter((row) => row.activity_id === id)));
      return result;
    },

    /** Active members whose home unit lies in one of `roots` (disjoint subtrees), by recorded sex. */
    async activeMembersBySex(handle: DbOrTx, roots: readonly string[]): Promise<SexTally> {
      if (roots.length === 0) return { women: 0, men: 0, unknown: 0 };
      const rows = await handle
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select(['m.sex', sql<number>`count(*)::int`.as('count')])
        .where('m.status', '=', 'aktif')
        .where(sql<boolean>`u.path LIKE ANY (SELECT r || '%' FROM unnest(${roots}::text[]) r)`)
        .groupBy('m.sex')
        .execute();
      return toTally(rows);
    },

    facilitators(handle: DbOrTx, activityId: number) {
      return handle
        .selectFrom('campaign_activity_facilitators as f')
        .leftJoin('members as m', 'm.id', 'f.member_id')
        .select([
          'f.id',
          'f.member_id',
          sql<string>`coalesce(m.full_name, f.full_name)`.as('name'),
          'f.organisation',
        ])
        .where('f.activity_id', '=', activityId)
        .orderBy('f.id')
        .execute();
    },

    attendees(handle: DbOrTx, activityId: number) {
      return handle
        .selectFrom('campaign_activity_attendees as t')
        .innerJoin('members as m', 'm.id', 't.member_id')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select(['m.id', 'm.member_number', 'm.full_name', 'm.sex', 'u.name as unit_name'])
        .where('t.activity_id', '=', activityId)
        .orderBy(sql`lower(m.full_name)`)
        .orderBy('m.id')
        .execute();
    },

    photos(handle: DbOrTx, activityId: number) {
      return handle
        .selectFrom('campaign_activity_photos')
        .select(['id', 'media_type', 'size', 'uploaded_at'])
        .where('activity_id', '=', activityId)
        .orderBy('id')
        .execute();
    },

    /** The library materials' versions an activity used (material_activity_links), by title. */
    libraryMaterials(handle: DbOrTx, activityId: number) {
      return handle
        .selectFrom('material_activity_links as l')
        .innerJoin('material_versions as v', 'v.id', 'l.version_id')
        .innerJoin('materials as m', 'm.id', 'v.material_id')
        .select(['m.id', 'm.title', 'm.kind', 'v.number'])
        .where('l.activity_id', '=', activityId)
        .orderBy('m.title')
        .orderBy('v.number')
        .execute();
    },

    /** Members among `ids` with their home unit's path (to check they lie in the campaign's subtree). */
    membersWithPaths(handle: DbOrTx, ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return handle
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select(['m.id', 'u.path'])
        .where('m.id', 'in', ids)
        .execute();
    },
  };
}

export type CampaignsRepository = ReturnType<typeof createCampaignsRepository>;
