import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import id from '../../shared/locales/id/web.json';
import { roles } from '../../shared/roles.ts';
import { messages as enMessages } from './messages-en.ts';
import { messages as idMessages } from './messages-id.ts';
import { lazyNamespaces, namespaceLoaders } from './messages.ts';

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

/** Every lazy namespace (web/lib/messages.ts) in both languages, read through the app's own loaders. */
const namespaceKeys = new Map<string, { id: Map<string, string>; en: Map<string, string> }>();
for (const namespace of lazyNamespaces) {
  namespaceKeys.set(namespace, {
    id: flatten((await namespaceLoaders[namespace].id()) as Tree),
    en: flatten((await namespaceLoaders[namespace].en()) as Tree),
  });
}
/** The eager `web` texts and each lazy namespace, each compared Indonesian against English. */
const allSets: [string, Map<string, string>, Map<string, string>][] = [
  ['web', idKeys, enKeys],
  ...[...namespaceKeys].map(([name, keys]): [string, Map<string, string>, Map<string, string>] => [
    name,
    keys.id,
    keys.en,
  ]),
];

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
  it.each(allSets)('%s: have the same keys in Indonesian and English', (_name, id, en) => {
    expect([...baseKeys(en)].sort()).toEqual([...baseKeys(id)].sort());
  });

  it('list every lazy namespace file (shared/locales/<lang>/<namespace>.json) in both languages', () => {
    expect(lazyNamespaces).toContain('training');
    for (const [name, keys] of namespaceKeys) {
      expect(keys.id.size, name).toBeGreaterThan(0);
      expect(keys.en.size, name).toBeGreaterThan(0);
    }
  });

  it('give each plural text every form its language counts (an English "1 years" is a missing one)', () => {
    for (const [keys, locale] of allSets.flatMap(
      ([, id, en]) =>
        [
          [id, 'id-ID'],
          [en, 'en-GB'],
        ] as const,
    )) {
      const needed = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
      for (const base of baseKeys(keys)) {
        const forms = formsOf(keys, base);
        if (forms.length > 0) expect(forms, `${locale} ${base}`).toEqual(expect.arrayContaining(needed));
      }
    }
  });

  it('have no empty text', () => {
    for (const [, id, en] of allSets)
      for (const [key, text] of [...id, ...en]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
    const other = (keys: Map<string, string>, key: string) =>
      keys.get(key) ?? keys.get(`${key.replace(pluralSuffix, '')}_other`) ?? '';
    for (const [, id, en] of allSets)
      for (const [key, text] of id) expect(placeholders(other(en, key)), key).toEqual(placeholders(text));
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
      // A screen of a lazy namespace (useTranslation('training')) finds its keys there, then in `web`
      // (the fallback namespace).
      const namespace = /useTranslation\(\s*'([a-z-]+)'/.exec(source)?.[1];
      const own = namespace ? namespaceKeys.get(namespace)?.id : undefined;
      const has = (key: string) => idKeys.has(key) || Boolean(own?.has(key));
      for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = match[1] ?? '';
        if (!has(key) && !has(`${key}_other`)) missing.push(`${path.relative(webRoot, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
