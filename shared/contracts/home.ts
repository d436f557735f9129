import { z } from 'zod';

/**
 * What the signed-in user must act on now, for her home page (issue 18). Counts and dates only: no
 * case content, no reference; each part is present only for the roles it concerns.
 */
export const homeWorkResponse = z.object({
  /** For case coordinators: open cases at the units she coordinates (minus those she is excluded from). */
  unitCases: z
    .object({
      open: z.number().int(),
      /** Received and not yet contacted. */
      waiting: z.number().int(),
      /** The soonest first-contact deadline among them, or null. */
      firstContactDueAt: z.string().nullable(),
      late: z.number().int(),
    })
    .nullable(),
  /** For handlers and legal aid: open cases assigned to her. */
  assignedCases: z
    .object({
      open: z.number().int(),
      nextDeadlineAt: z.string().nullable(),
      late: z.number().int(),
    })
    .nullable(),
  /** For administrators at the top unit: what blocks the product from working. */
  admin: z
    .object({
      /** DPP has an active case coordinator, so every report reaches a team. */
      topUnitStaffed: z.boolean(),
      staffedUnits: z.number().int(),
      /** Open reports whose handling unit has no active coordinator today. */
      casesWithoutTeam: z.number().int(),
      /** Emails held because no SMTP server is configured. */
      heldMail: z.number().int(),
    })
    .nullable(),
});
export type HomeWork = z.infer<typeof homeWorkResponse>;
