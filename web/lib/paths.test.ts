import { describe, expect, it } from 'vitest';
import { loginPathWithNext, paths, safeNextPath, tokenFromHash } from './paths.ts';

describe('paths', () => {
  it.each([
    ['/users', '/users'],
    ['/units?x=1', '/units?x=1'],
    [null, paths.home],
    ['https://evil.example/', paths.home],
    ['//evil.example/', paths.home],
    ['/\\evil.example', paths.home],
    ['/login?next=/x', paths.home],
  ])('safeNextPath(%s) → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  it('reads the token from a URL fragment', () => {
    expect(tokenFromHash('#token=abc-DEF_123')).toBe('abc-DEF_123');
    expect(tokenFromHash('')).toBe('');
  });

  it('adds next only for pages other than home', () => {
    expect(loginPathWithNext('/')).toBe('/login');
    expect(loginPathWithNext('/audit')).toBe('/login?next=%2Faudit');
  });
});
