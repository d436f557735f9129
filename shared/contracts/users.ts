import { z } from 'zod';
import { roles } from '../roles.ts';
import { emailSchema, languageSchema } from './common.ts';
import { grantView } from './auth.ts';

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  language: languageSchema,
  active: z.boolean(),
  totpEnabled: z.boolean(),
  homeUnitId: z.number().int(),
  homeUnitName: z.string(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
  grants: z.array(grantView),
});
export type UserView = z.infer<typeof userView>;

export const listUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const listUsersResponse = z.object({ items: z.array(userView), nextCursor: z.string().nullable() });

export const createUserBody = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(1).max(120),
  language: languageSchema.default('id'),
  homeUnitId: z.number().int().positive(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  active: z.boolean().optional(),
});
export const grantRoleBody = z.object({ role: z.enum(roles), unitId: z.number().int().positive() });
export type GrantRoleBody = z.infer<typeof grantRoleBody>;
