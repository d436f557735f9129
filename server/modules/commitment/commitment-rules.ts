/**
 * The pure rules of the Joint Commitment (issue 13): which status changes are legal and who makes them,
 * what a new version does to the signatures of the old one, and the coverage arithmetic. The service asks
 * these; nothing else decides a transition.
 */

import type { SignatureStatus, VersionStatus } from '../../../shared/commitment-taxonomies.ts';

export {
  signatureKinds,
  signatureStatuses,
  versionStatuses,
  type SignatureKind,
  type SignatureStatus,
  type VersionStatus,
} from '../../../shared/commitment-taxonomies.ts';

/** Who changes a signature's status: staff in scope, the signer with her receipt, or a new version. */
export type SignatureActor = 'staff' | 'signer' | 'system';

/** A signature that still counts (and blocks a duplicate of the same signer). */
export const isOpen = (status: SignatureStatus): boolean => status === 'pending' || status === 'valid';

/**
 * Legal transitions (domain: pending → valid | invalidated, withdrawn by the signer, superseded by a new
 * version). Staff confirm or invalidate (a valid one can still be found wrong); only the signer withdraws;
 * only a new version supersedes. Closed statuses are final: a signer who wants back in signs again.
 */
export function canMove(from: SignatureStatus, to: SignatureStatus, actor: SignatureActor): boolean {
  if (!isOpen(from)) return false;
  switch (to) {
    case 'valid':
      return actor === 'staff' && from === 'pending';
    case 'invalidated':
      return actor === 'staff';
    case 'withdrawn':
      return actor === 'signer';
    case 'superseded':
      return actor === 'system';
    case 'pending':
      return false;
  }
}

/** A reason is required to invalidate (it is shown to the signer and kept in the history). */
export const needsReason = (to: SignatureStatus): boolean => to === 'invalidated';

/** Only a draft can be activated; editing is for drafts only, so a hash never changes once shown. */
export const canActivate = (status: VersionStatus): boolean => status === 'draft';
export const canEdit = (status: VersionStatus): boolean => status === 'draft';

/**
 * What activating a version does to the signatures of the version it replaces: open ones become
 * `superseded` (kept and readable), closed ones keep their status (a withdrawal stays a withdrawal).
 */
export function afterSupersession(status: SignatureStatus): SignatureStatus {
  return isOpen(status) ? 'superseded' : status;
}

/**
 * Coverage: signers ÷ active members, in basis points (1/100 of a percent), rounded down so a unit
 * never shows 100% before everyone signed. Null when there is no member to cover (no denominator).
 * A unit can have more signers than active members as of the date (members who left since): capped at
 * 100%, the raw counts are shown beside it.
 */
export function coverageBasisPoints(signers: number, members: number): number | null {
  if (members <= 0) return null;
  return Math.min(10_000, Math.floor((Math.max(0, signers) * 10_000) / members));
}
