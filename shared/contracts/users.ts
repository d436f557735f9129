import { z } from 'zod';
import { caseRoles, roles } from '../roles.ts';
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

/**
 * A case role asked for and not yet in effect: it waits for a second person (an administrator who is
 * neither the grantee nor the one who asked, or a coordinator of a unit above). `canConfirm` and
 * `canWithdraw` say what the caller may do with it.
 */
export const pendingGrantView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userName: z.string(),
  userEmail: z.string(),
  role: z.enum(caseRoles),
  unitId: z.number().int(),
  unitName: z.string(),
  unitLevel: z.string(),
  requestedBy: z.object({ id: z.uuid(), name: z.string() }),
  requestedAt: z.string(),
  canConfirm: z.boolean(),
  canWithdraw: z.boolean(),
});
export type PendingGrantView = z.infer<typeof pendingGrantView>;
export const listPendingGrantsResponse = z.object({ items: z.array(pendingGrantView) });

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
  pendingGrants: z.array(pendingGrantView),
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
  /** `pending`: a case role, in effect only once a second person confirms it. */
  outcome: z.enum(['granted', 'pending']),
  warnings: z.array(z.object({ code: z.literal('competency_missing'), tracks: z.array(z.string()) })),
});
export type GrantRoleResponse = z.infer<typeof grantRoleResponse>;
