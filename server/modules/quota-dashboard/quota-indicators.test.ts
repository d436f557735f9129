import { describe, expect, it } from 'vitest';
import { gapBp, parityPercent, representation, shareBp, withShare } from './quota-indicators.ts';

describe('indicators of representation', () => {
  it.each([
    [0, 0, null],
    [0, 7, 0],
    [1, 7, 1429], // 14.2857% rounds half up to 14.29%
    [1, 3, 3333],
    [2, 3, 6667],
    [1, 8, 1250],
    [7, 14, 5000],
    [3, 3, 10000],
  ])('%i women of %i is %s bp', (women, total, expected) => {
    expect(shareBp(women, total)).toBe(expected);
  });

  it('keeps unknown sex in the total and reports it, never splitting it', () => {
    expect(withShare({ women: 1, men: 5, unknown: 1 })).toEqual({
      women: 1,
      men: 5,
      unknown: 1,
      total: 7,
      womenShareBp: 1429,
    });
  });

  it('gives the gap in basis points and parity as a percentage, null when undefined', () => {
    expect(gapBp(3000, 5000)).toBe(-2000);
    expect(gapBp(null, 5000)).toBeNull();
    expect(parityPercent(3000, 5000)).toBe(60);
    expect(parityPercent(1429, 5000)).toBe(29);
    expect(parityPercent(10000, 5000)).toBe(200);
    expect(parityPercent(3000, 0)).toBeNull();
    expect(parityPercent(3000, null)).toBeNull();
  });

  it('sets a body against the membership it represents', () => {
    expect(representation({ women: 3, men: 7, unknown: 0 }, { women: 7, men: 6, unknown: 1 })).toMatchObject({
      womenShareBp: 3000,
      gapBp: -2000,
      parityPercent: 60,
    });
    expect(representation({ women: 0, men: 0, unknown: 0 }, { women: 1, men: 1, unknown: 0 })).toMatchObject({
      womenShareBp: null,
      gapBp: null,
      parityPercent: null,
    });
  });
});
