import { randomBytes } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';
import pub from '../shared/locales/id/public.json' with { type: 'json' };
import tr from '../shared/locales/id/training.json' with { type: 'json' };
import web from '../shared/locales/id/web.json' with { type: 'json' };
import {
  apiCall,
  axeViolationsAsServed,
  expectAccessible,
  field,
  fill,
  grantRole,
  signInAdmin,
  state,
  test,
} from './support.ts';

/**
 * Capacity building, end to end (issue 12, training.md): a gender officer at the top unit organises a mixed
 * class of four seats under a 30% quota rule that blocks; the DPD officer nominates three men and a woman;
 * the organiser accepts two men, is refused the third with the quota's explanation and returns him, and
 * accepts the woman. The woman checks in herself on a phone without JavaScript, the trainer copies the
 * others from the paper sheet, runs completion and issues her certificate; the public verification page
 * shows it valid with her name masked, and revoked once the organiser revokes it. Units, members, accounts
 * and the rule carry a fresh suffix, so the spec depends on no other spec's data.
 */

const baseURL = (): string => process.env.E2E_BASE_URL || state().baseURL;

interface Account {
  email: string;
  password: string;
}

/** An account made by the admin: invitation from the outbox, password set through the reset link, role granted. */
async function makeAccount(
  admin: Page,
  who: { email: string; name: string; homeUnitId: number; role: string; unitId: number },
): Promise<Account> {
  const user = await apiCall<{ id: string }>(admin, 'POST', '/users', {
    email: who.email,
    displayName: who.name,
    language: 'id',
    homeUnitId: who.homeUnitId,
  });
  const outbox = await apiCall<{ items: { recipient: string; body: string; createdAt: string }[] }>(
    admin,
    'GET',
    '/outbox',
  );
  const invitation = outbox.items
    .filter((message) => message.recipient === who.email)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const token = /\/reset-password#token=([A-Za-z0-9_~.%-]+)/.exec(invitation?.body ?? '')?.[1];
  expect(token, `invitation link for ${who.email}`).toBeTruthy();
  const password = `Pelatihan-${randomBytes(6).toString('hex')}!`;
  await apiCall(admin, 'POST', '/auth/reset', {
    token: decodeURIComponent(token ?? ''),
    newPassword: password,
  });
  await grantRole(admin, user.id, { role: who.role, unitId: who.unitId });
  return { email: who.email, password };
}

/** A page of its own browser context, signed in (no TOTP: neither role touches cases). */
async function signedIn(browser: Browser, account: Account): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL() });
  const page = await context.newPage();
  await page.goto('/login');
  const login = await apiCall<{ stage: string }>(page, 'POST', '/auth/login', account);
  expect(login.stage).toBe('full');
  return page;
}

/** Now in Asia/Jakarta (WIB, UTC+7 all year) as a date and an HH:MM time, minutes from now. */
function jakarta(minutesFromNow: number): { date: string; time: string } {
  const iso = new Date(Date.now() + (minutesFromNow + 7 * 60) * 60_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

interface ClassApiView {
  sessions: { id: number }[];
  participants: {
    id: string;
    name: string;
    enrolmentCode: string | null;
    certificate: { code: string } | null;
  }[];
}

test('a class under a 30% quota: nominations, a refusal explained, check-in without JavaScript, a certificate verified and revoked', async ({
  browser,
  page,
}) => {
  test.setTimeout(300_000);
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  await signInAdmin(page);
  await apiCall(page, 'PATCH', '/me', { language: 'id' });

  // The data: a DPD with a workplace below it and four members (three men, a woman).
  const top = await apiCall<{ items: { id: number; parentId: number | null; name: string }[] }>(
    page,
    'GET',
    '/units',
  );
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0]!;
  const dpdName = `DPD Kalimantan Timur ${suffix}`;
  const dpd = await apiCall<{ id: number }>(page, 'POST', '/units', {
    parentId: root.id,
    name: dpdName,
    code: `DPD-T-${suffix}`,
    level: 'DPD',
  });
  const dpc = await apiCall<{ id: number }>(page, 'POST', '/units', {
    parentId: dpd.id,
    name: `DPC Kota Balikpapan ${suffix}`,
    code: `DPC-T-${suffix}`,
    level: 'DPC',
  });
  const psp = await apiCall<{ id: number }>(page, 'POST', '/units', {
    parentId: dpc.id,
    name: `PSP PT Kilang Balikpapan ${suffix}`,
    code: `PSP-T-${suffix}`,
    level: 'PSP',
  });
  const people = [
    { number: `T1-${suffix}`, name: 'Budi Laskar', sex: 'L' },
    { number: `T2-${suffix}`, name: 'Agus Laskar', sex: 'L' },
    { number: `T3-${suffix}`, name: 'Joko Laskar', sex: 'L' },
    { number: `T4-${suffix}`, name: 'Kartini Laskar', sex: 'P' },
  ] as const;
  for (const person of people)
    await apiCall(page, 'POST', '/members', {
      memberNumber: person.number,
      fullName: person.name,
      sex: person.sex,
      unitId: psp.id,
    });
  const [budi, agus, joko, kartini] = people;

  // Accounts: a gender officer at the top unit (quota rules are written there) and a trainer.
  const lower = suffix.toLowerCase();
  const officer = await makeAccount(page, {
    email: `gender.${lower}@spn.test`,
    name: `Dewi Gender ${suffix}`,
    homeUnitId: root.id,
    role: 'gender_officer',
    unitId: root.id,
  });
  const trainerAccount = await makeAccount(page, {
    email: `pelatih.${lower}@spn.test`,
    name: `Rina Pelatih ${suffix}`,
    homeUnitId: dpd.id,
    role: 'trainer',
    unitId: dpd.id,
  });
  const organiser = await signedIn(browser, officer);
  const trainer = await signedIn(browser, trainerAccount);
  await apiCall(organiser, 'POST', '/quota/rules', {
    code: `training-30-${lower}`,
    rule: {
      name: `30% perempuan di setiap kelas pelatihan ${suffix}`,
      scope: { subjectKinds: ['training_class'], levels: [], delegationCategories: [] },
      metric: 'filled_share',
      thresholdBp: 3000,
      enforcement: 'block',
    },
  });

  // The organiser creates the program and a mixed class of four seats.
  const today = jakarta(0).date;
  const programName = `Pelatihan Laskar ${suffix}`;
  await organiser.goto('/training');
  await expect(organiser.getByRole('heading', { level: 1, name: tr.programs.title })).toBeVisible();
  await expectAccessible(organiser, 'training programs');
  await organiser.getByRole('button', { name: tr.programs.add }).click();
  const programDialog = organiser.getByRole('dialog', { name: tr.programs.createTitle });
  await programDialog.getByRole('textbox', { name: field(tr.programs.fields.name) }).fill(programName);
  await programDialog.getByRole('combobox', { name: field(tr.programs.fields.unit) }).fill(root.name);
  await organiser.getByRole('option', { name: new RegExp(`^${root.name} ·`) }).click();
  await programDialog
    .getByRole('textbox', { name: field(fill(tr.programs.fields.partner, { number: 1 })) })
    .fill('KSPI');
  await programDialog
    .getByRole('textbox', { name: field(tr.programs.fields.venue) })
    .fill('Hotel Gran Senyiur');
  await programDialog.getByLabel(field(tr.programs.fields.startsOn)).fill(today);
  await programDialog.getByLabel(field(tr.programs.fields.endsOn)).fill(today);
  await expectAccessible(organiser, 'new program dialog');
  await programDialog.getByRole('button', { name: web.common.create, exact: true }).click();
  await expect(organiser.getByRole('heading', { level: 1, name: programName })).toBeVisible();
  await expectAccessible(organiser, 'training program');

  const classTitle = `Kelas Laskar ${suffix}`;
  await organiser.getByRole('button', { name: tr.program.addClass }).click();
  const classDialog = organiser.getByRole('dialog', {
    name: fill(tr.classForm.title, { name: programName }),
  });
  await classDialog.getByRole('combobox', { name: field(tr.classForm.fields.track) }).selectOption('laskar');
  await classDialog.getByRole('textbox', { name: field(tr.classForm.fields.seats) }).fill('4');
  await classDialog.getByRole('textbox', { name: field(tr.classForm.fields.title) }).fill(classTitle);
  await expect(classDialog.getByRole('checkbox', { name: tr.classForm.fields.womenOnly })).not.toBeChecked();
  await expectAccessible(organiser, 'new class dialog');
  await classDialog.getByRole('button', { name: web.common.create, exact: true }).click();
  await expect(classDialog).toBeHidden();
  await organiser.getByRole('link', { name: classTitle }).click();
  await expect(organiser.getByRole('heading', { level: 1, name: classTitle })).toBeVisible();
  const classUrl = organiser.url();
  const classId = Number(/\/training\/classes\/(\d+)/.exec(classUrl)?.[1]);
  expect(classId).toBeGreaterThan(0);

  // The call: four seats for the DPD.
  await organiser.getByRole('button', { name: tr.call.add }).click();
  const callDialog = organiser.getByRole('dialog', { name: tr.call.dialogTitle });
  await callDialog.getByRole('combobox', { name: field(tr.call.unit) }).fill(dpdName);
  await organiser.getByRole('option', { name: new RegExp(`^${dpdName} ·`) }).click();
  await callDialog.getByRole('textbox', { name: field(tr.call.seats) }).fill('4');
  await callDialog.getByRole('button', { name: web.common.save, exact: true }).click();
  await expect(callDialog).toBeHidden();
  const call = organiser.getByRole('region', { name: tr.call.tableLabel });
  await expect(call.getByRole('row', { name: new RegExp(dpdName) })).toContainText('4');

  // A session starting now (WIB), and the trainer.
  const start = jakarta(-2);
  const end = jakarta(120);
  await organiser.getByRole('button', { name: tr.sessions.add }).click();
  const sessionDialog = organiser.getByRole('dialog', { name: tr.sessions.dialogTitle });
  await sessionDialog.getByRole('textbox', { name: field(tr.sessions.fields.title) }).fill('Pembukaan');
  await sessionDialog.getByLabel(field(tr.sessions.fields.date)).fill(start.date);
  await sessionDialog.getByLabel(field(tr.sessions.fields.startTime)).fill(start.time);
  await sessionDialog
    .getByLabel(field(tr.sessions.fields.endTime))
    .fill(end.date === start.date ? end.time : '23:59');
  await expectAccessible(organiser, 'new session dialog');
  await sessionDialog.getByRole('button', { name: web.common.create, exact: true }).click();
  await expect(sessionDialog).toBeHidden();
  await organiser.getByRole('button', { name: tr.people.addTrainer }).click();
  const trainerDialog = organiser.getByRole('dialog', { name: tr.people.trainerTitle });
  await trainerDialog
    .getByRole('textbox', { name: field(tr.people.trainerEmail) })
    .fill(trainerAccount.email);
  await trainerDialog.getByRole('button', { name: tr.people.addTrainer }).click();
  await expect(trainerDialog).toBeHidden();
  await expect(organiser.getByRole('region', { name: tr.people.trainers })).toContainText(
    trainerAccount.email,
  );
  await expectAccessible(organiser, 'class page, organised');

  // The DPD officer (the admin holds org_admin at the top unit) nominates four members.
  await page.goto(classUrl);
  await expect(page.getByRole('heading', { level: 1, name: classTitle })).toBeVisible();
  for (const person of people) {
    await page.getByRole('button', { name: tr.participants.nominate }).click();
    const nominateDialog = page.getByRole('dialog', {
      name: fill(tr.participants.nominateTitle, { name: classTitle }),
    });
    await nominateDialog.getByRole('combobox', { name: field(tr.participants.member) }).fill(person.number);
    await page.getByRole('option', { name: new RegExp(`^${person.name} · ${person.number}`) }).click();
    if (person === budi) await expectAccessible(page, 'nominate dialog');
    await nominateDialog.getByRole('button', { name: tr.participants.nominate }).click();
    await expect(nominateDialog).toBeHidden();
  }
  const participants = page.getByRole('region', { name: tr.participants.tableLabel });
  await expect(participants.getByRole('row')).toHaveCount(5);
  await expectAccessible(page, 'class page, nominator');

  // The organiser decides: two men accepted, the third refused by the quota and returned, the woman accepted.
  await organiser.reload();
  const decide = async (name: string) => {
    await organiser.getByRole('button', { name: fill(tr.participants.decideNamed, { name }) }).click();
    const dialog = organiser.getByRole('dialog', { name: fill(tr.participants.decideTitle, { name }) });
    await dialog.getByRole('radio', { name: tr.move.accepted }).check();
    return dialog;
  };
  for (const person of [budi, agus]) {
    const dialog = await decide(person.name);
    await dialog.getByRole('button', { name: web.common.save, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  const jokoDialog = await decide(joko.name);
  await jokoDialog.getByRole('button', { name: web.common.save, exact: true }).click();
  const refusal = jokoDialog.getByRole('alert').filter({ hasText: tr.participants.belowQuotaTitle });
  await expect(refusal).toContainText(
    fill(tr.participants.belowQuota, { required: 2, women: 0, seatsLeft: 1 }),
  );
  await expectAccessible(organiser, 'decision refused by the quota');
  await jokoDialog.getByRole('radio', { name: tr.move.returned }).check();
  await jokoDialog
    .getByRole('textbox', { name: field(tr.participants.reason) })
    .fill('Kirim calon perempuan');
  await jokoDialog.getByRole('button', { name: web.common.save, exact: true }).click();
  await expect(jokoDialog).toBeHidden();
  const kartiniDialog = await decide(kartini.name);
  await kartiniDialog.getByRole('button', { name: web.common.save, exact: true }).click();
  await expect(kartiniDialog).toBeHidden();
  const organiserTable = organiser.getByRole('region', { name: tr.participants.tableLabel });
  const rowOf = (table: typeof organiserTable, name: string) =>
    table.getByRole('row').filter({ hasText: name });
  await expect(rowOf(organiserTable, joko.name)).toContainText(tr.status.returned);
  await expect(rowOf(organiserTable, joko.name)).toContainText('Kirim calon perempuan');
  for (const person of [budi, agus, kartini])
    await expect(rowOf(organiserTable, person.name)).toContainText(tr.status.accepted);

  // Kartini checks in on her phone, JavaScript off, from the room display's QR address.
  const detail = await apiCall<ClassApiView>(organiser, 'GET', `/training/classes/${classId}`);
  const sessionId = detail.sessions[0]!.id;
  const enrolment = detail.participants.find(
    (participant) => participant.name === kartini.name,
  )?.enrolmentCode;
  expect(enrolment, 'her enrolment code').toBeTruthy();
  const phone = await browser.newContext({
    baseURL: baseURL(),
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: false,
  });
  const mobile = await phone.newPage();
  const room = await apiCall<{ code: string }>(organiser, 'GET', `/training/sessions/${sessionId}/room-code`);
  await mobile.goto(`/hadir?k=${room.code}`);
  await expect(mobile.getByRole('heading', { level: 1, name: pub.checkIn.heading })).toBeVisible();
  await mobile.getByLabel(pub.checkIn.enrolmentLabel).fill(enrolment ?? '');
  await mobile.getByRole('button', { name: pub.checkIn.submit }).click();
  await expect(mobile.getByRole('heading', { name: pub.checkIn.recordedHeading })).toBeVisible();
  await expect(
    mobile.getByText(fill(pub.checkIn.statusLine, { status: pub.checkIn.statusPresent })),
  ).toBeVisible();
  expect(await axeViolationsAsServed(browser, mobile), 'axe on the check-in answer').toEqual([]);

  // The trainer copies the men's marks from the paper sheet.
  await trainer.goto(classUrl);
  await expect(trainer.getByRole('heading', { level: 1, name: classTitle })).toBeVisible();
  await expect(trainer.getByRole('button', { name: tr.people.addTrainer })).toHaveCount(0);
  await trainer
    .getByRole('link', { name: new RegExp(`^${fill(tr.sessions.roomNamed, { when: '' })}`) })
    .click();
  await expect(trainer.getByRole('heading', { level: 1, name: tr.room.title })).toBeVisible();
  await expect(trainer.getByRole('img', { name: tr.room.qrAlt })).toBeVisible();
  await expectAccessible(trainer, 'room display');
  await trainer.goto(classUrl);
  await trainer
    .getByRole('link', { name: new RegExp(`^${fill(tr.sessions.attendanceNamed, { when: '' })}`) })
    .click();
  await expect(trainer.getByRole('heading', { level: 1, name: tr.attendance.title })).toBeVisible();
  await expectAccessible(trainer, 'attendance, roll call');
  await trainer.getByText(tr.attendance.paper, { exact: true }).click();
  await expect(trainer.getByText(tr.attendance.paperIntro)).toBeVisible();
  await trainer
    .getByRole('combobox', { name: fill(tr.attendance.statusOf, { name: budi.name }) })
    .selectOption('present');
  await trainer
    .getByRole('combobox', { name: fill(tr.attendance.statusOf, { name: agus.name }) })
    .selectOption('absent');
  await expectAccessible(trainer, 'attendance, paper sheet');
  await trainer.getByRole('button', { name: tr.attendance.paperSave }).click();
  await expect(trainer.getByText(tr.attendance.saved)).toBeVisible();
  const sheet = trainer.getByRole('region', { name: tr.attendance.paperTableLabel });
  await expect(sheet.getByRole('row').filter({ hasText: kartini.name })).toContainText(
    tr.attendance.via.self,
  );
  await expect(sheet.getByRole('row').filter({ hasText: budi.name })).toContainText(tr.attendance.via.paper);

  // Completion, then Kartini's certificate.
  await trainer.getByRole('link', { name: tr.attendance.back }).click();
  await trainer.getByRole('button', { name: tr.completion.run }).click();
  await expect(trainer.getByText(fill(tr.completion.done, { completed: 2, notCompleted: 1 }))).toBeVisible();
  const trainerTable = trainer.getByRole('region', { name: tr.participants.tableLabel });
  await expect(rowOf(trainerTable, kartini.name)).toContainText(tr.status.completed);
  await expect(rowOf(trainerTable, agus.name)).toContainText(tr.status.not_completed);
  await trainer
    .getByRole('button', { name: fill(tr.certificate.issueNamed, { name: kartini.name }) })
    .click();
  await expect(rowOf(trainerTable, kartini.name)).toContainText(tr.certificate.state.valid);
  await expectAccessible(trainer, 'class page, trainer');
  const issued = await apiCall<ClassApiView>(trainer, 'GET', `/training/classes/${classId}`);
  const code = issued.participants.find((participant) => participant.name === kartini.name)?.certificate
    ?.code;
  expect(code, 'the certificate code').toBeTruthy();

  // The public verification page, JavaScript off: valid, her name masked.
  await mobile.goto(`/verifikasi/${code}`);
  await expect(mobile.getByText(pub.verify.stateValid)).toBeVisible();
  await expect(mobile.locator('body')).toContainText('Kartini L****');
  await expect(mobile.locator('body')).not.toContainText('Kartini Laskar');
  await expect(mobile.locator('body')).not.toContainText(kartini.number);
  expect(await axeViolationsAsServed(browser, mobile), 'axe on the verification page').toEqual([]);

  // The organiser revokes it with a reason; the page says so.
  await organiser.reload();
  await organiser
    .getByRole('button', { name: fill(tr.certificate.revokeNamed, { name: kartini.name }) })
    .click();
  const revokeDialog = organiser.getByRole('dialog', {
    name: fill(tr.certificate.revokeTitle, { code: code ?? '' }),
  });
  await revokeDialog
    .getByRole('textbox', { name: field(tr.certificate.revokeReason) })
    .fill('Nama peserta salah ketik');
  await expectAccessible(organiser, 'revoke dialog');
  await revokeDialog.getByRole('button', { name: tr.certificate.revoke, exact: true }).click();
  await expect(revokeDialog).toBeHidden();
  await expect(rowOf(organiserTable, kartini.name)).toContainText(tr.certificate.state.revoked);
  await mobile.goto(`/verifikasi/${code}`);
  await expect(mobile.getByText(/^Dicabut pada/)).toBeVisible();
  await expect(mobile.getByText(pub.verify.stateValid)).toHaveCount(0);

  await phone.close();
  await organiser.context().close();
  await trainer.context().close();
});
