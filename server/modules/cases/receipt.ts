import { createHmac, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * The reporter's 16-digit receipt (domain/cases.md): the only key to follow up. It is shown once and
 * stored only as a keyed slow hash: HMAC-SHA256 with a server secret derived from the master key (so a
 * database dump alone cannot test guesses), then Argon2id. Lookup uses a 20-bit index of a second HMAC:
 * enough to find the few candidate rows, too short to confirm a guess without the slow hash.
 */
export const RECEIPT_DIGITS = 16;

export function generateReceipt(random: (max: number) => number = randomInt): string {
  let digits = '';
  for (let index = 0; index < RECEIPT_DIGITS; index += 1) digits += String(random(10));
  return digits;
}

/** `1234 5678 9012 3456`: looks like a phone number, easy to copy by hand. */
export function formatReceipt(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Accepts spaces, dashes and dots between digits; null unless exactly 16 digits remain. */
export function normaliseReceipt(input: string): string | null {
  const digits = input.replace(/[\s\-.]/g, '');
  return /^\d{16}$/.test(digits) ? digits : null;
}

const argonOptions = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface ReceiptHasher {
  /** 5 hex characters (20 bits) to find candidate rows. */
  index(digits: string): string;
  slowHash(digits: string): Promise<string>;
  verify(stored: string, digits: string): Promise<boolean>;
}

export function createReceiptHasher(secret: Buffer): ReceiptHasher {
  const keyed = (purpose: string, digits: string) =>
    createHmac('sha256', secret).update(`${purpose}:${digits}`).digest();
  return {
    index: (digits) => keyed('receipt-index', digits).toString('hex').slice(0, 5),
    // Hex, not raw bytes: the Argon2 binding mishandles non-UTF-8 byte strings.
    slowHash: (digits) => hash(keyed('receipt-verify', digits).toString('hex'), argonOptions),
    async verify(stored, digits) {
      try {
        return await verify(stored, keyed('receipt-verify', digits).toString('hex'));
      } catch {
        return false;
      }
    },
  };
}
