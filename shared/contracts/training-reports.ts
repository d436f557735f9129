import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * The participant report of capacity building (issue 12): nominations, participants (seat holders) and
 * completions by year, track, unit and sex, for one unit of the caller's scope and its child units.
 */
export const participantReportQuery = z.object({
  unitId: idSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  track: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/)
    .optional(),
});
export type ParticipantReportQuery = z.infer<typeof participantReportQuery>;
export const participantReportExportQuery = participantReportQuery.extend({
  format: z.enum(['xlsx', 'pdf']),
});

export const sexCounts = z.object({
  women: z.number().int(),
  men: z.number().int(),
  /** Sex not recorded. */
  unknown: z.number().int(),
  total: z.number().int(),
});
export type SexCounts = z.infer<typeof sexCounts>;

/** Women's share of those whose sex is recorded, as a fraction; null when nobody's is. */
export function womenShareOf(counts: SexCounts): number | null {
  const known = counts.women + counts.men;
  return known === 0 ? null : counts.women / known;
}

const stageCounts = z.object({ nominated: sexCounts, participants: sexCounts, completed: sexCounts });

export const participantReportRow = stageCounts.extend({
  year: z.number().int(),
  track: z.string(),
  /** The child unit (or the unit itself, for its own nominations) that sent the participants. */
  unitId: z.number().int(),
  unitName: z.string(),
});
export type ParticipantReportRow = z.infer<typeof participantReportRow>;

export const participantReportResponse = z.object({
  unit: z.object({ id: z.number().int(), name: z.string(), level: z.string() }),
  filters: z.object({ year: z.number().int().nullable(), track: z.string().nullable() }),
  /** Years and tracks that have participants in this unit's subtree (for the filters). */
  years: z.array(z.number().int()),
  tracks: z.array(z.object({ code: z.string(), labels: z.object({ id: z.string(), en: z.string() }) })),
  rows: z.array(participantReportRow),
  totals: stageCounts,
});
export type ParticipantReportResponse = z.infer<typeof participantReportResponse>;
