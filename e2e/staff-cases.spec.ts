import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import pub from '../shared/locales/id/public.json' with { type: 'json' };
import reminders from '../shared/locales/id/web-case-reminders.json' with { type: 'json' };
import id from '../shared/locales/id/web.json' with { type: 'json' };
import {
  apiCall,
  expectAccessible,
  field,
  fill,
  freshTotpCode,
  grantRole,
  settle,
  signInAdmin,
  state,
  test,
} from './support.ts';

/**
 * Case handling as the staff meet it, in Indonesian: a survivor reports on the public page (no
 * JavaScript) that it happened in DPD Jawa Barat; the DPD's coordinator assigns a handler; the handler
 * triages, records consent, refers, writes to the reporter and reviews the rights checklist; the
 * coordinator decides the outcome and closes the case. A handler of another DPD never sees it.
 * The structure and the accounts are made through the API by the administrator.
 */
test.describe.configure({ mode: 'serial' });

interface Unit {
  id: number;
  parentId: number | null;
  name: string;
}

/** The administrator of journeys.spec.ts (same identity), used when this file runs on its own. */
interface Person {
  email: string;
  name: string;
  unit: 'jabar' | 'banten';
  role: 'case_coordinator' | 'case_handler';
  totpSecret: string;
  lastCode: string;
}
const password = 'Tim-Kasus-Aman-2026!';
const coordinator: Person = {
  email: 'rina.koordinator@example.org',
  name: 'Rina Koordinator',
  unit: 'jabar',
  role: 'case_coordinator',
  totpSecret: '',
  lastCode: '',
};
const handler: Person = {
  email: 'wulan.pendamping@example.org',
  name: 'Wulan Pendamping',
  unit: 'jabar',
  role: 'case_handler',
  totpSecret: '',
  lastCode: '',
};
const bantenHandler: Person = {
  email: 'yanti.banten@example.org',
  name: 'Yanti Pendamping Banten',
  unit: 'banten',
  role: 'case_handler',
  totpSecret: '',
  lastCode: '',
};

const units = {
  jabar: { name: 'DPD Jawa Barat', code: 'DPD-JABAR', level: 'DPD' },
  dpc: { name: 'DPC Kabupaten Bekasi', code: 'DPC-BEKASI', level: 'DPC' },
  psp: { name: 'PSP PT Tekstil Cikarang', code: 'PSP-TEKSTIL-CKR', level: 'PSP' },
  banten: { name: 'DPD Banten', code: 'DPD-BANTEN', level: 'DPD' },
};

/** Filled as the journey goes. */
const shared = { receipt: '', caseId: '', reference: '' };
const teamMessage = 'Halo, saya Wulan, pendamping Anda. Kapan waktu yang aman untuk kita bicara?';

/**
 * Signs the administrator in through the API. journeys.spec.ts makes it and hands it over on disk; when
 * no journey has made it yet (first-run setup still open, e.g. this file run on its own) it is made here,
 * with the same identity, and handed on. Caveat: Playwright runs files in name order, so in a full run
 * this file comes before journeys.spec.ts and takes the setup that journey expects to do.
 */
/** An account with a password: the invitation from the outbox is redeemed as the invitee would. */
async function createAccount(page: Page, person: Person, homeUnitId: number, grantUnitId: number) {
  const user = await apiCall<{ id: string }>(page, 'POST', '/users', {
    email: person.email,
    displayName: person.name,
    language: 'id',
    homeUnitId,
  });
  const outbox = await apiCall<{ items: { recipient: string; body: string; createdAt: string }[] }>(
    page,
    'GET',
    '/outbox',
  );
  const invitation = outbox.items
    .filter((message) => message.recipient === person.email)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const token = /\/reset-password#token=([A-Za-z0-9_~.%-]+)/.exec(invitation?.body ?? '')?.[1];
  expect(token, `invitation link for ${person.email}`).toBeTruthy();
  await apiCall(page, 'POST', '/auth/reset', {
    token: decodeURIComponent(token ?? ''),
    newPassword: password,
  });
  await grantRole(page, user.id, { role: person.role, unitId: grantUnitId });
}

/**
 * Signs a case-role account in through the login screens. The first time the app insists on TOTP
 * enrolment (/enrol); the secret shown there is kept to answer the code step of later sign-ins.
 */
async function signIn(page: Page, person: Person) {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: id.auth.login.title })).toBeVisible();
  await page.getByLabel(field(id.fields.email)).fill(person.email);
  await page.getByLabel(field(id.fields.password)).fill(password);
  await page.getByRole('button', { name: id.auth.login.submit, exact: true }).click();
  if (!person.totpSecret) {
    await expect(page).toHaveURL(/\/enrol$/);
    await expect(page.getByRole('heading', { level: 1, name: id.enrol.title })).toBeVisible();
    await page.getByRole('button', { name: id.totp.start }).click();
    const secretBox = page.getByTestId('totp-secret');
    await expect(secretBox).toBeVisible();
    person.totpSecret = ((await secretBox.textContent()) ?? '').replace(/\s+/g, '');
    expect(person.totpSecret).toMatch(/^[A-Z2-7]+=*$/);
    person.lastCode = await freshTotpCode(person.totpSecret);
    await page.getByLabel(field(id.fields.totpCode)).fill(person.lastCode);
    await page.getByRole('button', { name: id.totp.confirm, exact: true }).click();
    await expect(page.getByRole('heading', { name: id.totp.recoveryTitle })).toBeVisible();
    await page.getByLabel(id.totp.savedConfirm).check();
    await page.getByRole('button', { name: id.totp.finish, exact: true }).click();
  } else {
    await expect(page.getByRole('heading', { level: 1, name: id.auth.totp.title })).toBeVisible();
    person.lastCode = await freshTotpCode(person.totpSecret, person.lastCode);
    await page.getByLabel(field(id.fields.totpCode)).fill(person.lastCode);
    await page.getByRole('button', { name: id.auth.totp.submit, exact: true }).click();
  }
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.home.greeting, { name: person.name }) }),
  ).toBeVisible();
  await expect(page.getByText(id.roles[person.role], { exact: true }).first()).toBeVisible();
}

async function openCasesList(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: id.nav.cases, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: id.cases.title })).toBeVisible();
}

/** The row of this journey's case in the list shown now. */
const caseRow = (page: Page): Locator =>
  page
    .getByRole('region', { name: id.cases.tableLabel })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: shared.reference, exact: true }) });

async function openCase(page: Page) {
  await page.goto(`/cases/${shared.caseId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.cases.caseTitle, { reference: shared.reference }) }),
  ).toBeVisible();
}

async function openTab(page: Page, name: string) {
  await page
    .getByRole('tablist', { name: id.cases.sections.label })
    .getByRole('tab', { name, exact: true })
    .click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
}

/** Moves the case with the transition dialog; `extra` fills what the target state needs. */
async function transition(
  page: Page,
  to: keyof typeof id.cases.states,
  reason: string,
  extra?: () => Promise<void>,
) {
  await page.getByRole('button', { name: id.cases.transition.action, exact: true }).click();
  const dialog = page.getByRole('dialog', {
    name: fill(id.cases.transition.title, { reference: shared.reference }),
  });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(field(id.cases.transition.to)).selectOption(to);
  await extra?.();
  await dialog.getByRole('textbox', { name: field(id.cases.transition.reason) }).fill(reason);
  return dialog;
}

async function submitTransition(page: Page, dialog: Locator, to: keyof typeof id.cases.states) {
  await dialog.getByRole('button', { name: id.cases.transition.submit, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(fill(id.cases.transition.done, { state: id.cases.states[to] }))).toBeVisible();
  await expect(stateBadge(page)).toHaveText(id.cases.states[to]);
}

/** The state badge under the case's heading. */
const stateBadge = (page: Page): Locator =>
  page
    .getByRole('main')
    .getByText(new RegExp(`^(${Object.values(id.cases.states).join('|')})$`))
    .first();

async function expectNoSidewaysScroll(page: Page, what: string) {
  // The navigation slides away once the viewport is narrow; measure after it has gone.
  await expect(page.getByRole('navigation', { name: id.nav.label })).not.toBeInViewport();
  await settle(page);
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll, `${what} scrolls sideways at 360 px`).toBeLessThanOrEqual(widths.client);
}

/** axe on a page served without script: the same HTML once more, in a script-enabled page. */
async function expectAccessibleAsServed(browser: Browser, html: string, url: string, what: string) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  try {
    const checker = await context.newPage();
    const target = new URL('/lapor/axe-check', url).toString();
    await checker.route(target, (route) =>
      route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    await checker.goto(target);
    await expectAccessible(checker, what);
  } finally {
    await context.close();
  }
}

test('setup: DPD Jawa Barat with a DPC and PSP, DPD Banten, case accounts; a report arrives', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAdmin(page);

  // The structure: DPD Jawa Barat (journeys.spec.ts may have made it already) → DPC → PSP; DPD Banten.
  const top = await apiCall<{ items: Unit[] }>(page, 'GET', '/units');
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0];
  expect(root, 'the top unit').toBeDefined();
  if (!root) return;
  const children = await apiCall<{ items: Unit[] }>(page, 'GET', `/units?parentId=${root.id}`);
  const create = (parentId: number, unit: { name: string; code: string; level: string }) =>
    apiCall<Unit>(page, 'POST', '/units', { parentId, ...unit });
  const jabar =
    children.items.find((unit) => unit.name === units.jabar.name) ?? (await create(root.id, units.jabar));
  const dpc = await create(jabar.id, units.dpc);
  await create(dpc.id, units.psp);
  const banten = await create(root.id, units.banten);

  // Accounts with a password, each with its case role at its DPD.
  const unitOf = (person: Person) => (person.unit === 'jabar' ? jabar.id : banten.id);
  for (const person of [coordinator, handler, bantenHandler])
    await createAccount(page, person, unitOf(person), unitOf(person));

  // A survivor reports on the public page, without JavaScript, naming DPD Jawa Barat.
  const reporterContext = await browser.newContext({
    baseURL: state().baseURL,
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
  });
  try {
    const reporter = await reporterContext.newPage();
    await reporter.goto('/lapor');
    await expect(reporter.getByRole('heading', { level: 1, name: pub.intro.heading })).toBeVisible();
    await expectAccessibleAsServed(browser, await reporter.content(), reporter.url(), 'public report form');
    await reporter
      .getByRole('group', { name: new RegExp(pub.form.reporter.legend) })
      .getByLabel(pub.roles.korban)
      .check();
    await reporter.getByLabel(pub.forms.KS02).check();
    await reporter.getByLabel(pub.forms.KP01).check();
    await reporter.getByLabel(pub.form.what.narrative).fill('Mandor memeluk saya dari belakang di gudang.');
    await reporter.getByLabel(pub.places.area_kerja).check();
    await reporter.getByLabel(pub.form.where.unit).selectOption({ label: units.jabar.name });
    await reporter.getByLabel(pub.form.where.detail).fill(units.psp.name);
    await reporter.getByLabel(pub.relationships.atasan).check();
    await reporter.getByLabel(pub.wishes.rujukan_satgas, { exact: true }).check();
    await reporter.getByLabel(pub.sex.P, { exact: true }).check();
    await reporter.getByLabel(pub.form.consent.process).check();
    await reporter.getByRole('button', { name: pub.form.submit }).click();
    await expect(reporter.getByRole('heading', { level: 1, name: pub.receipt.heading })).toBeVisible();
    shared.receipt = (await reporter.locator('.digits').textContent()) ?? '';
    expect(shared.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
  } finally {
    await reporterContext.close();
  }
});

test('the coordinator finds the report in her unit and assigns the handler', async ({ page }) => {
  test.setTimeout(120_000);
  expect(shared.receipt, 'the report of the first journey').not.toBe('');
  await signIn(page, coordinator);
  await openCasesList(page);

  // A coordinator's list opens on her unit's cases, which hold the new case with its first-contact
  // deadline; nothing is assigned to her personally.
  await expect(page.getByRole('tab', { name: id.cases.scope.unit, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByRole('tab', { name: id.cases.scope.mine, exact: true }).click();
  await expect(page.getByText(id.cases.none.mine)).toBeVisible();
  await page.getByRole('tab', { name: id.cases.scope.unit, exact: true }).click();
  const table = page.getByRole('region', { name: id.cases.tableLabel });
  const row = table
    .getByRole('row')
    .filter({ hasText: 'KS02' })
    .filter({ hasText: id.cases.states.received });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(units.jabar.name);
  await expect(row).toContainText(id.cases.deadlineKinds.first_contact);
  await expect(row).toContainText(id.cases.caseRoles.coordinator);
  await expect(row).not.toContainText(id.cases.noDeadline);
  await expectAccessible(page, 'cases list, my unit');
  shared.reference = ((await row.getByRole('link').textContent()) ?? '').trim();
  expect(shared.reference).not.toBe('');

  // The case page: received, handled by DPD Jawa Barat, first contact due.
  await row.getByRole('link', { name: shared.reference, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.cases.caseTitle, { reference: shared.reference }) }),
  ).toBeVisible();
  shared.caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
  expect(shared.caseId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(stateBadge(page)).toHaveText(id.cases.states.received);
  await expect(page.getByRole('main')).toContainText(id.cases.deadlineKinds.first_contact);
  await expectAccessible(page, 'case page, summary');

  // Team tab → assign dialog: both Jawa Barat handlers' candidates, not the Banten one.
  await openTab(page, id.cases.sections.team);
  await expect(page.getByText(id.cases.team.none)).toBeVisible();
  await page.getByRole('button', { name: id.cases.team.assign, exact: true }).click();
  const dialog = page.getByRole('dialog', {
    name: fill(id.cases.assign.title, { reference: shared.reference }),
  });
  await expect(dialog).toBeVisible();
  const candidates = dialog.getByRole('radiogroup', { name: field(id.cases.assign.candidates) });
  await expect(candidates.getByRole('radio', { name: new RegExp(`^${handler.name} · `) })).toBeVisible();
  await expect(candidates.getByRole('radio', { name: new RegExp(bantenHandler.name) })).toHaveCount(0);
  await expectAccessible(page, 'assign dialog');
  await candidates.getByRole('radio', { name: new RegExp(`^${handler.name} · `) }).check();
  await dialog.getByRole('button', { name: id.cases.assign.submit, exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(id.cases.assign.done)).toBeVisible();
  const team = page.getByRole('region', { name: id.cases.sections.team });
  const assignment = team.getByRole('row').filter({ hasText: handler.name });
  await expect(assignment).toContainText(id.cases.caseRoles.handler);
  await expectAccessible(page, 'case page, team');

  // The case page on a 360 px phone: no sideways scrolling.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.cases.caseTitle, { reference: shared.reference }) }),
  ).toBeVisible();
  await expectNoSidewaysScroll(page, 'case page');
  await expectAccessible(page, 'case page at 360 px');
});

test('the handler triages, records consent, refers, writes to the reporter and reviews her rights', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  expect(shared.caseId, 'the case of the earlier journeys').not.toBe('');
  await signIn(page, handler);
  await openCasesList(page);

  // "My cases" lists it, with her role.
  await expect(page.getByRole('tab', { name: id.cases.scope.mine, exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const row = caseRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(id.cases.caseRoles.handler);
  await expect(row).toContainText(id.cases.states.received);
  await expectAccessible(page, 'cases list, my cases');
  await row.getByRole('link', { name: shared.reference, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: fill(id.cases.caseTitle, { reference: shared.reference }) }),
  ).toBeVisible();
  // A handler does not assign or reroute.
  await expect(page.getByRole('button', { name: id.cases.routing.action })).toHaveCount(0);

  // Received → triage, with a reason: the only move a handler has here.
  const dialog = await transition(page, 'triage', 'Kontak pertama lewat pesan; korban aman saat ini.');
  await expect(dialog.getByLabel(field(id.cases.transition.to)).locator('option')).toHaveText([
    id.cases.intake.choose,
    id.cases.states.triage,
  ]);
  await expectAccessible(page, 'transition dialog');
  await submitTransition(page, dialog, 'triage');

  // Consent for the Satgas PPKS route, given.
  const route = 'rujukan_satgas_ppks';
  await openTab(page, id.cases.sections.consent);
  await expect(page.getByText(id.cases.consent.none)).toBeVisible();
  const consentForm = page.getByRole('form', { name: id.cases.consent.add });
  await consentForm.getByLabel(field(id.cases.consent.route)).selectOption(route);
  await consentForm.getByLabel(field(id.cases.consent.status)).selectOption('given');
  await consentForm.getByLabel(id.cases.consent.note).fill('Persetujuan lisan lewat telepon.');
  await consentForm.getByRole('button', { name: id.cases.consent.submit, exact: true }).click();
  await expect(page.getByText(id.cases.consent.recorded)).toBeVisible();
  const consents = page.getByRole('region', { name: id.cases.sections.consent });
  const consent = consents.getByRole('row').filter({ hasText: id.cases.consentRoutes[route] });
  await expect(consent).toContainText(id.cases.consentStatuses.given);
  await expect(consent).toContainText(handler.name);
  await expectAccessible(page, 'case page, consent');

  // A referral on that route: the form shows the consent on record.
  await openTab(page, id.cases.sections.referrals);
  await expect(page.getByText(id.cases.referrals.none)).toBeVisible();
  const referralForm = page.getByRole('form', { name: id.cases.referrals.add });
  await referralForm.getByLabel(field(id.cases.referrals.service)).selectOption(route);
  await expect(referralForm.getByRole('status')).toContainText(id.cases.consentStatuses.given);
  await referralForm.getByLabel(id.cases.referrals.recipient).fill('Satgas PPKS PT Tekstil Cikarang');
  await referralForm.getByRole('button', { name: id.cases.referrals.submit, exact: true }).click();
  await expect(page.getByText(id.cases.referrals.added)).toBeVisible();
  const referral = page
    .getByRole('region', { name: id.cases.sections.referrals })
    .getByRole('row')
    .filter({ hasText: id.cases.services[route] });
  await expect(referral).toContainText('Satgas PPKS PT Tekstil Cikarang');
  await expect(referral).not.toContainText(id.cases.referrals.emergencyBadge);
  await expectAccessible(page, 'case page, referrals');

  // A message to the reporter.
  await openTab(page, id.cases.sections.messages);
  await expect(page.getByText(id.cases.messages.none)).toBeVisible();
  await page.getByLabel(field(id.cases.messages.new)).fill(teamMessage);
  await page.getByRole('button', { name: id.cases.messages.submit, exact: true }).click();
  await expect(page.getByText(id.cases.messages.sent)).toBeVisible();
  const sent = page.getByRole('listitem').filter({ hasText: teamMessage });
  await expect(sent).toContainText(id.cases.messages.from.team);
  await expect(sent).toContainText(handler.name);
  await expectAccessible(page, 'case page, messages');

  // The rights checklist: all nine items reviewed.
  await openTab(page, id.cases.sections.rights);
  await expect(page.getByText(id.cases.rights.notReviewed, { exact: true })).toBeVisible();
  const rights = page.getByRole('form', { name: id.cases.sections.rights });
  const items = Object.keys(id.cases.rightsItems) as (keyof typeof id.cases.rightsItems)[];
  expect(items).toHaveLength(9);
  for (const item of items) {
    const status = item === 'penghapusan_konten' ? 'tidak_relevan' : 'diberikan';
    await rights
      .getByRole('radiogroup', { name: id.cases.rightsItems[item], exact: true })
      .getByRole('radio', { name: id.cases.rightsStatuses[status], exact: true })
      .check();
  }
  await rights
    .getByLabel(fill(id.cases.rights.noteFor, { item: id.cases.rightsItems.perlindungan_pekerjaan }))
    .fill('Perusahaan diminta tidak memindahkan korban.');
  await rights.getByRole('button', { name: id.cases.rights.submit, exact: true }).click();
  await expect(page.getByText(id.cases.rights.saved)).toBeVisible();
  await expect(page.getByText(id.cases.rights.reviewed, { exact: true })).toBeVisible();
  await expectAccessible(page, 'case page, rights checklist');

  // The reporter reads the team's message on her follow-up page with the receipt.
  const reporterContext = await browser.newContext({ baseURL: state().baseURL, javaScriptEnabled: false });
  try {
    const reporter = await reporterContext.newPage();
    await reporter.goto('/lapor/cek');
    await reporter.getByLabel(pub.check.label).fill(shared.receipt);
    await reporter.getByRole('button', { name: pub.check.submit }).click();
    await expect(reporter.getByRole('heading', { level: 1, name: pub.status.heading })).toBeVisible();
    await expect(reporter.getByText(pub.status.states.triage)).toBeVisible();
    await expect(reporter.getByText(teamMessage)).toBeVisible();
  } finally {
    await reporterContext.close();
  }
});

test('the coordinator decides the outcome and closes the case; the timeline keeps every move', async ({
  page,
}) => {
  test.setTimeout(150_000);
  expect(shared.caseId, 'the case of the earlier journeys').not.toBe('');
  await signIn(page, coordinator);
  await openCase(page);
  await expect(stateBadge(page)).toHaveText(id.cases.states.triage);

  // Triage → handling.
  let dialog = await transition(page, 'handling', 'Korban setuju dirujuk ke Satgas PPKS.');
  await submitTransition(page, dialog, 'handling');

  // Handling → monitoring: an outcome is required; mediation is never offered for sexual violence.
  dialog = await transition(page, 'monitoring', 'Perusahaan menjatuhkan sanksi kepada mandor.', async () => {
    const outcome = page.getByRole('dialog').getByLabel(field(id.cases.fields.outcome));
    await expect(outcome.locator('option', { hasText: id.cases.outcomes.mediasi_damai })).toHaveCount(0);
    await expect(page.getByRole('dialog').getByText(id.cases.transition.noMediation)).toBeVisible();
    await outcome.selectOption('sanksi_perusahaan');
  });
  await expectAccessible(page, 'transition dialog, outcome');
  await submitTransition(page, dialog, 'monitoring');

  // Monitoring → closed, reason "selesai"; the rights checklist was reviewed, so no warning.
  dialog = await transition(page, 'closed', 'Pemantauan selesai; tidak ada pembalasan.', async () => {
    await page.getByRole('dialog').getByLabel(field(id.cases.fields.closingReason)).selectOption('selesai');
    await expect(page.getByRole('dialog').getByText(id.cases.transition.rightsTitle)).toHaveCount(0);
  });
  await expectAccessible(page, 'transition dialog, closing');
  await submitTransition(page, dialog, 'closed');
  // A closed case has only one way on: reopening.
  await page.getByRole('button', { name: id.cases.transition.action, exact: true }).click();
  await expect(
    page.getByRole('dialog').getByLabel(field(id.cases.transition.to)).locator('option'),
  ).toHaveText([id.cases.intake.choose, id.cases.states.handling]);
  await page.getByRole('dialog').getByRole('button', { name: id.common.cancel }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  // Closed, the case keeps its retaliation check-ins after the outcome (30, 90, 180 days).
  const watch = page.getByRole('region', { name: reminders.caseReminders.checkins.title });
  await expect(watch).toContainText(id.cases.deadlineKinds.checkin_30);
  await expect(watch).toContainText(id.cases.deadlineKinds.checkin_180);
  await expectAccessible(page, 'case page, closed');

  // The timeline: every transition, by whom, with its reason.
  await openTab(page, id.cases.sections.timeline);
  const timeline = page.getByRole('region', { name: id.cases.sections.timeline });
  const moves = timeline.getByRole('row').filter({ hasText: id.cases.timelineKinds.transition });
  await expect(moves).toHaveCount(4);
  // The coded facts of a move, whatever order the server keeps them in.
  const expectMove = async (
    row: Locator,
    from: keyof typeof id.cases.states,
    to: keyof typeof id.cases.states,
  ) => {
    await expect(row).toContainText(`${id.cases.factKeys.from}: ${id.cases.states[from]}`);
    await expect(row).toContainText(`${id.cases.factKeys.to}: ${id.cases.states[to]}`);
  };
  await expectMove(moves.nth(0), 'received', 'triage');
  await expect(moves.nth(0)).toContainText(handler.name);
  await expectMove(moves.nth(1), 'triage', 'handling');
  await expectMove(moves.nth(2), 'handling', 'monitoring');
  await expect(moves.nth(2)).toContainText(
    `${id.cases.factKeys.outcome}: ${id.cases.outcomes.sanksi_perusahaan}`,
  );
  await expect(moves.nth(2)).toContainText('Perusahaan menjatuhkan sanksi kepada mandor.');
  await expectMove(moves.nth(3), 'monitoring', 'closed');
  await expect(moves.nth(3)).toContainText(
    `${id.cases.factKeys.closingReason}: ${id.cases.closingReasons.selesai}`,
  );
  await expect(moves.nth(3)).toContainText(coordinator.name);
  for (const kind of ['received', 'assignment', 'consent', 'referral', 'message_team', 'rights'] as const)
    await expect(
      timeline.getByRole('row').filter({ hasText: id.cases.timelineKinds[kind] }).first(),
    ).toBeVisible();
  await expectAccessible(page, 'case page, timeline');

  // The list shows it closed.
  await openCasesList(page);
  await page.getByRole('tab', { name: id.cases.scope.unit, exact: true }).click();
  await expect(caseRow(page)).toContainText(id.cases.states.closed);
});

test('a handler of DPD Banten neither lists nor opens the case', async ({ page }) => {
  test.setTimeout(120_000);
  expect(shared.caseId, 'the case of the earlier journeys').not.toBe('');
  await signIn(page, bantenHandler);
  await openCasesList(page);
  await expect(page.getByText(id.cases.none.mine)).toBeVisible();
  // She coordinates no unit, so "my unit's cases" is not offered; the server lists nothing there either.
  await expect(page.getByRole('tab', { name: id.cases.scope.unit, exact: true })).toHaveCount(0);
  const unitList = await page.request.get('/api/v1/cases?scope=unit&limit=100');
  expect(unitList.ok()).toBe(true);
  expect(((await unitList.json()) as { items: unknown[] }).items).toEqual([]);
  await expect(page.getByRole('link', { name: shared.reference })).toHaveCount(0);
  await expectAccessible(page, 'cases list of another DPD');

  // Its address, typed in: the server answers 404 and the screen says "not found", nothing more.
  const answer = page.waitForResponse(
    (response) => new URL(response.url()).pathname === `/api/v1/cases/${shared.caseId}`,
  );
  await page.goto(`/cases/${shared.caseId}`);
  expect((await answer).status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: id.cases.notFound.title })).toBeVisible();
  await expect(page.getByText(id.cases.notFound.body)).toBeVisible();
  await expect(page.getByText(shared.reference)).toHaveCount(0);
  await expect(page.getByRole('tablist', { name: id.cases.sections.label })).toHaveCount(0);
  await expectAccessible(page, 'case not found');
});
