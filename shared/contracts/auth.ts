import { z } from 'zod';
import { roles } from '../roles.ts';
import { emailSchema, languageSchema, passwordSchema } from './common.ts';

export const sessionStage = z.enum(['full', 'mfa', 'enrol']);
export type SessionStage = z.infer<typeof sessionStage>;

export const grantView = z.object({
  id: z.uuid(),
  role: z.enum(roles),
  unitId: z.number().int(),
  unitName: z.string(),
  unitLevel: z.string(),
});
export type GrantView = z.infer<typeof grantView>;

export const sessionView = z.object({
  /** Always true here; a visitor without a session gets `signedOutView` from `GET /session`. */
  signedIn: z.literal(true),
  stage: sessionStage,
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    language: languageSchema,
    totpEnabled: z.boolean(),
    /** True when the account holds a case role: TOTP cannot be switched off. */
    totpRequired: z.boolean(),
  }),
  grants: z.array(grantView),
  /** Screens the SPA may show; the server still checks every request. */
  capabilities: z.object({
    manageUsers: z.boolean(),
    manageUnits: z.boolean(),
    readAudit: z.boolean(),
    readOutbox: z.boolean(),
    readMembers: z.boolean(),
    manageMembers: z.boolean(),
    /** Holds a case role: the case screens are shown (each case is still need-to-know). */
    workCases: z.boolean(),
    /** May record a report received in person, by phone or WhatsApp. */
    intakeCases: z.boolean(),
    /** May read the de-identified case statistics (gender officers, case coordinators). */
    readCaseStatistics: z.boolean(),
    /** May edit the working-day calendar (holidays); the server checks the top unit again. */
    manageCalendar: z.boolean(),
    /** May read the quota dashboards (aggregates of its subtree). */
    readDashboards: z.boolean(),
    readAssemblies: z.boolean(),
    /** Capacity building: organise, nominate, or run assigned classes. */
    training: z.boolean(),
    /** Cadre stages: confirm stages of members below one's unit (gender officers, org admins). */
    cadreStages: z.boolean(),
    /** Education campaigns: manage campaigns in its subtree (gender officers). */
    campaigns: z.boolean(),
    /** The Joint Commitment: versions, signatures of one's subtree, coverage. */
    commitment: z.boolean(),
    /** May confirm a case role asked for by someone else (administrators, case coordinators). */
    confirmCaseRoles: z.boolean(),
    /** Collective agreements of PSPs in its subtree: records, documents, coding, gap lists. */
    agreements: z.boolean(),
  }),
});
export type SessionView = z.infer<typeof sessionView>;

/**
 * `GET /session` for a visitor with no (or an expired) session. Answered with 200, not 401: asking
 * "who am I?" is not a failed request, and a 401 puts an error in the browser console of every
 * signed-out page.
 */
export const signedOutView = z.object({ signedIn: z.literal(false) });
export const sessionState = z.discriminatedUnion('signedIn', [sessionView, signedOutView]);
export type SessionState = z.infer<typeof sessionState>;

export const csrfResponse = z.object({ token: z.string() });

export const loginBody = z.object({ email: emailSchema, password: passwordSchema });
export type LoginBody = z.infer<typeof loginBody>;
export const loginResponse = z.object({ stage: sessionStage });

export const totpVerifyBody = z
  .object({
    code: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    recoveryCode: z.string().min(8).max(32).optional(),
  })
  .refine((body) => Boolean(body.code) !== Boolean(body.recoveryCode), {
    message: 'Give either code or recoveryCode',
    path: ['code'],
  });
export type TotpVerifyBody = z.infer<typeof totpVerifyBody>;

export const totpEnrolStartResponse = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrSvg: z.string(),
});
export const totpEnrolConfirmBody = z.object({ code: z.string().regex(/^\d{6}$/) });
export const totpEnrolConfirmResponse = z.object({ recoveryCodes: z.array(z.string()) });
export const totpDisableBody = z.object({ password: passwordSchema });

export const changePasswordBody = z.object({
  currentPassword: passwordSchema,
  newPassword: passwordSchema,
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const resetPasswordBody = z.object({
  token: z.string().min(20).max(200),
  newPassword: passwordSchema,
});
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

export const updateMeBody = z.object({
  language: languageSchema.optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
});

export const setupStatusResponse = z.object({ needed: z.boolean() });
export const setupBody = z
  .object({
    token: z.string().min(20).max(200),
    email: emailSchema,
    displayName: z.string().trim().min(1).max(120),
    password: passwordSchema,
    language: languageSchema.default('id'),
    /**
     * Who coordinates cases at the top unit (issue 18): invited by email, and put forward as its case
     * coordinator. The role takes effect once a second person confirms it (issue 17).
     */
    coordinator: z.object({ email: emailSchema, displayName: z.string().trim().min(1).max(120) }).optional(),
  })
  .refine((body) => !body.coordinator || body.coordinator.email !== body.email, {
    path: ['coordinator', 'email'],
    message: 'coordinator_is_admin',
  });
export type SetupBody = z.input<typeof setupBody>;
/** `coordinatorInvited`: the named coordinator was invited and put forward (false when none was named). */
export const setupResponse = z.object({ ok: z.literal(true), coordinatorInvited: z.boolean() });
export type SetupResponse = z.infer<typeof setupResponse>;
