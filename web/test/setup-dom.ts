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
