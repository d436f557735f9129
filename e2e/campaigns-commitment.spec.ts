import { randomBytes } from 'node:crypto';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import cm from '../shared/locales/id/commitment.json' with { type: 'json' };
import cp from '../shared/locales/id/campaigns.json' with { type: 'json' };
import pub from '../shared/locales/id/public.json' with { type: 'json' };
import {
  apiCall,
  axeViolationsAsServed,
  expectAccessible,
  field,
  fill,
  sidewaysOverflow,
  signInAdmin,
  state,
  test,
} from './support.ts';

/**
 * Campaigns and the Joint Commitment, end to end (issue 13; commitment.md, campaigns.md). A member signs
 * on her phone with JavaScript off and checks her signature with the receipt; a gender officer at the
 * top unit types a DPC's paper list (two names misspelt, one signer outside the membership, one member
 * who already signed online); the public counters and the staff coverage page show the new signatures
 * once reloaded; version 2 supersedes them. Then a campaign with a tally activity and a roll-call
 * activity shows reach against the membership addressed. Units, members and accounts carry a fresh
 * suffix, so the spec depends on no other spec's data.
 */

/** A 1×1 PNG, the photo of the sheet. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const baseURL = (): string => process.env.E2E_BASE_URL || state().baseURL;

interface Unit {
  id: number;
}

/** Now in Asia/Jakarta (WIB, UTC+7 all year) as a date. */
const jakartaToday = (): string => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/** A gender officer at the top unit: invitation from the outbox, password through the reset link, role. */
async function genderOfficer(admin: Page, browser: Browser, suffix: string, rootId: number): Promise<Page> {
  const email = `komitmen.${suffix.toLowerCase()}@spn.test`;
  const user = await apiCall<{ id: string }>(admin, 'POST', '/users', {
    email,
    displayName: `Nur Gender ${suffix}`,
    language: 'id',
    homeUnitId: rootId,
  });
  const outbox = await apiCall<{ items: { recipient: string; body: string; createdAt: string }[] }>(
    admin,
    'GET',
    '/outbox',
  );
  const invitation = outbox.items
    .filter((message) => message.recipient === email)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const token = /\/reset-password#token=([A-Za-z0-9_~.%-]+)/.exec(invitation?.body ?? '')?.[1];
  expect(token, `invitation link for ${email}`).toBeTruthy();
  const password = `Komitmen-${randomBytes(6).toString('hex')}!`;
  await apiCall(admin, 'POST', '/auth/reset', {
    token: decodeURIComponent(token ?? ''),
    newPassword: password,
  });
  await apiCall(admin, 'POST', `/users/${user.id}/grants`, { role: 'gender_officer', unitId: rootId });
  const context = await browser.newContext({ baseURL: baseURL() });
  const page = await context.newPage();
  await page.goto('/login');
  const login = await apiCall<{ stage: string }>(page, 'POST', '/auth/login', { email, password });
  expect(login.stage).toBe('full');
  return page;
}

/**
 * A DPD → DPC → PSP chain under the top unit, names carrying the suffix. The provinces are ones no other
 * spec uses: organisation.spec.ts finds "DPD Jawa Tengah" in the unit tree by a name prefix.
 */
async function unitChain(admin: Page, suffix: string, rootId: number, province: string) {
  const names = {
    dpd: `DPD ${province} ${suffix}`,
    dpc: `DPC Kota ${province} ${suffix}`,
    psp: `PSP PT Alas Kaki ${province} ${suffix}`,
  };
  const tag = province.slice(0, 3).toUpperCase();
  const dpd = await apiCall<Unit>(admin, 'POST', '/units', {
    parentId: rootId,
    name: names.dpd,
    code: `DPD-${tag}-${suffix}`,
    level: 'DPD',
  });
  const dpc = await apiCall<Unit>(admin, 'POST', '/units', {
    parentId: dpd.id,
    name: names.dpc,
    code: `DPC-${tag}-${suffix}`,
    level: 'DPC',
  });
  const psp = await apiCall<Unit>(admin, 'POST', '/units', {
    parentId: dpc.id,
    name: names.psp,
    code: `PSP-${tag}-${suffix}`,
    level: 'PSP',
  });
  return { dpd, dpc, psp, names };
}

async function addMembers(
  admin: Page,
  unitId: number,
  people: readonly { number: string; name: string; sex: 'P' | 'L'; birthYear?: number }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const person of people) {
    const member = await apiCall<{ id: string }>(admin, 'POST', '/members', {
      memberNumber: person.number,
      fullName: person.name,
      sex: person.sex,
      unitId,
      birthYear: person.birthYear ?? null,
    });
    ids.set(person.name, member.id);
  }
  return ids;
}

/** The counter cell of a DPD on the public pledge page. */
const counterOf = (page: Page, dpdName: string): Locator =>
  page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: dpdName, exact: true }) })
    .getByRole('cell')
    .nth(1);

/** Loads the address until the locator shows the text: the counters are read anew on each request, no sleep. */
async function loadUntil(
  page: Page,
  url: string,
  locator: () => Locator,
  text: string | RegExp,
): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await expect(locator()).toHaveText(text, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

test('the Joint Commitment: a pledge on a phone without JavaScript, a paper list with typos, counters and coverage, a new version superseding', async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  await signInAdmin(page);
  await apiCall(page, 'PATCH', '/me', { language: 'id' });
  const top = await apiCall<{ items: { id: number; parentId: number | null; name: string }[] }>(
    page,
    'GET',
    '/units',
  );
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0]!;
  const { psp, names } = await unitChain(page, suffix, root.id, 'Sumatera Utara');
  const people = {
    siti: { number: `K1-${suffix}`, name: `Siti Aminah`, sex: 'P', birthYear: 1990 },
    wulan: { number: `K2-${suffix}`, name: `Larasati Kartikasari`, sex: 'P' },
    bambang: { number: `K3-${suffix}`, name: `Bambang Hermawan`, sex: 'L' },
    ratna: { number: `K4-${suffix}`, name: `Ratna Kusuma`, sex: 'P' },
    dewi: { number: `K5-${suffix}`, name: `Intan Permatasari`, sex: 'P' },
    agus: { number: `K6-${suffix}`, name: `Agus Salim`, sex: 'L' },
  } as const;
  await addMembers(page, psp.id, Object.values(people));
  const officer = await genderOfficer(page, browser, suffix, root.id);

  // (a) Siti signs on her phone, JavaScript off, and checks her signature with the receipt.
  const phone = await browser.newContext({
    baseURL: baseURL(),
    viewport: { width: 360, height: 740 },
    javaScriptEnabled: false,
  });
  const mobile = await phone.newPage();
  await mobile.goto('/komitmen');
  await expect(mobile.getByRole('heading', { level: 1, name: pub.pledge.heading })).toBeVisible();
  await expect(counterOf(mobile, names.dpd)).toHaveText('< 5');
  expect(await sidewaysOverflow(mobile), 'the pledge page fits 360 px').toBe(0);
  expect(await axeViolationsAsServed(browser, mobile), 'axe on /komitmen').toEqual([]);
  await mobile.getByLabel(pub.pledge.name).fill(people.siti.name);
  await mobile.getByLabel(pub.pledge.memberNumber).fill(people.siti.number);
  await mobile.getByLabel(pub.pledge.birthYear).fill(String(people.siti.birthYear));
  await mobile.getByRole('radio', { name: pub.pledge.sexP }).check();
  await mobile.getByRole('button', { name: pub.pledge.submit }).click();
  await expect(mobile.getByRole('heading', { level: 1, name: pub.pledge.doneHeading })).toBeVisible();
  await expect(mobile.getByText(fill(pub.pledge.doneText, { number: 1 }))).toBeVisible();
  const receipt = (await mobile.locator('.receipt .digits').innerText()).trim();
  expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(await sidewaysOverflow(mobile), 'the receipt page fits 360 px').toBe(0);
  expect(await axeViolationsAsServed(browser, mobile), 'axe on the pledge receipt').toEqual([]);
  await mobile.getByRole('link', { name: pub.pledge.checkLink }).click();
  await expect(mobile.getByRole('heading', { level: 1, name: pub.pledge.checkHeading })).toBeVisible();
  expect(await axeViolationsAsServed(browser, mobile), 'axe on /komitmen/cek').toEqual([]);
  await mobile.getByLabel(pub.pledge.receiptInput).fill(receipt);
  await mobile.getByRole('button', { name: pub.pledge.checkSubmit }).click();
  await expect(mobile.getByRole('heading', { level: 1, name: pub.pledge.statusHeading })).toBeVisible();
  await expect(
    mobile.getByText(fill(pub.pledge.stateLine, { state: pub.pledge.states.recorded })),
  ).toBeVisible();
  await expect(mobile.locator('body')).not.toContainText(people.siti.number);
  expect(await sidewaysOverflow(mobile), 'the signature status fits 360 px').toBe(0);
  expect(await axeViolationsAsServed(browser, mobile), 'axe on her signature status').toEqual([]);

  // Coverage before the paper list: her signature, one woman of four, no man of two.
  await officer.goto('/commitment/coverage');
  await expect(officer.getByRole('heading', { level: 1, name: cm.coverage.title })).toBeVisible();
  await officer.getByRole('combobox', { name: field(cm.coverage.unit) }).fill(names.dpd);
  await officer.getByRole('option', { name: new RegExp(`^${names.dpd} ·`) }).click();
  const coverageRow = () =>
    officer
      .getByRole('region', { name: cm.coverage.tableLabel })
      .getByRole('row')
      .filter({ has: officer.getByRole('rowheader', { name: names.dpc, exact: true }) });
  await expect(coverageRow().getByRole('cell').nth(0)).toHaveText(
    `${fill(cm.coverage.cell, { signers: 1, members: 4 })} · ${fill(cm.coverage.share, { share: '25' })}`,
  );
  await expect(coverageRow().getByRole('cell').nth(1)).toContainText(
    fill(cm.coverage.cell, { signers: 0, members: 2 }),
  );
  await expectAccessible(officer, 'commitment coverage');

  // (b) The officer types the DPC's paper list: two names misspelt, one non-member, one number, and
  // Siti again (she signed online: merged, no second signature).
  await officer.goto('/commitment/signatures');
  await expect(officer.getByRole('heading', { level: 1, name: cm.signatures.title })).toBeVisible();
  await expectAccessible(officer, 'commitment signatures');
  await officer.getByRole('button', { name: cm.paper.add }).click();
  const paper = officer.getByRole('dialog', { name: cm.paper.title });
  await paper.getByRole('combobox', { name: field(cm.paper.unit) }).fill(names.dpc);
  await officer.getByRole('option', { name: new RegExp(`^${names.dpc} ·`) }).click();
  await paper
    .getByRole('textbox', { name: field(cm.paper.rows) })
    .fill(
      [
        '; Larasati Kartikasri; P',
        '; Bambang Hermawn; L',
        `${people.ratna.number}; Ratna K.; P`,
        `${people.siti.number}; Siti Aminah; P`,
        '; Yohana Pasaribu; P',
      ].join('\n'),
    );
  await expectAccessible(officer, 'paper list dialog');
  await paper.getByRole('button', { name: cm.paper.save }).click();
  await expect(paper.getByRole('status')).toHaveText(
    fill(cm.paper.result, { number: 1, name: 2, merged: 1, unmatched: 1 }),
  );
  // The photo of the signed sheet goes with the list; a text file named .png is refused by its bytes.
  const photoInput = paper.getByLabel(field(cm.paper.photo.file));
  await photoInput.setInputFiles({
    name: 'lembar.png',
    mimeType: 'image/png',
    buffer: Buffer.from('bukan foto'),
  });
  await paper.getByRole('button', { name: cm.paper.photo.submit }).click();
  await expect(paper.getByRole('alert')).toBeVisible();
  await expect(paper.getByText(cm.paper.photo.none)).toBeVisible();
  await photoInput.setInputFiles({ name: 'lembar.png', mimeType: 'image/png', buffer: tinyPng });
  await paper.getByRole('button', { name: cm.paper.photo.submit }).click();
  const photoLink = paper.getByRole('link', {
    name: new RegExp(`^${fill(cm.paper.photo.item, { number: 1, at: '' })}`),
  });
  await expect(photoLink).toBeVisible();
  const download = await officer.request.get((await photoLink.getAttribute('href')) ?? '');
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(tinyPng)).toBe(true);
  await expectAccessible(officer, 'paper list result with its sheet photo');
  await paper.getByRole('button', { name: cm.signatures.receiptDone }).click();
  await expect(paper).toBeHidden();

  // The rows as the domain says: the misspelt and the numbered ones are the members (valid, paper),
  // the non-member is kept as a pending person at the DPC, Siti has one signature, not two.
  await officer.getByRole('textbox', { name: cm.signatures.filters.search }).fill(suffix);
  const table = officer.getByRole('region', { name: cm.signatures.tableLabel });
  const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
  await expect(table.getByRole('row')).toHaveCount(6);
  for (const person of [people.wulan, people.bambang, people.ratna]) {
    await expect(rowOf(person.name)).toContainText(cm.kinds.member);
    await expect(rowOf(person.name)).toContainText(cm.channels.paper);
    await expect(rowOf(person.name)).toContainText(cm.signatureStatuses.valid);
  }
  await expect(rowOf('Kartikasri')).toHaveCount(0);
  await expect(rowOf('Yohana Pasaribu')).toContainText(cm.kinds.person);
  await expect(rowOf('Yohana Pasaribu')).toContainText(names.dpc);
  await expect(rowOf('Yohana Pasaribu')).toContainText(cm.signatureStatuses.pending);
  await expect(rowOf(people.siti.name)).toHaveCount(1);
  await expect(rowOf(people.siti.name)).toContainText(cm.channels.public);
  await expectAccessible(officer, 'commitment signatures after the paper list');

  // (c) Counters and coverage after the refresh: five open signatures of people in the DPD; three of
  // four women and one of two men at the DPC.
  await loadUntil(mobile, '/komitmen', () => counterOf(mobile, names.dpd), '5');
  await officer.goto('/commitment/coverage');
  await officer.getByRole('combobox', { name: field(cm.coverage.unit) }).fill(names.dpd);
  await officer.getByRole('option', { name: new RegExp(`^${names.dpd} ·`) }).click();
  await expect(coverageRow().getByRole('cell').nth(0)).toHaveText(
    `${fill(cm.coverage.cell, { signers: 3, members: 4 })} · ${fill(cm.coverage.share, { share: '75' })}`,
  );
  await expect(coverageRow().getByRole('cell').nth(1)).toHaveText(
    `${fill(cm.coverage.cell, { signers: 1, members: 2 })} · ${fill(cm.coverage.share, { share: '50' })}`,
  );

  // (d) Version 2 is drafted and activated: version 1's open signatures become superseded.
  const today = jakartaToday();
  const draft = await apiCall<{ id: number; number: number }>(officer, 'POST', '/commitment/versions', {
    titleId: `Komitmen Bersama SPN ${suffix}`,
    titleEn: `SPN Joint Commitment ${suffix}`,
    points: [
      { id: 'Larangan kekerasan dan pelecehan.', en: 'No violence and harassment.' },
      { id: 'Sanksi organisasi yang diperbarui.', en: 'Revised organisational sanctions.' },
    ],
    forum: `Rakernas ${suffix}`,
    adoptedOn: today,
  });
  await officer.goto(`/commitment/versions/${draft.id}`);
  await expect(officer.getByRole('heading', { level: 1 })).toContainText(
    fill(cm.version.heading, { number: draft.number, title: '' }).trim(),
  );
  await expectAccessible(officer, 'commitment version draft');
  await officer.getByRole('button', { name: cm.version.activate }).click();
  const activate = officer.getByRole('dialog', {
    name: fill(cm.version.activateTitle, { number: draft.number }),
  });
  await expectAccessible(officer, 'activate version dialog');
  await activate.getByRole('button', { name: cm.version.activate }).click();
  await expect(activate).toBeHidden();
  await expect(officer.getByText(fill(cm.version.activated, { number: draft.number }))).toBeVisible();

  await officer.goto('/commitment/signatures');
  await officer.getByRole('textbox', { name: cm.signatures.filters.search }).fill(suffix);
  await expect(table.getByRole('row')).toHaveCount(6);
  for (const name of [people.siti.name, people.wulan.name, people.bambang.name, people.ratna.name, 'Yohana'])
    await expect(rowOf(name)).toContainText(cm.signatureStatuses.superseded);
  await expect(officer.getByRole('button', { name: cm.signatures.invalidate })).toHaveCount(0);

  // Siti's receipt now says so; the public page shows version 2 and counts from nothing again.
  await mobile.goto('/komitmen/cek');
  await mobile.getByLabel(pub.pledge.receiptInput).fill(receipt);
  await mobile.getByRole('button', { name: pub.pledge.checkSubmit }).click();
  await expect(
    mobile.getByText(fill(pub.pledge.stateLine, { state: pub.pledge.states.superseded })),
  ).toBeVisible();
  await expect(mobile.getByRole('button', { name: pub.pledge.withdraw })).toHaveCount(0);
  expect(await axeViolationsAsServed(browser, mobile), 'axe on a superseded signature').toEqual([]);
  await mobile.goto('/komitmen');
  await expect(mobile.getByText(fill(pub.pledge.version, { number: draft.number }))).toBeVisible();
  await expect(counterOf(mobile, names.dpd)).toHaveText('< 5');

  // Coverage of the active version (2) starts again; version 1's stays readable.
  await officer.goto('/commitment/coverage');
  await officer.getByRole('combobox', { name: field(cm.coverage.unit) }).fill(names.dpd);
  await officer.getByRole('option', { name: new RegExp(`^${names.dpd} ·`) }).click();
  await expect(coverageRow().getByRole('cell').nth(0)).toHaveText(
    `${fill(cm.coverage.cell, { signers: 0, members: 4 })} · ${fill(cm.coverage.share, { share: '0' })}`,
  );
  await expectAccessible(officer, 'commitment coverage, version 2');

  await phone.close();
  await officer.context().close();
});

test('a campaign: a tally activity and a roll-call activity show reach against the membership addressed', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  const suffix = randomBytes(3).toString('hex').toUpperCase();
  await signInAdmin(page);
  await apiCall(page, 'PATCH', '/me', { language: 'id' });
  const top = await apiCall<{ items: { id: number; parentId: number | null }[] }>(page, 'GET', '/units');
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0]!;
  const { dpd, dpc, psp, names } = await unitChain(page, suffix, root.id, 'Maluku Utara');
  // The PSP addressed: ten active members, eight of them women.
  const members = Array.from({ length: 10 }, (_, index) => ({
    number: `C${index + 1}-${suffix}`,
    name: `${['Sri', 'Tuti', 'Yuni', 'Lilis', 'Eka', 'Nining', 'Murni', 'Endah', 'Slamet', 'Joko'][index]} Kampanye`,
    sex: (index < 8 ? 'P' : 'L') as 'P' | 'L',
  }));
  await addMembers(page, psp.id, members);
  const officer = await genderOfficer(page, browser, suffix, root.id);

  const today = jakartaToday();
  const campaign = await apiCall<{ id: number }>(officer, 'POST', '/campaigns', {
    ownerUnitId: dpd.id,
    title: `Kampanye Anti KBG ${suffix}`,
    startsOn: today,
    endsOn: today,
    goalWomen: 20,
    goalMen: 5,
    goalUnits: 2,
  });
  const tallyTitle = `Sosialisasi di PSP ${suffix}`;
  const tallied = await apiCall<{ id: number }>(officer, 'POST', `/campaigns/${campaign.id}/activities`, {
    kind: 'workplace_socialisation',
    hostUnitId: psp.id,
    heldOn: today,
    title: tallyTitle,
    reachMode: 'tally',
  });
  const listTitle = `Lokakarya DPC ${suffix}`;
  const listed = await apiCall<{ id: number }>(officer, 'POST', `/campaigns/${campaign.id}/activities`, {
    kind: 'workshop',
    hostUnitId: dpc.id,
    heldOn: today,
    title: listTitle,
    reachMode: 'named',
  });

  const reachRow = (label: string) =>
    officer
      .getByRole('region', { name: cp.reach.tableLabel })
      .getByRole('row')
      .filter({ has: officer.getByRole('rowheader', { name: label, exact: true }) });
  const cells = (label: string) => reachRow(label).getByRole('cell');

  // The tally: two women, six men, one unknown at a PSP of eight women and two men.
  await officer.goto(`/campaigns/activities/${tallied.id}`);
  await expect(officer.getByRole('heading', { level: 1, name: tallyTitle })).toBeVisible();
  await expectAccessible(officer, 'campaign activity, tally');
  await officer.getByRole('textbox', { name: cp.activity.women }).fill('2');
  await officer.getByRole('textbox', { name: cp.activity.men }).fill('6');
  await officer.getByRole('textbox', { name: cp.activity.unknown }).fill('1');
  await officer.getByRole('button', { name: cp.activity.saveTally }).click();
  await expect(officer.getByText(cp.activity.tallySaved)).toBeVisible();
  await expect(cells(names.psp).nth(0)).toHaveText('2 / 6 / 1');
  await expect(cells(names.psp).nth(1)).toHaveText('8 / 2 / 0');
  await expect(cells(names.psp).nth(2)).toHaveText('25,0%');
  await expect(cells(names.psp).nth(3)).toHaveText('80,0%');
  await expect(cells(names.psp).nth(4)).toHaveText(/^[-−]55,0$/);
  await expect(cells(names.psp).nth(5)).toHaveText('90,0%');
  await expectAccessible(officer, 'campaign activity, tally saved');

  // The roll call at the DPC: two women and a man of the PSP, one of them picked twice (counted once).
  await officer.goto(`/campaigns/activities/${listed.id}`);
  await expect(officer.getByRole('heading', { level: 1, name: listTitle })).toBeVisible();
  await expectAccessible(officer, 'campaign activity, roll call');
  for (const person of [members[0]!, members[1]!, members[8]!, members[0]!]) {
    await officer.getByRole('combobox', { name: field(cp.activity.pickMember) }).fill(person.number);
    await officer.getByRole('option', { name: new RegExp(`^${person.name} · ${person.number}`) }).click();
    await officer.getByRole('button', { name: cp.activity.addMember }).click();
    await expect(
      officer.getByRole('region', { name: cp.activity.attendeesLabel }).getByRole('row').filter({
        hasText: person.name,
      }),
    ).toHaveCount(1);
  }
  await expect(
    officer.getByRole('region', { name: cp.activity.attendeesLabel }).getByRole('row'),
  ).toHaveCount(4);
  await expect(cells(names.dpc).nth(0)).toHaveText('2 / 1 / 0');
  await expect(cells(names.dpc).nth(1)).toHaveText('8 / 2 / 0');
  await expect(cells(names.dpc).nth(2)).toHaveText('66,7%');
  await expect(cells(names.dpc).nth(4)).toHaveText(/^[-−]13,3$/);
  await expect(cells(names.dpc).nth(5)).toHaveText('30,0%');
  await expectAccessible(officer, 'campaign activity, roll call filled');

  // The campaign: per host unit, and in total with the PSP's members counted once (ten, not twenty).
  await officer.goto(`/campaigns/${campaign.id}`);
  await expect(officer.getByRole('heading', { level: 1, name: `Kampanye Anti KBG ${suffix}` })).toBeVisible();
  await expect(cells(names.psp).nth(0)).toHaveText('2 / 6 / 1');
  await expect(cells(names.dpc).nth(0)).toHaveText('2 / 1 / 0');
  await expect(cells(cp.reach.total).nth(0)).toHaveText('4 / 7 / 1');
  await expect(cells(cp.reach.total).nth(1)).toHaveText('8 / 2 / 0');
  await expect(cells(cp.reach.total).nth(2)).toHaveText('36,4%');
  await expect(cells(cp.reach.total).nth(4)).toHaveText(/^[-−]43,6$/);
  await expect(cells(cp.reach.total).nth(5)).toHaveText('120,0%');
  await expectAccessible(officer, 'campaign page with reach');
  await officer.context().close();
});
