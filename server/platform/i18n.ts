import { readdirSync, readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { defaultLanguage, languages, localeOf, type Language } from '../../shared/roles.ts';
import { serverResources } from '../../shared/locales/index.ts';

const instance = i18next.createInstance();
void instance.init({
  resources: serverResources,
  lng: defaultLanguage,
  fallbackLng: 'en',
  ns: ['errors', 'email', 'imports', 'exports'],
  defaultNS: 'errors',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translate = TFunction;

type Resource = { [key: string]: string | Resource };
function mergeInto(target: Resource, source: Resource): Resource {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    target[key] =
      typeof value === 'object' && typeof existing === 'object'
        ? mergeInto(existing, value)
        : typeof value === 'object'
          ? mergeInto({}, value)
          : value;
  }
  return target;
}

/**
 * The staff app's strings (every `web*.json` of a language, merged), for server-made files that must
 * read like the screen: export headers, category labels, status names. Read from the folder rather than
 * imported one by one, so moving strings between the app's per-feature files does not break exports.
 */
function webResources(language: Language): Resource {
  const folder = new URL(`../../shared/locales/${language}/`, import.meta.url);
  const merged: Resource = {};
  for (const file of readdirSync(folder)
    .filter((name) => /^web.*\.json$/.test(name))
    .sort())
    mergeInto(merged, JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Resource);
  return merged;
}
const webInstance = i18next.createInstance();
void webInstance.init({
  resources: Object.fromEntries(languages.map((language) => [language, { web: webResources(language) }])),
  lng: defaultLanguage,
  fallbackLng: 'en',
  ns: ['web'],
  defaultNS: 'web',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** A translator over the staff app's strings (labels of statuses, categories, fields) in one language. */
export function webTranslator(language: Language): TFunction {
  return webInstance.getFixedT(language, 'web');
}

/** A translator fixed to one language and namespace. */
export function translator(
  language: Language,
  namespace: 'errors' | 'email' | 'imports' | 'exports',
): TFunction {
  return instance.getFixedT(language, namespace);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** Picks id or en from an Accept-Language header (quality order), defaulting to Bahasa Indonesia. */
export function languageFromHeader(header: string | undefined): Language {
  if (!header) return defaultLanguage;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const quality = params.find((param) => param.trim().startsWith('q='));
      return { tag: tag.toLowerCase().split('-')[0] ?? '', q: quality ? Number(quality.trim().slice(2)) : 1 };
    })
    .filter((entry) => Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.tag).find(isLanguage) ?? defaultLanguage;
}

export function formatDateTime(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(localeOf[language], { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}
