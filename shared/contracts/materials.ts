import { z } from 'zod';
import { idSchema } from './common.ts';
import {
  materialAudiences,
  materialKinds,
  materialLanguages,
  materialLicences,
  materialStatuses,
} from '../material-taxonomies.ts';

/** Materials library API (issue 13, shared/domain/campaigns-and-commitment.md "Materials library"). */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));

/** The public address /materi/<slug>: lower-case letters, digits and single dashes. */
export const materialSlug = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

// ── Materials ───────────────────────────────────────────────────────────────────────────────────────
export const createMaterialBody = z.object({
  ownerUnitId: idSchema,
  kind: z.enum(materialKinds),
  title: text(200),
  summary: optionalText(2000),
  language: z.enum(materialLanguages),
  audience: z.enum(materialAudiences),
  licence: z.enum(materialLicences),
  /** Made from the title when left out. */
  slug: materialSlug.nullable().default(null),
});
export type CreateMaterialBody = z.input<typeof createMaterialBody>;
export type CreateMaterialInput = z.infer<typeof createMaterialBody>;

export const publishMaterialBody = z.object({ published: z.boolean() });

export const materialSummary = z.object({
  id: z.number().int(),
  slug: z.string(),
  ownerUnitId: z.number().int(),
  ownerUnitName: z.string(),
  kind: z.enum(materialKinds),
  title: z.string(),
  language: z.enum(materialLanguages),
  audience: z.enum(materialAudiences),
  licence: z.enum(materialLicences),
  status: z.enum(materialStatuses),
  /** The newest version's number; null before the first. */
  latestVersion: z.number().int().nullable(),
  /** Downloads of every version, all days. */
  downloads: z.number().int(),
});
export type MaterialSummary = z.infer<typeof materialSummary>;
export const listMaterialsResponse = z.object({ items: z.array(materialSummary), canCreate: z.boolean() });

export const materialFileView = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  /** SHA-256 of the bytes, hex: printers and other unions can check they hold the same file. */
  sha256: z.string(),
});
export const materialVersionView = z.object({
  id: z.number().int(),
  number: z.number().int(),
  note: z.string().nullable(),
  url: z.string().nullable(),
  createdAt: z.iso.datetime(),
  files: z.array(materialFileView),
  downloads: z.number().int(),
});
export type MaterialVersionView = z.infer<typeof materialVersionView>;

/** A campaign activity that used a version of the material, with its campaign. */
export const materialUseView = z.object({
  activityId: z.number().int(),
  activityTitle: z.string(),
  heldOn: z.iso.date(),
  hostUnitName: z.string(),
  campaignId: z.number().int(),
  campaignTitle: z.string(),
  versionNumber: z.number().int(),
});
export type MaterialUseView = z.infer<typeof materialUseView>;

export const materialDetail = materialSummary.extend({
  summary: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  /** The caller manages it (campaign.manage over the owner unit); else she only reads it. */
  canManage: z.boolean(),
  versions: z.array(materialVersionView),
  /** Activities in the caller's scope that used it; `campaigns` the distinct campaigns among them. */
  uses: z.array(materialUseView),
  campaigns: z.array(z.object({ id: z.number().int(), title: z.string() })),
});
export type MaterialDetail = z.infer<typeof materialDetail>;

// ── Versions and links ──────────────────────────────────────────────────────────────────────────────
/** A video link version (kind video_link): https only. */
export const addLinkVersionBody = z.object({
  url: z.url({ protocol: /^https$/ }).max(500),
  note: optionalText(1000),
});
export type AddLinkVersionBody = z.input<typeof addLinkVersionBody>;

export const linkActivityBody = z.object({
  activityId: idSchema,
  /** The version used; the newest when left out. */
  versionNumber: z.int().min(1).nullable().default(null),
});
export type LinkActivityBody = z.input<typeof linkActivityBody>;
