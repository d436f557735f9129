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
