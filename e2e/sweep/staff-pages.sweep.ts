import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { languages, roles, type Language } from '../../shared/roles.ts';
import { paths } from '../../web/lib/paths.ts';
import { repoRoot } from '../state.ts';
import { axeViolations, axeViolationsAsServed, collectBrowserErrors, sidewaysOverflow } from '../support.ts';
import {
  notSwept,
  publicNotFoundPages,
  publicPages,
  publicRecordPages,
  signedOutPages,
} from './sweep-routes.ts';
import { openedFile, readSweepState } from './sweep-state.ts';

/**
 * The page sweep: every page of the staff app, as every demo role that may open it, at 360 and 1280 px, in
 * Bahasa Indonesia and in English; then the public pages with JavaScript off. A page fails on an axe
 * violation (WCAG 2.1 AA), a console or script error, sideways scrolling at 360 px, a visible translation
 * key, or text of the other language.
 *
 * The page list is the staff app's own route list (`web/lib/paths.ts`, which the router and every link
 * use), so a new module's pages join without anyone editing this file. A page with an id in its path opens
 * the first record the role finds linked on the pages it has already opened.
 */

const widths = [1280, 360] as const;

type RouteName = keyof typeof paths;
/** Every route of the staff app as [name, path]; the functions of `paths` build links, not routes. */
const routeEntries: [RouteName, string][] = [];
for (const [name, route] of Object.entries(paths) as [RouteName, unknown][])
  if (typeof route === 'string') routeEntries.push([name, route]);
const routeOf = new Map<RouteName, string>(routeEntries);
const staticPages = routeEntries.filter(
  ([name, route]) => !route.includes(':') && !signedOutPages.has(name) && !(name in notSwept),
);
const patternPages = routeEntries.filter(([name, route]) => route.includes(':') && !(name in notSwept));

/** `/assemblies/:assemblyId/credentials` → a matcher for concrete links such as `/assemblies/3/credentials`. */
function matcherOf(pattern: string): RegExp {
  const source = pattern
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/?#]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
const staticRoutes = new Set<string>(routeEntries.map(([, route]) => route));

// --- Language checks -----------------------------------------------------------------------------------

type Messages = Record<Language, Map<string, string>>;

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
}

function jsonFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? jsonFiles(path.join(folder, entry.name))
      : entry.name.endsWith('.json')
        ? [path.join(folder, entry.name)]
        : [],
  );
}

/** Every translation of both languages, keyed by file and key, from `shared/locales/<language>/`. */
function loadMessages(): Messages {
  const messages = { id: new Map<string, string>(), en: new Map<string, string>() } as Messages;
  for (const language of languages) {
    const folder = path.join(repoRoot, 'shared', 'locales', language);
    for (const file of jsonFiles(folder))
      flatten(JSON.parse(readFileSync(file, 'utf8')), path.relative(folder, file), messages[language]);
  }
  return messages;
}

const messages = loadMessages();
/** The top-level keys of every namespace: a visible `caseStats.title` is a string that did not load. */
const keyRoots = new Set(
  [...messages.en.keys()]
    .map((key) => key.split('.json.')[1]?.split('.')[0])
    .filter((root): root is string => Boolean(root)),
);

/**
 * Phrases that betray the other language: the longest literal piece of each translation (placeholders cut
 * out), at least four words (shorter pieces also occur in union data such as rule names), that differs from its counterpart and appears in no text of this language.
 */
function foreignPhrases(language: Language): string[] {
  const other: Language = language === 'id' ? 'en' : 'id';
  const own = [...messages[language].values()].join('\n');
  const phrases = new Set<string>();
  for (const [key, text] of messages[other]) {
    if (messages[language].get(key) === text) continue;
    const piece = text
      .split(/{{[^}]*}}|<[^>]*>|\n/)
      .map((part) => part.trim())
      .sort((a, b) => b.length - a.length)[0];
    if (piece && piece.split(/\s+/).length >= 4 && piece.length >= 20 && !own.includes(piece))
      phrases.add(piece);
  }
  return [...phrases];
}
const foreign: Record<Language, string[]> = { id: foreignPhrases('id'), en: foreignPhrases('en') };

function languageProblems(text: string, language: Language): string[] {
  const problems: string[] = [];
  const withoutAddresses = text.replace(/\S+@\S+|https?:\/\/\S+/g, ' ');
  for (const match of withoutAddresses.matchAll(/\b([a-z][A-Za-z0-9]*)(\.[A-Za-z0-9_]+)+\b/g))
    if (keyRoots.has(match[1] ?? '')) problems.push(`translation key shown: ${match[0]}`);
  for (const phrase of foreign[language])
    if (text.includes(phrase))
      problems.push(`${language === 'id' ? 'English' : 'Indonesian'} text: "${phrase}"`);
  return problems;
}

// --- One page ----------------------------------------------------------------------------------------------

interface Check {
  page: Page;
  errors: string[];
  problems: string[];
}

/** A staff-app string by its key, whichever locale file holds it (files may be split per feature). */
function message(language: Language, key: string): string {
  for (const [fileAndKey, text] of messages[language]) if (fileAndKey.endsWith(`.json.${key}`)) return text;
  throw new Error(`no translation ${key} in ${language}`);
}

const loadingTexts = languages.map((language) => message(language, 'common.loading'));

/**
 * Opens `route` and waits until the screen has settled: a heading is shown and no loading status is left
 * (by role, so a loader in a tab panel that is not shown does not count).
 */
async function open(page: Page, route: string): Promise<void> {
  await page.goto(route);
  await expect(page.locator('h1').first()).toBeVisible({ timeout: 20_000 });
  for (const text of loadingTexts)
    await expect(page.getByRole('status').filter({ hasText: text })).toHaveCount(0, { timeout: 20_000 });
}

async function checkPage(check: Check, what: string, language: Language, width: number): Promise<void> {
  const started = Date.now();
  await test.step(what, () => checkOpenPage(check, what, language, width));
  if (process.env.SWEEP_DEBUG) process.stdout.write(`${what}: ${Date.now() - started} ms\n`);
}

/**
 * The page's visible text in its own language: parts marked with another `lang` (a held mail written in
 * its recipient's language, say) are left out, as a screen reader would switch voice for them.
 */
async function pageText(page: Page, language: Language): Promise<string> {
  let text = await page.locator('body').innerText();
  const marked = page.locator(`body [lang]:not([lang="${language}"])`);
  for (const part of await marked.allInnerTexts()) text = text.replace(part, '');
  return text;
}

async function checkOpenPage(check: Check, what: string, language: Language, width: number): Promise<void> {
  const { page } = check;
  const found: string[] = [];
  if (width <= 360) {
    const overflow = await sidewaysOverflow(page);
    if (overflow > 0) found.push(`scrolls sideways by ${overflow} px`);
  }
  found.push(...languageProblems(await pageText(page, language), language));
  found.push(...(await axeViolations(page)));
  found.push(...check.errors.splice(0));
  for (const problem of found) check.problems.push(`${what}: ${problem}`);
  if (process.env.SWEEP_DEBUG)
    for (const problem of found) process.stdout.write(`PROBLEM ${what}: ${problem}\n`);
}

async function newCheck(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0],
): Promise<{
  context: BrowserContext;
  check: Check;
}> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  return { context, check: { page, errors: collectBrowserErrors(page), problems: [] } };
}

async function setLanguage(page: Page, language: Language): Promise<void> {
  const csrf = (await (await page.request.get('/api/v1/csrf')).json()) as { token: string };
  const response = await page.request.patch('/api/v1/me', {
    data: { language },
    headers: { 'x-csrf-token': csrf.token },
  });
  expect(response.ok(), `PATCH /me language ${language}: ${response.status()}`).toBe(true);
}

const forbiddenTitles = languages.map((language) => message(language, 'forbidden.title'));

// --- The sweep -----------------------------------------------------------------------------------------

test.describe.configure({ mode: 'parallel' });

for (const role of roles) {
  test(`every staff page as ${role}`, async ({ browser }) => {
    // A role sweeps 2–7 minutes alone; a loaded 2-core machine has taken over 10 (a time, not a defect).
    test.setTimeout(20 * 60_000);
    const state = readSweepState();
    const storageState = state.storage[role];
    expect(storageState, `a signed-in demo ${role}`).toBeTruthy();
    const { context, check } = await newCheck(browser, {
      baseURL: state.baseURL,
      storageState,
      viewport: { width: widths[0], height: 900 },
    });
    const { page } = check;
    /** The pages this role may open, in sweep order: static routes first, then records found linked. */
    const opened: { name: string; route: string }[] = [];
    const links = new Set<string>();
    const collectLinks = async () => {
      for (const href of await page
        .locator('a[href^="/"]')
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? '')))
        links.add(href.split(/[?#]/)[0] ?? href);
    };
    const isForbidden = async () =>
      (await page.locator('h1').allInnerTexts()).some((title) => forbiddenTitles.includes(title.trim()));

    // First pass (Bahasa Indonesia, 1280 px): discover what the role may open, checking as it goes.
    await setLanguage(page, 'id');
    for (const [name, route] of staticPages) {
      await open(page, route);
      if (await isForbidden()) continue;
      opened.push({ name, route });
      await checkPage(check, `${role} ${route} id ${widths[0]}`, 'id', widths[0]);
      await collectLinks();
    }
    let pending = [...patternPages];
    for (let progress = true; progress && pending.length > 0;) {
      progress = false;
      for (const [name, pattern] of [...pending]) {
        const matcher = matcherOf(pattern);
        const route = [...links].sort().find((href) => matcher.test(href) && !staticRoutes.has(href));
        if (!route) continue;
        pending = pending.filter(([other]) => other !== name);
        progress = true;
        await open(page, route);
        if (await isForbidden()) continue;
        opened.push({ name, route });
        await checkPage(check, `${role} ${route} id ${widths[0]}`, 'id', widths[0]);
        await collectLinks();
      }
    }
    // coverage.sweep.ts checks, after every role, that each route was opened by at least one of them.
    writeFileSync(openedFile(role), JSON.stringify(opened.map(({ name }) => name)));

    // The other passes over the same pages.
    for (const language of languages) {
      await setLanguage(page, language);
      for (const width of widths) {
        if (language === 'id' && width === widths[0]) continue;
        await page.setViewportSize({ width, height: width <= 360 ? 740 : 900 });
        for (const { route } of opened) {
          await open(page, route);
          await checkPage(check, `${role} ${route} ${language} ${width}`, language, width);
        }
      }
    }
    await setLanguage(page, 'id');
    await context.close();
    expect(opened.length, `${role} opened no page at all`).toBeGreaterThan(0);
    expect(check.problems).toEqual([]);
  });
}

for (const language of languages) {
  for (const width of widths) {
    test(`signed-out and public pages (JavaScript off), ${language}, ${width} px`, async ({ browser }) => {
      test.setTimeout(5 * 60_000);
      const state = readSweepState();
      const problems: string[] = [];
      const viewport = { width, height: width <= 360 ? 740 : 900 };
      const staff = await newCheck(browser, { baseURL: state.baseURL, viewport });
      await staff.context.addInitScript((value) => localStorage.setItem('setara.language', value), language);
      for (const name of signedOutPages) {
        const route = routeOf.get(name) ?? '';
        await open(staff.check.page, route);
        await checkPage(staff.check, `signed out ${route} ${language} ${width}`, language, width);
      }
      problems.push(...staff.check.problems);
      await staff.context.close();

      const reporter = await newCheck(browser, {
        baseURL: state.baseURL,
        viewport,
        javaScriptEnabled: false,
      });
      const { page } = reporter.check;
      const routes = [
        ...[...publicPages, ...publicRecordPages(state.certificates)].map((route) => ({
          route,
          status: 200,
        })),
        ...publicNotFoundPages.map((route) => ({ route, status: 404 })),
      ];
      for (const { route, status } of routes) {
        const url = language === 'en' ? `${route}${route.includes('?') ? '&' : '?'}lang=en` : route;
        const response = await page.goto(url);
        const what = `public ${url} ${width}`;
        if (response?.status() !== status)
          problems.push(`${what}: HTTP ${response?.status()}, not ${status}`);
        if (width <= 360 && (await sidewaysOverflow(page)) > 0) problems.push(`${what}: scrolls sideways`);
        for (const problem of languageProblems(await page.locator('body').innerText(), language))
          problems.push(`${what}: ${problem}`);
        for (const violation of await axeViolationsAsServed(browser, page))
          problems.push(`${what}: ${violation}`);
      }
      problems.push(...reporter.check.errors.map((error) => `public ${language} ${width}: ${error}`));
      await reporter.context.close();
      expect(problems).toEqual([]);
    });
  }
}
