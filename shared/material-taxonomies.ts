/**
 * Coded values of the materials library (shared/domain/campaigns-and-commitment.md "Materials library");
 * their labels live in the materials translation files (staff app) and public.json (public pages).
 */
export const materialKinds = ['flyer', 'poster', 'banner', 'module', 'sop_text', 'video_link'] as const;
export type MaterialKind = (typeof materialKinds)[number];

/** Bahasa Indonesia, English, or a regional language (Sunda, Jawa, …; named in the summary). */
export const materialLanguages = ['id', 'en', 'regional'] as const;
export type MaterialLanguage = (typeof materialLanguages)[number];

export const materialAudiences = ['members', 'officers', 'employers', 'public'] as const;
export type MaterialAudience = (typeof materialAudiences)[number];

export const materialLicences = [
  'cc_by',
  'cc_by_sa',
  'cc_by_nc_sa',
  'union_use',
  'all_rights_reserved',
] as const;
export type MaterialLicence = (typeof materialLicences)[number];

/** draft → published ⇄ unpublished: only a published material has a public page. */
export const materialStatuses = ['draft', 'published', 'unpublished'] as const;
export type MaterialStatus = (typeof materialStatuses)[number];

/**
 * What a material file may be (sniffed from the bytes, never the name): print-ready PDF, images for
 * posters and banners, and the office formats modules are written in. A video is a link, never a file.
 */
export const materialFileTypes: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.presentation',
]);
