import { z } from 'zod';
import { idSchema } from './common.ts';
import {
  agreementKinds,
  agreementStatuses,
  checklistGroups,
  codingAnswers,
  gapReasons,
} from '../agreement-taxonomies.ts';

/** Collective agreements API (issue 14, shared/domain/work-plans-and-advocacy.md "Policy advocacy"). */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));
const isoDay = z.iso.date();

// ── Agreements ──────────────────────────────────────────────────────────────────────────────────────
const agreementFields = {
  kind: z.enum(agreementKinds),
  companyName: text(200),
  parties: optionalText(1000),
  registrationNumber: optionalText(100),
  startsOn: isoDay,
  endsOn: isoDay,
  extendedUntil: isoDay.nullable().default(null),
  status: z.enum(agreementStatuses),
};
const datesInOrder = (value: { startsOn: string; endsOn: string; extendedUntil: string | null }) =>
  value.endsOn >= value.startsOn && (value.extendedUntil === null || value.extendedUntil >= value.endsOn);
const datesIssue = { message: 'ends_before_start', path: ['endsOn'] };

export const createAgreementBody = z
  .object({ unitId: idSchema, ...agreementFields })
  .refine(datesInOrder, datesIssue);
export type CreateAgreementBody = z.input<typeof createAgreementBody>;
export type CreateAgreementInput = z.infer<typeof createAgreementBody>;

export const updateAgreementBody = z.object(agreementFields).refine(datesInOrder, datesIssue);
export type UpdateAgreementBody = z.input<typeof updateAgreementBody>;
export type UpdateAgreementInput = z.infer<typeof updateAgreementBody>;

const answerCounts = z.object({
  yes: z.number().int(),
  partial: z.number().int(),
  no: z.number().int(),
  not_coded: z.number().int(),
});

export const agreementSummary = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  kind: z.enum(agreementKinds),
  companyName: z.string(),
  registrationNumber: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  extendedUntil: z.string().nullable(),
  /** As recorded by the officers. */
  status: z.enum(agreementStatuses),
  /** From the dates, today (Asia/Jakarta): agreement-rules.ts statusAsOf. */
  statusToday: z.enum(agreementStatuses),
  /** In force and ending within 6 months. */
  expiringSoon: z.boolean(),
  counts: answerCounts,
});
export type AgreementSummary = z.infer<typeof agreementSummary>;

export const listAgreementsResponse = z.object({
  items: z.array(agreementSummary),
  canCreate: z.boolean(),
});

export const checklistItemView = z.object({
  code: z.string(),
  position: z.number().int(),
  group: z.enum(checklistGroups),
  titleId: z.string(),
  titleEn: z.string(),
});
export type ChecklistItemView = z.infer<typeof checklistItemView>;

export const codingView = z.object({
  answer: z.enum(codingAnswers),
  excerpt: z.string().nullable(),
  article: z.string().nullable(),
  versionNumber: z.number().int(),
  codedByName: z.string().nullable(),
  codedAt: z.string(),
});
export type CodingView = z.infer<typeof codingView>;

export const agreementDetail = agreementSummary.extend({
  parties: z.string().nullable(),
  /** The checklist version the sheet shows (the newest). */
  checklistVersion: z.number().int(),
  /** The newest version the agreement was coded against; null before its first coding. */
  codedAgainstVersion: z.number().int().nullable(),
  files: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      uploadedAt: z.string(),
    }),
  ),
  sheet: z.array(
    z.object({
      item: checklistItemView,
      answer: z.enum(codingAnswers),
      isNew: z.boolean(),
      current: codingView.nullable(),
      /** Earlier codings of the item, newest first. */
      history: z.array(codingView),
    }),
  ),
  gaps: z.array(
    z.object({ item: checklistItemView, reason: z.enum(gapReasons), current: codingView.nullable() }),
  ),
});
export type AgreementDetail = z.infer<typeof agreementDetail>;

export const codeItemBody = z.object({
  itemCode: z.string().trim().min(1).max(60),
  answer: z.enum(codingAnswers),
  excerpt: optionalText(4000),
  article: optionalText(100),
});
export type CodeItemBody = z.input<typeof codeItemBody>;
export type CodeItemInput = z.infer<typeof codeItemBody>;

// ── Checklist versions ──────────────────────────────────────────────────────────────────────────────
export const checklistVersionView = z.object({
  id: z.number().int(),
  number: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  items: z.array(checklistItemView),
});
export type ChecklistVersionView = z.infer<typeof checklistVersionView>;

export const listChecklistsResponse = z.object({
  /** Newest first. */
  items: z.array(checklistVersionView),
  canEdit: z.boolean(),
});

export const createChecklistBody = z.object({
  note: optionalText(1000),
  items: z
    .array(
      z.object({
        code: z
          .string()
          .trim()
          .min(1)
          .max(60)
          .regex(/^[a-z0-9]+(_[a-z0-9]+)*$/),
        group: z.enum(checklistGroups),
        titleId: text(300),
        titleEn: text(300),
      }),
    )
    .min(1)
    .max(100),
});
export type CreateChecklistBody = z.input<typeof createChecklistBody>;
export type CreateChecklistInput = z.infer<typeof createChecklistBody>;
