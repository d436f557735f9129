import { sql } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import type { CampaignStatus, CampaignTemplate, ReachMode } from '../../../shared/campaign-taxonomies.ts';
import type {
  ActivityDetail,
  ActivityKindView,
  ActivitySummary,
  ActivityTallyBody,
  CampaignDetail,
  CampaignSummary,
  CreateActivityInput,
  UpdateActivityInput,
  CreateCampaignInput,
  SexTally,
  UnitReachResponse,
  UpdateCampaignInput,
} from '../../../shared/contracts/campaigns.ts';
import { can, canAnywhere, isWithin, scopeOf } from '../../platform/access.ts';
import { actorAudit } from '../../platform/audit.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db, DbOrTx } from '../../platform/database.ts';
import { sniffUpload } from '../../platform/uploads.ts';
import {
  openActivity,
  openCampaign,
  visibleCampaignIds,
  type CampaignRow,
  type OpenedCampaign,
} from './campaign-access.ts';
import {
  addTallies,
  addressedRoots,
  boundsFailures,
  canMoveCampaign,
  emptyTally,
  reachOf,
} from './campaign-rules.ts';
import type { CampaignsRepository } from './campaigns.repository.ts';

/** What an activity photo may be (sniffed from the bytes). */
const activityPhotoTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);

type ActivityRow = Awaited<ReturnType<CampaignsRepository['activities']>>[number];

const outOfBounds = (rule: string) => new AppError('campaign_out_of_bounds', undefined, { public: { rule } });
const closedCampaign = () => new AppError('campaign_state', undefined, { public: { rule: 'closed' } });

/** Days must be distinct and inside the campaign's dates. */
function checkDays(days: readonly { date: string }[], startsOn: string, endsOn: string) {
  const dates = days.map((day) => day.date);
  if (new Set(dates).size !== dates.length)
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'days', message: 'duplicate' }] });
  if (dates.some((date) => date < startsOn || date > endsOn)) throw outOfBounds('day_outside_dates');
}

/**
 * Education campaigns (issue 13, campaigns-and-commitment.md "Campaigns"): campaigns and sub-campaigns,
 * their days and goals, activities with facilitators, and reach — a tally or a named roll-call list —
 * against the membership the activities address. Every campaign is reached through campaign-access.ts.
 */
export function createCampaignsService(deps: {
  db: Db;
  campaigns: CampaignsRepository;
  clock: Clock;
  /** Largest activity photo accepted, in bytes. */
  maxPhotoBytes: number;
}) {
  const { db, campaigns, clock } = deps;

  const audit = actorAudit(clock);

  const summaryOf = (
    row: CampaignRow & { child_count: number; activity_count: number },
  ): CampaignSummary => ({
    id: row.id,
    parentId: row.parent_id,
    parentTitle: row.parent_title,
    ownerUnitId: row.owner_unit_id,
    ownerUnitName: row.owner_unit_name,
    title: row.title,
    theme: row.theme,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status as CampaignStatus,
    template: row.template as CampaignTemplate | null,
    goals: { women: row.goal_women, men: row.goal_men, units: row.goal_units },
    childCount: row.child_count,
    activityCount: row.activity_count,
  });

  /** Reach of each activity: its tally, or its named list counted by the members' recorded sex. */
  async function reachedOf(handle: DbOrTx, rows: readonly ActivityRow[]): Promise<Map<number, SexTally>> {
    const named = await campaigns.namedReach(
      handle,
      rows.filter((row) => row.reach_mode === 'named').map((row) => row.id),
    );
    return new Map(
      rows.map((row) => [
        row.id,
        row.reach_mode === 'named'
          ? (named.get(row.id) ?? emptyTally())
          : { women: row.women ?? 0, men: row.men ?? 0, unknown: row.unknown ?? 0 },
      ]),
    );
  }

  const activitySummaryOf = (row: ActivityRow, reached: SexTally): ActivitySummary => ({
    id: row.id,
    campaignId: row.campaign_id,
    campaignTitle: row.campaign_title,
    kind: row.kind,
    hostUnitId: row.host_unit_id,
    hostUnitName: row.host_unit_name,
    heldOn: row.held_on,
    title: row.title,
    reachMode: row.reach_mode as ReachMode,
    reached,
  });

  /** Reach of a set of activities against the active members of their host units (each counted once). */
  async function reachOver(handle: DbOrTx, rows: readonly ActivityRow[], reached: Map<number, SexTally>) {
    const total = rows.reduce((sum, row) => addTallies(sum, reached.get(row.id)!), emptyTally());
    const addressed = await campaigns.activeMembersBySex(
      handle,
      addressedRoots(rows.map((row) => row.host_unit_path)),
    );
    return reachOf(total, addressed);
  }

  async function campaignDetail(handle: DbOrTx, opened: OpenedCampaign): Promise<CampaignDetail> {
    const { row, canManage, scope } = opened;
    const [listed, days, subtree] = await Promise.all([
      campaigns.campaigns(handle, sql<number>`(SELECT ${row.id}::int)`, scope),
      campaigns.days(handle, row.id),
      campaigns.subtreeIds(handle, row.id),
    ]);
    // A see-only caller (the national campaign seen by a DPD officer) learns only what lies in her scope.
    const childRows = await campaigns.campaigns(
      handle,
      sql<number>`(SELECT id FROM campaigns WHERE parent_id = ${row.id})`,
      scope,
    );
    const children = childRows.filter(
      (child) => canManage || scope.some((root) => isWithin(child.owner_unit_path, root)),
    );
    const activityRows = await campaigns.activities(handle, subtree, canManage ? 'all' : scope);
    const reached = await reachedOf(handle, activityRows);
    const hosts = [...new Map(activityRows.map((activity) => [activity.host_unit_id, activity])).values()];
    const byUnit = await Promise.all(
      hosts.map(async (host) => ({
        unitId: host.host_unit_id,
        unitName: host.host_unit_name,
        reach: await reachOver(
          handle,
          activityRows.filter((activity) => activity.host_unit_id === host.host_unit_id),
          reached,
        ),
      })),
    );
    return {
      ...summaryOf(listed[0]!),
      canManage,
      days: days.map((day) => ({ date: day.day_on, theme: day.theme })),
      children: children.map(summaryOf),
      activities: activityRows.map((activity) => activitySummaryOf(activity, reached.get(activity.id)!)),
      reach: await reachOver(handle, activityRows, reached),
      unitsCovered: hosts.length,
      byUnit,
    };
  }

  async function activityDetail(
    handle: DbOrTx,
    opened: Awaited<ReturnType<typeof openActivity>>,
  ): Promise<ActivityDetail> {
    const { activity, row, canManage } = opened;
    const [rows, facilitators, attendees, photos, libraryMaterials] = await Promise.all([
      campaigns
        .activities(handle, [row.id], 'all')
        .then((all) => all.filter((item) => item.id === activity.id)),
      campaigns.facilitators(handle, activity.id),
      campaigns.attendees(handle, activity.id),
      campaigns.photos(handle, activity.id),
      campaigns.libraryMaterials(handle, activity.id),
    ]);
    const reached = await reachedOf(handle, rows);
    return {
      ...activitySummaryOf(rows[0]!, reached.get(activity.id)!),
      campaignTitle: row.title,
      campaignStatus: row.status as CampaignStatus,
      campaignOwnerUnitId: row.owner_unit_id,
      campaignStartsOn: row.starts_on,
      campaignEndsOn: row.ends_on,
      canManage,
      place: activity.place,
      materials: activity.materials,
      tally:
        activity.women === null
          ? null
          : { women: activity.women, men: activity.men!, unknown: activity.unknown! },
      facilitators: facilitators.map((facilitator) => ({
        id: facilitator.id,
        memberId: facilitator.member_id,
        name: facilitator.name,
        organisation: facilitator.organisation,
      })),
      attendees: attendees.map((attendee) => ({
        memberId: attendee.id,
        memberNumber: attendee.member_number,
        name: attendee.full_name,
        sex: attendee.sex as 'L' | 'P' | null,
        unitName: attendee.unit_name,
      })),
      photos: photos.map((photo) => ({
        id: photo.id,
        mediaType: photo.media_type,
        size: photo.size,
        uploadedAt: new Date(photo.uploaded_at).toISOString(),
      })),
      libraryMaterials: libraryMaterials.map((material) => ({
        materialId: material.id,
        title: material.title,
        kind: material.kind,
        versionNumber: material.number,
      })),
      reach: await reachOver(handle, rows, reached),
    };
  }

  /** Members must exist and belong to the campaign owner's subtree (names never leak beyond it). */
  async function checkMembers(handle: DbOrTx, ownerPath: string, ids: readonly string[]) {
    const unique = [...new Set(ids)];
    const found = await campaigns.membersWithPaths(handle, unique);
    if (found.length !== unique.length) throw new AppError('not_found');
    if (found.some((member) => !isWithin(member.path, ownerPath))) throw outOfBounds('member_outside_owner');
    return unique;
  }

  /** An activity's kind, host and facilitators checked against its campaign (dates, subtree, members). */
  async function checkedActivity(
    handle: DbOrTx,
    campaign: { owner_unit_path: string; starts_on: string; ends_on: string },
    input: UpdateActivityInput,
  ) {
    const kind = (await campaigns.kinds(handle)).find((item) => item.code === input.kind && item.active);
    if (!kind)
      throw new AppError('validation_failed', undefined, {
        fields: [{ path: 'kind', message: 'invalid_value' }],
      });
    const host = await campaigns.unit(handle, input.hostUnitId);
    if (!host) throw new AppError('not_found');
    const failures = boundsFailures(
      { unitPath: campaign.owner_unit_path, startsOn: campaign.starts_on, endsOn: campaign.ends_on },
      { unitPath: host.path, startsOn: input.heldOn, endsOn: input.heldOn },
    );
    if (failures.length) throw outOfBounds(failures[0]!);
    const memberIds = input.facilitators.flatMap((item) => ('memberId' in item ? [item.memberId] : []));
    await checkMembers(handle, campaign.owner_unit_path, memberIds);
    return { kind: kind.code, host };
  }

  /** An activity's facilitators, each member or outside name once. */
  async function writeFacilitators(
    handle: DbOrTx,
    activityId: number,
    list: UpdateActivityInput['facilitators'],
  ): Promise<void> {
    const seen = new Set<string>();
    const facilitators = list.filter((item) => {
      const key = 'memberId' in item ? `m${item.memberId}` : `x${item.name.toLowerCase()}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (facilitators.length)
      await handle
        .insertInto('campaign_activity_facilitators')
        .values(
          facilitators.map((item) =>
            'memberId' in item
              ? { activity_id: activityId, member_id: item.memberId }
              : { activity_id: activityId, full_name: item.name, organisation: item.organisation },
          ),
        )
        .execute();
  }

  return {
    async listKinds(): Promise<ActivityKindView[]> {
      const rows = await campaigns.kinds(db);
      return rows
        .filter((row) => row.active)
        .map((row) => ({ code: row.code, labels: { id: row.label_id, en: row.label_en } }));
    },

    /** Campaigns the caller manages, or that address her units (the national campaign above her DPD). */
    async listCampaigns(actor: Actor) {
      const rows = await campaigns.campaigns(
        db,
        visibleCampaignIds(actor.principal),
        scopeOf(actor.principal, 'campaign.manage'),
      );
      return {
        items: rows.map(summaryOf),
        canCreate: canAnywhere(actor.principal, 'campaign.manage'),
      };
    },

    async getCampaign(actor: Actor, campaignId: number): Promise<CampaignDetail> {
      return campaignDetail(db, await openCampaign(db, actor.principal, campaignId, 'see'));
    },

    /**
     * A campaign at a unit the caller manages; a sub-campaign lies inside a parent she can see, its unit
     * in the parent owner's subtree and its dates inside the parent's.
     */
    async createCampaign(actor: Actor, input: CreateCampaignInput): Promise<CampaignDetail> {
      return db.transaction().execute(async (tx) => {
        const unit = await campaigns.unit(tx, input.ownerUnitId);
        if (!unit || !can(actor.principal, 'campaign.manage', unit.path)) throw new AppError('not_found');
        if (input.parentId !== null) {
          const parent = await openCampaign(tx, actor.principal, input.parentId, 'see', { lock: true });
          if (parent.row.status === 'closed') throw closedCampaign();
          const failures = boundsFailures(
            {
              unitPath: parent.row.owner_unit_path,
              startsOn: parent.row.starts_on,
              endsOn: parent.row.ends_on,
            },
            { unitPath: unit.path, startsOn: input.startsOn, endsOn: input.endsOn },
          );
          if (failures.length) throw outOfBounds(failures[0]!);
          if (unit.id === parent.row.owner_unit_id) throw outOfBounds('unit_outside_owner');
        }
        checkDays(input.days, input.startsOn, input.endsOn);
        const { id } = await tx
          .insertInto('campaigns')
          .values({
            parent_id: input.parentId,
            owner_unit_id: unit.id,
            title: input.title,
            theme: input.theme,
            starts_on: input.startsOn,
            ends_on: input.endsOn,
            template: input.template,
            goal_women: input.goalWomen,
            goal_men: input.goalMen,
            goal_units: input.goalUnits,
            created_by: actor.userId,
            created_at: clock.now(),
            updated_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await campaigns.replaceDays(tx, id, input.days);
        await audit(tx, actor, 'campaign.create', 'campaign', String(id), unit.id, {
          parentId: input.parentId,
          template: input.template,
        });
        return campaignDetail(tx, await openCampaign(tx, actor.principal, id, 'manage'));
      });
    },

    /** New title, theme, dates, goals or days; the sub-campaigns and activities must stay inside the dates. */
    async updateCampaign(
      actor: Actor,
      campaignId: number,
      input: UpdateCampaignInput,
    ): Promise<CampaignDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openCampaign(tx, actor.principal, campaignId, 'manage', { lock: true });
        const { row } = opened;
        if (row.status === 'closed') throw closedCampaign();
        if (row.parent_id !== null) {
          const parent = await tx
            .selectFrom('campaigns')
            .select(['starts_on', 'ends_on'])
            .where('id', '=', row.parent_id)
            .executeTakeFirstOrThrow();
          if (input.startsOn < parent.starts_on || input.endsOn > parent.ends_on)
            throw outOfBounds('dates_outside_campaign');
        }
        const span = await campaigns.contentsSpan(tx, campaignId);
        if (
          (span.first !== null && span.first < input.startsOn) ||
          (span.last !== null && span.last > input.endsOn)
        )
          throw outOfBounds('contents_outside_dates');
        checkDays(input.days, input.startsOn, input.endsOn);
        await tx
          .updateTable('campaigns')
          .set({
            title: input.title,
            theme: input.theme,
            starts_on: input.startsOn,
            ends_on: input.endsOn,
            goal_women: input.goalWomen,
            goal_men: input.goalMen,
            goal_units: input.goalUnits,
            updated_at: clock.now(),
          })
          .where('id', '=', campaignId)
          .execute();
        await campaigns.replaceDays(tx, campaignId, input.days);
        await audit(tx, actor, 'campaign.update', 'campaign', String(campaignId), row.owner_unit_id);
        return campaignDetail(tx, await openCampaign(tx, actor.principal, campaignId, 'manage'));
      });
    },

    /** draft → active → closed (campaign-taxonomies.ts campaignMoves); closing is for good. */
    async moveCampaign(actor: Actor, campaignId: number, status: CampaignStatus): Promise<CampaignDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openCampaign(tx, actor.principal, campaignId, 'manage', { lock: true });
        const from = opened.row.status as CampaignStatus;
        if (!canMoveCampaign(from, status))
          throw new AppError('campaign_state', undefined, { public: { from, to: status } });
        await tx
          .updateTable('campaigns')
          .set({ status, updated_at: clock.now() })
          .where('id', '=', campaignId)
          .execute();
        await audit(tx, actor, 'campaign.status', 'campaign', String(campaignId), opened.row.owner_unit_id, {
          from,
          to: status,
        });
        return campaignDetail(tx, await openCampaign(tx, actor.principal, campaignId, 'manage'));
      });
    },

    /** An activity hosted in the owner's subtree, on a day of the campaign, of a kind configured. */
    async createActivity(
      actor: Actor,
      campaignId: number,
      input: CreateActivityInput,
    ): Promise<ActivityDetail> {
      return db.transaction().execute(async (tx) => {
        const { row } = await openCampaign(tx, actor.principal, campaignId, 'manage', { lock: true });
        if (row.status === 'closed') throw closedCampaign();
        const { kind, host } = await checkedActivity(tx, row, input);
        const { id } = await tx
          .insertInto('campaign_activities')
          .values({
            campaign_id: campaignId,
            kind,
            host_unit_id: host.id,
            held_on: input.heldOn,
            title: input.title,
            place: input.place,
            materials: input.materials,
            reach_mode: input.reachMode,
            created_by: actor.userId,
            created_at: clock.now(),
            updated_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeFacilitators(tx, id, input.facilitators);
        await audit(tx, actor, 'campaign.activity_create', 'campaign_activity', String(id), host.id, {
          campaignId,
          kind,
        });
        return activityDetail(tx, await openActivity(tx, actor.principal, id, 'manage'));
      });
    },

    /**
     * Corrects an activity's facts (kind, host, date, title, place, materials, facilitators) under the
     * same rules as when it was added; its reach mode and what was recorded under it stay.
     */
    async updateActivity(
      actor: Actor,
      activityId: number,
      input: UpdateActivityInput,
    ): Promise<ActivityDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openActivity(tx, actor.principal, activityId, 'manage', { lock: true });
        if (opened.row.status === 'closed') throw closedCampaign();
        const { kind, host } = await checkedActivity(tx, opened.row, input);
        await tx
          .updateTable('campaign_activities')
          .set({
            kind,
            host_unit_id: host.id,
            held_on: input.heldOn,
            title: input.title,
            place: input.place,
            materials: input.materials,
            updated_at: clock.now(),
          })
          .where('id', '=', activityId)
          .execute();
        await tx.deleteFrom('campaign_activity_facilitators').where('activity_id', '=', activityId).execute();
        await writeFacilitators(tx, activityId, input.facilitators);
        await audit(tx, actor, 'campaign.activity_update', 'campaign_activity', String(activityId), host.id, {
          campaignId: opened.row.id,
          kind,
          ...(host.id !== opened.activity.host_unit_id && { fromUnitId: opened.activity.host_unit_id }),
        });
        return activityDetail(tx, await openActivity(tx, actor.principal, activityId, 'manage'));
      });
    },

    /** Removes an activity entered by mistake, with its tally, named list and photos (not once closed). */
    async deleteActivity(actor: Actor, activityId: number): Promise<void> {
      await db.transaction().execute(async (tx) => {
        const opened = await openActivity(tx, actor.principal, activityId, 'manage', { lock: true });
        if (opened.row.status === 'closed') throw closedCampaign();
        await tx.deleteFrom('campaign_activities').where('id', '=', activityId).execute();
        await audit(
          tx,
          actor,
          'campaign.activity_delete',
          'campaign_activity',
          String(activityId),
          opened.activity.host_unit_id,
          { campaignId: opened.row.id, kind: opened.activity.kind },
        );
      });
    },

    async getActivity(actor: Actor, activityId: number): Promise<ActivityDetail> {
      return activityDetail(db, await openActivity(db, actor.principal, activityId, 'see'));
    },

    /** The head count of a tally activity (women, men, unknown); replaces the previous one. */
    async setTally(actor: Actor, activityId: number, tally: ActivityTallyBody): Promise<ActivityDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openActivity(tx, actor.principal, activityId, 'manage', { lock: true });
        if (opened.row.status === 'closed') throw closedCampaign();
        if (opened.activity.reach_mode !== 'tally')
          throw new AppError('campaign_state', undefined, { public: { rule: 'reach_mode' } });
        await tx
          .updateTable('campaign_activities')
          .set({ ...tally, updated_at: clock.now() })
          .where('id', '=', activityId)
          .execute();
        await audit(
          tx,
          actor,
          'campaign.activity_tally',
          'campaign_activity',
          String(activityId),
          opened.activity.host_unit_id,
          {
            ...tally,
          },
        );
        return activityDetail(tx, await openActivity(tx, actor.principal, activityId, 'manage'));
      });
    },

    /** Roll call: members marked as reached, idempotent per member. */
    async addAttendees(
      actor: Actor,
      activityId: number,
      memberIds: readonly string[],
    ): Promise<ActivityDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openActivity(tx, actor.principal, activityId, 'manage', { lock: true });
        if (opened.row.status === 'closed') throw closedCampaign();
        if (opened.activity.reach_mode !== 'named')
          throw new AppError('campaign_state', undefined, { public: { rule: 'reach_mode' } });
        const unique = await checkMembers(tx, opened.row.owner_unit_path, memberIds);
        const added = await tx
          .insertInto('campaign_activity_attendees')
          .values(
            unique.map((memberId) => ({
              activity_id: activityId,
              member_id: memberId,
              via: 'roll_call',
              marked_by: actor.userId,
              marked_at: clock.now(),
            })),
          )
          .onConflict((conflict) => conflict.columns(['activity_id', 'member_id']).doNothing())
          .returning('member_id')
          .execute();
        if (added.length)
          await audit(
            tx,
            actor,
            'campaign.attendees_add',
            'campaign_activity',
            String(activityId),
            opened.activity.host_unit_id,
            {
              count: added.length,
            },
          );
        return activityDetail(tx, await openActivity(tx, actor.principal, activityId, 'manage'));
      });
    },

    /**
     * Reach of every campaign's activities hosted in a unit's subtree (within dates), against the
     * members of their host units, in total and per child unit. The unit must lie in the caller's scope.
     */
    async unitReach(
      actor: Actor,
      query: { unitId?: number; from?: string; to?: string },
    ): Promise<UnitReachResponse> {
      const roots = scopeOf(actor.principal, 'campaign.manage');
      const unit =
        query.unitId === undefined
          ? await db
              .selectFrom('units')
              .select(['id', 'name', 'path'])
              .where('path', '=', roots[0] ?? '')
              .executeTakeFirst()
          : await campaigns.unit(db, query.unitId);
      if (!unit || !can(actor.principal, 'campaign.manage', unit.path)) throw new AppError('not_found');
      const [rows, children] = await Promise.all([
        campaigns.activitiesHostedUnder(db, unit.path, query.from, query.to),
        campaigns.childUnits(db, unit.id),
      ]);
      const reached = await reachedOf(db, rows);
      const groups = [
        { unitId: unit.id, unitName: unit.name, rows: rows.filter((row) => row.host_unit_id === unit.id) },
        ...children.map((child) => ({
          unitId: child.id,
          unitName: child.name,
          rows: rows.filter((row) => isWithin(row.host_unit_path, child.path)),
        })),
      ].filter((group) => group.rows.length > 0);
      return {
        unitId: unit.id,
        unitName: unit.name,
        activityCount: rows.length,
        reach: await reachOver(db, rows, reached),
        byUnit: await Promise.all(
          groups.map(async (group) => ({
            unitId: group.unitId,
            unitName: group.unitName,
            reach: await reachOver(db, group.rows, reached),
          })),
        ),
      };
    },

    /** A photo as evidence of the activity: size-limited, its type sniffed from the bytes (uploads.ts). */
    async addPhoto(actor: Actor, activityId: number, data: Buffer): Promise<ActivityDetail> {
      const mediaType = await sniffUpload(data, { maxBytes: deps.maxPhotoBytes, types: activityPhotoTypes });
      return db.transaction().execute(async (tx) => {
        const opened = await openActivity(tx, actor.principal, activityId, 'manage', { lock: true });
        if (opened.row.status === 'closed') throw closedCampaign();
        const { id } = await tx
          .insertInto('campaign_activity_photos')
          .values({
            activity_id: activityId,
            media_type: mediaType,
            data,
            size: data.length,
            uploaded_by: actor.userId,
            uploaded_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(
          tx,
          actor,
          'campaign.photo_add',
          'campaign_activity',
          String(activityId),
          opened.activity.host_unit_id,
          { photoId: id, size: data.length },
        );
        return activityDetail(tx, await openActivity(tx, actor.principal, activityId, 'manage'));
      });
    },

    async photo(actor: Actor, activityId: number, photoId: number) {
      const opened = await openActivity(db, actor.principal, activityId, 'see');
      const photo = await db
        .selectFrom('campaign_activity_photos')
        .select(['media_type', 'data'])
        .where('id', '=', photoId)
        .where('activity_id', '=', opened.activity.id)
        .executeTakeFirst();
      if (!photo) throw new AppError('not_found');
      return {
        mediaType: photo.media_type,
        data: photo.data,
        name: `kegiatan-${activityId}-foto-${photoId}`,
      };
    },

    async removeAttendee(actor: Actor, activityId: number, memberId: string): Promise<ActivityDetail> {
      return db.transaction().execute(async (tx) => {
        const opened = await openActivity(tx, actor.principal, activityId, 'manage', { lock: true });
        if (opened.row.status === 'closed') throw closedCampaign();
        const removed = await tx
          .deleteFrom('campaign_activity_attendees')
          .where('activity_id', '=', activityId)
          .where('member_id', '=', memberId)
          .executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) throw new AppError('not_found');
        await audit(
          tx,
          actor,
          'campaign.attendee_remove',
          'campaign_activity',
          String(activityId),
          opened.activity.host_unit_id,
          {
            memberId,
          },
        );
        return activityDetail(tx, await openActivity(tx, actor.principal, activityId, 'manage'));
      });
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
