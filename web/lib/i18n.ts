import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLanguage, languages, localeOf, type Language } from '../../shared/roles.ts';
import { setApiLanguage } from './api.ts';
import { loadWebMessages } from './messages.ts';

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

export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  if (i18n.language !== language) await i18n.changeLanguage(language);
}
