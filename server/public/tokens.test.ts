import { describe, expect, it } from 'vitest';
import { generateMasterKey } from '../platform/crypto.ts';
import {
  checkFormToken,
  createFollowUpToken,
  createFormToken,
  derivePublicKeys,
  FOLLOW_UP_TTL_MS,
  FORM_TOKEN_TTL_MS,
  openFollowUpToken,
} from './tokens.ts';

const keys = derivePublicKeys(generateMasterKey().key);
const other = derivePublicKeys(generateMasterKey().key);
const now = new Date('2026-11-22T08:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const caseId = '5b0c3f4e-3f0a-4c55-9d7e-0f6f4c1b2a10';

/** Flips one character of a token (keeping it URL-safe base64). */
const tamper = (token: string, at: number) =>
  token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);

describe('form tokens', () => {
  it('derives distinct keys per purpose from the master key', () => {
    expect(keys.form.equals(keys.followUp)).toBe(false);
    expect(keys.form.equals(keys.checkIn)).toBe(false);
    expect(keys.form.equals(other.form)).toBe(false);
  });

  it('accepts a fresh token for its own form', () => {
    const token = createFormToken(keys.form, 'report', now);
    expect(checkFormToken(keys.form, 'report', token, now)).toBe('valid');
    expect(checkFormToken(keys.form, 'report', token, later(FORM_TOKEN_TTL_MS.report - 1000))).toBe('valid');
  });

  it('expires after 2 hours for the report form and 30 minutes for the receipt check', () => {
    expect(
      checkFormToken(keys.form, 'report', createFormToken(keys.form, 'report', now), later(2 * 3600_000)),
    ).toBe('expired');
    const check = createFormToken(keys.form, 'check', now);
    expect(checkFormToken(keys.form, 'check', check, later(29 * 60_000))).toBe('valid');
    expect(checkFormToken(keys.form, 'check', check, later(30 * 60_000))).toBe('expired');
  });

  it('refuses a tampered, re-purposed, foreign or malformed token', () => {
    const token = createFormToken(keys.form, 'check', now);
    expect(checkFormToken(keys.form, 'check', tamper(token, token.length - 3), now)).toBe('invalid');
    // A longer expiry written into the payload breaks the signature.
    const [purpose, expiry, nonce, signature] = token.split('.');
    const extended = [purpose, Number(expiry) + 86_400_000, nonce, signature].join('.');
    expect(checkFormToken(keys.form, 'check', extended, now)).toBe('invalid');
    expect(checkFormToken(keys.form, 'report', token, now)).toBe('invalid');
    expect(checkFormToken(other.form, 'check', token, now)).toBe('invalid');
    for (const bad of [undefined, '', 'abc', 'a.b.c.d', 42, 'x'.repeat(500)])
      expect(checkFormToken(keys.form, 'check', bad, now)).toBe('invalid');
  });
});

describe('follow-up tokens', () => {
  it('opens to the case id within 30 minutes', () => {
    const token = createFollowUpToken(keys.followUp, caseId, now);
    expect(openFollowUpToken(keys.followUp, token, later(FOLLOW_UP_TTL_MS - 1000))).toEqual({
      status: 'valid',
      caseId,
    });
  });

  it('is opaque: the case id does not appear in it', () => {
    const token = createFollowUpToken(keys.followUp, caseId, now);
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain(caseId.slice(0, 8));
    expect(token).not.toContain(caseId.slice(0, 8));
    // Fresh IV every time.
    expect(createFollowUpToken(keys.followUp, caseId, now)).not.toBe(token);
  });

  it('expires after 30 minutes', () => {
    const token = createFollowUpToken(keys.followUp, caseId, now);
    expect(openFollowUpToken(keys.followUp, token, later(FOLLOW_UP_TTL_MS))).toEqual({ status: 'expired' });
  });

  it('refuses a tampered or foreign token and garbage', () => {
    const token = createFollowUpToken(keys.followUp, caseId, now);
    for (const at of [2, 20, token.length - 2])
      expect(openFollowUpToken(keys.followUp, tamper(token, at), now)).toEqual({ status: 'invalid' });
    expect(openFollowUpToken(other.followUp, token, now)).toEqual({ status: 'invalid' });
    expect(openFollowUpToken(keys.form, token, now)).toEqual({ status: 'invalid' });
    for (const bad of [undefined, '', 'AAAA', 7, 'x'.repeat(1000)])
      expect(openFollowUpToken(keys.followUp, bad, now)).toEqual({ status: 'invalid' });
  });
});
