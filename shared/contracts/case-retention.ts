import { z } from 'zod';
import { closingReasons } from '../case-taxonomy.ts';

/**
 * Retention of closed cases: periods per closing reason, legal holds, the administrator's list. Everything
 * here is coded (reference numbers, codes, dates): administrators have no case access.
 */

/** Shortest period: a year covers the retaliation check-ins (30, 90, 180 days) and a late return. */
export const retentionMinimumYears = 1;
/** Longest period accepted (a typo guard, not a legal limit). */
export const retentionMaximumYears = 30;

/** Why an administrator stops the purge of one case. Codes only, never free text (it could carry content). */
export const legalHoldReasons = [
  'proses_pidana',
  'gugatan_perdata',
  'perselisihan_hubungan_industrial',
  'permintaan_aparat',
  'permintaan_korban',
  'pemeriksaan_internal',
  'lainnya',
] as const;
export type LegalHoldReason = (typeof legalHoldReasons)[number];

const years = z.number().int().min(retentionMinimumYears).max(retentionMaximumYears);
export const retentionPeriods = z.object(
  Object.fromEntries(closingReasons.map((reason) => [reason, years])) as Record<
    (typeof closingReasons)[number],
    typeof years
  >,
);
export type RetentionPeriods = z.infer<typeof retentionPeriods>;

export const retentionSettingsResponse = z.object({
  /** Periods in force, in years after the close date. */
  periods: retentionPeriods,
  /** The server's defaults (environment), in force for any reason an administrator did not set. */
  defaults: retentionPeriods,
  minimumYears: z.number().int(),
  maximumYears: z.number().int(),
  /** Only an administrator at the top unit changes the periods (they apply to every unit). */
  editable: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type RetentionSettingsResponse = z.infer<typeof retentionSettingsResponse>;

export const updateRetentionSettingsBody = z.object({ periods: retentionPeriods });
export type UpdateRetentionSettingsBody = z.infer<typeof updateRetentionSettingsBody>;

export const retentionListQuery = z.object({
  status: z.enum(['pending', 'due', 'held', 'purged']).default('pending'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RetentionListQuery = z.infer<typeof retentionListQuery>;

const legalHold = z.object({
  reason: z.enum(legalHoldReasons),
  placedAt: z.string(),
});

export const retentionCaseItem = z.object({
  id: z.uuid(),
  reference: z.string(),
  handlingUnit: z.object({ id: z.number().int(), name: z.string() }),
  closingReason: z.enum(closingReasons).nullable(),
  closedAt: z.string(),
  purgeDueAt: z.string(),
  isDue: z.boolean(),
  hold: legalHold.nullable(),
  purgedAt: z.string().nullable(),
});
export type RetentionCaseItem = z.infer<typeof retentionCaseItem>;

export const retentionListResponse = z.object({
  items: z.array(retentionCaseItem),
  nextCursor: z.string().nullable(),
});
export type RetentionListResponse = z.infer<typeof retentionListResponse>;

export const placeHoldBody = z.object({ reason: z.enum(legalHoldReasons) });
export type PlaceHoldBody = z.infer<typeof placeHoldBody>;

export const retentionCaseParams = z.object({ id: z.uuid() });

/** What the case team sees on the case page. */
export const caseRetentionView = z.object({
  state: z.string(),
  closedAt: z.string().nullable(),
  /** Null while the case is open (the period counts from the close date). */
  purgeDueAt: z.string().nullable(),
  periodYears: z.number().int(),
  hold: legalHold.nullable(),
});
export type CaseRetentionView = z.infer<typeof caseRetentionView>;
