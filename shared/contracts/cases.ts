import { z } from 'zod';
import { idSchema } from './common.ts';
import {
  caseChannels,
  caseForms,
  caseOutcomes,
  caseParts,
  casePlaces,
  caseRelationships,
  caseServices,
  caseStates,
  closingReasons,
  consentRoutes,
  consentStatuses,
  contactMethods,
  deadlineKinds,
  ethicsStatuses,
  intakeChannels,
  measureKinds,
  measureStatuses,
  namedOfficeLevels,
  referralStatuses,
  reporterRoles,
  reporterWishes,
  rightsItems,
  rightsItemStatuses,
} from '../case-taxonomy.ts';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

export const ageBands = ['0-17', '18-24', '25-44', '45-59', '60+'] as const;

// ── A report: the same fields from the public form and from staff intake ─────────────────────────────
export const reportInput = z.object({
  reporterRole: z.enum(reporterRoles),
  forms: z.array(z.enum(caseForms)).min(1).max(caseForms.length),
  /** What happened, in the reporter's words (sealed). */
  narrative: text(20_000).default(''),
  incidentDate: isoDate.nullable().optional(),
  /** The date is "about" (approximate), not exact. */
  incidentDateApproximate: z.boolean().default(false),
  place: z.enum(casePlaces),
  /** The DPD, DPC or PSP where it happened, when known. */
  placeUnitId: idSchema.nullable().optional(),
  /** Company, DPC or PSP name in the reporter's words when no unit is picked (sealed). */
  placeDetail: optionalText(300),
  relationship: z.enum(caseRelationships),
  namedOffice: z.enum(namedOfficeLevels).default('tidak_tahu'),
  /** Identifiers of the named person, used for matching (sealed). */
  namedName: optionalText(200),
  namedPosition: optionalText(200),
  namedWorkplace: optionalText(200),
  /** The named person's phone number and employee number, for matching only (sealed). */
  namedPhone: optionalText(40),
  namedEmployeeNumber: optionalText(60),
  /**
   * "Lapor bersama": keep the report sealed until another report names the same person
   * (docs/escrow-matching.md). Public form only; ignored for staff intake.
   */
  sealUntilMatch: z.boolean().optional(),
  wishes: z.array(z.enum(reporterWishes)).max(reporterWishes.length).default([]),
  /** The reporter asks that DPP handles the case. */
  asksDpp: z.boolean().default(false),
  /** The survivor asks for a handler of her own gender. */
  sameGenderHandler: z.boolean().default(false),
  survivorSex: z.enum(['L', 'P']).nullable().optional(),
  survivorAgeBand: z.enum(ageBands).nullable().optional(),
  contactMethod: z.enum(contactMethods).default('none'),
  /** Phone number, email or WhatsApp number for the chosen method (sealed). */
  contactValue: optionalText(200),
  /** When it is safe to contact her (sealed). */
  safeTimes: optionalText(200),
  /** Optional name of the reporter (sealed); reports are anonymous by default. */
  reporterName: optionalText(200),
  /** "The case team may read and keep my report to handle it." Required. */
  consentToProcess: z.literal(true),
  /** "The case team may contact me in the way I chose." */
  consentToContact: z.boolean().default(false),
});
export type ReportInput = z.infer<typeof reportInput>;

export const intakeBody = reportInput.extend({ channel: z.enum(intakeChannels) });
export type IntakeBody = z.infer<typeof intakeBody>;

// ── Staff views ──────────────────────────────────────────────────────────────────────────────────────
export const caseRoleInCase = z.enum(['coordinator', 'handler', 'legal_aid']);
export type CaseRoleInCase = z.infer<typeof caseRoleInCase>;

export const deadlineView = z.object({
  kind: z.enum(deadlineKinds),
  dueAt: z.string(),
  late: z.boolean(),
});
export type DeadlineView = z.infer<typeof deadlineView>;

export const caseListItem = z.object({
  id: z.string(),
  reference: z.string(),
  state: z.enum(caseStates),
  channel: z.enum(caseChannels),
  forms: z.array(z.enum(caseForms)),
  place: z.enum(casePlaces),
  relationship: z.enum(caseRelationships),
  handlingUnit: z.object({ id: z.number().int(), name: z.string() }),
  receivedAt: z.string(),
  nextDeadline: deadlineView.nullable(),
  sameGenderHandler: z.boolean(),
  myRoles: z.array(caseRoleInCase),
});
export type CaseListItem = z.infer<typeof caseListItem>;

export const listCasesQuery = z.object({
  /** `mine`: cases assigned to me; `unit`: every case my coordinator grants cover. */
  scope: z.enum(['mine', 'unit']).default('mine'),
  state: z.enum(caseStates).optional(),
  /** `late`: a deadline has passed; `week`: the next deadline is within 7 days. */
  deadline: z.enum(['late', 'week']).optional(),
  form: z.enum(caseForms).optional(),
  unitId: idSchema.optional(),
  sort: z.enum(['deadline', 'received']).default('deadline'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
export const listCasesResponse = z.object({
  items: z.array(caseListItem),
  nextCursor: z.string().nullable(),
});

export const personRef = z.object({ id: z.string(), name: z.string() });

export const timelineEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  /** Coded facts of the entry (states, codes), never content. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** The reason or text of the entry, present when the caller may read notes. */
  text: z.string().nullable(),
});

export const caseDetail = caseListItem.extend({
  incidentDate: z.string().nullable(),
  incidentDateApproximate: z.boolean(),
  placeUnit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /**
   * The unit routing chose first when it had no case coordinator, so the case went up the tree to this
   * team (issue 18); null when it is handled where routing chose.
   */
  routedPastUnit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  namedOffice: z.enum(namedOfficeLevels),
  wishes: z.array(z.enum(reporterWishes)),
  asksDpp: z.boolean(),
  reporterRole: z.enum(reporterRoles),
  survivorSex: z.enum(['L', 'P']).nullable(),
  survivorAgeBand: z.enum(ageBands).nullable(),
  outcome: z.enum(caseOutcomes).nullable(),
  closingReason: z.enum(closingReasons).nullable(),
  firstContactAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Union-internal ethics track applies (named person is a union officer, or a union event). */
  ethicsApplicable: z.boolean(),
  deadlines: z.array(deadlineView.extend({ done: z.boolean() })),
  /** Parts the caller may read, with their content; absent parts are not shown to this caller. */
  narrative: z.string().nullable(),
  placeDetail: z.string().nullable(),
  identity: z
    .object({
      reporterName: z.string().nullable(),
      contactMethod: z.enum(contactMethods),
      contactValue: z.string().nullable(),
      safeTimes: z.string().nullable(),
      consentToContact: z.boolean(),
    })
    .nullable(),
  namedPerson: z
    .object({
      name: z.string().nullable(),
      position: z.string().nullable(),
      workplace: z.string().nullable(),
      /** Escrow identifiers (docs/escrow-matching.md), when the reporter gave them. */
      phone: z.string().nullable().optional(),
      employeeNumber: z.string().nullable().optional(),
      member: z.object({ id: z.string(), name: z.string(), number: z.string() }).nullable(),
    })
    .nullable(),
  assignments: z.array(
    z.object({
      id: z.string(),
      user: personRef,
      role: z.enum(['handler', 'legal_aid']),
      assignedAt: z.string(),
      sex: z.enum(['L', 'P']).nullable(),
    }),
  ),
  consents: z.array(
    z.object({
      id: z.string(),
      route: z.enum(consentRoutes),
      status: z.enum(consentStatuses),
      recordedAt: z.string(),
      recordedBy: z.string(),
      note: z.string().nullable(),
    }),
  ),
  referrals: z.array(
    z.object({
      id: z.string(),
      service: z.enum(caseServices),
      recipient: z.string().nullable(),
      referredOn: z.string(),
      status: z.enum(referralStatuses),
      outcome: z.string().nullable(),
      emergency: z.boolean(),
      emergencyReason: z.string().nullable(),
      needsReview: z.boolean(),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(measureKinds),
      status: z.enum(measureStatuses),
      description: z.string().nullable(),
      startedOn: z.string().nullable(),
    }),
  ),
  ethics: z
    .object({
      status: z.enum(ethicsStatuses),
      note: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  rights: z.array(
    z.object({
      item: z.enum(rightsItems),
      status: z.enum(rightsItemStatuses).nullable(),
      note: z.string().nullable(),
    }),
  ),
  rightsReviewed: z.boolean(),
  notes: z
    .array(z.object({ id: z.string(), at: z.string(), author: z.string(), body: z.string() }))
    .nullable(),
  messages: z
    .array(
      z.object({
        id: z.string(),
        at: z.string(),
        from: z.enum(['reporter', 'team']),
        author: z.string().nullable(),
        body: z.string(),
      }),
    )
    .nullable(),
  files: z
    .array(
      z.object({
        id: z.string(),
        at: z.string(),
        from: z.enum(['reporter', 'team']),
        name: z.string(),
        mediaType: z.string(),
        size: z.number().int(),
      }),
    )
    .nullable(),
  timeline: z.array(timelineEntry),
  /** What the caller may do here; the server checks again on every call. */
  allowed: z.object({
    assign: z.boolean(),
    recuse: z.boolean(),
    transitions: z.array(z.enum(caseStates)),
    addNote: z.boolean(),
    sendMessage: z.boolean(),
    recordConsent: z.boolean(),
    refer: z.boolean(),
    recordMeasure: z.boolean(),
    recordEthics: z.boolean(),
    reviewRights: z.boolean(),
    uploadFile: z.boolean(),
    reroute: z.boolean(),
    reviewReferral: z.boolean(),
    readAccessLog: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const intakeResponse = z.object({
  case: caseListItem,
  /** The 16-digit receipt, grouped 4-4-4-4; shown once, never stored in clear. */
  receipt: z.string(),
});

export const transitionBody = z.object({
  to: z.enum(caseStates),
  reason: text(5000).min(3),
  closingReason: z.enum(closingReasons).optional(),
  outcome: z.enum(caseOutcomes).optional(),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const assignBody = z.object({ userId: z.uuid(), role: z.enum(['handler', 'legal_aid']) });
export type AssignBody = z.infer<typeof assignBody>;
export const recuseBody = z.object({ reason: text(2000).min(3) });
export const noteBody = z.object({ body: text(20_000).min(1) });
export const messageBody = z.object({ body: text(10_000).min(1) });
export const consentBody = z.object({
  route: z.enum(consentRoutes),
  status: z.enum(consentStatuses),
  note: optionalText(2000),
});
export type ConsentBody = z.infer<typeof consentBody>;
export const referralBody = z.object({
  service: z.enum(caseServices),
  recipient: optionalText(300),
  referredOn: isoDate,
  /** Only for an emergency without recorded consent: the written reason; the referral is flagged. */
  emergencyReason: optionalText(2000),
});
export type ReferralBody = z.infer<typeof referralBody>;
export const updateReferralBody = z.object({
  status: z.enum(referralStatuses),
  outcome: optionalText(2000),
});
export type UpdateReferralBody = z.infer<typeof updateReferralBody>;
export const measureBody = z.object({
  kind: z.enum(measureKinds),
  status: z.enum(measureStatuses),
  description: optionalText(2000),
  startedOn: isoDate.nullable().optional(),
});
export type MeasureBody = z.infer<typeof measureBody>;
export const updateMeasureBody = z.object({ status: z.enum(measureStatuses) });
export const ethicsBody = z.object({ status: z.enum(ethicsStatuses), note: optionalText(5000) });
export type EthicsBody = z.infer<typeof ethicsBody>;
export const rightsBody = z.object({
  items: z
    .array(
      z.object({
        item: z.enum(rightsItems),
        status: z.enum(rightsItemStatuses),
        note: optionalText(1000),
      }),
    )
    .min(1)
    .max(rightsItems.length),
});
export type RightsBody = z.infer<typeof rightsBody>;
export const routingBody = z.object({
  placeUnitId: idSchema.nullable().optional(),
  /** Link the named person to a member record (conflict checks and routing use her/his offices). */
  namedMemberId: z
    .string()
    .regex(/^\d{1,18}$/)
    .nullable()
    .optional(),
  asksDpp: z.boolean().optional(),
  reason: text(2000).min(3),
});
export type RoutingBody = z.infer<typeof routingBody>;

export const assignableResponse = z.object({
  items: z.array(
    z.object({
      user: personRef,
      roles: z.array(z.enum(['handler', 'legal_aid'])),
      sex: z.enum(['L', 'P']).nullable(),
      /** Refused by the conflict rules (named person, officer of the named person's PSP, recused). */
      excluded: z.boolean(),
      /** Matches the survivor's same-gender request, when she made one. */
      sameGender: z.boolean().nullable(),
    }),
  ),
});

export const namedCandidatesQuery = z.object({ q: z.string().trim().min(2).max(100) });
/** Members who could be the named person, for the coordinator linking the report to a member record. */
export const namedCandidatesResponse = z.object({
  items: z.array(
    z.object({ id: z.string(), fullName: z.string(), memberNumber: z.string(), unitName: z.string() }),
  ),
});

export const accessLogResponse = z.object({
  items: z.array(z.object({ at: z.string(), user: personRef, part: z.enum(caseParts) })),
});

export const caseIdParams = z.object({ id: z.uuid() });
export const caseItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
