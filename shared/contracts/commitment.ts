import { z } from 'zod';
import {
  signatureChannels,
  signatureKinds,
  signatureStatuses,
  versionStatuses,
} from '../commitment-taxonomies.ts';
import { bigIdSchema, idSchema } from './common.ts';

/** Joint Commitment API (issue 13, shared/domain/campaigns-and-commitment.md "The Joint Commitment"). */
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));
const sexSchema = z.enum(['L', 'P']).nullable();

// ── Versions ─────────────────────────────────────────────────────────────────────────────────────────
export const commitmentPoint = z.object({ id: text(2000), en: text(2000) });

export const versionSummary = z.object({
  id: z.number().int(),
  number: z.number().int(),
  titleId: z.string(),
  titleEn: z.string(),
  forum: z.string(),
  adoptedOn: isoDate,
  status: z.enum(versionStatuses),
  /** The wording is a placeholder (version 1's paraphrase) for SPN to replace. */
  wordingPlaceholder: z.boolean(),
  /** SHA-256 of the canonical text, lower-case hex. */
  textSha256: z.string(),
  activatedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Signatures of this version in the caller's scope, by status. */
  signatures: z.record(z.enum(signatureStatuses), z.number().int()),
});
export type VersionSummary = z.infer<typeof versionSummary>;
export const listVersionsResponse = z.object({ items: z.array(versionSummary), canAuthor: z.boolean() });

export const versionDetail = versionSummary.extend({
  preambleId: z.string(),
  preambleEn: z.string(),
  points: z.array(commitmentPoint),
  /** The canonical document the hash is taken of. */
  canonicalText: z.string(),
});
export type VersionDetail = z.infer<typeof versionDetail>;

export const createVersionBody = z.object({
  titleId: text(300),
  titleEn: text(300),
  preambleId: z.string().trim().max(5000).default(''),
  preambleEn: z.string().trim().max(5000).default(''),
  points: z.array(commitmentPoint).min(1).max(30),
  forum: text(300),
  adoptedOn: isoDate,
});
export type CreateVersionBody = z.input<typeof createVersionBody>;

// ── Signatures ───────────────────────────────────────────────────────────────────────────────────────
const signedOn = isoDate;
export const createSignatureBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('member'),
    memberId: bigIdSchema,
    signedOn,
    publicName: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('person'),
    name: text(200),
    organisation: optionalText(200),
    sex: sexSchema.default(null),
    /** The unit she counts under (her region or the PSP where she works). */
    unitId: idSchema,
    signedOn,
    publicName: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('unit'),
    unitId: idSchema,
    forum: text(300),
    decreeNumber: optionalText(120),
    signedOn,
  }),
  z.object({
    kind: z.literal('psp_company'),
    unitId: idSchema,
    forum: text(300),
    decreeNumber: optionalText(120),
    /** Defaults to the PSP's company name on its unit record. */
    companyName: optionalText(200),
    companySignatory: text(200),
    companySignatoryTitle: optionalText(200),
    signedOn,
  }),
]);
export type CreateSignatureBody = z.input<typeof createSignatureBody>;

export const decideSignatureBody = z.object({
  status: z.enum(['valid', 'invalidated']),
  reason: optionalText(500),
});
export type DecideSignatureBody = z.input<typeof decideSignatureBody>;

export const signatureView = z.object({
  id: z.string(),
  versionId: z.number().int(),
  versionNumber: z.number().int(),
  kind: z.enum(signatureKinds),
  unitId: z.number().int(),
  unitName: z.string(),
  /** Member's name and number (kind member), person's name, or null for units. */
  name: z.string().nullable(),
  memberNumber: z.string().nullable(),
  memberId: z.string().nullable(),
  organisation: z.string().nullable(),
  sex: sexSchema,
  claimedMemberNumber: z.string().nullable(),
  forum: z.string().nullable(),
  decreeNumber: z.string().nullable(),
  companyName: z.string().nullable(),
  companySignatory: z.string().nullable(),
  companySignatoryTitle: z.string().nullable(),
  /** Public code of a unit adoption or PSP co-signature (/verifikasi); null for people. */
  verificationCode: z.string().nullable(),
  signedOn: isoDate,
  channel: z.enum(signatureChannels),
  publicName: z.boolean(),
  status: z.enum(signatureStatuses),
  statusReason: z.string().nullable(),
  statusAt: z.iso.datetime({ offset: true }),
});
export type SignatureView = z.infer<typeof signatureView>;

export const signatureEventView = z.object({
  status: z.enum(signatureStatuses),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});
export const signatureDetail = signatureView.extend({ events: z.array(signatureEventView) });
export type SignatureDetail = z.infer<typeof signatureDetail>;

/** The answer to a staff entry: the receipt code is shown once, to hand to the signer; never stored. */
export const createdSignature = signatureDetail.extend({ receiptCode: z.string() });
export type CreatedSignature = z.infer<typeof createdSignature>;

export const listSignaturesQuery = z.object({
  versionId: idSchema.optional(),
  status: z.enum(signatureStatuses).optional(),
  kind: z.enum(signatureKinds).optional(),
  unitId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListSignaturesQuery = z.input<typeof listSignaturesQuery>;
export const listSignaturesResponse = z.object({
  items: z.array(signatureView),
  total: z.number().int(),
});
export type ListSignaturesResponse = z.infer<typeof listSignaturesResponse>;

// ── Coverage ─────────────────────────────────────────────────────────────────────────────────────────
export const coverageQuery = z.object({
  /** The unit whose children are compared; defaults to the top of the caller's scope. */
  unitId: idSchema.optional(),
  /** As of this day (Asia/Jakarta); defaults to today. */
  asOf: isoDate.optional(),
  /** Defaults to the active version. */
  versionId: idSchema.optional(),
});
export type CoverageQuery = z.input<typeof coverageQuery>;

const bySex = z.object({
  P: z.number().int(),
  L: z.number().int(),
  unknown: z.number().int(),
  total: z.number().int(),
});
export const coverageRow = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  level: z.string(),
  /** The row of the unit itself (its whole subtree), above the rows of its children. */
  isTotal: z.boolean(),
  /** Active members as of the date (status history), by sex. */
  members: bySex,
  /** Of those, members with an open (pending or valid) signature of the version as of the date. */
  signers: bySex,
  /** signers ÷ members in basis points (1/100 %), rounded down; null without members. */
  coverage: z.object({
    P: z.number().int().nullable(),
    L: z.number().int().nullable(),
    unknown: z.number().int().nullable(),
    total: z.number().int().nullable(),
  }),
  /** The unit itself adopted the version (a unit signature open as of the date). */
  adopted: z.boolean(),
  /** Units of the subtree (the unit included) that adopted it. */
  unitsAdopted: z.number().int(),
  psps: z.number().int(),
  /** PSPs of the subtree whose company co-signed. */
  pspsCoSigned: z.number().int(),
});
export type CoverageRow = z.infer<typeof coverageRow>;
export const coverageAct = z.object({
  signatureId: z.string(),
  kind: z.enum(['unit', 'psp_company']),
  unitId: z.number().int(),
  unitName: z.string(),
  level: z.string(),
  forum: z.string().nullable(),
  decreeNumber: z.string().nullable(),
  companyName: z.string().nullable(),
  signedOn: isoDate,
});
/** Officers' coverage of one body: the members holding its posts on the day, and how many of them signed. */
export const coverageBody = z.object({
  bodyId: z.number().int(),
  bodyName: z.string(),
  kind: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  level: z.string(),
  /** Members holding one of the body's posts on the day (counted once however many posts they hold). */
  holders: z.number().int(),
  /** Of them, members with an open member signature of the version on the day. */
  signed: z.number().int(),
});
export type CoverageBody = z.infer<typeof coverageBody>;
export const coverageResponse = z.object({
  unit: z.object({ id: z.number().int(), name: z.string(), level: z.string() }),
  asOf: isoDate,
  versionId: z.number().int(),
  versionNumber: z.number().int(),
  rows: z.array(coverageRow),
  /** Unit adoptions and PSP–company co-signatures of the subtree, open as of the date (at most 200). */
  acts: z.array(coverageAct),
  /** Officers' coverage per body of the unit and of its children ("18 of 21 DPC board members signed"). */
  bodies: z.array(coverageBody),
});
export type CoverageResponse = z.infer<typeof coverageResponse>;

// ── Paper lists ──────────────────────────────────────────────────────────────────────────────────────
export const paperListBody = z.object({
  /** The unit where the sheet was signed: names are searched in its subtree; unmatched rows count here. */
  unitId: idSchema,
  signedOn: isoDate,
  rows: z
    .array(
      z.object({
        memberNumber: optionalText(40),
        name: text(200),
        sex: sexSchema.default(null),
      }),
    )
    .min(1)
    .max(500),
});
export type PaperListBody = z.input<typeof paperListBody>;
export const paperRowOutcomes = ['number', 'name', 'merged', 'unmatched'] as const;
export const paperListResponse = z.object({
  /** The list as recorded: the photo of the signed sheet is attached to it (`…/paper-lists/:id/photos`). */
  paperListId: z.number().int(),
  counts: z.record(z.enum(paperRowOutcomes), z.number().int()),
  rows: z.array(
    z.object({ row: z.number().int(), outcome: z.enum(paperRowOutcomes), signatureId: z.string() }),
  ),
});
export type PaperListResponse = z.infer<typeof paperListResponse>;

/** A photo (or scan) of a signed paper sheet: JPEG, PNG, WebP or PDF, sniffed from the bytes. */
export const paperListPhoto = z.object({
  id: z.number().int(),
  mediaType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type PaperListPhoto = z.infer<typeof paperListPhoto>;
/** A recorded paper list: its unit, day, version, outcome counts and the photos of the sheet. */
export const paperListDetail = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  signedOn: isoDate,
  versionNumber: z.number().int(),
  rowCount: z.number().int(),
  counts: z.record(z.enum(paperRowOutcomes), z.number().int()),
  enteredAt: z.string(),
  photos: z.array(paperListPhoto),
});
export type PaperListDetail = z.infer<typeof paperListDetail>;
