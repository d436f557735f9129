import AxeBuilder from '@axe-core/playwright';
import {
  test as base,
  expect,
  request,
  type APIRequestContext,
  type Browser,
  type Page,
} from '@playwright/test';
import * as OTPAuth from 'otpauth';
import { readAdmin, readState, saveAdmin, type E2eState } from './state.ts';

/**
 * Values global setup wrote. Read lazily: Playwright loads test files to list them before global setup
 * has run.
 */
let cachedState: E2eState | undefined;
export function state(): E2eState {
  cachedState ??= readState();
  return cachedState;
}

/** `test` with `baseURL` taken from global setup (E2E_BASE_URL when set, else the state file). */
export const test = base.extend<{ browserErrors: string[] }>({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL || state().baseURL);
  },
  /** Script errors in the page fail the test: a journey must not pass over a crashed screen. */
  browserErrors: [
    async ({ page }, use) => {
      const errors = collectBrowserErrors(page);
      await use(errors);
      expect(errors, 'errors in the browser').toEqual([]);
    },
    { auto: true },
  ],
});

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Waits until CSS transitions (modals opening, toasts sliding in) are finished, so colours are final. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
}

/**
 * Script errors and console errors of a page, collected as they happen. Resource failures are left out:
 * a 4xx answer the screen handles is not a broken screen.
 */
export function collectBrowserErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
      errors.push(`console.error: ${message.text()}`);
    }
  });
  return errors;
}

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now, one readable line per rule. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Toasts fade in and out on a timer, which would make colour checks flaky; check the page once they
  // have gone (their colours are the page's own: dark text on white). A pointer resting on a toast holds
  // its timer, so the pointer moves away and each toast is closed as a user would, with its button.
  // Closing one toast moves the next under the pointer, which holds it, so the pointer leaves after each
  // round of clicks, and the rounds repeat while toasts are left.
  const toasts = page.locator('.mantine-Notification-root');
  for (let round = 0; round < 5 && (await toasts.count()) > 0; round += 1) {
    await page.mouse.move(0, 0);
    for (const close of await page.locator('.mantine-Notification-root button').all())
      await close.click({ timeout: 1_000 }).catch(() => undefined);
    await page.mouse.move(0, 0);
    await expect(toasts)
      .toHaveCount(0, { timeout: 2_000 })
      .catch(() => undefined);
  }
  await expect(toasts).toHaveCount(0, { timeout: 10_000 });
  await settle(page);
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n    ${violation.nodes
        .slice(0, 5)
        .map((node) => `${node.target.join(' ')} — ${node.failureSummary ?? ''}`.replace(/\s+/g, ' '))
        .join('\n    ')}`,
  );
}

/** How many pixels the page scrolls sideways (0 when it fits its viewport). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * axe needs script in the page, which a JavaScript-off context forbids; so the page as it was served is
 * given once more, same origin and same stylesheet, to a script-enabled page of the same size.
 */
export async function axeViolationsAsServed(browser: Browser, page: Page): Promise<string[]> {
  const html = await page.content();
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() });
  try {
    const checker = await context.newPage();
    const url = new URL('/lapor/axe-check', page.url()).toString();
    await checker.route(url, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    await checker.goto(url);
    return await axeViolations(checker);
  } finally {
    await context.close();
  }
}

/** Runs axe-core with the WCAG 2.1 A/AA rules on the page as it is now and expects no violation. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), `axe violations on ${what}`).toEqual([]);
  // E2E_SCREENSHOTS=<folder> keeps a picture of every checked page, for reviewing the layout by eye.
  const folder = process.env.E2E_SCREENSHOTS;
  if (folder)
    await page.screenshot({ path: `${folder}/${what.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
}

/** The current TOTP code for a base32 secret, as an authenticator app would show it. */
export function totpCode(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '')) }).generate();
}

/**
 * A code from the next 30-second window. Servers refuse a code that was already used, so a second login
 * in the same window waits for a fresh one.
 */
export async function freshTotpCode(secret: string, lastUsed?: string): Promise<string> {
  let code = totpCode(secret);
  while (code === lastUsed) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    code = totpCode(secret);
  }
  return code;
}

/** Label matcher tolerant of Mantine's " *" suffix on required fields. */
export const field = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Fills `{{name}}` placeholders of a translation text, as i18next does. */
export const fill = (text: string, values: Record<string, string | number>): string =>
  text.replace(/{{(\w+)}}/g, (_, key: string) => String(values[key]));

/** A JSON API call with the page's session and a CSRF token; fails the test on any non-2xx answer. */
export async function apiCall<T>(
  page: { request: APIRequestContext },
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  data?: unknown,
): Promise<T> {
  const csrf = (await (await page.request.get('/api/v1/csrf')).json()) as { token: string };
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    headers: { 'x-csrf-token': csrf.token },
    data,
  });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The administrator of journeys.spec.ts (same identity), made by whichever spec finds setup not done. */
export const fallbackAdmin = {
  email: 'sri.admin@example.org',
  name: 'Sri Admin',
  password: 'Kesetaraan-Gender-2026!',
};

/**
 * Signs the page in as the administrator journeys.spec.ts handed over; when setup has not been done yet
 * (a spec run on its own), does it with the same identity and enrols TOTP, handing it over in turn.
 */
export async function signInAdmin(page: Page): Promise<void> {
  await page.goto('/login');
  const status = await apiCall<{ needed: boolean }>(page, 'GET', '/setup/status');
  if (status.needed) {
    await apiCall(page, 'POST', '/setup', {
      token: state().setupToken,
      email: fallbackAdmin.email,
      displayName: fallbackAdmin.name,
      password: fallbackAdmin.password,
      language: 'id',
    });
    const login = await apiCall<{ stage: string }>(page, 'POST', '/auth/login', {
      email: fallbackAdmin.email,
      password: fallbackAdmin.password,
    });
    expect(login.stage).toBe('full');
    const { secret } = await apiCall<{ secret: string }>(page, 'POST', '/me/totp/start');
    const code = totpCode(secret);
    await apiCall(page, 'POST', '/me/totp/confirm', { code });
    saveAdmin({ ...fallbackAdmin, totpSecret: secret.replace(/\s+/g, ''), lastTotpCode: code });
    return;
  }
  const admin = readAdmin();
  expect(admin, 'the administrator handed over by journeys.spec.ts').not.toBeNull();
  if (!admin) return;
  await apiCall(page, 'POST', '/auth/login', { email: admin.email, password: admin.password });
  const code = await freshTotpCode(admin.totpSecret, admin.lastTotpCode);
  await apiCall(page, 'POST', '/auth/totp', { code });
  saveAdmin({ ...admin, lastTotpCode: code });
}

/** The journeys' second administrator at the top unit, who confirms case roles the first one asks for. */
const secondAdmin = {
  email: 'rina.admin.kedua@example.org',
  name: 'Rina Admin Kedua',
  password: 'Dua-Orang-Mengonfirmasi-2026!',
};
let secondAdminContext: APIRequestContext | undefined;

/**
 * A signed-in API context of the second administrator. Made on first use by the administrator signed in
 * on `admin` (an invitation redeemed from the outbox and an admin grant at the top unit, which needs no
 * second person); later uses sign in again.
 */
async function signInSecondAdmin(admin: { request: APIRequestContext }): Promise<APIRequestContext> {
  if (secondAdminContext) return secondAdminContext;
  const context = await request.newContext({ baseURL: process.env.E2E_BASE_URL || state().baseURL });
  const tryLogin = async () => {
    const csrf = (await (await context.get('/api/v1/csrf')).json()) as { token: string };
    return context.post('/api/v1/auth/login', {
      headers: { 'x-csrf-token': csrf.token },
      data: { email: secondAdmin.email, password: secondAdmin.password },
    });
  };
  if (!(await tryLogin()).ok()) {
    const units = await apiCall<{ items: { id: number; parentId: number | null }[] }>(admin, 'GET', '/units');
    const root = units.items.find((unit) => unit.parentId === null);
    expect(root, 'the top unit').toBeTruthy();
    const user = await apiCall<{ id: string }>(admin, 'POST', '/users', {
      email: secondAdmin.email,
      displayName: secondAdmin.name,
      language: 'id',
      homeUnitId: root!.id,
    });
    const outbox = await apiCall<{ items: { recipient: string; body: string; createdAt: string }[] }>(
      admin,
      'GET',
      '/outbox',
    );
    const invitation = outbox.items
      .filter((message) => message.recipient === secondAdmin.email)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const token = /\/reset-password#token=([A-Za-z0-9_~.%-]+)/.exec(invitation?.body ?? '')?.[1];
    expect(token, 'invitation link of the second administrator').toBeTruthy();
    await apiCall(admin, 'POST', '/auth/reset', {
      token: decodeURIComponent(token ?? ''),
      newPassword: secondAdmin.password,
    });
    await apiCall(admin, 'POST', `/users/${user.id}/grants`, { role: 'admin', unitId: root!.id });
    const login = await tryLogin();
    expect(login.ok(), `second administrator signs in: ${login.status()}`).toBe(true);
  }
  secondAdminContext = context;
  return context;
}

/**
 * Grants a role as the administrator signed in on `admin`. A case role waits for a second person
 * (issue 17): the second administrator confirms it, so it is in effect when this returns.
 */
export async function grantRole(
  admin: { request: APIRequestContext },
  userId: string,
  grant: { role: string; unitId: number },
): Promise<void> {
  const answer = await apiCall<{
    outcome: 'granted' | 'pending';
    pendingGrants: { id: string; role: string; unitId: number }[];
  }>(admin, 'POST', `/users/${userId}/grants`, grant);
  if (answer.outcome === 'granted') return;
  const pending = answer.pendingGrants.find(
    (item) => item.role === grant.role && item.unitId === grant.unitId,
  );
  expect(pending, `pending ${grant.role}`).toBeTruthy();
  await confirmAsSecondAdmin(admin, pending!.id);
}

/** The second administrator confirms a pending case role (made on first use by the one on `admin`). */
export async function confirmAsSecondAdmin(admin: { request: APIRequestContext }, pendingId: string) {
  const second = await signInSecondAdmin(admin);
  await apiCall({ request: second }, 'POST', `/role-confirmations/${pendingId}/confirm`);
}
