import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/**
 * The page sweep (e2e/sweep): one server on one demo database, every staff page as every demo role, at
 * two widths and in both languages, plus the public pages with JavaScript off. Runs after the journeys
 * (`npm test`); its own setup loads the demo, so it never shares the journeys' database.
 */
export default defineConfig({
  ...base,
  testDir: 'e2e/sweep',
  testMatch: '*.sweep.ts',
  globalSetup: './e2e/sweep/sweep-setup.ts',
  globalTeardown: './e2e/sweep/sweep-teardown.ts',
  workers: 2,
  fullyParallel: true,
  projects: [
    { name: 'pages', testMatch: 'staff-pages.sweep.ts' },
    { name: 'coverage', testMatch: 'coverage.sweep.ts', dependencies: ['pages'] },
  ],
});
