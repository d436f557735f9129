/**
 * Roles exactly as in DESIGN.md's role table. A role is always granted at an org unit and covers that
 * unit's subtree. No role implies access to case content (case access is per case, need-to-know).
 */
export const roles = [
  'admin',
  'org_admin',
  'gender_officer',
  'case_coordinator',
  'case_handler',
  'legal_aid',
  'trainer',
  'viewer',
] as const;
export type Role = (typeof roles)[number];

/** Roles that touch cases: an account holding one must use a second factor (TOTP). */
export const caseRoles = ['case_coordinator', 'case_handler', 'legal_aid'] as const satisfies readonly Role[];
export type CaseRole = (typeof caseRoles)[number];

export const isCaseRole = (role: Role): role is CaseRole => (caseRoles as readonly Role[]).includes(role);

/** SPN's level names, the default configuration; other unions configure their own. */
export const defaultUnitLevels = ['DPP', 'DPD', 'DPC', 'PSP', 'PA'] as const;

export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'id';
/** Locale used for dates and numbers per language. */
export const localeOf: Record<Language, string> = { id: 'id-ID', en: 'en-GB' };
