import { describe, expect, it } from 'vitest';
import { bigIdSchema, idSchema, INT4_MAX } from './common.ts';

describe('id schemas', () => {
  it('read decimal digits as that number, within int4', () => {
    expect(idSchema.parse('16')).toBe(16);
    expect(idSchema.parse(16)).toBe(16);
    expect(idSchema.parse(String(INT4_MAX))).toBe(INT4_MAX);
  });
  it('refuse every other spelling of a number and anything out of the column range', () => {
    for (const value of [
      '0x10',
      '1e1',
      '+1',
      ' 1',
      '1 ',
      '1.0',
      '-1',
      '0',
      '010',
      '0b1',
      '0o7',
      '١',
      '',
      '2147483648',
    ])
      expect(idSchema.safeParse(value).success, value).toBe(false);
    for (const value of [0, -1, 1.5, INT4_MAX + 1, Number.MAX_SAFE_INTEGER, Infinity, Number.NaN])
      expect(idSchema.safeParse(value).success, String(value)).toBe(false);
  });
  it('keep bigint ids as strings of at most 18 digits', () => {
    expect(bigIdSchema.parse('123456789012345678')).toBe('123456789012345678');
    for (const value of ['0x10', '1e3', '1234567890123456789', '0', '-5'])
      expect(bigIdSchema.safeParse(value).success, value).toBe(false);
  });
});
