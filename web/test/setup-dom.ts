import { languages } from '../../shared/roles.ts';
import { loadLanguage, loadNamespace } from '../lib/i18n.ts';
import { lazyNamespaces } from '../lib/messages.ts';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});

// findBy… and waitFor wait on a condition; one second was too short on a loaded machine (a screen that
// lazy-loads its chunk and answers its fetches can take longer), so they wait up to ten.
configure({ asyncUtilTimeout: 10_000 });

// happy-dom does no layout, so Mantine's focus trap finds no "visible" element in an opened menu and
// warns on the console. Real browsers do not (the Playwright journeys fail on any console error).
const originalWarn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('[@mantine/hooks/use-focus-trap]')) return;
  originalWarn(...args);
};

// happy-dom has no FontFaceSet; Mantine's autosize Textarea listens on `document.fonts` for web fonts.
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: Object.assign(new EventTarget(), { ready: Promise.resolve() }),
  });
}

// The app loads each language's texts on demand (lib/messages.ts), and each module's lazy namespace with
// its route; tests have all of them in both languages from the start.
await Promise.all(
  languages.flatMap((language) => [
    loadLanguage(language),
    ...lazyNamespaces.map((namespace) => loadNamespace(namespace, language)),
  ]),
);
