import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { roles } from '../../shared/roles.ts';
import { paths } from '../../web/lib/paths.ts';
import { notSwept, signedOutPages } from './sweep-routes.ts';
import { openedFile } from './sweep-state.ts';

/**
 * Runs after every role's sweep (a dependent project): each route of the staff app must have been opened
 * by at least one demo role, so a page no demo role reaches (a missing link, a guard too strict, a demo
 * without the record) fails here instead of silently escaping the checks.
 */
test('every staff route was opened by some demo role', () => {
  const opened = new Set<string>();
  for (const role of roles) {
    expect(existsSync(openedFile(role)), `the sweep as ${role} ran`).toBe(true);
    for (const name of JSON.parse(readFileSync(openedFile(role), 'utf8')) as string[]) opened.add(name);
  }
  const missed = Object.entries(paths)
    .filter(([name, route]) => typeof route === 'string' && !signedOutPages.has(name as keyof typeof paths))
    .map(([name]) => name)
    .filter((name) => !(name in notSwept) && !opened.has(name));
  expect(missed, 'routes no demo role opened').toEqual([]);
});
