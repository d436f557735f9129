import { z } from 'zod';
import { roles } from '../roles.ts';
import { emailSchema, idSchema, languageSchema } from './common.ts';
import { grantView } from './auth.ts';

/**
 * The member record a staff account belongs to. The cases module uses it to keep people out of cases
 * that concern them (and their PSP's officers) and to honour same-gender handler requests; `sex` is the
 * statutory sex from the member record.
 */
export const linkedMemberView = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  sex: z.enum(['L', 'P']).nullable(),
});
export type LinkedMemberView = z.infer<typeof linkedMemberView>;

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
  member: linkedMemberView.nullable(),
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
  homeUnitId: idSchema,
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  active: z.boolean().optional(),
  /** Links the account to the member with this number; null unlinks. */
  memberNumber: z.string().trim().min(1).max(40).nullable().optional(),
});
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export const grantRoleBody = z.object({ role: z.enum(roles), unitId: idSchema });
export type GrantRoleBody = z.infer<typeof grantRoleBody>;
/** A grant answers the account, and warnings such as a case role for a member without its class. */
export const grantRoleResponse = userView.extend({
  warnings: z.array(z.object({ code: z.literal('competency_missing'), tracks: z.array(z.string()) })),
});
export type GrantRoleResponse = z.infer<typeof grantRoleResponse>;
