import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../shared/errors.ts';

/** OWASP's Argon2id baseline: 19 MiB memory, 2 passes, 1 lane (about 14 ms here). */
const argonOptions = {
  algorithm: 2 /* Argon2id; the package exports a const enum */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 10;

// ~49,000 most common passwords from the zxcvbn-ts dictionary, compared case-insensitively.
const commonPasswords = new Set(dictionary.passwords.map((word: string) => word.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/** Throws `weak_password` unless the password is long enough, uncommon, and not the account's email. */
export function assertPasswordAcceptable(password: string, context: { email?: string } = {}): void {
  const lowered = password.toLowerCase();
  const reasons: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) reasons.push('too_short');
  if (isCommonPassword(password)) reasons.push('common');
  if (context.email && (lowered === context.email || lowered === context.email.split('@')[0])) {
    reasons.push('same_as_email');
  }
  if (reasons.length > 0) throw new AppError('weak_password', 'Password refused', { reasons });
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, argonOptions);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the account does not exist (equal timing). */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoyHash;
}
