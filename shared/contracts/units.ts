import { z } from 'zod';
import { idSchema } from './common.ts';

export const unitView = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  code: z.string(),
  level: z.string(),
  depth: z.number().int(),
  active: z.boolean(),
  childCount: z.number().int(),
});
export type UnitView = z.infer<typeof unitView>;

export const listUnitsQuery = z.object({
  /** Children of this unit; omitted means the caller's top units (where its grants sit). */
  parentId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
  includeInactive: z.enum(['true', 'false']).default('false'),
});
export const listUnitsResponse = z.object({ items: z.array(unitView) });

export const unitCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dot, dash and underscore only');

export const createUnitBody = z.object({
  parentId: idSchema,
  name: z.string().trim().min(1).max(200),
  code: unitCodeSchema,
  level: z.string().trim().min(1).max(20),
});
export type CreateUnitBody = z.infer<typeof createUnitBody>;
export const renameUnitBody = z.object({ name: z.string().trim().min(1).max(200) });
export const moveUnitBody = z.object({ parentId: idSchema });
export const unitLevelsResponse = z.object({ levels: z.array(z.string()) });
