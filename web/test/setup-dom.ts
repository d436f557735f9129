import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});

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
