import en from '../../shared/locales/en/web.json';
import id from '../../shared/locales/id/web.json';
import type { Language } from '../../shared/roles.ts';

export type MessageTree = { [key: string]: string | MessageTree };

/**
 * A feature may keep its screen texts in its own file, `shared/locales/<lang>/web-<feature>.json`, whose
 * top-level keys join the `web` namespace (so features do not all edit one large file). A top-level key
 * may come from one file only.
 */
const parts = import.meta.glob<MessageTree>('../../shared/locales/*/web-*.json', {
  eager: true,
  import: 'default',
});

function collect(language: Language, base: MessageTree): MessageTree {
  const merged: MessageTree = { ...base };
  for (const [file, part] of Object.entries(parts)) {
    if (!file.includes(`/locales/${language}/`)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key in merged) throw new Error(`Translation key "${key}" of ${file} is defined twice`);
      merged[key] = value;
    }
  }
  return merged;
}

/** Every screen text of the staff app, per language. */
export const webMessages: Record<Language, MessageTree> = { id: collect('id', id), en: collect('en', en) };
