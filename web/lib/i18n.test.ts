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
const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('web translations', () => {
  it('have the same keys in Indonesian and English', () => {
    expect([...enKeys.keys()].sort()).toEqual([...idKeys.keys()].sort());
  });

  it('have no empty text', () => {
    for (const [key, text] of [...idKeys, ...enKeys]) expect(text.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
    for (const [key, text] of idKeys)
      expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(text));
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
        if (!idKeys.has(key)) missing.push(`${path.relative(webRoot, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
