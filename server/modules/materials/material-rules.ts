import type { MaterialKind, MaterialStatus } from '../../../shared/material-taxonomies.ts';
import { can, isWithin, scopeOf, type Principal } from '../../platform/access.ts';

/**
 * Pure rules of the materials library (campaigns-and-commitment.md "Materials library"): who reaches a
 * material, what a version of each kind holds, when a material may go public, and its public address.
 */

export type MaterialRight = 'manage' | 'see';

/**
 * The caller's right in a material owned at `ownerPath`, or null when she may not know it exists.
 * Managing is the campaign right (`campaign.manage`) over the owner unit: whoever runs the campaigns
 * there keeps their materials. Reading, as with campaigns, reaches a material owned in her scope or
 * above it (a DPD officer uses the national flyer), never one of another DPD's subtree.
 */
export function materialRightOf(principal: Principal, ownerPath: string): MaterialRight | null {
  if (can(principal, 'campaign.manage', ownerPath)) return 'manage';
  return scopeOf(principal, 'campaign.manage').some((root) => isWithin(root, ownerPath)) ? 'see' : null;
}

/** A video is a link (YouTube, the union's channel), never an uploaded file; every other kind is files. */
export const isLinkKind = (kind: MaterialKind): boolean => kind === 'video_link';

export type VersionFailure = 'link_required' | 'file_required';

/** What a new version of a material of `kind` must carry: a file, or (video) a link. */
export function versionFailure(kind: MaterialKind, version: { hasFile: boolean }): VersionFailure | null {
  if (isLinkKind(kind)) return version.hasFile ? 'link_required' : null;
  return version.hasFile ? null : 'file_required';
}

/** Versions are numbered 1, 2, 3 … per material, never reused. */
export const nextVersionNumber = (numbers: readonly number[]): number =>
  numbers.reduce((max, number) => Math.max(max, number), 0) + 1;

export type PublishFailure = 'no_version' | 'already';

/** Publishing needs at least one version (a public page with nothing to download helps nobody). */
export function publishFailure(
  status: MaterialStatus,
  versionCount: number,
  published: boolean,
): PublishFailure | null {
  if (published) {
    if (status === 'published') return 'already';
    return versionCount === 0 ? 'no_version' : null;
  }
  return status === 'published' ? null : 'already';
}

/**
 * The public address made from a title: lower case, accents dropped, anything else a single dash,
 * at most 60 characters, cut at a dash. `Stop Pelecehan di Tempat Kerja!` → `stop-pelecehan-di-tempat-kerja`.
 */
export function slugOf(title: string): string {
  const plain = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= 60) return plain || 'materi';
  const cut = plain.slice(0, 60);
  return cut.slice(0, cut.lastIndexOf('-') > 20 ? cut.lastIndexOf('-') : 60).replace(/-+$/, '');
}

/** A taken slug gets the first free `-2`, `-3` … suffix. */
export function freeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${base}-${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
