import i18next, { type TFunction } from 'i18next';
import { localeOf, type Language } from '../../shared/roles.ts';
import { serverResources } from '../../shared/locales/index.ts';

/**
 * Texts of the reporting pages (`public` namespace). The platform translator is fixed to its own
 * namespaces, so the pages keep one instance of their own and take a fixed translator per request.
 */
const instance = i18next.createInstance();
void instance.init({
  resources: serverResources,
  lng: 'id',
  fallbackLng: 'id',
  ns: ['public'],
  defaultNS: 'public',
  initAsync: false,
  // React escapes every text it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export type PublicTranslate = TFunction<'public'>;

/** The language comes only from `?lang=en` (carried in every link and form action), never a cookie. */
export function languageFromQuery(query: unknown): Language {
  const value =
    typeof query === 'object' && query !== null ? (query as Record<string, unknown>).lang : undefined;
  return value === 'en' ? 'en' : 'id';
}

export function publicTranslator(language: Language): PublicTranslate {
  return instance.getFixedT(language, 'public');
}

/** A list of texts (JSON arrays in the locale files). */
export function textList(t: PublicTranslate, key: string): string[] {
  const value: unknown = t(key, { returnObjects: true });
  return Array.isArray(value) ? value.map(String) : [];
}

/** `Kamis, 24 Desember 2026 pukul 15.00 WIB`: the reporters' time zone, whatever the server's. */
export function formatJakarta(date: Date, language: Language): string {
  const text = new Intl.DateTimeFormat(localeOf[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Jakarta',
  }).format(date);
  return `${text} WIB`;
}

/** Adds `lang=en` to a path when the page is in English (Bahasa Indonesia needs no parameter). */
export function withLanguage(path: string, language: Language): string {
  return language === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path;
}
