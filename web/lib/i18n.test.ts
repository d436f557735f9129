import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import id from '../../shared/locales/id/web.json';
import { roles } from '../../shared/roles.ts';
import { messages as enMessages } from './messages-en.ts';
import { messages as idMessages } from './messages-id.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(full, value);
    else for (const [nested, text] of flatten(value, full)) keys.set(nested, text);
  }
  return keys;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const idKeys = flatten(idMessages as Tree);
const enKeys = flatten(enMessages as Tree);

/**
 * i18next plural forms: `key_one`, `key_other`… A language needs exactly the forms its plural rules have
 * (English: one and other; Indonesian: other only; an extra form is harmless), so keys are compared with
 * the form folded away.
 */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKeys = (keys: Map<string, string>) =>
  new Set([...keys.keys()].map((key) => key.replace(pluralSuffix, '')));
const formsOf = (keys: Map<string, string>, base: string) =>
  [...keys.keys()]
    .filter((key) => key.replace(pluralSuffix, '') === base && pluralSuffix.test(key))
    .map((key) => pluralSuffix.exec(key)![1])
    .sort();
const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('web translations', () => {
  it('have the same keys in Indonesian and English', () => {
    expect([...baseKeys(enKeys)].sort()).toEqual([...baseKeys(idKeys)].sort());
  });

  it('give each plural text every form its language counts (an English "1 years" is a missing one)', () => {
    for (const [keys, locale] of [
      [idKeys, 'id-ID'],
      [enKeys, 'en-GB'],
    ] as const) {
      const needed = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      for (const base of baseKeys(keys)) {
        const forms = formsOf(keys, base);
        if (forms.length > 0) expect(forms, `${locale} ${base}`).toEqual(expect.arrayContaining(needed));
      }
    }
  });

  it('have no empty text', () => {
    for (const [key, text] of [...idKeys, ...enKeys]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
    const other = (keys: Map<string, string>, key: string) =>
      keys.get(key) ?? keys.get(`${key.replace(pluralSuffix, '')}_other`) ?? '';
    for (const [key, text] of idKeys)
      expect(placeholders(other(enKeys, key)), key).toEqual(placeholders(text));
  });

  it('name every role', () => {
    for (const role of roles) {
      expect(idKeys.has(`roles.${role}`), role).toBe(true);
      expect(enKeys.has(`roles.${role}`), role).toBe(true);
    }
    expect(id.roles.gender_officer).toBe('Petugas Gender (Bidang/Komite Perempuan)');
  });

  it('contain every literal key the SPA asks for', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(webRoot)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = match[1] ?? '';
        if (!idKeys.has(key) && !idKeys.has(`${key}_other`))
          missing.push(`${path.relative(webRoot, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
