import { describe, expect, it } from 'vitest';
import { findUnsafeText, isUnsafeText, MAX_DEPTH } from './text-safety.ts';

describe('text safety', () => {
  it('finds NUL and lone surrogates, and lets paired surrogates (emoji) through', () => {
    for (const text of ['\u0000', 'a\u0000', '\ud800', 'x\udfff', '\udfff\ud800'])
      expect(isUnsafeText(text)).toBe(true);
    for (const text of ['', 'Budi', '😀', '𝒳 é', '\ufeff']) expect(isUnsafeText(text)).toBe(false);
  });
  it('names the first bad field, in values and keys, at any depth', () => {
    expect(findUnsafeText({ name: 'ok', notes: ['fine', 'bad\u0000'] })).toEqual({
      path: ['notes', 1],
      reason: 'invalid_character',
    });
    expect(findUnsafeText({ ['k\u0000']: 1 })?.reason).toBe('invalid_character');
    expect(findUnsafeText({ a: { b: 'ok' } })).toBeUndefined();
  });
  it('refuses nesting deeper than MAX_DEPTH without recursion', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(findUnsafeText(deep)?.reason).toBe('too_deep');
    let shallow: unknown = 'leaf';
    for (let level = 0; level < MAX_DEPTH - 1; level += 1) shallow = [shallow];
    expect(findUnsafeText(shallow)).toBeUndefined();
  });
});
