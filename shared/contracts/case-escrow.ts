import { z } from 'zod';
import { caseStates } from '../case-taxonomy.ts';

/** A case linked to this one by escrow matching, as the case page lists it (docs/escrow-matching.md). */
export const caseLinkItem = z.object({
  id: z.uuid(),
  reference: z.string(),
  state: z.enum(caseStates),
  handlingUnit: z.object({ id: z.number().int(), name: z.string() }),
  reason: z.enum(['escrow_match']),
  linkedAt: z.string(),
});
export type CaseLinkItem = z.infer<typeof caseLinkItem>;

export const caseLinksResponse = z.object({ items: z.array(caseLinkItem) });
export type CaseLinksResponse = z.infer<typeof caseLinksResponse>;
