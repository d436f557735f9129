import { expect, type Browser, type Page } from '@playwright/test';
import { rightsItems } from '../shared/case-taxonomy.ts';
import retention from '../shared/locales/id/web-case-retention.json' with { type: 'json' };
import id from '../shared/locales/id/web.json' with { type: 'json' };
import {
  apiCall,
  expectAccessible,
  fill,
  grantRole,
  settle,
  signInAdmin,
  state,
  test,
  totpCode,
} from './support.ts';

/**
 * The administrator's retention screen, in Indonesian: periods per closing reason (saved and read back),
 * and a legal hold placed and released on a closed case, by reference number, with coded data only. The
 * closed case is made through the API by a DPP case coordinator (invited by the administrator, TOTP
 * enrolled). axe on each state, and no sideways scrolling at 360 px.
 */
test.describe.configure({ mode: 'serial' });

const text = retention.caseRetention;
/**
 * A case closed as withdrawn (ditarik_korban) by a new DPP coordinator: the administrator invites her
 * and grants the role; she sets her password from the invitation, enrols TOTP, records a report received
 * by phone, reviews the rights checklist and closes the case. Answers the case's reference.
 */
async function closedCaseReference(page: Page, browser: Browser): Promise<string> {
  const session = await apiCall<{ grants: { unitId: number }[] }>(page, 'GET', '/session');
  const rootUnitId = session.grants[0]?.unitId ?? 1;
  const email = `dewi.koordinator.${Date.now()}@example.org`;
  const password = 'Retensi-Kasus-Aman-2026!';
  const user = await apiCall<{ id: string }>(page, 'POST', '/users', {
    email,
    displayName: 'Dewi Koordinator DPP',
    language: 'id',
    homeUnitId: rootUnitId,
  });
  const outbox = await apiCall<{ items: { recipient: string; body: string }[] }>(page, 'GET', '/outbox');
  const body = outbox.items.find((message) => message.recipient === email)?.body ?? '';
  const token = decodeURIComponent(/\/reset-password#token=([A-Za-z0-9_~.%-]+)/.exec(body)?.[1] ?? '');
  expect(token).not.toBe('');
  await apiCall(page, 'POST', '/auth/reset', { token, newPassword: password });
  await grantRole(page, user.id, { role: 'case_coordinator', unitId: rootUnitId });

  const context = await browser.newContext({ baseURL: state().baseURL });
  try {
    const coordinator = { request: context.request };
    await apiCall(coordinator, 'POST', '/auth/login', { email, password });
    const { secret } = await apiCall<{ secret: string }>(coordinator, 'POST', '/me/totp/start');
    await apiCall(coordinator, 'POST', '/me/totp/confirm', { code: totpCode(secret) });
    const intake = await apiCall<{ case: { id: string; reference: string } }>(coordinator, 'POST', '/cases', {
      channel: 'telepon',
      reporterRole: 'korban',
      forms: ['KP01'],
      narrative: 'Laporan lewat telepon untuk uji retensi.',
      place: 'area_kerja',
      relationship: 'rekan_kerja',
      consentToProcess: true,
    });
    const caseId = intake.case.id;
    await apiCall(coordinator, 'PUT', `/cases/${caseId}/rights`, {
      items: rightsItems.map((item) => ({ item, status: 'diberikan' })),
    });
    await apiCall(coordinator, 'POST', `/cases/${caseId}/transitions`, {
      to: 'closed',
      reason: 'Korban menarik laporannya.',
      closingReason: 'ditarik_korban',
    });
    return intake.case.reference;
  } finally {
    await context.close();
  }
}

test('an administrator sets the retention periods and holds a closed case', async ({ page, browser }) => {
  await signInAdmin(page);
  const reference = await closedCaseReference(page, browser);
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: text.nav, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: text.title })).toBeVisible();
  await expectAccessible(page, 'retention page');

  // Periods: the withdrawn-report period from 1 to 2 years, read back after a reload, then restored.
  const withdrawn = page.getByLabel(
    fill(text.settings.years, { reason: id.cases.closingReasons.ditarik_korban }),
  );
  await expect(withdrawn).toHaveValue('1');
  // Never 0: the field brings a value out of range back to the minimum (or maximum) when left.
  await withdrawn.fill('0');
  await withdrawn.blur();
  await expect(withdrawn).toHaveValue('1');
  await withdrawn.fill('45');
  await withdrawn.blur();
  await expect(withdrawn).toHaveValue('30');
  await withdrawn.fill('2');
  await page.getByRole('button', { name: text.settings.save }).click();
  await expect(page.getByText(text.settings.saved)).toBeVisible();
  await page.reload();
  await expect(withdrawn).toHaveValue('2');
  await withdrawn.fill('1');
  await page.getByRole('button', { name: text.settings.save }).click();
  await expect(page.getByText(text.settings.saved)).toBeVisible();

  // The closed case, by reference, with coded data only: a legal hold is placed and released.
  const list = page.getByRole('region', { name: text.list.tableLabel });
  const row = list.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText(id.cases.closingReasons.ditarik_korban);
  await expect(list).not.toContainText('uji retensi');
  await row.getByRole('button', { name: fill(text.hold.placeFor, { reference }) }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(text.hold.reason).selectOption('proses_pidana');
  await settle(page);
  await expectAccessible(page, 'legal hold dialog');
  await dialog.getByRole('button', { name: text.hold.confirm }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText(text.holdReasons.proses_pidana);
  await page.getByLabel(text.list.status).selectOption('held');
  await expect(row).toBeVisible();
  await expectAccessible(page, 'retention page, held cases');
  await row.getByRole('button', { name: fill(text.hold.releaseFor, { reference }) }).click();
  await expect(row).toBeHidden();
  await page.getByLabel(text.list.status).selectOption('pending');
  await expect(row).toContainText(text.list.noHold);

  // A 360 px phone: nothing scrolls sideways (the table scrolls inside its own region).
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(page.getByRole('navigation', { name: id.nav.label })).not.toBeInViewport();
  await settle(page);
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  await expectAccessible(page, 'retention page at 360 px');
});
