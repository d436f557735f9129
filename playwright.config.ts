import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against a real server. `e2e/global-setup.ts` creates a throwaway database, starts the
 * server on a free port and sets E2E_BASE_URL; the Debian Chromium is used because
 * `npx playwright install` cannot run here.
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // journeys.spec.ts does the first-run setup through its page and hands the administrator to the other
  // specs (support.ts signInAdmin); files run in name order, so a spec named before it
  // (campaigns-commitment.spec.ts) would do the setup first and break it. It runs first, always.
  projects: [
    { name: 'first-run', testMatch: /journeys\.spec\.ts$/ },
    { name: 'journeys', testIgnore: /journeys\.spec\.ts$/, dependencies: ['first-run'] },
  ],
  outputDir: 'test-results',
  use: {
    baseURL: process.env.E2E_BASE_URL,
    headless: true,
    locale: 'id-ID',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
