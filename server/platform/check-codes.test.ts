import { describe, expect, it } from 'vitest';
import { crockfordAlphabet, generateCheckedCode, groupCode, normaliseCheckedCode } from './check-codes.ts';

/**
 * Codes printed for people to type (certificates, enrolment codes): Crockford base32 with a check
 * character. The property that matters: a code with one character mistyped, or two neighbours swapped,
 * is never accepted as a valid code (so it never reaches someone else's certificate).
 */
describe('checked codes', () => {
  const samples = Array.from({ length: 200 }, () => generateCheckedCode(12));

  it('generates codes of the asked length from the unambiguous alphabet, each accepted as typed', () => {
    for (const code of samples) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
      expect(normaliseCheckedCode(code, 12)).toBe(code);
    }
    expect(generateCheckedCode(8)).toHaveLength(8);
  });

  it('refuses every single-character substitution', () => {
    for (const code of samples.slice(0, 40))
      for (let index = 0; index < code.length; index++)
        for (const character of crockfordAlphabet) {
          if (character === code[index]) continue;
          const typo = code.slice(0, index) + character + code.slice(index + 1);
          expect(normaliseCheckedCode(typo, 12), typo).toBeNull();
        }
  });

  it('refuses every swap of two different characters, neighbours or not', () => {
    for (const code of samples)
      for (let i = 0; i < code.length; i++)
        for (let j = i + 1; j < code.length; j++) {
          if (code[i] === code[j]) continue;
          const swapped = [...code];
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          expect(normaliseCheckedCode(swapped.join(''), 12), swapped.join('')).toBeNull();
        }
  });

  it('reads what people write: lower case, dashes, spaces, O for 0, I and L for 1', () => {
    for (const code of samples.slice(0, 50)) {
      const written = groupCode(code)
        .toLowerCase()
        .replace(/0/g, 'o')
        .replace(/1/g, 'l')
        .replace(/-/g, ' - ');
      expect(normaliseCheckedCode(written, 12)).toBe(code);
    }
  });

  it('catches the swap Luhn mod 32 misses (0Z ↔ Z0)', () => {
    const payload = 'H0Z42B2DAZ9';
    const code = [...crockfordAlphabet].map((c) => payload + c).find((c) => normaliseCheckedCode(c, 12))!;
    expect(normaliseCheckedCode(code.replace('0Z', 'Z0'), 12)).toBeNull();
  });

  it('refuses other lengths, other characters and non-strings', () => {
    const code = samples[0]!;
    expect(normaliseCheckedCode(code.slice(1), 12)).toBeNull();
    expect(normaliseCheckedCode(`${code}0`, 12)).toBeNull();
    expect(normaliseCheckedCode(`${code.slice(0, 11)}U`, 12)).toBeNull();
    expect(normaliseCheckedCode(42, 12)).toBeNull();
    expect(normaliseCheckedCode('x'.repeat(10_000), 12)).toBeNull();
  });
});
