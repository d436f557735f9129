import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/access.ts';
import {
  freeSlug,
  materialRightOf,
  nextVersionNumber,
  publishFailure,
  slugOf,
  versionFailure,
} from './material-rules.ts';

const officer = (unitPath: string, role: 'gender_officer' | 'viewer' = 'gender_officer'): Principal => ({
  userId: 'u',
  grants: [{ role, unitId: 1, unitPath }],
});

describe('materialRightOf', () => {
  it.each([
    ['owner unit itself', officer('/1/2/'), '/1/2/', 'manage'],
    ['a unit below the grant', officer('/1/2/'), '/1/2/5/', 'manage'],
    ['the national material above her DPD', officer('/1/2/'), '/1/', 'see'],
    ["another DPD's material", officer('/1/2/'), '/1/3/', null],
    ["another DPD's PSP", officer('/1/2/'), '/1/3/9/', null],
    ['a viewer holds no campaign right', officer('/1/', 'viewer'), '/1/', null],
  ] as const)('%s', (_name, principal, ownerPath, expected) => {
    expect(materialRightOf(principal, ownerPath)).toBe(expected);
  });
});

describe('versions', () => {
  it.each([
    ['flyer', true, null],
    ['flyer', false, 'file_required'],
    ['module', false, 'file_required'],
    ['video_link', false, null],
    ['video_link', true, 'link_required'],
  ] as const)('%s with a file: %s → %s', (kind, hasFile, expected) => {
    expect(versionFailure(kind, { hasFile })).toBe(expected);
  });
  it('numbers versions after the highest, never reusing one', () => {
    expect(nextVersionNumber([])).toBe(1);
    expect(nextVersionNumber([1, 3, 2])).toBe(4);
  });
});

describe('publishing', () => {
  it.each([
    ['draft', 1, true, null],
    ['draft', 0, true, 'no_version'],
    ['unpublished', 2, true, null],
    ['published', 2, true, 'already'],
    ['published', 2, false, null],
    ['draft', 2, false, 'already'],
  ] as const)('%s with %d versions, publish=%s → %s', (status, count, published, expected) => {
    expect(publishFailure(status, count, published)).toBe(expected);
  });
});

describe('addresses and names', () => {
  it('makes a slug from a title', () => {
    expect(slugOf('Stop Pelecehan di Tempat Kerja!')).toBe('stop-pelecehan-di-tempat-kerja');
    expect(slugOf('Modul Pelatihan: Konvensi ILO 190 — Édisi 2')).toBe(
      'modul-pelatihan-konvensi-ilo-190-edisi-2',
    );
    expect(slugOf('!!!')).toBe('materi');
    const long = slugOf('kata '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).not.toMatch(/-$/);
  });
  it('takes the first free suffix', () => {
    expect(freeSlug('poster', new Set())).toBe('poster');
    expect(freeSlug('poster', new Set(['poster', 'poster-2']))).toBe('poster-3');
  });
});
