import { expect, type Browser, type Page } from '@playwright/test';
import en from '../shared/locales/en/public.json' with { type: 'json' };
import id from '../shared/locales/id/public.json' with { type: 'json' };
import { axeViolationsAsServed, sidewaysOverflow, test } from './support.ts';

/**
 * The public reporting channel as a reporter meets it: no JavaScript, no account, a phone-sized screen.
 * One journey from the report form to a message on the status page, with axe on every page and a check
 * that nothing scrolls sideways at 360 px.
 */
test.describe.configure({ mode: 'serial' });
test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'id-ID' });

/** A 1×1 PNG, as a screenshot would be. */
const screenshot = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const canary = 'Narasi-kenari-e2e: mandor menyentuh saya di gudang';

async function expectFitsPhone(page: Page, what: string) {
  expect(await sidewaysOverflow(page), `${what} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}

async function expectAccessibleAsServed(browser: Browser, page: Page, what: string) {
  expect(await axeViolationsAsServed(browser, page), `axe violations on ${what}`).toEqual([]);
}

async function expectSafePage(browser: Browser, page: Page, what: string) {
  await expect(page).toHaveTitle(/^(Layanan Anggota|Member services|Periksa isian – Layanan Anggota)$/);
  await expect(
    page.getByRole('link', { name: id.exit.label }).or(page.getByRole('link', { name: en.exit.label })),
  ).toHaveAttribute('href', 'https://www.bmkg.go.id/cuaca');
  await expectFitsPhone(page, what);
  await expectAccessibleAsServed(browser, page, what);
}

let receipt = '';

test('a reporter sends a report without JavaScript and keeps her receipt', async ({ browser, page }) => {
  const response = await page.goto('/lapor');
  expect(response?.headers()['set-cookie']).toBeUndefined();
  expect(response?.headers()['cache-control']).toBe('no-store');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.getByRole('heading', { level: 1, name: id.intro.heading })).toBeVisible();
  await expect(page.getByRole('heading', { name: id.rights.heading })).toBeVisible();
  await expectSafePage(browser, page, 'report form');

  // Sending it half-filled brings it back with the answers kept and the problems listed at the top.
  await page.getByLabel(id.form.what.narrative).fill(canary);
  await page.getByRole('button', { name: id.form.submit }).click();
  const summary = page.getByRole('alert').filter({ hasText: id.errors.summary });
  await expect(summary).toBeVisible();
  await expect(
    summary.getByRole('link', { name: new RegExp(id.errors.fields.reporterRole) }),
  ).toHaveAttribute('href', '#f-reporterRole');
  await expect(page.getByLabel(id.form.what.narrative)).toHaveValue(canary);
  await expect(page).toHaveTitle(id.meta.titleError);
  await expectSafePage(browser, page, 'report form with errors');

  const form = page.locator('form');
  await form
    .getByRole('group', { name: new RegExp(id.form.reporter.legend) })
    .getByLabel(id.roles.korban)
    .check();
  await page.getByLabel(id.forms.KS01).check();
  await page.getByLabel(id.forms.KP01).check();
  await page.getByRole('textbox', { name: new RegExp(`^${id.form.when.date}`) }).fill('2026-11-10');
  await page.getByLabel(id.form.when.approximate).check();
  await page.getByLabel(id.places.fasilitas_kerja).check();
  await page.getByLabel(id.form.where.unit).selectOption({ label: id.form.where.unitUnknown });
  await page.getByLabel(id.form.where.detail).fill('PT Garmen Sejahtera');
  await page.getByLabel(id.relationships.atasan).check();
  await page.getByLabel(id.wishes.dukungan).check();
  await page.getByLabel(id.form.wishes.sameGender).check();
  await page.getByLabel(id.sex.P, { exact: true }).check();
  await expect(page.getByLabel(id.contactMethods.none)).toBeChecked();
  await page.getByLabel(id.form.consent.process).check();
  await page.getByLabel(id.form.files.label).setInputFiles({
    name: 'tangkapan-layar.png',
    mimeType: 'image/png',
    buffer: screenshot,
  });
  await page.getByRole('button', { name: id.form.submit }).click();

  // The receipt page: the number, large, once; nothing of the report itself.
  await expect(page.getByRole('heading', { level: 1, name: id.receipt.heading })).toBeVisible();
  await expect(page).toHaveURL(/\/lapor$/);
  receipt = (await page.locator('.digits').textContent()) ?? '';
  expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  await expect(page.getByText(id.receipt.saveNow)).toBeVisible();
  await expect(page.getByText(canary)).toHaveCount(0);
  expect(await page.content()).not.toContain('Garmen');
  await expectSafePage(browser, page, 'receipt page');
});

test('she opens her report with the receipt and writes to the team', async ({ browser, page }) => {
  // Serial journeys: this one follows the first; without its receipt it fails loudly, never skips.
  expect(receipt, 'the receipt from the first journey').toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  await page.goto('/lapor/cek');
  await expect(page.getByRole('heading', { level: 1, name: id.check.heading })).toBeVisible();
  await expectSafePage(browser, page, 'receipt check');

  // A wrong receipt gets the one generic answer.
  await page.getByLabel(id.check.label).fill('0000 1111 2222 3333');
  await page.getByRole('button', { name: id.check.submit }).click();
  await expect(page.getByText(id.check.notFound)).toBeVisible();
  await expectSafePage(browser, page, 'receipt check, not found');

  await page.getByLabel(id.check.label).fill(receipt.replace(/ /g, '-'));
  await page.getByRole('button', { name: id.check.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: id.status.heading })).toBeVisible();
  await expect(page.getByText(id.status.states.received)).toBeVisible();
  await expect(page.getByText(/Kontak pertama dari pendamping: paling lambat .+ WIB\./)).toBeVisible();
  await expect(page.getByText('tangkapan-layar.png')).toBeVisible();
  await expect(page.getByText(canary)).toHaveCount(0);
  await expectSafePage(browser, page, 'status page');

  const message = 'Saya hanya bisa dihubungi setelah pukul 17.00.';
  await page.getByRole('textbox', { name: id.status.body, exact: true }).fill(message);
  await page.getByRole('button', { name: id.status.submit, exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(id.status.sent);
  const listed = page.locator('.messages li').filter({ hasText: message });
  await expect(listed).toBeVisible();
  await expect(listed.getByText(id.status.from.reporter, { exact: true })).toBeVisible();
  await expectSafePage(browser, page, 'status page after a message');
});

test('the pages read in English with ?lang=en, carried through the forms', async ({ browser, page }) => {
  await page.goto('/lapor');
  await page.getByRole('link', { name: id.language.switch }).click();
  await expect(page).toHaveURL(/\/lapor\?lang=en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: en.intro.heading })).toBeVisible();
  await expectSafePage(browser, page, 'report form in English');
  await page.getByRole('link', { name: en.nav.check }).click();
  await expect(page).toHaveURL(/\/lapor\/cek\?lang=en$/);
  await page.getByLabel(en.check.label).fill('1234 5678');
  await page.getByRole('button', { name: en.check.submit }).click();
  await expect(page.getByText(en.check.notFound)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectSafePage(browser, page, 'receipt check in English, not found');
});
