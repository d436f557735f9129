import type { Language } from '../../shared/roles.ts';

export type MessageTree = { [key: string]: string | MessageTree };

/**
 * The staff app's screen texts, one lazy chunk per language (messages-id.ts, messages-en.ts): only the
 * active language loads before the first screen, the other when someone switches to it (issue 11).
 */
const loaders: Record<Language, () => Promise<MessageTree>> = {
  id: () => import('./messages-id.ts').then((module) => module.messages),
  en: () => import('./messages-en.ts').then((module) => module.messages),
};

export const loadWebMessages = (language: Language): Promise<MessageTree> => loaders[language]();

/**
 * Lazy namespaces: a module's screen texts in `shared/locales/<lang>/<namespace>.json`, each language its
 * own chunk, loaded with the module's route (never in the first load). To add one (campaigns, advocacy,
 * work plans): add both files, one entry here, and give its routes `lazyPage(…, { namespace })` in
 * web/app/router.tsx; its screens call `useTranslation('<namespace>')` (web texts stay reachable through
 * the `web` fallback namespace). web/lib/i18n.test.ts checks every namespace listed here for key parity.
 */
export const namespaceLoaders = {
  commitment: {
    id: () =>
      import('../../shared/locales/id/commitment.json').then((module) => module.default as MessageTree),
    en: () =>
      import('../../shared/locales/en/commitment.json').then((module) => module.default as MessageTree),
  },
  training: {
    id: () => import('../../shared/locales/id/training.json').then((module) => module.default as MessageTree),
    en: () => import('../../shared/locales/en/training.json').then((module) => module.default as MessageTree),
  },
  cadre: {
    id: () => import('../../shared/locales/id/cadre.json').then((module) => module.default as MessageTree),
    en: () => import('../../shared/locales/en/cadre.json').then((module) => module.default as MessageTree),
  },
  campaigns: {
    id: () =>
      import('../../shared/locales/id/campaigns.json').then((module) => module.default as MessageTree),
    en: () =>
      import('../../shared/locales/en/campaigns.json').then((module) => module.default as MessageTree),
  },
  materials: {
    id: () =>
      import('../../shared/locales/id/materials.json').then((module) => module.default as MessageTree),
    en: () =>
      import('../../shared/locales/en/materials.json').then((module) => module.default as MessageTree),
  },
  'role-confirmations': {
    id: () =>
      import('../../shared/locales/id/role-confirmations.json').then(
        (module) => module.default as MessageTree,
      ),
    en: () =>
      import('../../shared/locales/en/role-confirmations.json').then(
        (module) => module.default as MessageTree,
      ),
  },
  agreements: {
    id: () =>
      import('../../shared/locales/id/agreements.json').then((module) => module.default as MessageTree),
    en: () =>
      import('../../shared/locales/en/agreements.json').then((module) => module.default as MessageTree),
  },
} satisfies Record<string, Record<Language, () => Promise<MessageTree>>>;

export type LazyNamespace = keyof typeof namespaceLoaders;
export const lazyNamespaces = Object.keys(namespaceLoaders) as LazyNamespace[];

/**
 * A feature may keep its screen texts in its own file, `shared/locales/<lang>/web-<feature>.json`, whose
 * top-level keys join the `web` namespace (so features do not all edit one large file). A top-level key
 * may come from one file only.
 */
export function collectMessages(base: MessageTree, parts: Record<string, MessageTree>): MessageTree {
  const merged: MessageTree = { ...base };
  for (const [file, part] of Object.entries(parts)) {
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`Translation key "${key}" of ${file} is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}
