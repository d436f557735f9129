import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A short numeric code for a subject (`training-session:42`, later `campaign-event:7`) that changes
 * every 15 seconds, for a room display: a QR code carries it, and a phone that cannot scan types it. The
 * code is HMAC-SHA256(key, subject + step), cut to 6 digits the way HOTP does (RFC 4226 §5.3), so any
 * instance with the key computes the same code and nothing is stored. Per subject, not per person: the
 * person identifies herself separately; the code only proves she saw the room's screen a moment ago.
 *
 * A code is accepted during its own step and, for `ROTATING_CODE_GRACE_MS` after the next one starts, as
 * the previous step: a phone that read the code just before it changed still gets through.
 */
export const ROTATING_CODE_STEP_MS = 15_000;
export const ROTATING_CODE_GRACE_MS = 2_000;
export const ROTATING_CODE_DIGITS = 6;

/** The key of the rotating codes, derived from the master key (every instance agrees; a dump holds none). */
export function rotatingCodeKey(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('setara-rotating-code').digest();
}

export const stepOf = (at: Date): number => Math.floor(at.getTime() / ROTATING_CODE_STEP_MS);

function codeOfStep(key: Buffer, subject: string, step: number): string {
  const digest = createHmac('sha256', key).update(`${subject}\n${step}`).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** ROTATING_CODE_DIGITS).padStart(ROTATING_CODE_DIGITS, '0');
}

export interface RotatingCode {
  code: string;
  /** When this code started being shown, and when the next one replaces it. */
  validFrom: Date;
  validUntil: Date;
}

/** The code to show for `subject` at `at`. */
export function rotatingCodeAt(key: Buffer, subject: string, at: Date): RotatingCode {
  const step = stepOf(at);
  return {
    code: codeOfStep(key, subject, step),
    validFrom: new Date(step * ROTATING_CODE_STEP_MS),
    validUntil: new Date((step + 1) * ROTATING_CODE_STEP_MS),
  };
}

/** What a person typed, as six digits (spaces and dashes dropped), or null. */
export function normaliseRotatingCode(typed: unknown): string | null {
  if (typeof typed !== 'string' || typed.length > 32) return null;
  const code = typed.replace(/[\s-]/g, '');
  return new RegExp(`^[0-9]{${ROTATING_CODE_DIGITS}}$`).test(code) ? code : null;
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * How a typed code stands for `subject` at `at`:
 * - `current`: this step's code, or the previous step's within the grace period;
 * - `old`: the code of one of the `oldSteps` steps before that (a photo of the screen, a slow phone),
 *   so the page can say "the code has changed" instead of a generic refusal;
 * - `wrong`: anything else.
 */
export function checkRotatingCode(
  key: Buffer,
  subject: string,
  typed: string,
  at: Date,
  options: { oldSteps?: number } = {},
): 'current' | 'old' | 'wrong' {
  const step = stepOf(at);
  if (same(typed, codeOfStep(key, subject, step))) return 'current';
  const intoStep = at.getTime() - step * ROTATING_CODE_STEP_MS;
  const previous = same(typed, codeOfStep(key, subject, step - 1));
  if (previous && intoStep <= ROTATING_CODE_GRACE_MS) return 'current';
  if (previous) return 'old';
  for (let back = 2; back <= (options.oldSteps ?? 0) + 1; back += 1)
    if (same(typed, codeOfStep(key, subject, step - back))) return 'old';
  return 'wrong';
}
