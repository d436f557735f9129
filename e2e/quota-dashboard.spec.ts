import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import dashboard from '../shared/locales/id/web-quota-dashboard.json' with { type: 'json' };
import { readAdmin, saveAdmin } from './state.ts';
import { apiCall, expectAccessible, freshTotpCode, state, test } from './support.ts';

/**
 * The representation dashboard in a real browser: the administrator (dashboard.read at the DPP) opens
 * it from the menu; every tab passes axe, and the page reads at 360 px. It signs in as the administrator
 * of the first journey when that ran, or makes the first administrator itself.
 */
const d = dashboard.quotaDashboard;

async function signIn(page: Page) {
  await page.goto('/login');
  const status = (await (await page.request.get('/api/v1/setup/status')).json()) as { needed: boolean };
  if (status.needed) {
    const password = `Kuota-Kongres-${randomBytes(6).toString('hex')}!`;
    const email = 'admin.kuota@spn.test';
    await apiCall(page, 'POST', '/setup', {
      token: state().setupToken,
      email,
      displayName: 'Admin Kuota',
      password,
      language: 'id',
    });
    await apiCall(page, 'POST', '/auth/login', { email, password });
    return;
  }
  const admin = readAdmin();
  expect(admin, 'setup was done by another journey, which hands over its administrator').not.toBeNull();
  if (!admin) return;
  await apiCall(page, 'POST', '/auth/login', { email: admin.email, password: admin.password });
  const code = await freshTotpCode(admin.totpSecret, admin.lastTotpCode);
  await apiCall(page, 'POST', '/auth/totp', { code });
  saveAdmin({ ...admin, lastTotpCode: code });
  await apiCall(page, 'PATCH', '/me', { language: 'id' });
}

test('the representation dashboard opens from the menu, and each tab is accessible', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: d.nav }).click();
  await expect(page.getByRole('heading', { level: 1, name: d.title })).toBeVisible();
  // The summary is built by the job within a minute of start; before that the page says so plainly.
  await expect(
    page
      .getByText(d.notBuilt)
      .or(page.getByText(/diperbarui/))
      .first(),
  ).toBeVisible();
  await expectAccessible(page, 'quota dashboard, overview');
  await page.getByRole('tab', { name: new RegExp(d.tabs.attention) }).click();
  await expectAccessible(page, 'quota dashboard, needs action');
  await page.getByRole('tab', { name: d.tabs.proportionality }).click();
  await expect(page.getByLabel(d.proportionality.k)).toBeVisible();
  await expectAccessible(page, 'quota dashboard, proportionality');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: d.title })).toBeVisible();
  await expect(
    page
      .getByText(d.notBuilt)
      .or(page.getByText(/diperbarui/))
      .first(),
  ).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const report = await page.request.get('/api/v1/quota-dashboard/report?format=pdf');
  expect(report.status()).toBe(200);
  expect((await report.body()).subarray(0, 5).toString()).toBe('%PDF-');
});
