import i18next, { type TFunction } from 'i18next';
import { defaultLanguage, languages, localeOf, type Language } from '../../shared/roles.ts';
import { serverResources } from '../../shared/locales/index.ts';

const instance = i18next.createInstance();
void instance.init({
  resources: serverResources,
  lng: defaultLanguage,
  fallbackLng: 'en',
  ns: ['errors', 'email', 'imports'],
  defaultNS: 'errors',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type Translate = TFunction;

/** A translator fixed to one language and namespace. */
export function translator(language: Language, namespace: 'errors' | 'email' | 'imports'): TFunction {
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
