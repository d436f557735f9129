import { z } from 'zod';
import { idSchema } from './common.ts';

/** Women, men and unknown sex, counted apart (unknown is never imputed); shares in basis points. */
export const sexCounts = z.object({
  women: z.number().int(),
  men: z.number().int(),
  unknown: z.number().int(),
  total: z.number().int(),
  /** women / total (unknown stays in the total), basis points rounded half up; null when total is 0. */
  womenShareBp: z.number().int().nullable(),
});
export type SexCounts = z.infer<typeof sexCounts>;

export const statusCounts = z.object({
  bodies: z.number().int(),
  compliant: z.number().int(),
  atRisk: z.number().int(),
  nonCompliant: z.number().int(),
  notApplicable: z.number().int(),
  unknown: z.number().int(),
});

/** A body share against the membership share: gap in basis points (100 = one point), parity ratio ×100. */
export const representation = sexCounts.extend({
  /** body share − membership share, basis points; null when either share is unknown. */
  gapBp: z.number().int().nullable(),
  /** body share / membership share × 100 (100 = parity); null when either share is unknown or zero. */
  parityPercent: z.number().int().nullable(),
});

export const dashboardUnit = z.object({ id: z.number().int(), name: z.string(), level: z.string() });

export const quotaRuleSummary = z.object({
  /** e.g. "SPN default: at least 30% women of filled seats, rounded up" */
  name: z.string(),
  version: z.string(),
  thresholdBp: z.number().int(),
  rounding: z.string(),
  metric: z.string(),
});

export const freshness = z.object({
  /** Date the holders and statuses were taken on. */
  asOf: z.string(),
  refreshedAt: z.string(),
  durationMs: z.number().int(),
  /** Changes recorded after the refresh began, not yet in the figures (the next refresh takes them). */
  changesPending: z.boolean(),
});

export const bodyAttention = z.object({
  bodyId: z.number().int(),
  bodyName: z.string(),
  kind: z.string(),
  unit: dashboardUnit,
  seats: z.number().int(),
  filled: z.number().int(),
  women: z.number().int(),
  men: z.number().int(),
  unknown: z.number().int(),
  acting: z.number().int(),
  requiredWomen: z.number().int(),
  shortfall: z.number().int(),
  status: z.enum(['compliant', 'at_risk', 'non_compliant', 'not_applicable', 'unknown']),
});
export type BodyAttention = z.infer<typeof bodyAttention>;

export const quotaDashboardQuery = z.object({
  /** Node of the tree; defaults to the top of the caller's scope. */
  unitId: idSchema.optional(),
});

export const quotaDashboardResponse = z.object({
  unit: dashboardUnit,
  /** From the top of the caller's scope down to this unit, for the drill-down trail. */
  trail: z.array(dashboardUnit),
  freshness: freshness.nullable(),
  rule: quotaRuleSummary.nullable(),
  members: sexCounts,
  /** Every body kind at every level below the unit. */
  bodies: z.array(representation.extend({ kind: z.string(), level: z.string(), status: statusCounts })),
  /** Body kinds by province (Kemendagri code), with the members' share of the same province. */
  regions: z.array(
    z.object({
      provinceCode: z.string(),
      provinceName: z.string(),
      members: sexCounts,
      bodies: z.array(representation.extend({ kind: z.string(), status: statusCounts })),
    }),
  ),
  /** Executive boards' top posts (Ketua, Wakil Ketua, Sekretaris, Bendahara) and post categories. */
  topPosts: z.array(representation.extend({ post: z.string() })),
  delegates: representation.extend({
    assembly: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  }),
  /** People appointed by year of term start, per body kind and top post. */
  trends: z.array(sexCounts.extend({ year: z.number().int(), subject: z.string() })),
  children: z.array(
    z.object({
      unit: dashboardUnit,
      hasChildren: z.boolean(),
      members: sexCounts,
      executive: representation.extend({ status: statusCounts }),
      komitePerempuan: representation.extend({ status: statusCounts }),
    }),
  ),
  attention: z.object({ total: z.number().int(), items: z.array(bodyAttention) }),
});
export type QuotaDashboardResponse = z.infer<typeof quotaDashboardResponse>;

export const proportionalityQuery = quotaDashboardQuery.extend({
  /** k in basis points: flag when the body's share < k × the membership's share. */
  kBp: z.coerce.number().int().min(1).max(20_000).optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const proportionalityResponse = z.object({
  unit: dashboardUnit,
  kBp: z.number().int(),
  freshness: freshness.nullable(),
  total: z.number().int(),
  items: z.array(
    bodyAttention.extend({
      bodyShareBp: z.number().int(),
      membership: sexCounts,
      /** body share − k × membership share, basis points (negative: below the bar). */
      gapBp: z.number().int(),
      /** body share − membership share, basis points. */
      plainGapBp: z.number().int(),
    }),
  ),
});
export type ProportionalityResponse = z.infer<typeof proportionalityResponse>;

export const quotaReportQuery = quotaDashboardQuery.extend({ format: z.enum(['xlsx', 'pdf']) });
