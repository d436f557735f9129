import { randomInt } from 'node:crypto';

/**
 * Codes people type from paper: Crockford base32 (no I, L, O, U, so nothing reads as 1 or 0), upper
 * case, the last character a check character (Luhn mod 32) that catches every single mistyped character
 * and every swap of two neighbours. Used by certificates and enrolment codes, and by anything else that
 * prints a code for the public to type (issue 12: shared, not training-only).
 */
export const crockfordAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const base = crockfordAlphabet.length;

function checkCharacter(payload: string): string {
  let factor = 2;
  let sum = 0;
  for (let index = payload.length - 1; index >= 0; index -= 1) {
    let addend = factor * crockfordAlphabet.indexOf(payload[index]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / base) + (addend % base);
    sum += addend;
  }
  return crockfordAlphabet[(base - (sum % base)) % base]!;
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
