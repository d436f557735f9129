import { randomInt } from 'node:crypto';

/**
 * Codes people type from paper: Crockford base32 (no I, L, O, U, so nothing reads as 1 or 0), upper
 * case, the last character a check character that catches every single mistyped character and every
 * swap of two different characters. Used by certificates and enrolment codes, and by anything else that
 * prints a code for the public to type (issue 12: shared, not training-only).
 *
 * The check is a weighted sum in the field GF(32) (x⁵ + x² + 1): character i has weight αⁱ, all weights
 * distinct and non-zero, so a substitution changes the sum by w·(a − b) ≠ 0 and a swap of positions i, j
 * by (wᵢ − wⱼ)(a − b) ≠ 0. (Luhn mod 32 misses swaps such as 0Z ↔ Z0; the test found it.) Codes up to
 * 31 characters keep every weight distinct.
 */
export const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const base = crockfordAlphabet.length;

/** Multiplication in GF(32) with the primitive polynomial x⁵ + x² + 1. */
function multiply(a: number, b: number): number {
  let product = 0;
  let x = a;
  let y = b;
  while (y > 0) {
    if (y & 1) product ^= x;
    y >>= 1;
    x <<= 1;
    if (x & 0b100000) x ^= 0b100101;
  }
  return product;
}

function checkCharacter(payload: string): string {
  let sum = 0;
  let weight = 1;
  for (let index = payload.length - 1; index >= 0; index -= 1) {
    weight = multiply(weight, 2); // α¹, α², … from the end
    sum ^= multiply(weight, crockfordAlphabet.indexOf(payload[index]!));
  }
  return crockfordAlphabet[sum]!;
}

/** A random code of `length` characters, the last one the check character. */
export function generateCheckedCode(length: number): string {
  let payload = '';
  for (let index = 0; index < length - 1; index += 1) payload += crockfordAlphabet[randomInt(base)];
  return payload + checkCharacter(payload);
}

/**
 * What a person typed, as the canonical code: spaces and dashes dropped, lower case raised, and the
 * look-alikes Crockford allows read as digits (O → 0, I and L → 1). Null when it cannot be a code of
 * this length or its check character is wrong, so a typo never reaches the database.
 */
export function normaliseCheckedCode(typed: unknown, length: number): string | null {
  if (typeof typed !== 'string' || typed.length > 64) return null;
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== length) return null;
  for (const character of code) if (!crockfordAlphabet.includes(character)) return null;
  return checkCharacter(code.slice(0, -1)) === code.slice(-1) ? code : null;
}

/** `ABCD-EFGH-JKMN` for print: groups of four are easier to copy. */
export const groupCode = (code: string): string => code.match(/.{1,4}/g)!.join('-');
