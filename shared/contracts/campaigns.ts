import { z } from 'zod';
import { bigIdSchema, idSchema } from './common.ts';
import { campaignStatuses, campaignTemplates, reachModes } from '../campaign-taxonomies.ts';

/** Education campaigns API (issue 13, shared/domain/campaigns-and-commitment.md "Campaigns"). */
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));
const goal = (max: number) => z.int().min(0).max(max).nullable().default(null);

// ── Activity kinds (configuration) ─────────────────────────────────────────────────────────────────
export const activityKindView = z.object({
  code: z.string(),
  labels: z.object({ id: z.string(), en: z.string() }),
});
export type ActivityKindView = z.infer<typeof activityKindView>;
export const listActivityKindsResponse = z.object({ items: z.array(activityKindView) });

// ── Reach against the membership addressed ──────────────────────────────────────────────────────────
export const sexTally = z.object({
  women: z.number().int(),
  men: z.number().int(),
  unknown: z.number().int(),
});
export type SexTally = z.infer<typeof sexTally>;
export const reachView = z.object({
  /** People reached: tallies plus named lists (each member once per activity). */
  reached: sexTally,
  /** Active members of the host units' subtrees (each unit counted once), by recorded sex. */
  addressed: sexTally,
  /** Women among the reached whose sex is known, basis points; null when nobody is known. */
  reachedWomenShareBp: z.number().int().nullable(),
  /** Women among the addressed members whose sex is known, basis points. */
  addressedWomenShareBp: z.number().int().nullable(),
  /** reached share − addressed share, basis points (negative: women under-reached), as the proportionality view. */
  gapBp: z.number().int().nullable(),
  /** People reached ÷ members addressed, basis points (can exceed 10,000 when non-members came). */
  coverageBp: z.number().int().nullable(),
});
export type ReachView = z.infer<typeof reachView>;

// ── Campaigns ───────────────────────────────────────────────────────────────────────────────────────
export const campaignDayInput = z.object({ date: isoDate, theme: text(300) });
const campaignFields = {
  title: text(200),
  theme: optionalText(500),
  startsOn: isoDate,
  endsOn: isoDate,
  goalWomen: goal(10_000_000),
  goalMen: goal(10_000_000),
  goalUnits: goal(100_000),
  /** A theme per day, each within the dates; the 16 Days template fills them (sixteenDaysOf). */
  days: z.array(campaignDayInput).max(400).default([]),
};
const datesInOrder = (body: { startsOn: string; endsOn: string }) => body.endsOn >= body.startsOn;
export const createCampaignBody = z
  .object({
    ownerUnitId: idSchema,
    parentId: idSchema.nullable().default(null),
    template: z.enum(campaignTemplates).nullable().default(null),
    ...campaignFields,
  })
  .refine(datesInOrder, { path: ['endsOn'], message: 'ends_before_start' });
export type CreateCampaignBody = z.input<typeof createCampaignBody>;
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;
export const updateCampaignBody = z
  .object(campaignFields)
  .refine(datesInOrder, { path: ['endsOn'], message: 'ends_before_start' });
export type UpdateCampaignBody = z.input<typeof updateCampaignBody>;
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;
export const moveCampaignBody = z.object({ status: z.enum(campaignStatuses) });

export const campaignSummary = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  parentTitle: z.string().nullable(),
  ownerUnitId: z.number().int(),
  ownerUnitName: z.string(),
  title: z.string(),
  theme: z.string().nullable(),
  startsOn: isoDate,
  endsOn: isoDate,
  status: z.enum(campaignStatuses),
  template: z.enum(campaignTemplates).nullable(),
  goals: z.object({
    women: z.number().int().nullable(),
    men: z.number().int().nullable(),
    units: z.number().int().nullable(),
  }),
  childCount: z.number().int(),
  activityCount: z.number().int(),
});
export type CampaignSummary = z.infer<typeof campaignSummary>;
export const listCampaignsResponse = z.object({ items: z.array(campaignSummary), canCreate: z.boolean() });

export const activitySummary = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  /** The campaign it belongs to: this one, or a sub-campaign whose activities roll up into it. */
  campaignTitle: z.string(),
  kind: z.string(),
  hostUnitId: z.number().int(),
  hostUnitName: z.string(),
  heldOn: isoDate,
  title: z.string(),
  reachMode: z.enum(reachModes),
  reached: sexTally,
});
export type ActivitySummary = z.infer<typeof activitySummary>;

export const campaignDetail = campaignSummary.extend({
  /** The caller manages this campaign (else she sees it as the parent of a sub-campaign she manages). */
  canManage: z.boolean(),
  days: z.array(z.object({ date: isoDate, theme: z.string() })),
  children: z.array(campaignSummary),
  /** This campaign's own activities and, rolled up, its sub-campaigns' (only those the caller may see). */
  activities: z.array(activitySummary),
  reach: reachView,
  /** Units that hosted at least one activity, against goals.units. */
  unitsCovered: z.number().int(),
  /** Reach per host unit, for the chart and the table. */
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), reach: reachView })),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

// ── Activities ──────────────────────────────────────────────────────────────────────────────────────
export const facilitatorInput = z.union([
  z.object({ memberId: bigIdSchema }),
  z.object({ name: text(200), organisation: optionalText(200) }),
]);
export type FacilitatorInput = z.infer<typeof facilitatorInput>;
export const createActivityBody = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  hostUnitId: idSchema,
  heldOn: isoDate,
  title: text(200),
  place: optionalText(200),
  /** Materials used, as free text (library materials are recorded as links: `libraryMaterials`). */
  materials: optionalText(1000),
  reachMode: z.enum(reachModes).default('tally'),
  facilitators: z.array(facilitatorInput).max(20).default([]),
});
export type CreateActivityBody = z.input<typeof createActivityBody>;
export type CreateActivityInput = z.infer<typeof createActivityBody>;
/** The facts of an activity, corrected; its reach mode stays (what was recorded depends on it). */
export const updateActivityBody = createActivityBody.omit({ reachMode: true });
export type UpdateActivityBody = z.input<typeof updateActivityBody>;
export type UpdateActivityInput = z.infer<typeof updateActivityBody>;
export const activityTallyBody = z.object({
  women: z.int().min(0).max(1_000_000),
  men: z.int().min(0).max(1_000_000),
  unknown: z.int().min(0).max(1_000_000),
});
export type ActivityTallyBody = z.infer<typeof activityTallyBody>;
export const addAttendeesBody = z.object({ memberIds: z.array(bigIdSchema).min(1).max(500) });
export type AddAttendeesBody = z.infer<typeof addAttendeesBody>;

export const activityDetail = activitySummary.extend({
  campaignStatus: z.enum(campaignStatuses),
  /** The campaign owner's unit: facilitators and members reached come from its subtree. */
  campaignOwnerUnitId: z.number().int(),
  /** The campaign's dates: an activity is held within them. */
  campaignStartsOn: isoDate,
  campaignEndsOn: isoDate,
  canManage: z.boolean(),
  place: z.string().nullable(),
  materials: z.string().nullable(),
  tally: sexTally.nullable(),
  facilitators: z.array(
    z.object({
      id: z.number().int(),
      memberId: bigIdSchema.nullable(),
      name: z.string(),
      organisation: z.string().nullable(),
    }),
  ),
  attendees: z.array(
    z.object({
      memberId: bigIdSchema,
      memberNumber: z.string(),
      name: z.string(),
      sex: z.enum(['L', 'P']).nullable(),
      unitName: z.string(),
    }),
  ),
  photos: z.array(
    z.object({
      id: z.number().int(),
      mediaType: z.string(),
      size: z.number().int(),
      uploadedAt: z.iso.datetime(),
    }),
  ),
  /** Versions of the materials library this activity used (recorded from the material, materials.md). */
  libraryMaterials: z.array(
    z.object({
      materialId: z.number().int(),
      title: z.string(),
      kind: z.string(),
      versionNumber: z.number().int(),
    }),
  ),
  reach: reachView,
});
export type ActivityDetail = z.infer<typeof activityDetail>;

// ── Reach over a unit subtree (all campaigns) ───────────────────────────────────────────────────────
export const unitReachQuery = z.object({
  /** Defaults to the top unit of the caller's campaign scope. */
  unitId: idSchema.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export const unitReachResponse = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  activityCount: z.number().int(),
  /** Activities of every campaign hosted in the subtree (within the dates), against their host units. */
  reach: reachView,
  /** The same per child unit (and the unit itself when it hosted), only those with activities. */
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), reach: reachView })),
});
export type UnitReachResponse = z.infer<typeof unitReachResponse>;
