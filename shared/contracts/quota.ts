import { z } from 'zod';
import { bigIdSchema, idSchema } from './common.ts';
import {
  quotaEnforcements,
  quotaMetrics,
  quotaRoundings,
  quotaStatuses,
  quotaSubjectKinds,
} from '../quota-taxonomies.ts';
import { delegationCategories, positionCategories } from '../taxonomies.ts';

const isoDate = z.iso.date();
const sexOrUnknown = z.enum(['L', 'P']).nullable();

// ── Rules ────────────────────────────────────────────────────────────────────────────────────────────
export const quotaRuleScope = z.object({
  subjectKinds: z.array(z.enum(quotaSubjectKinds)).min(1).max(20),
  levels: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  delegationCategories: z.array(z.enum(delegationCategories)).max(2).default([]),
  effectiveFrom: isoDate.nullable().default(null),
  effectiveTo: isoDate.nullable().default(null),
});

/** A rule version as written by a gender officer; every change is stored as a new version. */
export const quotaRuleBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).nullable().default(null),
    scope: quotaRuleScope,
    metric: z.enum(quotaMetrics),
    /** Integer basis points, 3000 = 30%. */
    thresholdBp: z.number().int().min(0).max(10000),
    rounding: z.enum(quotaRoundings).default('ceil'),
    minimum: z
      .object({
        women: z.number().int().min(1).max(1000),
        whenSeatsAtLeast: z.number().int().min(0).max(100000),
      })
      .nullable()
      .default(null),
    positional: z
      .object({
        titles: z.array(z.string().trim().min(1).max(120)).max(20).default([]),
        categories: z.array(z.enum(positionCategories)).max(3).default([]),
        atLeast: z.number().int().min(1).max(100),
      })
      .nullable()
      .default(null),
    proportionalityFactorBp: z.number().int().min(1).max(100000).nullable().default(null),
    enforcement: z.enum(quotaEnforcements),
  })
  .superRefine((rule, context) => {
    if (rule.metric === 'core_posts' && !rule.positional)
      context.addIssue({ code: 'custom', path: ['positional'], message: 'required' });
    if (rule.positional && rule.positional.titles.length === 0 && rule.positional.categories.length === 0)
      context.addIssue({ code: 'custom', path: ['positional', 'titles'], message: 'required' });
    if (rule.metric === 'proportionality' && rule.proportionalityFactorBp === null)
      context.addIssue({ code: 'custom', path: ['proportionalityFactorBp'], message: 'required' });
    if (
      rule.scope.effectiveFrom &&
      rule.scope.effectiveTo &&
      rule.scope.effectiveTo < rule.scope.effectiveFrom
    )
      context.addIssue({ code: 'custom', path: ['scope', 'effectiveTo'], message: 'invalid' });
  });
export type QuotaRuleBody = z.input<typeof quotaRuleBody>;

export const createQuotaRuleBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{1,62}$/),
  rule: quotaRuleBody,
});

export const quotaRuleVersionView = z.object({
  id: z.number().int(),
  ruleId: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  scope: z.object({
    subjectKinds: z.array(z.enum(quotaSubjectKinds)),
    levels: z.array(z.string()),
    delegationCategories: z.array(z.enum(delegationCategories)),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
  }),
  metric: z.enum(quotaMetrics),
  thresholdBp: z.number().int(),
  rounding: z.enum(quotaRoundings),
  minimum: z.object({ women: z.number().int(), whenSeatsAtLeast: z.number().int() }).nullable(),
  positional: z
    .object({
      titles: z.array(z.string()),
      categories: z.array(z.enum(positionCategories)),
      atLeast: z.number().int(),
    })
    .nullable(),
  proportionalityFactorBp: z.number().int().nullable(),
  enforcement: z.enum(quotaEnforcements),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type QuotaRuleVersionView = z.infer<typeof quotaRuleVersionView>;

export const quotaRuleView = z.object({
  id: z.number().int(),
  code: z.string(),
  currentVersion: z.number().int(),
  current: quotaRuleVersionView,
  versions: z.array(quotaRuleVersionView),
});
export type QuotaRuleView = z.infer<typeof quotaRuleView>;
export const listQuotaRulesResponse = z.object({
  items: z.array(quotaRuleView),
  /** True when the caller may create rules and versions (gender officer at the top unit). */
  canEdit: z.boolean(),
});
export type ListQuotaRulesResponse = z.infer<typeof listQuotaRulesResponse>;

// ── Evaluations ─────────────────────────────────────────────────────────────────────────────────────
export const quotaMessage = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type QuotaMessage = z.infer<typeof quotaMessage>;

export const quotaEvaluationView = z.object({
  ruleId: z.number().int(),
  ruleVersion: z.number().int(),
  ruleName: z.string(),
  metric: z.enum(quotaMetrics),
  enforcement: z.enum(quotaEnforcements),
  thresholdBp: z.number().int(),
  rounding: z.enum(quotaRoundings),
  seats: z.number().int(),
  filled: z.number().int(),
  vacant: z.number().int(),
  women: z.number().int(),
  men: z.number().int(),
  unknown: z.number().int(),
  acting: z.number().int(),
  base: z.number().int(),
  requiredWomen: z.number().int(),
  positional: z
    .object({
      required: z.number().int(),
      seats: z.number().int(),
      filled: z.number().int(),
      women: z.number().int(),
      unknown: z.number().int(),
      status: z.enum(quotaStatuses),
    })
    .nullable(),
  status: z.enum(quotaStatuses),
  shortfall: z.number().int(),
  hint: quotaMessage,
  reasons: z.array(quotaMessage),
});
export type QuotaEvaluationView = z.infer<typeof quotaEvaluationView>;

export const quotaSeatView = z.object({
  positionTitle: z.string().nullable(),
  positionCategory: z.enum(positionCategories).nullable(),
  filled: z.boolean(),
  sex: sexOrUnknown,
  acting: z.boolean(),
  memberName: z.string().nullable(),
});

export const subjectEvaluationView = z.object({
  subject: z.object({
    kind: z.enum(quotaSubjectKinds),
    id: z.string().nullable(),
    name: z.string(),
    unitId: z.number().int().nullable(),
    unitName: z.string().nullable(),
    level: z.string().nullable(),
  }),
  asOf: z.string(),
  counts: z.object({
    seats: z.number().int(),
    filled: z.number().int(),
    vacant: z.number().int(),
    women: z.number().int(),
    men: z.number().int(),
    unknown: z.number().int(),
    acting: z.number().int(),
  }),
  /** Worst status among rules that are not `info` (all rules when every one is info). */
  status: z.enum(quotaStatuses),
  evaluations: z.array(quotaEvaluationView),
  seats: z.array(quotaSeatView),
});
export type SubjectEvaluationView = z.infer<typeof subjectEvaluationView>;

export const asOfQuery = z.object({ asOf: isoDate.optional() });

export const evaluateListBody = z.object({
  kind: z.enum(['invitation_list', 'committee', 'training_class']),
  name: z.string().trim().min(1).max(200),
  /** Unit whose level selects the rules (optional). */
  unitId: idSchema.nullable().default(null),
  /** Pasted member numbers (one per line in the UI) and/or picked member ids. */
  memberNumbers: z.array(z.string().trim().min(1).max(40)).max(5000).default([]),
  memberIds: z.array(bigIdSchema).max(5000).default([]),
  asOf: isoDate.optional(),
});
export type EvaluateListBody = z.input<typeof evaluateListBody>;
export const listEvaluationView = subjectEvaluationView.extend({
  /** Member numbers that matched nobody the caller may read. */
  unmatched: z.array(z.string()),
});
export type ListEvaluationView = z.infer<typeof listEvaluationView>;

// ── Slate check ────────────────────────────────────────────────────────────────────────────────────
export const slateCheckBody = z.object({
  seats: z
    .array(
      z.object({
        positionTitle: z.string().trim().min(1).max(120),
        positionCategory: z.enum(positionCategories).nullable().default(null),
        /** Candidates by member number (pasted) or id (picked); sex comes from the member record. */
        candidates: z
          .array(
            z.union([
              z.object({ memberNumber: z.string().trim().min(1).max(40) }),
              z.object({ memberId: bigIdSchema }),
            ]),
          )
          .max(50)
          .default([]),
      }),
    )
    .min(1)
    .max(500),
  asOf: isoDate.optional(),
});
export type SlateCheckBody = z.input<typeof slateCheckBody>;
export const slateCheckView = z.object({
  bodyId: z.number().int(),
  asOf: z.string(),
  couldComply: z.boolean(),
  seats: z.array(
    z.object({
      positionTitle: z.string(),
      candidates: z.array(z.object({ label: z.string(), sex: sexOrUnknown, found: z.boolean() })),
      mustGoToWoman: z.boolean(),
    }),
  ),
  results: z.array(
    z.object({
      ruleId: z.number().int(),
      ruleVersion: z.number().int(),
      ruleName: z.string(),
      enforcement: z.enum(quotaEnforcements),
      metric: z.enum(quotaMetrics),
      requiredWomen: z.number().int(),
      possibleWomen: z.number().int(),
      certainWomen: z.number().int(),
      couldComply: z.boolean(),
      mustGoToWomen: z.array(z.number().int()),
      messages: z.array(quotaMessage),
    }),
  ),
});
export type SlateCheckView = z.infer<typeof slateCheckView>;

// ── Congress credentialing ─────────────────────────────────────────────────────────────────────────
export const delegationCredentialStatuses = ['open', 'submitted', 'returned', 'accepted'] as const;

export const credentialDecisionView = z.object({
  id: z.string(),
  decision: z.enum(['accepted', 'returned', 'resubmitted']),
  reason: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  status: z.enum(quotaStatuses),
  women: z.number().int(),
  filled: z.number().int(),
  requiredWomen: z.number().int(),
  ruleVersions: z.array(z.object({ ruleId: z.number().int(), version: z.number().int() })),
});

export const delegationView = z.object({
  allocationId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  category: z.enum(delegationCategories),
  seats: z.number().int(),
  /** open: nothing decided yet; submitted: resubmitted after a return, awaiting the committee. */
  credentialStatus: z.enum(delegationCredentialStatuses),
  evaluation: subjectEvaluationView,
  /** The enforcement `return_delegation` applies and the delegation is below it: it can only be returned. */
  mustReturn: z.boolean(),
  delegates: z.array(
    z.object({
      id: z.string(),
      /** Null unless the caller reads members of the delegate's unit (member.read there). */
      memberName: z.string().nullable(),
      memberNumber: z.string().nullable(),
      sex: sexOrUnknown,
      credentialStatus: z.enum(['submitted', 'returned', 'accepted']),
    }),
  ),
  decisions: z.array(credentialDecisionView),
  allowed: z.object({ decide: z.boolean(), resubmit: z.boolean(), editDelegates: z.boolean() }),
});
export type DelegationView = z.infer<typeof delegationView>;

export const assemblyCredentialsView = z.object({
  assemblyId: z.number().int(),
  assemblyName: z.string(),
  unitName: z.string(),
  startsOn: z.string(),
  delegations: z.array(delegationView),
});
export type AssemblyCredentialsView = z.infer<typeof assemblyCredentialsView>;

export const credentialDecisionBody = z.object({
  decision: z.enum(['accepted', 'returned']),
  reason: z.string().trim().max(2000).nullable().default(null),
});
export const resubmitBody = z.object({ reason: z.string().trim().max(2000).nullable().default(null) });
