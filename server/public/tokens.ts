import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { rotatingCodeKey } from '../platform/rotating-code.ts';
import type { ThrottleKeys } from './throttle.ts';

/**
 * Tokens of the public reporting pages. The pages set no cookie (a reporter's browser must keep no trace
 * of the visit), so state travels in hidden form fields instead:
 * - a form token (HMAC-signed purpose and expiry) stands in for a CSRF cookie: a POST must carry one the
 *   server issued recently for that form;
 * - a follow-up token (AES-256-GCM of the case id and an expiry) lets the status page send messages for
 *   30 minutes after the receipt was checked, without a session and without the receipt in the page.
 * Both keys are derived from the master key, so every instance agrees and a database dump holds neither.
 */

export const FORM_TOKEN_TTL_MS = {
  report: 2 * 60 * 60 * 1000,
  check: 30 * 60 * 1000,
  message: 30 * 60 * 1000,
  /** The self check-in form (/hadir): opened in the room, sent within minutes. */
  checkIn: 30 * 60 * 1000,
  /** The pre/post test page (/tes): a test may take an hour to answer. */
  test: 2 * 60 * 60 * 1000,
  /** The Joint Commitment pledge form (/komitmen): read the text, then sign. */
  pledge: 2 * 60 * 60 * 1000,
  /** Checking or withdrawing a pledge with its receipt (/komitmen/cek). */
  pledgeCheck: 30 * 60 * 1000,
};
export type FormPurpose = keyof typeof FORM_TOKEN_TTL_MS;
export const FOLLOW_UP_TTL_MS = 30 * 60 * 1000;

export interface PublicKeys extends DerivedPublicKeys {
  /** The counters' random key of each day (throttle.ts): never derived from the master key. */
  throttle: ThrottleKeys;
}

/** The keys the public pages derive from the master key. */
export interface DerivedPublicKeys {
  form: Buffer;
  followUp: Buffer;
  /** Key of the room's rotating check-in codes (platform/rotating-code.ts; the staff display uses it too). */
  checkIn: Buffer;
}

export function derivePublicKeys(masterKey: Buffer): DerivedPublicKeys {
  const derive = (purpose: string) => createHmac('sha256', masterKey).update(purpose).digest();
  return {
    form: derive('setara-public-form'),
    followUp: derive('setara-public-followup'),
    checkIn: rotatingCodeKey(masterKey),
  };
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

/** `<purpose>.<expiry ms>.<nonce>.<signature>`, all URL-safe; carries nothing about the visitor. */
export function createFormToken(key: Buffer, purpose: FormPurpose, now: Date): string {
  const payload = `${purpose}.${now.getTime() + FORM_TOKEN_TTL_MS[purpose]}.${randomBytes(9).toString('base64url')}`;
  return `${payload}.${sign(key, payload).toString('base64url')}`;
}

export type TokenCheck = 'valid' | 'expired' | 'invalid';

export function checkFormToken(key: Buffer, purpose: FormPurpose, token: unknown, now: Date): TokenCheck {
  if (typeof token !== 'string' || token.length > 200) return 'invalid';
  const cut = token.lastIndexOf('.');
  if (cut < 0) return 'invalid';
  const payload = token.slice(0, cut);
  const given = Buffer.from(token.slice(cut + 1), 'base64url');
  const expected = sign(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const [tokenPurpose, expiry] = payload.split('.');
  if (tokenPurpose !== purpose) return 'invalid';
  return Number(expiry) > now.getTime() ? 'valid' : 'expired';
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FOLLOW_UP_AAD = Buffer.from('setara-public-followup-v1');

/** AES-256-GCM of `{ c: caseId, e: expiry }`: opaque to the reporter, unforgeable without the key. */
export function createFollowUpToken(key: Buffer, caseId: string, now: Date): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(FOLLOW_UP_AAD);
  const plaintext = Buffer.from(JSON.stringify({ c: caseId, e: now.getTime() + FOLLOW_UP_TTL_MS }));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64url');
}

export type FollowUpCheck = { status: 'valid'; caseId: string } | { status: 'expired' | 'invalid' };

export function openFollowUpToken(key: Buffer, token: unknown, now: Date): FollowUpCheck {
  if (typeof token !== 'string' || token.length > 400) return { status: 'invalid' };
  const raw = Buffer.from(token, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return { status: 'invalid' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(FOLLOW_UP_AAD);
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const parsed = JSON.parse(plaintext.toString('utf8')) as { c?: unknown; e?: unknown };
    if (typeof parsed.c !== 'string' || typeof parsed.e !== 'number') return { status: 'invalid' };
    return parsed.e > now.getTime() ? { status: 'valid', caseId: parsed.c } : { status: 'expired' };
  } catch {
    return { status: 'invalid' };
  }
}

// ── A report form token, spent ─────────────────────────────────────────────────────────────────────
// The server keeps, per spent token, an HMAC of it (to find the row) and the receipt page sealed with a
// key derived from the token itself: the database alone can neither read a row nor tell whose it is.
const SPENT_AAD = Buffer.from('setara-spent-form-token-v1');

export interface SpentReceipt {
  receipt: string;
  receivedAt: string;
  firstContactDueAt: string;
  teamReady: boolean;
  sealed: boolean;
}

/** The lookup id of a spent token. */
export function spentTokenId(key: Buffer, token: string): Buffer {
  return createHmac('sha256', key).update(`spent-id:${token}`).digest();
}

const spentKey = (key: Buffer, token: string) =>
  createHmac('sha256', key).update(`spent-key:${token}`).digest();

export function sealSpentReceipt<T = SpentReceipt>(key: Buffer, token: string, receipt: T): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', spentKey(key, token), iv);
  cipher.setAAD(SPENT_AAD);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(receipt), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/** The receipt page of a spent token, or null when the row does not open with this token. */
export function openSpentReceipt<T = SpentReceipt>(key: Buffer, token: string, sealed: Buffer): T | null {
  if (sealed.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', spentKey(key, token), sealed.subarray(0, IV_BYTES));
    decipher.setAAD(SPENT_AAD);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return JSON.parse(plaintext.toString('utf8')) as T;
  } catch {
    return null;
  }
}

/** When a form token stops being valid (its expiry), or null when it is not well formed. */
export function formTokenExpiry(token: string): Date | null {
  const expiry = Number(token.split('.')[1]);
  return Number.isFinite(expiry) ? new Date(expiry) : null;
}
