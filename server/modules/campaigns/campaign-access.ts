import { sql } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import { can, isWithin, scopeOf, type Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/database.ts';

/**
 * The one door into a campaign and its activities (issue 13, campaigns-and-commitment.md). Every staff
 * route that reaches a campaign, a sub-campaign, an activity, its facilitators or its reach list goes
 * through `openCampaign` / `openActivity`.
 *
 * - manage: `campaign.manage` (gender officers) over the campaign's owner unit — a DPP officer manages
 *   the national campaign and every sub-campaign below it.
 * - see: a gender officer whose scope lies inside the owner's subtree sees a campaign that addresses
 *   her units (a DPD officer sees the national "16 Hari" to add her DPD's sub-campaign), but only the
 *   sub-campaigns and activities inside her own scope.
 * Nobody else learns the campaign exists: 404 (a DPD Jawa Barat officer sees nothing of Banten's).
 */
export type CampaignRight = 'manage' | 'see';

export interface CampaignRow {
  id: number;
  parent_id: number | null;
  parent_title: string | null;
  owner_unit_id: number;
  owner_unit_name: string;
  owner_unit_path: string;
  title: string;
  theme: string | null;
  starts_on: string;
  ends_on: string;
  status: string;
  template: string | null;
  goal_women: number | null;
  goal_men: number | null;
  goal_units: number | null;
}

export interface OpenedCampaign {
  row: CampaignRow;
  canManage: boolean;
  /** Subtree roots of the caller's `campaign.manage` grants: what she sees inside a campaign she only sees. */
  scope: string[];
}

export const campaignColumns = [
  'c.id',
  'c.parent_id',
  'pc.title as parent_title',
  'c.owner_unit_id',
  'u.name as owner_unit_name',
  'u.path as owner_unit_path',
  'c.title',
  'c.theme',
  'c.starts_on',
  'c.ends_on',
  'c.status',
  'c.template',
  'c.goal_women',
  'c.goal_men',
  'c.goal_units',
] as const;

/** The caller's right in a campaign owned at `ownerPath`, or null when she may not know it exists. */
export function campaignRightOf(principal: Principal, ownerPath: string): CampaignRight | null {
  if (can(principal, 'campaign.manage', ownerPath)) return 'manage';
  return scopeOf(principal, 'campaign.manage').some((root) => isWithin(root, ownerPath)) ? 'see' : null;
}

/**
 * Loads (with `lock`, locks for the rest of the transaction) the campaign and checks that the caller
 * holds `need`. Unknown campaign or no right: 404 `not_found`; seen but not managed: 403 `forbidden`.
 */
export async function openCampaign(
  handle: DbOrTx,
  principal: Principal,
  campaignId: number,
  need: CampaignRight,
  options: { lock?: boolean } = {},
): Promise<OpenedCampaign> {
  let query = handle
    .selectFrom('campaigns as c')
    .innerJoin('units as u', 'u.id', 'c.owner_unit_id')
    .leftJoin('campaigns as pc', 'pc.id', 'c.parent_id')
    .select(campaignColumns)
    .where('c.id', '=', campaignId);
  if (options.lock) query = query.forUpdate('c');
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('not_found');
  const right = campaignRightOf(principal, row.owner_unit_path);
  if (right === null) throw new AppError('not_found');
  if (need === 'manage' && right !== 'manage') throw new AppError('forbidden');
  return { row, canManage: right === 'manage', scope: scopeOf(principal, 'campaign.manage') };
}

/** The campaign an activity belongs to, through the same door; a see-only caller reaches only her units'. */
export async function openActivity(
  handle: DbOrTx,
  principal: Principal,
  activityId: number,
  need: CampaignRight,
  options: { lock?: boolean } = {},
) {
  const activity = await handle
    .selectFrom('campaign_activities as a')
    .innerJoin('units as hu', 'hu.id', 'a.host_unit_id')
    .selectAll('a')
    .select(['hu.name as host_unit_name', 'hu.path as host_unit_path'])
    .where('a.id', '=', activityId)
    .executeTakeFirst();
  if (!activity) throw new AppError('not_found');
  const opened = await openCampaign(handle, principal, activity.campaign_id, 'see', options);
  if (!opened.canManage && !opened.scope.some((root) => isWithin(activity.host_unit_path, root)))
    throw new AppError('not_found');
  if (need === 'manage' && !opened.canManage) throw new AppError('forbidden');
  return { ...opened, activity };
}

/** Campaigns the caller may see at all, as SQL (for lists): owned in her scope, or above it. */
export function visibleCampaignIds(principal: Principal) {
  const roots = scopeOf(principal, 'campaign.manage');
  return sql<number>`(
    SELECT c.id FROM campaigns c JOIN units cu ON cu.id = c.owner_unit_id
    WHERE EXISTS (
      SELECT 1 FROM unnest(${roots}::text[]) r
      WHERE cu.path LIKE r || '%' OR r LIKE cu.path || '%'
    )
  )`;
}
