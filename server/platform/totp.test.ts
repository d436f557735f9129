import { describe, expect, it } from 'vitest';
import {
  generateRecoveryCodes,
  generateTotpCode,
  generateTotpSecret,
  hashRecoveryCode,
  matchTotpCode,
  totpQrSvg,
  totpUri,
} from './totp.ts';

describe('TOTP', () => {
  const secret = generateTotpSecret();
  const now = new Date('2026-11-22T10:00:00Z');

  it('accepts the current code and one step of drift, and says which step', () => {
    const step = Math.floor(now.getTime() / 30_000);
    expect(matchTotpCode(secret, generateTotpCode(secret, now), now)).toBe(step);
    expect(matchTotpCode(secret, generateTotpCode(secret, new Date(now.getTime() - 30_000)), now)).toBe(
      step - 1,
    );
    expect(
      matchTotpCode(secret, generateTotpCode(secret, new Date(now.getTime() - 120_000)), now),
    ).toBeNull();
  });
  it('refuses a code from another secret', () => {
    expect(matchTotpCode(secret, generateTotpCode(generateTotpSecret(), now), now)).toBeNull();
  });
  it('builds an otpauth URI and an SVG QR code', async () => {
    const uri = totpUri(secret, 'siti@spn.or.id');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Setara:siti%40spn\.or\.id\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(await totpQrSvg(uri)).toMatch(/^<svg/);
  });
  it('makes ten distinct recovery codes whose hash ignores case and dashes', () => {
    const codes = generateRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    const [first] = codes;
    expect(first).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{2}$/);
    expect(hashRecoveryCode(first!.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(first!));
  });
});
