/**
 * Coded values of collective agreements (work-plans-and-advocacy.md "Policy advocacy"); their labels live
 * in the agreements translation files (staff app) and exports.json (the gap list files).
 */

/** A PKB (collective agreement), or the company regulation PP where there is none. */
export const agreementKinds = ['pkb', 'pp'] as const;
export type AgreementKind = (typeof agreementKinds)[number];

/** As the officer records it; `statusAsOf` (agreement-rules.ts) reads the dates as well. */
export const agreementStatuses = ['in_force', 'expired', 'under_negotiation'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

/** One answer per checklist item (WageIndicator's method: one question per clause, plus its text). */
export const codingAnswers = ['yes', 'partial', 'no', 'not_coded'] as const;
export type CodingAnswer = (typeof codingAnswers)[number];

/** Violence and harassment clauses (the coverage metric), and rights in law that PKBs restate. */
export const checklistGroups = ['violence', 'rights'] as const;
export type ChecklistGroup = (typeof checklistGroups)[number];

/**
 * Why an item is on the gap list: the agreement lacks it (`missing`), has it only partly (`partial`),
 * the checklist added it after the agreement was coded (`new`), or nobody has coded it yet (`not_coded`).
 */
export const gapReasons = ['missing', 'partial', 'new', 'not_coded'] as const;
export type GapReason = (typeof gapReasons)[number];

/** What an agreement document may be (sniffed from the bytes): the signed PDF or a scan, or a Word file. */
export const agreementFileTypes: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
]);
