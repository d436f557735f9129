import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/errors.ts';
import { serverResources } from '../../shared/locales/index.ts';
import { formatDateTime, languageFromHeader, translator } from './i18n.ts';

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key))
    : [prefix];

describe('translations', () => {
  it('has every error code in both languages', () => {
    for (const language of ['id', 'en'] as const) {
      const t = translator(language, 'errors');
      for (const code of errorCodes) expect(t(code), `${language}:${code}`).not.toBe(code);
    }
  });
  it('has the same keys in Bahasa Indonesia and English', () => {
    expect(keysOf(serverResources.en).sort()).toEqual(keysOf(serverResources.id).sort());
  });
  it('defaults to Bahasa Indonesia and honours Accept-Language quality', () => {
    expect(languageFromHeader(undefined)).toBe('id');
    expect(languageFromHeader('fr-FR, de;q=0.8')).toBe('id');
    expect(languageFromHeader('en-GB,en;q=0.9,id;q=0.8')).toBe('en');
    expect(languageFromHeader('en;q=0.5, id-ID;q=0.9')).toBe('id');
  });
  it('formats dates the Indonesian and British way', () => {
    const date = new Date('2026-03-05T07:30:00Z');
    expect(formatDateTime(date, 'id')).toMatch(/5 Mar 2026/);
    expect(formatDateTime(date, 'en')).toMatch(/5 Mar 2026/);
    expect(new Intl.NumberFormat('id-ID').format(350000.5)).toBe('350.000,5');
    expect(new Intl.NumberFormat('en-GB').format(350000.5)).toBe('350,000.5');
  });
});
