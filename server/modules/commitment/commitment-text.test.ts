import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPiece, canonicalSha256, canonicalText, versionOne } from './commitment-text.ts';
import { afterSupersession, canMove, coverageBasisPoints, isOpen } from './commitment-rules.ts';
import { signatureStatuses } from '../../../shared/commitment-taxonomies.ts';

const text = (overrides: Partial<Parameters<typeof canonicalText>[0]> = {}) => ({
  titleId: 'Judul',
  titleEn: 'Title',
  preambleId: 'Pembukaan',
  preambleEn: 'Preamble',
  points: [
    { id: 'Satu', en: 'One' },
    { id: 'Dua', en: 'Two' },
  ],
  ...overrides,
});

describe('canonical text of a version', () => {
  it('NFD and NFC spellings, CRLF and LF, runs of spaces and trailing blanks hash alike', () => {
    const a = text({ preambleId: 'Kami\r\nberkomitmen  \t penuh  \n\n\n\nCafé' });
    const b = text({ preambleId: '  Kami\nberkomitmen penuh\n\nCafe\u0301\n' });
    expect(canonicalText(a)).toBe(canonicalText(b));
    expect(canonicalSha256(a).equals(canonicalSha256(b))).toBe(true);
  });

  it('is idempotent: canonicalising a canonical piece changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), (raw) => {
        const once = canonicalPiece(raw);
        expect(canonicalPiece(once)).toBe(once);
      }),
    );
  });

  it('any change of a word, of a point or of the order of points changes the hash', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 2, maxLength: 9 }),
        fc.stringMatching(/^[a-z]{1,12}$/),
        (words, extra) => {
          const points = words.map((word) => ({ id: word, en: word }));
          const base = canonicalSha256(text({ points }));
          const changed = canonicalSha256(
            text({ points: [...points.slice(0, -1), { id: `${extra}x`, en: 'x' }] }),
          );
          expect(changed.equals(base)).toBe(false);
          const reversed = [...points].reverse();
          if (JSON.stringify(reversed) !== JSON.stringify(points))
            expect(canonicalSha256(text({ points: reversed })).equals(base)).toBe(false);
        },
      ),
    );
  });

  it('a line break is not a space: moving text across lines changes the hash', () => {
    expect(
      canonicalSha256(text({ preambleId: 'a b' })).equals(canonicalSha256(text({ preambleId: 'a\nb' }))),
    ).toBe(false);
  });

  it('the English text is covered too', () => {
    expect(canonicalSha256(text({ titleEn: 'Other' })).equals(canonicalSha256(text()))).toBe(false);
  });

  it('version 1 has the nine points and is marked as a placeholder in its own words', () => {
    expect(versionOne.points).toHaveLength(9);
    expect(versionOne.adoptedOn).toBe('2025-11-16');
    expect(versionOne.preambleId).toMatch(/Teks sementara/);
    expect(canonicalText(versionOne).split('\n')[0]).toBe('SETARA-KOMITMEN/1');
  });
});

describe('signature statuses', () => {
  const actors = ['staff', 'signer', 'system'] as const;
  it('closed statuses are final for everyone', () => {
    for (const from of signatureStatuses.filter((status) => !isOpen(status)))
      for (const to of signatureStatuses)
        for (const actor of actors) expect(canMove(from, to, actor)).toBe(false);
  });
  it('only staff confirm or invalidate, only the signer withdraws, only a new version supersedes', () => {
    for (const from of ['pending', 'valid'] as const)
      for (const actor of actors) {
        expect(canMove(from, 'withdrawn', actor)).toBe(actor === 'signer');
        expect(canMove(from, 'superseded', actor)).toBe(actor === 'system');
        expect(canMove(from, 'invalidated', actor)).toBe(actor === 'staff');
        expect(canMove(from, 'pending', actor)).toBe(false);
      }
    expect(canMove('pending', 'valid', 'staff')).toBe(true);
    expect(canMove('valid', 'valid', 'staff')).toBe(false);
  });
  it('a new version supersedes open signatures and leaves closed ones as they were', () => {
    for (const status of signatureStatuses)
      expect(afterSupersession(status)).toBe(isOpen(status) ? 'superseded' : status);
  });
});

describe('coverage arithmetic', () => {
  it('is signers ÷ members in basis points, rounded down, capped at 100%, null without members', () => {
    expect(coverageBasisPoints(18, 21)).toBe(8571);
    expect(coverageBasisPoints(0, 0)).toBeNull();
    expect(coverageBasisPoints(5, 3)).toBe(10_000);
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), (signers, members) => {
        const share = coverageBasisPoints(signers, members)!;
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(10_000);
        if (signers < members) expect(share).toBeLessThan(10_000);
        expect(share * members).toBeLessThanOrEqual(Math.max(signers, 0) * 10_000);
      }),
    );
  });
});
