import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkRotatingCode,
  normaliseRotatingCode,
  ROTATING_CODE_GRACE_MS,
  ROTATING_CODE_STEP_MS,
  rotatingCodeAt,
  rotatingCodeKey,
} from './rotating-code.ts';

const key = rotatingCodeKey(randomBytes(32));
const subject = 'session:42';
/** The start of a step (a multiple of 15 s). */
const boundary = new Date(
  Math.ceil(Date.parse('2026-12-16T02:00:00Z') / ROTATING_CODE_STEP_MS) * ROTATING_CODE_STEP_MS,
);
const at = (ms: number) => new Date(boundary.getTime() + ms);

describe('rotating codes', () => {
  it('are six digits, the same within a step, different after the boundary', () => {
    const first = rotatingCodeAt(key, subject, at(0));
    expect(first.code).toMatch(/^[0-9]{6}$/);
    expect(rotatingCodeAt(key, subject, at(ROTATING_CODE_STEP_MS - 1)).code).toBe(first.code);
    expect(first.validFrom).toEqual(at(0));
    expect(first.validUntil).toEqual(at(ROTATING_CODE_STEP_MS));
    // Over many steps the codes change (a repeat of the neighbour is a one-in-a-million chance).
    const codes = Array.from(
      { length: 20 },
      (_, step) => rotatingCodeAt(key, subject, at(step * ROTATING_CODE_STEP_MS)).code,
    );
    expect(new Set(codes).size).toBeGreaterThan(18);
  });

  it('accept the previous code up to exactly 2 s after the change, and not a millisecond later', () => {
    const previous = rotatingCodeAt(key, subject, at(-1)).code;
    expect(checkRotatingCode(key, subject, previous, at(-1))).toBe('current');
    expect(checkRotatingCode(key, subject, previous, at(0))).toBe('current');
    expect(checkRotatingCode(key, subject, previous, at(ROTATING_CODE_GRACE_MS))).toBe('current');
    expect(checkRotatingCode(key, subject, previous, at(ROTATING_CODE_GRACE_MS + 1))).toBe('old');
    const current = rotatingCodeAt(key, subject, at(0)).code;
    expect(checkRotatingCode(key, subject, current, at(ROTATING_CODE_GRACE_MS + 1))).toBe('current');
  });

  it('refuse an older code, naming it old only within the steps asked for', () => {
    const old = rotatingCodeAt(key, subject, at(-3 * ROTATING_CODE_STEP_MS)).code;
    expect(checkRotatingCode(key, subject, old, at(0))).toBe('wrong');
    expect(checkRotatingCode(key, subject, old, at(0), { oldSteps: 4 })).toBe('old');
    expect(checkRotatingCode(key, subject, old, at(0), { oldSteps: 1 })).toBe('wrong');
  });

  it("refuse another subject's code and another key's code", () => {
    const other = rotatingCodeAt(key, 'session:43', at(0)).code;
    const mine = rotatingCodeAt(key, subject, at(0)).code;
    expect(other).not.toBe(mine);
    expect(checkRotatingCode(key, subject, other, at(0), { oldSteps: 20 })).not.toBe('current');
    const foreign = rotatingCodeAt(rotatingCodeKey(randomBytes(32)), subject, at(0)).code;
    expect(checkRotatingCode(key, subject, foreign, at(0))).toBe(foreign === mine ? 'current' : 'wrong');
  });

  it('read typed codes with spaces or dashes, and nothing else', () => {
    expect(normaliseRotatingCode(' 123 456 ')).toBe('123456');
    expect(normaliseRotatingCode('123-456')).toBe('123456');
    expect(normaliseRotatingCode('12345')).toBeNull();
    expect(normaliseRotatingCode('12345a')).toBeNull();
    expect(normaliseRotatingCode(undefined)).toBeNull();
    expect(normaliseRotatingCode('1'.repeat(40))).toBeNull();
  });
});
