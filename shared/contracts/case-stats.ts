import { z } from 'zod';
import { idSchema } from './common.ts';

/** A month as `YYYY-MM`. */
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Period (whole months, at most 36) and subtree of the statistics; defaults: the last 12 months, my scope. */
export const caseStatsQuery = z.object({
  from: monthSchema.optional(),
  to: monthSchema.optional(),
  unitId: idSchema.optional(),
});
export type CaseStatsQuery = z.infer<typeof caseStatsQuery>;

/** A published cell: the count, or null with `small` ("< 5") or `complement` (hidden to protect one). */
export const statCell = z.object({
  value: z.number().int().nullable(),
  status: z.enum(['shown', 'small', 'complement']),
});
export type StatCell = z.infer<typeof statCell>;

/** A one-way breakdown: one cell per key, and the total. */
export const statList = z.object({
  rows: z.array(z.object({ key: z.string(), cell: statCell })),
  total: statCell,
});
export type StatList = z.infer<typeof statList>;

/** A two-way table with row, column and grand totals; `rate` = first column / row total when both shown. */
export const statTable = z.object({
  columns: z.array(z.string()),
  rows: z.array(
    z.object({ key: z.string(), cells: z.array(statCell), total: statCell, rate: z.number().nullable() }),
  ),
  columnTotals: z.array(statCell),
  total: statCell,
});
export type StatTable = z.infer<typeof statTable>;

/** Median and percentiles of a duration over a group of at least 5 cases; null below that. */
export const durationStats = z.object({
  key: z.string(),
  count: statCell,
  p25: z.number().nullable(),
  median: z.number().nullable(),
  p75: z.number().nullable(),
  p90: z.number().nullable(),
});
export type DurationStats = z.infer<typeof durationStats>;

export const caseStatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string(), level: z.string() }),
  /** Units one level below `unit` (the `byUnit` keys), for drilling down. */
  childUnits: z.array(z.object({ id: z.number().int(), name: z.string(), level: z.string() })),
  /** Subtree roots the caller may choose from. */
  scopeUnits: z.array(z.object({ id: z.number().int(), name: z.string(), level: z.string() })),
  smallCellLimit: z.number().int(),
  total: statCell,
  byMonth: statList,
  byUnit: statList,
  byPlace: statList,
  byRelationship: statList,
  byOutcome: statList,
  bySex: statList,
  byAgeBand: statList,
  /** Cases counted under each of their forms (cells overlap, so there is no total). */
  byForm: z.array(z.object({ key: z.string(), cell: statCell })),
  /** Hours from receipt to first human contact. */
  timeToFirstContact: z.array(durationStats),
  /** Days from receipt to closing. */
  timeToClose: z.array(durationStats),
  /** Per SOP deadline: met, missed (decided ones only). */
  deadlines: statTable,
  /** Per service: completed, in progress, refused. */
  referrals: statTable,
  /** Per consent route, latest decision: given, refused, withdrawn. */
  consents: statTable,
});
export type CaseStatsResponse = z.infer<typeof caseStatsResponse>;
