import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, languages, localeOf, type Language } from '../../shared/roles.ts';
import { setApiLanguage } from './api.ts';
import { loadWebMessages, namespaceLoaders, type LazyNamespace } from './messages.ts';

/** Where the language chosen before login is remembered (after login the server remembers it). */
export const languageStorageKey = 'setara.language';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);

function readStoredLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(languageStorageKey);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    // Storage can be switched off (private mode, strict policies): fall back to the default.
    return defaultLanguage;
  }
}

function storeLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(languageStorageKey, language);
  } catch {
    // Not fatal: the language simply is not remembered before login.
  }
}

export const i18n = i18next.createInstance();

function applyLanguage(language: string): void {
  const lang = isLanguage(language) ? language : defaultLanguage;
  setApiLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  storeLanguage(lang);
}

i18n.on('languageChanged', applyLanguage);

void i18n.use(initReactI18next).init({
  // Filled by loadLanguage before anything is shown (startI18n in main.tsx, changeLanguage later).
  resources: {},
  partialBundledLanguages: true,
  lng: readStoredLanguage(),
  fallbackLng: defaultLanguage,
  supportedLngs: [...languages],
  ns: ['web'],
  defaultNS: 'web',
  // A screen of a lazy namespace (useTranslation('training')) still finds the shared texts (common.save).
  fallbackNS: 'web',
  // React escapes what it renders; escaping twice would show `&amp;` to users.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});
applyLanguage(i18n.language);

/** The UI language as one of ours (i18next may report a region variant). */
export const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : defaultLanguage);

/** Intl locale for dates and numbers in the current language (`id-ID` or `en-GB`). */
export const currentLocale = (): string => localeOf[currentLanguage()];

/** Makes a language's screen texts available (one chunk, fetched once). */
export async function loadLanguage(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'web')) return;
  i18n.addResourceBundle(language, 'web', await loadWebMessages(language), true, true);
}

/** Before the first screen: the texts of the language the app starts in. */
export async function startI18n(): Promise<void> {
  await loadLanguage(currentLanguage());
}

/** Lazy namespaces some screen has asked for so far: a language switch loads them in the new language. */
const usedNamespaces = new Set<LazyNamespace>();

/**
 * Makes a lazy namespace's texts available in `language` (default: the current one), fetched once per
 * language. The router calls it beside the route's code chunk (`lazyPage(load, name, { namespace })`), so
 * a module's strings never weigh on the first load, and `changeLanguage` calls it for every namespace
 * used so far before the switch completes, so no screen ever shows keys instead of words.
 */
export async function loadNamespace(namespace: LazyNamespace, language = currentLanguage()): Promise<void> {
  usedNamespaces.add(namespace);
  if (i18n.hasResourceBundle(language, namespace)) return;
  i18n.addResourceBundle(language, namespace, await namespaceLoaders[namespace][language](), true, true);
}

export async function changeLanguage(language: Language): Promise<void> {
  await Promise.all([
    loadLanguage(language),
    ...[...usedNamespaces].map((namespace) => loadNamespace(namespace, language)),
  ]);
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
