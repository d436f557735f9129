/**
 * Coded values of quota rules (shared by the engine, the API contracts and the staff app).
 * Labels live in `shared/locales/<lang>/web-quota.json` under the same keys.
 */
import { bodyKinds } from './taxonomies.ts';

/** What a rule can be applied to: every body kind, plus delegations, ad-hoc committees and invitee lists. */
export const quotaSubjectKinds = [
  ...bodyKinds,
  'delegation',
  'committee',
  'training_class',
  'invitation_list',
] as const;
export type QuotaSubjectKind = (typeof quotaSubjectKinds)[number];

/**
 * filled_share: women among filled seats; statutory_share: women among statutory seats (vacancies count
 * against); core_posts: women among named posts only; proportionality: women's share of the body against
 * k × women's share of the membership it represents.
 */
export const quotaMetrics = ['filled_share', 'statutory_share', 'core_posts', 'proportionality'] as const;
export type QuotaMetric = (typeof quotaMetrics)[number];

/** ceil is the default: MA 24 P/HUM/2023 struck down half-up rounding of the 30% rule for election lists. */
export const quotaRoundings = ['ceil', 'half_up', 'floor'] as const;
export type QuotaRounding = (typeof quotaRoundings)[number];

export const quotaEnforcements = ['info', 'warn', 'block', 'return_delegation'] as const;
export type QuotaEnforcement = (typeof quotaEnforcements)[number];

export const quotaStatuses = ['compliant', 'at_risk', 'non_compliant', 'not_applicable', 'unknown'] as const;
export type QuotaStatus = (typeof quotaStatuses)[number];
