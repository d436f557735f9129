import { expect, type Browser, type Page } from '@playwright/test';
import pub from '../shared/locales/id/public.json' with { type: 'json' };
import escrowWeb from '../shared/locales/id/web-case-escrow.json' with { type: 'json' };
import id from '../shared/locales/id/web.json' with { type: 'json' };
import {
  apiCall,
  expectAccessible,
  field,
  fill,
  freshTotpCode,
  grantRole,
  signInAdmin,
  state,
  test,
} from './support.ts';

/**
 * "Lapor bersama" (report together) as the reporters and the DPP meet it: two anonymous survivors, with
 * JavaScript off, each keep a report sealed that names the same supervisor, spelled differently. The
 * first stays sealed (the DPP coordinator's list does not show it); the second opens both at DPP; both
 * reporters see it on their follow-up pages; the DPP coordinator sees the two cases linked.
 * Its own account, names and reports: it needs nothing another spec made except the administrator.
 */
test.describe.configure({ mode: 'serial' });

const password = 'Lapor-Bersama-Aman-2026!';
const coordinator = {
  email: 'dewi.dpp.escrow@example.org',
  name: 'Dewi Koordinator DPP',
  totpSecret: '',
  lastCode: '',
};

/** Filled as the journey goes. */
const shared = { receiptA: '', receiptB: '', before: [] as string[], references: [] as string[] };

async function signInCoordinator(page: Page) {
  await page.goto('/login');
  await page.getByLabel(field(id.fields.email)).fill(coordinator.email);
  await page.getByLabel(field(id.fields.password)).fill(password);
  await page.getByRole('button', { name: id.auth.login.submit, exact: true }).click();
  if (!coordinator.totpSecret) {
    await expect(page).toHaveURL(/\/enrol$/);
    await page.getByRole('button', { name: id.totp.start }).click();
    const secretBox = page.getByTestId('totp-secret');
    await expect(secretBox).toBeVisible();
    coordinator.totpSecret = ((await secretBox.textContent()) ?? '').replace(/\s+/g, '');
    coordinator.lastCode = await freshTotpCode(coordinator.totpSecret);
    await page.getByLabel(field(id.fields.totpCode)).fill(coordinator.lastCode);
    await page.getByRole('button', { name: id.totp.confirm, exact: true }).click();
    await expect(page.getByRole('heading', { name: id.totp.recoveryTitle })).toBeVisible();
    await page.getByLabel(id.totp.savedConfirm).check();
    await page.getByRole('button', { name: id.totp.finish, exact: true }).click();
  } else {
    coordinator.lastCode = await freshTotpCode(coordinator.totpSecret, coordinator.lastCode);
    await page.getByLabel(field(id.fields.totpCode)).fill(coordinator.lastCode);
    await page.getByRole('button', { name: id.auth.totp.submit, exact: true }).click();
  }
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.home.greeting, { name: coordinator.name }) }),
  ).toBeVisible();
}

/** References in the coordinator's "my unit" list (the DPP's cases), every page of it. */
async function unitReferences(page: Page): Promise<string[]> {
  await page.goto('/cases');
  await expect(page.getByRole('heading', { level: 1, name: id.cases.title })).toBeVisible();
  await page.getByRole('tab', { name: id.cases.scope.unit, exact: true }).click();
  const references: string[] = [];
  let cursor = '';
  do {
    const answer = await apiCall<{ items: { reference: string }[]; nextCursor: string | null }>(
      page,
      'GET',
      `/cases?scope=unit&limit=100${cursor && `&cursor=${cursor}`}`,
    );
    references.push(...answer.items.map((item) => item.reference));
    cursor = answer.nextCursor ?? '';
  } while (cursor);
  return references;
}

/** A survivor's sealed report on the public page, JavaScript off, at 360 px; answers her receipt. */
async function reportSealed(browser: Browser, named: { name: string; workplace: string }): Promise<string> {
  const context = await browser.newContext({
    baseURL: state().baseURL,
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
  });
  try {
    const page = await context.newPage();
    await page.goto('/lapor');
    await page
      .getByRole('group', { name: new RegExp(pub.form.reporter.legend) })
      .getByLabel(pub.roles.korban)
      .check();
    await page.getByLabel(pub.forms.KS01).check();
    await page.getByLabel(pub.form.what.narrative).fill('Atasan saya mengirim pesan cabul setiap malam.');
    await page.getByLabel(pub.places.area_kerja).check();
    await page.getByLabel(pub.form.where.unit).selectOption({ label: pub.form.where.unitUnknown });
    await page.getByLabel(pub.relationships.atasan).check();
    await page.getByRole('textbox', { name: field(pub.form.who.name) }).fill(named.name);
    await page.getByRole('textbox', { name: field(pub.form.who.workplace) }).fill(named.workplace);
    await page.getByLabel(pub.escrow.form.choice).check();
    await page.getByLabel(pub.sex.P, { exact: true }).check();
    await expect(page.getByLabel(pub.contactMethods.none)).toBeChecked();
    await page.getByLabel(pub.form.consent.process).check();
    await page.getByRole('button', { name: pub.form.submit }).click();
    await expect(page.getByRole('heading', { level: 1, name: pub.receipt.heading })).toBeVisible();
    await expect(page.getByText(pub.escrow.receipt.sealed)).toBeVisible();
    const receipt = (await page.locator('.digits').textContent()) ?? '';
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(await page.content()).not.toContain(named.name);
    return receipt;
  } finally {
    await context.close();
  }
}

/** The follow-up page of a receipt, JavaScript off; answers the page's main text. */
async function followUp(browser: Browser, receipt: string, what: string) {
  const context = await browser.newContext({
    baseURL: state().baseURL,
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
  });
  try {
    const page = await context.newPage();
    await page.goto('/lapor/cek');
    await page.getByLabel(pub.check.label).fill(receipt);
    await page.getByRole('button', { name: pub.check.submit }).click();
    await expect(page.getByRole('heading', { level: 1, name: pub.status.heading })).toBeVisible();
    const html = await page.content();
    // axe on the page as served, in a page that may run it.
    const checker = await browser.newContext({
      javaScriptEnabled: true,
      viewport: { width: 360, height: 740 },
    });
    try {
      const check = await checker.newPage();
      const url = new URL('/lapor/axe-check', page.url()).toString();
      await check.route(url, (route) =>
        route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
      );
      await check.goto(url);
      await expectAccessible(check, what);
    } finally {
      await checker.close();
    }
    return (await page.getByRole('main').textContent()) ?? '';
  } finally {
    await context.close();
  }
}

test('setup: a DPP case coordinator', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  const top = await apiCall<{ items: { id: number; parentId: number | null }[] }>(page, 'GET', '/units');
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0];
  expect(root, 'the top unit').toBeDefined();
  if (!root) return;
  const user = await apiCall<{ id: string }>(page, 'POST', '/users', {
    email: coordinator.email,
    displayName: coordinator.name,
    language: 'id',
    homeUnitId: root.id,
  });
  const outbox = await apiCall<{ items: { recipient: string; body: string; createdAt: string }[] }>(
    page,
    'GET',
    '/outbox',
  );
  const invitation = outbox.items
    .filter((message) => message.recipient === coordinator.email)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const token = /\/reset-password#token=([A-Za-z0-9_~.%-]+)/.exec(invitation?.body ?? '')?.[1];
  expect(token, 'invitation link').toBeTruthy();
  await apiCall(page, 'POST', '/auth/reset', {
    token: decodeURIComponent(token ?? ''),
    newPassword: password,
  });
  await grantRole(page, user.id, { role: 'case_coordinator', unitId: root.id });
});

test('a first sealed report stays sealed: its reporter is told so, and the DPP does not see it', async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  await signInCoordinator(page);
  shared.before = await unitReferences(page);
  shared.receiptA = await reportSealed(browser, {
    name: 'Bapak H. Moch. Soepardjo, S.E.',
    workplace: 'PT Baja Djaja Abadi Tbk',
  });
  const text = await followUp(browser, shared.receiptA, 'follow-up page, sealed');
  expect(text).toContain(pub.escrow.status.sealed);
  expect(text).not.toContain(pub.status.matched);
  expect(await unitReferences(page)).toEqual(shared.before);
});

test('a second report naming him in another spelling opens both at DPP; both reporters see it', async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  expect(shared.receiptA, 'the first report').not.toBe('');
  shared.receiptB = await reportSealed(browser, { name: 'Muhammad Suparjo', workplace: 'Baja Jaya Abadi' });
  for (const [receipt, what] of [
    [shared.receiptB, 'follow-up page B, matched'],
    [shared.receiptA, 'follow-up page A, matched'],
  ] as const) {
    const text = await followUp(browser, receipt, what);
    expect(text).toContain(pub.status.matched);
    expect(text).not.toContain(pub.escrow.status.sealed);
  }

  await signInCoordinator(page);
  const after = await unitReferences(page);
  shared.references = after.filter((reference) => !shared.before.includes(reference));
  expect(shared.references).toHaveLength(2);
});

test('the DPP coordinator sees the two cases linked, each pointing to the other', async ({ page }) => {
  test.setTimeout(120_000);
  expect(shared.references, 'the opened cases').toHaveLength(2);
  await signInCoordinator(page);
  await page.goto('/cases');
  await page.getByRole('tab', { name: id.cases.scope.unit, exact: true }).click();
  const [first, second] = shared.references as [string, string];
  const table = page.getByRole('region', { name: id.cases.tableLabel });
  await table.getByRole('link', { name: first, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.cases.caseTitle, { reference: first }) }),
  ).toBeVisible();
  const linked = page.getByRole('region', { name: escrowWeb.caseEscrow.linked.title });
  await expect(linked).toBeVisible();
  await expect(linked).toContainText(escrowWeb.caseEscrow.linked.intro);
  await expectAccessible(page, 'case page with linked cases');
  await linked.getByRole('link', { name: fill(id.cases.caseTitle, { reference: second }) }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.cases.caseTitle, { reference: second }) }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: escrowWeb.caseEscrow.linked.title })
      .getByRole('link', { name: fill(id.cases.caseTitle, { reference: first }) }),
  ).toBeVisible();
  // Handled by DPP, as a match: the timeline says why in words.
  await page
    .getByRole('tablist', { name: id.cases.sections.label })
    .getByRole('tab', { name: id.cases.sections.timeline, exact: true })
    .click();
  await expect(page.getByRole('main')).toContainText(escrowWeb.caseEscrow.timelineKinds.escrow_opened);
  await expect(page.getByRole('main')).toContainText(escrowWeb.caseEscrow.routingReasons.escrow_match);
});
