#!/usr/bin/env node
// `npm test`: unit, service and route tests (Vitest), then the browser journeys (Playwright) when
// Chromium is available. Uses DATABASE_URL (a PostgreSQL server URL) when set; otherwise starts an
// embedded PostgreSQL for the run. Prints a summary whose last line is `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isCi = process.env.CI === 'true' || process.env.CI === '1';
const env = { ...process.env };
const extraArgs = process.argv.slice(2);

let embedded;
if (!env.DATABASE_URL) {
  process.stdout.write(
    'DATABASE_URL is not set: starting an embedded PostgreSQL for this run (.tmp/test-pg)\n',
  );
  const { register } = await import('tsx/esm/api');
  register();
  const { startEmbeddedPostgres } = await import('../server/platform/embedded-postgres.ts');
  embedded = await startEmbeddedPostgres({
    dataDir: path.join(tmp, 'test-pg'),
    port: Number(env.SETARA_TEST_PG_PORT ?? 5499),
  });
  env.DATABASE_URL = embedded.adminUrl;
}

const suites = [];
function run(command, args, extraEnv = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } }).status ?? 1;
}
/** A Playwright run's counts from its JSON report; a run that failed without a report counts one failure. */
function playwrightSuite(name, file, status) {
  const stats = readJson(file)?.stats;
  return {
    name,
    passed: stats?.expected ?? 0,
    failed: (stats?.unexpected ?? 0) + (stats?.flaky ?? 0) + (status !== 0 && !stats?.unexpected ? 1 : 0),
  };
}
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

try {
  // 1. Vitest: pure modules, services on real PostgreSQL, routes through inject, web components.
  const vitestJson = path.join(tmp, 'vitest-results.json');
  rmSync(vitestJson, { force: true });
  const vitestStatus = run(process.execPath, [
    path.join(root, 'node_modules/vitest/vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
    ...extraArgs,
  ]);
  const vitest = readJson(vitestJson);
  suites.push({
    name: 'unit, service and route tests (vitest)',
    passed: vitest?.numPassedTests ?? 0,
    failed: (vitest?.numFailedTests ?? 0) + (vitestStatus !== 0 && !vitest?.numFailedTests ? 1 : 0),
  });

  // 2. Browser journeys in Debian's Chromium.
  if (extraArgs.length > 0) {
    process.stdout.write('Browser journeys not run: test filter given.\n');
  } else if (existsSync(chromium)) {
    const playwrightJson = path.join(tmp, 'playwright-results.json');
    rmSync(playwrightJson, { force: true });
    const buildStatus = run(process.execPath, [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--logLevel',
      'warn',
    ]);
    if (buildStatus !== 0) {
      suites.push({ name: 'browser journeys (playwright)', passed: 0, failed: 1 });
    } else {
      const status = run(
        process.execPath,
        [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json'],
        { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
      );
      suites.push(playwrightSuite('browser journeys (playwright)', playwrightJson, status));

      // 3. The page sweep: every staff page as every demo role, both languages, two widths; public pages.
      const sweepJson = path.join(tmp, 'playwright-sweep-results.json');
      rmSync(sweepJson, { force: true });
      const sweepStatus = run(
        process.execPath,
        [
          path.join(root, 'node_modules/@playwright/test/cli.js'),
          'test',
          '-c',
          'playwright.sweep.config.ts',
          '--reporter=list,json',
        ],
        { PLAYWRIGHT_JSON_OUTPUT_NAME: sweepJson },
      );
      suites.push(playwrightSuite('page sweep (playwright, axe)', sweepJson, sweepStatus));
    }
  } else if (isCi) {
    process.stdout.write(`Chromium not found at ${chromium}: with CI=true a missing browser is a failure.\n`);
    suites.push({ name: 'browser journeys (playwright)', passed: 0, failed: 1 });
  } else {
    process.stdout.write(
      `SKIPPED the browser journeys: Chromium not found at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).\n`,
    );
  }
} finally {
  await embedded?.stop();
}

const passed = suites.reduce((sum, suite) => sum + suite.passed, 0);
const failed = suites.reduce((sum, suite) => sum + suite.failed, 0);
writeFileSync(path.join(tmp, 'test-summary.json'), JSON.stringify({ suites, passed, failed }, null, 2));
process.stdout.write('\nTest summary\n');
for (const suite of suites)
  process.stdout.write(`  ${suite.name}: ${suite.passed} passed, ${suite.failed} failed\n`);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
