/** Joint Commitment taxonomies shared by the server and the staff app (issue 13). */
export const signatureStatuses = ['pending', 'valid', 'invalidated', 'withdrawn', 'superseded'] as const;
export type SignatureStatus = (typeof signatureStatuses)[number];

/** Member (matched to her record), person outside the membership, unit adoption, PSP with its company. */
export const signatureKinds = ['member', 'person', 'unit', 'psp_company'] as const;
export type SignatureKind = (typeof signatureKinds)[number];

export const versionStatuses = ['draft', 'active', 'superseded'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

export const signatureChannels = ['staff', 'public', 'paper'] as const;
export type SignatureChannel = (typeof signatureChannels)[number];

/** Receipt codes: 12 Crockford characters, the last a check character (platform/check-codes.ts). */
export const RECEIPT_CODE_LENGTH = 12;
