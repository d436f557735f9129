import { expect, type Page } from '@playwright/test';
import en from '../shared/locales/en/web.json' with { type: 'json' };
import id from '../shared/locales/id/web.json' with { type: 'json' };
import { saveAdmin } from './state.ts';
import {
  apiCall,
  confirmAsSecondAdmin,
  expectAccessible,
  field,
  freshTotpCode,
  state,
  test,
} from './support.ts';

/**
 * The journeys share one server and build on each other (the administrator made in the first is used
 * by the later ones), so they run in order.
 */
test.describe.configure({ mode: 'serial' });

const admin = {
  email: 'sri.admin@example.org',
  name: 'Sri Admin',
  password: 'Kesetaraan-Gender-2026!',
};
const newUnit = { name: 'DPD Jawa Barat', code: 'DPD-JABAR' };
const invitee = {
  email: 'dewi.pendamping@example.org',
  name: 'Dewi Pendamping',
  password: 'Pendamping-Aman-2026!',
};

/** Filled by the first journey and used by the later ones. */
const shared = { totpSecret: '', lastTotpCode: '', recoveryCodes: [] as string[], inviteLink: '' };
/** Hands the administrator to later spec files (see `e2e/state.ts`). */
const handOverAdmin = () =>
  saveAdmin({ ...admin, totpSecret: shared.totpSecret, lastTotpCode: shared.lastTotpCode });

async function logInWithPassword(page: Page, email: string, password: string, texts = id) {
  await expect(page.getByRole('heading', { level: 1, name: texts.auth.login.title })).toBeVisible();
  await page.getByLabel(field(texts.fields.email)).fill(email);
  await page.getByLabel(field(texts.fields.password)).fill(password);
  await page.getByRole('button', { name: texts.auth.login.submit, exact: true }).click();
}

/**
 * Logs the administrator in with one of the saved recovery codes. `before` is the language of the login
 * form; once the password is accepted the UI follows the account's language (`after`).
 */
async function logInWithRecoveryCode(page: Page, before: typeof id, after: typeof id) {
  await logInWithPassword(page, admin.email, admin.password, before);
  await expect(page.getByRole('heading', { level: 1, name: after.auth.totp.title })).toBeVisible();
  await expectAccessible(page, 'login, code step');
  await page.getByRole('button', { name: after.auth.totp.useRecovery }).click();
  const code = shared.recoveryCodes.shift();
  if (!code) throw new Error('No recovery code left from the first journey');
  await page.getByLabel(field(after.fields.recoveryCode)).fill(code);
  await page.getByRole('button', { name: after.auth.totp.submit, exact: true }).click();
}

async function openUserMenu(page: Page) {
  await page
    .getByRole('banner')
    .getByRole('button', { name: new RegExp(admin.name) })
    .click();
}

async function navigate(page: Page, linkName: string) {
  const burger = page.getByRole('button', { name: id.nav.open });
  if (await burger.isVisible()) await burger.click();
  await page.getByRole('navigation').getByRole('link', { name: linkName, exact: true }).click();
}

test('first run: setup, log in, enrol TOTP, create a unit and a user, grant a role, log out', async ({
  page,
}) => {
  // Eight screens, each step waiting on what it shows; it takes about 45 s on a quiet machine, so its limit
  // is three times that rather than the 60 s default it used to run close to.
  test.setTimeout(150_000);
  // First-run setup with the one-time link the server printed.
  await page.goto(`/setup#token=${state().setupToken}`);
  await expect(page.getByRole('heading', { level: 1, name: id.setup.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expectAccessible(page, 'setup page');
  await page.getByLabel(field(id.fields.email)).fill(admin.email);
  await page.getByLabel(field(id.fields.displayName)).fill(admin.name);
  await page.getByLabel(field(id.fields.password)).fill(admin.password);
  await page.getByLabel(field(id.fields.confirmPassword)).fill(admin.password);
  await page.getByRole('button', { name: id.setup.submit }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expectAccessible(page, 'login page');

  // Log in: an administrator holds no case role, so no second factor is needed yet.
  await logInWithPassword(page, admin.email, admin.password);
  await expect(page.getByRole('heading', { level: 1, name: `Selamat datang, ${admin.name}` })).toBeVisible();
  await expect(page.getByText(id.roles.admin, { exact: true })).toBeVisible();
  await expect(page.getByText(id.home.totpNotice.title)).toBeVisible();
  await expectAccessible(page, 'home page');

  // Enrol TOTP from the home page notice.
  await page.getByRole('link', { name: id.home.totpNotice.action }).click();
  await expect(page.getByRole('heading', { level: 1, name: id.account.title })).toBeVisible();
  await expectAccessible(page, 'account page');
  await page.getByRole('button', { name: id.totp.start }).click();
  const secretBox = page.getByTestId('totp-secret');
  await expect(secretBox).toBeVisible();
  await expect(page.getByRole('img', { name: id.totp.qrAlt })).toBeVisible();
  shared.totpSecret = ((await secretBox.textContent()) ?? '').replace(/\s+/g, '');
  expect(shared.totpSecret).toMatch(/^[A-Z2-7]+=*$/);
  await expectAccessible(page, 'TOTP enrolment');
  shared.lastTotpCode = await freshTotpCode(shared.totpSecret);
  await page.getByLabel(field(id.fields.totpCode)).fill(shared.lastTotpCode);
  await page.getByRole('button', { name: id.totp.confirm, exact: true }).click();
  await expect(page.getByRole('heading', { name: id.totp.recoveryTitle })).toBeVisible();
  shared.recoveryCodes = (await page.getByTestId('recovery-codes').locator('code').allTextContents()).map(
    (code) => code.trim(),
  );
  expect(shared.recoveryCodes.length).toBeGreaterThanOrEqual(3);
  await expectAccessible(page, 'recovery codes');
  const finish = page.getByRole('button', { name: id.totp.finish, exact: true });
  await expect(finish).toBeDisabled();
  await page.getByLabel(id.totp.savedConfirm).check();
  await finish.click();
  await expect(page.getByText(id.totp.statusOn, { exact: true })).toBeVisible();
  handOverAdmin();
  await expect(page.getByLabel(field(id.fields.currentPassword)).last()).toBeVisible();

  // The home page no longer nags about TOTP; check it on a 360 px wide phone as well.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('banner').getByRole('link', { name: 'Setara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Selamat datang, ${admin.name}` })).toBeVisible();
  await expect(page.getByText(id.home.totpNotice.title)).toHaveCount(0);
  const burger = page.getByRole('button', { name: id.nav.open });
  await expect(burger).toBeVisible();
  // The collapsed menu is moved off-screen and made inert, so it is neither seen nor reachable by Tab.
  await expect(page.getByRole('navigation', { name: id.nav.label })).not.toBeInViewport();
  await expect(page.getByRole('navigation', { name: id.nav.label })).toHaveAttribute('inert', '');
  await expectAccessible(page, 'home page at 360 px');
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(360);
  await burger.click();
  await expect(page.getByRole('navigation').getByRole('link', { name: id.nav.units })).toBeInViewport();
  await expectAccessible(page, 'open navigation at 360 px');
  await page.getByRole('navigation').getByRole('link', { name: id.nav.units }).click();
  await expect(page.getByRole('heading', { level: 1, name: id.units.title })).toBeVisible();
  await expectAccessible(page, 'units page at 360 px');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Create a unit under the root.
  const tree = page.getByRole('list', { name: id.units.treeLabel });
  // The root unit is the only unit so far; its actions button is named after it.
  await expect(tree.getByRole('listitem')).toHaveCount(1);
  await tree.getByRole('button', { name: /^Tindakan untuk / }).click();
  await page.getByRole('menuitem', { name: id.units.actions.create }).click();
  const createDialog = page.getByRole('dialog');
  await expect(createDialog).toBeVisible();
  await createDialog.getByLabel(field(id.units.fields.name)).fill(newUnit.name);
  await createDialog.getByLabel(field(id.units.fields.code)).fill(newUnit.code);
  await expect(createDialog.getByLabel(field(id.units.fields.level))).toHaveValue('DPD');
  await expectAccessible(page, 'create unit dialog');
  await createDialog.getByRole('button', { name: id.common.create, exact: true }).click();
  await expect(createDialog).toBeHidden();
  await expect(tree.getByText(newUnit.name, { exact: true })).toBeVisible();
  await expectAccessible(page, 'units page');

  // Invite a user with the new unit as home unit.
  await navigate(page, id.nav.users);
  await expect(page.getByRole('heading', { level: 1, name: id.users.title })).toBeVisible();
  await expectAccessible(page, 'users page');
  await page.getByRole('button', { name: id.users.invite }).click();
  const inviteDialog = page.getByRole('dialog');
  await inviteDialog.getByLabel(field(id.fields.email)).fill(invitee.email);
  await inviteDialog.getByLabel(field(id.fields.displayName)).fill(invitee.name);
  await inviteDialog.getByRole('combobox', { name: field(id.users.fields.homeUnit) }).fill('Jawa');
  await page.getByRole('option', { name: new RegExp(newUnit.code) }).click();
  await expectAccessible(page, 'invite user dialog');
  await inviteDialog.getByRole('button', { name: id.users.invite, exact: true }).click();
  await expect(page.getByText(`Undangan dikirim ke ${invitee.email}.`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: invitee.name })).toBeVisible();

  // Grant the user a case role at the new unit.
  await page.getByRole('combobox', { name: field(id.users.grants.role) }).selectOption('case_handler');
  await page.getByRole('combobox', { name: field(id.users.grants.unit) }).fill('Jawa');
  await page.getByRole('option', { name: new RegExp(newUnit.code) }).click();
  await page.getByRole('button', { name: id.users.grants.submit, exact: true }).click();
  // A case role waits for a second person (issue 17): the user page shows it pending, with no Confirm
  // for the administrator who asked; the second administrator confirms it.
  await expect(page.getByText(id.users.grants.pendingNotice)).toBeVisible();
  const pendingRoles = page.getByRole('region', { name: id.users.pending.tableLabel });
  await expect(pendingRoles.getByText(id.users.pending.waiting)).toBeVisible();
  await expect(pendingRoles.getByRole('button', { name: id.users.pending.confirm })).toHaveCount(0);
  await expectAccessible(page, 'user detail page with a pending case role');
  const userId = new URL(page.url()).pathname.split('/').pop() ?? '';
  const asked = await apiCall<{ pendingGrants: { id: string }[] }>(page, 'GET', `/users/${userId}`);
  await confirmAsSecondAdmin(page, asked.pendingGrants[0]?.id ?? '');
  await page.reload();
  const grants = page.getByRole('region', { name: id.users.grants.tableLabel });
  await expect(grants.getByRole('cell', { name: id.roles.case_handler, exact: true })).toBeVisible();
  await expect(grants.getByRole('cell', { name: `${newUnit.name} (DPD)`, exact: true })).toBeVisible();
  await expectAccessible(page, 'user detail page');

  // The audit log shows what happened; the outbox holds the invitation (no SMTP in tests).
  await navigate(page, id.nav.audit);
  await expect(page.getByRole('heading', { level: 1, name: id.audit.title })).toBeVisible();
  await expect(page.getByRole('region', { name: id.audit.tableLabel }).getByRole('row').nth(1)).toBeVisible();
  await expectAccessible(page, 'audit page');
  await navigate(page, id.nav.outbox);
  await expect(page.getByRole('heading', { level: 1, name: id.outbox.title })).toBeVisible();
  const invitation = page.getByRole('listitem').filter({ hasText: invitee.email }).first();
  await expect(invitation).toBeVisible();
  await invitation.getByText(id.outbox.showBody).click();
  const link = invitation.getByRole('link', { name: /\/reset-password#token=/ });
  shared.inviteLink = (await link.getAttribute('href')) ?? '';
  expect(shared.inviteLink).toContain('/reset-password#token=');
  await expectAccessible(page, 'outbox page');

  // Log out.
  await openUserMenu(page);
  await page.getByRole('menuitem', { name: id.auth.logout }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login\?next=%2Fusers$/);
});

test('the setup link no longer works after setup', async ({ page }) => {
  await page.goto(`/setup#token=${state().setupToken}`);
  await expect(page.getByText(id.setup.doneTitle)).toBeVisible();
  await expect(page.getByRole('button', { name: id.setup.submit })).toHaveCount(0);
  await expectAccessible(page, 'setup page after setup');

  // The API refuses the token too, whatever the page shows.
  const csrf = (await (await page.request.get('/api/v1/csrf')).json()) as { token: string };
  const response = await page.request.post('/api/v1/setup', {
    headers: { 'x-csrf-token': csrf.token },
    data: {
      token: state().setupToken,
      email: 'other@example.org',
      displayName: 'X',
      password: admin.password,
      language: 'id',
    },
  });
  expect(response.status()).toBe(410);
  expect(((await response.json()) as { code: string }).code).toBe('setup_unavailable');
});

test('the language switch changes the text and is remembered, before and after login', async ({
  page,
  browser,
}) => {
  // Before login: the choice is kept in this browser.
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: id.auth.login.title })).toBeVisible();
  await page.getByRole('button', { name: new RegExp(id.language.names.id) }).click();
  await expect(page.getByRole('menuitem', { name: id.language.names.id })).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expectAccessible(page, 'language menu');
  await page.getByRole('menuitem', { name: en.language.names.en }).click();
  await expect(page.getByRole('heading', { level: 1, name: en.auth.login.title })).toBeVisible();
  await expect(page.getByLabel(field(en.fields.password))).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: en.auth.login.title })).toBeVisible();
  await expectAccessible(page, 'login page in English');

  // Once the password is accepted the account's language (Indonesian, chosen at setup) takes over.
  await logInWithRecoveryCode(page, en, id);
  await expect(page.getByRole('heading', { level: 1, name: `Selamat datang, ${admin.name}` })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');

  // After login: the switch in the user menu is saved on the account.
  await openUserMenu(page);
  await page.getByRole('menuitem', { name: en.language.names.en }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: en.nav.units })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page, 'home page in English');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible();
  // A choice left in this browser does not win over the account's language.
  await page.evaluate(() => localStorage.setItem('setara.language', 'id'));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: en.nav.audit })).toBeVisible();

  // A fresh browser starts in Indonesian and switches to the account's English at login.
  const context = await browser.newContext({ baseURL: state().baseURL });
  const fresh = await context.newPage();
  await fresh.goto('/login');
  await logInWithRecoveryCode(fresh, id, en);
  await expect(fresh.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible();
  await expect(fresh.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

test('an invited user sets a password and must enrol TOTP because of the case role', async ({ page }) => {
  expect(shared.inviteLink).not.toBe('');
  const url = new URL(shared.inviteLink);
  await page.goto(`${url.pathname}${url.hash}`);
  await expect(page.getByRole('heading', { level: 1, name: id.auth.reset.title })).toBeVisible();
  await expectAccessible(page, 'reset password page');
  await page.getByLabel(field(id.fields.newPassword)).fill(invitee.password);
  await page.getByLabel(field(id.fields.confirmPassword)).fill(invitee.password);
  await page.getByRole('button', { name: id.auth.reset.submit }).click();
  await expect(page).toHaveURL(/\/login$/);

  await logInWithPassword(page, invitee.email, invitee.password);
  await expect(page).toHaveURL(/\/enrol$/);
  await expect(page.getByRole('heading', { level: 1, name: id.enrol.title })).toBeVisible();
  await expectAccessible(page, 'forced enrolment page');
  await page.getByRole('button', { name: id.totp.start }).click();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
  await page.getByLabel(field(id.fields.totpCode)).fill(await freshTotpCode(secret));
  await page.getByRole('button', { name: id.totp.confirm, exact: true }).click();
  await page.getByLabel(id.totp.savedConfirm).check();
  await page.getByRole('button', { name: id.totp.finish, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Selamat datang, ${invitee.name}` }),
  ).toBeVisible();
  await expect(page.getByText(id.roles.case_handler, { exact: true })).toBeVisible();
  // No administrator screens for a case handler.
  await expect(page.getByRole('navigation').getByRole('link', { name: id.nav.users })).toHaveCount(0);
  await expectAccessible(page, 'home page of a case handler');
});

test('the other administrator screens and dialogs are accessible and keyboard usable', async ({ page }) => {
  // Log in with a code from the authenticator (a new one: the enrolment code may not be used twice).
  // The account's language is English since the language journey.
  await page.goto('/login');
  await logInWithPassword(page, admin.email, admin.password, id);
  await expect(page.getByRole('heading', { level: 1, name: en.auth.totp.title })).toBeVisible();
  shared.lastTotpCode = await freshTotpCode(shared.totpSecret, shared.lastTotpCode);
  await page.getByLabel(field(en.fields.totpCode)).fill(shared.lastTotpCode);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible();
  handOverAdmin();

  // Units: expand and collapse with the keyboard.
  await page.getByRole('navigation').getByRole('link', { name: en.nav.units }).click();
  const tree = page.getByRole('list', { name: en.units.treeLabel });
  await expect(tree.getByText(newUnit.name, { exact: true })).toBeVisible();
  const toggle = tree.getByRole('button', { name: /^Sub-units of / }).first();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.getByText(newUnit.name, { exact: true })).toHaveCount(0);
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(tree.getByText(newUnit.name, { exact: true })).toBeVisible();

  // Each unit dialog.
  const actions = page.getByRole('button', { name: `Actions for ${newUnit.name}` });
  await actions.click();
  await expectAccessible(page, 'unit actions menu');
  await page.getByRole('menuitem', { name: en.units.actions.rename }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'rename unit dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await actions.click();
  await page.getByRole('menuitem', { name: en.units.actions.move }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'move unit dialog');
  await page.getByRole('dialog').getByRole('button', { name: en.common.cancel }).click();
  await actions.click();
  await page.getByRole('menuitem', { name: en.units.actions.deactivate }).click();
  await expectAccessible(page, 'deactivate unit dialog');
  await page.getByRole('dialog').getByRole('button', { name: en.units.actions.deactivate }).click();
  await expect(tree.getByText(newUnit.name, { exact: true })).toHaveCount(0);
  await page.getByLabel(en.units.showInactive).check();
  await expect(tree.getByText(en.units.inactive, { exact: true })).toBeVisible();
  await expectAccessible(page, 'units page with inactive units');
  await actions.click();
  await page.getByRole('menuitem', { name: en.units.actions.reactivate }).click();
  await page.getByRole('dialog').getByRole('button', { name: en.units.actions.reactivate }).click();
  await expect(tree.getByText(en.units.inactive, { exact: true })).toHaveCount(0);

  // Users: search, the detail page's reset dialog, on a 360 px phone.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByRole('button', { name: en.nav.open }).click();
  await page.getByRole('navigation').getByRole('link', { name: en.nav.users }).click();
  await page.getByLabel(en.users.search).fill('dewi');
  await expect(page.getByRole('link', { name: invitee.name })).toBeVisible();
  await expect(page.getByRole('link', { name: admin.name })).toHaveCount(0);
  await expectAccessible(page, 'users page at 360 px');
  await page.getByRole('link', { name: invitee.name }).click();
  await expect(page.getByRole('heading', { level: 1, name: invitee.name })).toBeVisible();
  await expectAccessible(page, 'user detail page at 360 px');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: en.users.resetPassword }).click();
  await expectAccessible(page, 'reset password dialog');
  await page.getByRole('dialog').getByRole('button', { name: en.users.resetPassword }).click();
  await expect(page.getByText(`Password reset link sent to ${invitee.email}.`)).toBeVisible();

  // Audit log filtered by action; account page with TOTP on; an unknown address.
  await page.getByRole('navigation').getByRole('link', { name: en.nav.audit }).click();
  await page.getByLabel(en.audit.filters.action).fill('user.create');
  await page.getByRole('button', { name: en.audit.filters.apply }).click();
  await expectAccessible(page, 'filtered audit page');
  await page.getByRole('navigation').getByRole('link', { name: en.nav.account }).click();
  await expect(page.getByRole('button', { name: en.totp.disable })).toBeVisible();
  await expectAccessible(page, 'account page with TOTP on');
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: en.notFound.title })).toBeVisible();
  await expectAccessible(page, 'not found page');
});
