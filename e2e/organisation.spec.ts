import { expect, type Page } from '@playwright/test';
import id from '../shared/locales/id/web.json' with { type: 'json' };
import { readAdmin, saveAdmin } from './state.ts';
import { apiCall, expectAccessible, field, fill, freshTotpCode, test } from './support.ts';

/**
 * Organisation journey: runs after `journeys.spec.ts`, whose first journey made the administrator
 * (org_admin-capable at the root) and handed over its TOTP secret.
 */
test.describe.configure({ mode: 'serial' });

interface Unit {
  id: number;
  parentId: number | null;
  name: string;
}

const units = {
  dpd: { name: 'DPD Jawa Tengah', code: 'DPD-JATENG', level: 'DPD', region: '33' },
  dpc: { name: 'DPC Kota Semarang', code: 'DPC-SEMARANG', level: 'DPC', region: '33.74' },
  psp: { name: 'PSP PT Garmen Sejahtera', code: 'PSP-GARMEN-SMG', level: 'PSP' },
};

// `Kode Unit Kerja` is not a header the server recognises, so the unit column must be chosen by hand.
const header = 'No Anggota,Nama Lengkap,JK,Kode Unit Kerja,Tgl Masuk,Catatan';
const withErrors = [
  header,
  'SPN-SMG-0001,Siti Rahayu,P,PSP-GARMEN-SMG,2020-03-01,',
  'SPN-SMG-0002,Budi Santoso,L,PSP-GARMEN-SMG,2019-07-15,',
  'SPN-SMG-0003,Dewi Lestari,X,PSP-GARMEN-SMG,2021-01-10,jenis kelamin salah',
  'SPN-SMG-0004,Ani Wulandari,P,PSP-TIDAK-ADA,2022-02-02,unit salah',
  'SPN-SMG-0005,Rina Marlina,,PSP-GARMEN-SMG,2023-13-40,tanggal salah',
].join('\n');
// The corrected file: two rows fixed, one still pointing at an unknown unit (imported later).
const corrected = [
  header,
  'SPN-SMG-0001,Siti Rahayu,P,PSP-GARMEN-SMG,2020-03-01,',
  'SPN-SMG-0002,Budi Santoso,L,PSP-GARMEN-SMG,2019-07-15,',
  'SPN-SMG-0003,Dewi Lestari,P,PSP-GARMEN-SMG,2021-01-10,',
  'SPN-SMG-0004,Ani Wulandari,P,PSP-TIDAK-ADA,2022-02-02,unit salah',
  'SPN-SMG-0005,Rina Marlina,,PSP-GARMEN-SMG,2023-12-04,',
].join('\n');

async function uploadAndMap(page: Page, name: string, content: string) {
  await page
    .getByLabel(field(id.imports.upload.file))
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content, 'utf8') });
  await page.getByRole('button', { name: id.imports.upload.submit }).click();
  await expect(page.getByRole('heading', { name: id.imports.mapping.title })).toBeVisible();
  // The suggestion found the other required columns; the unit code is still empty.
  await expect(page.getByLabel(field(id.imports.fields.members.member_number))).toHaveValue('No Anggota');
  await expect(page.getByLabel(field(id.imports.fields.members.full_name))).toHaveValue('Nama Lengkap');
  await expect(page.getByLabel(field(id.imports.fields.members.unit_code))).toHaveValue('');
}

test('import members, find one by a typo, appoint her Sekretaris of a DPC board', async ({ page }) => {
  test.setTimeout(180_000);
  const admin = readAdmin();
  // journeys.spec.ts (which runs first: one worker, files in name order) creates the administrator.
  expect(admin, 'run together with journeys.spec.ts, which creates the administrator').not.toBeNull();
  if (!admin) return;

  // Log in through the API (the login screens have their own journeys), in Indonesian.
  await page.goto('/login');
  await apiCall(page, 'POST', '/auth/login', { email: admin.email, password: admin.password });
  const code = await freshTotpCode(admin.totpSecret, admin.lastTotpCode);
  await apiCall(page, 'POST', '/auth/totp', { code });
  saveAdmin({ ...admin, lastTotpCode: code });
  await apiCall(page, 'PATCH', '/me', { language: 'id' });

  // DPD → DPC → PSP, with Kemendagri regions for the DPD and the DPC.
  const top = await apiCall<{ items: Unit[] }>(page, 'GET', '/units');
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0]!;
  const create = async (parentId: number, unit: { name: string; code: string; level: string }) =>
    apiCall<Unit>(page, 'POST', '/units', { parentId, name: unit.name, code: unit.code, level: unit.level });
  const dpd = await create(root.id, units.dpd);
  await apiCall(page, 'PATCH', `/units/${dpd.id}/details`, { regionCode: units.dpd.region });
  const dpc = await create(dpd.id, units.dpc);
  await apiCall(page, 'PATCH', `/units/${dpc.id}/details`, { regionCode: units.dpc.region });
  await create(dpc.id, units.psp);

  // Members page → import wizard.
  await page.goto('/members');
  await expect(page.getByRole('heading', { level: 1, name: id.members.title })).toBeVisible();
  await expectAccessible(page, 'members page, empty');
  await page.getByRole('link', { name: id.members.import }).click();
  await expect(page.getByRole('heading', { level: 1, name: id.imports.titleMembers })).toBeVisible();
  await expect(page.getByText(fill(id.imports.upload.fileHint, { max: 200 }))).toBeVisible();
  await expectAccessible(page, 'import upload step');

  // A file with errors: the required unit column must be chosen before the dry run.
  await uploadAndMap(page, 'anggota-semarang.csv', withErrors);
  await page.getByRole('button', { name: id.imports.mapping.submit }).click();
  await expect(page.getByRole('alert').filter({ hasText: id.imports.mapping.incomplete })).toBeVisible();
  await expectAccessible(page, 'import mapping step with a missing column');
  await page.getByLabel(field(id.imports.fields.members.unit_code)).selectOption('Kode Unit Kerja');
  await page.getByRole('button', { name: id.imports.mapping.submit }).click();

  // Dry run: three rows refused, each with row, field, value and reason; nothing written yet.
  await expect(page.getByRole('heading', { name: id.imports.report.title })).toBeVisible();
  const errorTable = page.getByRole('region', { name: id.imports.report.errorsTitle });
  await expect(errorTable.getByRole('row')).toHaveCount(4);
  await expect(errorTable.getByRole('cell', { name: 'X', exact: true })).toBeVisible();
  await expect(errorTable.getByRole('cell', { name: 'PSP-TIDAK-ADA', exact: true })).toBeVisible();
  await expect(errorTable.getByRole('cell', { name: '2023-13-40', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: id.imports.report.download })).toHaveAttribute(
    'href',
    /\/api\/v1\/imports\/[0-9a-f-]+\/errors\.csv$/,
  );
  await expectAccessible(page, 'import dry-run report with errors');

  // Upload the corrected file through the same flow; one row still names an unknown unit.
  await page.getByRole('button', { name: id.imports.uploadCorrected }).click();
  await uploadAndMap(page, 'anggota-semarang-perbaikan.csv', corrected);
  await page.getByLabel(field(id.imports.fields.members.unit_code)).selectOption('Kode Unit Kerja');
  await page.getByRole('button', { name: id.imports.mapping.submit }).click();
  await expect(page.getByRole('heading', { name: id.imports.report.title })).toBeVisible();
  await expect(
    page.getByRole('region', { name: id.imports.report.errorsTitle }).getByRole('row'),
  ).toHaveCount(2);
  await page.getByRole('radio', { name: id.imports.mode.valid_only }).check();
  await page.getByRole('button', { name: id.imports.report.run }).click();

  // Progress to done, then the final counts.
  await expect(page.getByTestId('import-progress-text')).toHaveText(id.imports.progress.done, {
    timeout: 30_000,
  });
  await expect(page.getByRole('progressbar', { name: id.imports.progress.label })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText(`${id.imports.summary.new}4`);
  await expect(summary).toContainText(`${id.imports.summary.errors}1`);
  await expectAccessible(page, 'import finished');

  // Find a member by a misspelt name.
  await page.getByRole('link', { name: id.imports.done.toMembers }).click();
  await expect(page.getByRole('heading', { level: 1, name: id.members.title })).toBeVisible();
  await page.getByLabel(field(id.members.search)).fill('Siti Rahayo');
  const list = page.getByRole('region', { name: id.members.tableLabel });
  await expect(list.getByRole('link', { name: 'Siti Rahayu' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Budi Santoso' })).toHaveCount(0);
  await expectAccessible(page, 'members page with a search');

  // The same list on a 360 px phone.
  await page.setViewportSize({ width: 360, height: 740 });
  await expect(list.getByRole('link', { name: 'Siti Rahayu' })).toBeVisible();
  await expectAccessible(page, 'members page at 360 px');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Her page: identity, sex as recorded, dated history.
  await list.getByRole('link', { name: 'Siti Rahayu' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Siti Rahayu' })).toBeVisible();
  await expect(page.getByText(id.sex.P, { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: units.psp.name })).toBeVisible();
  await expectAccessible(page, 'member page');

  // The DPC's unit page, from the units tree.
  await page.getByRole('navigation').getByRole('link', { name: id.nav.units }).click();
  const tree = page.getByRole('list', { name: id.units.treeLabel });
  await tree.getByRole('button', { name: fill(id.units.toggleChildren, { name: units.dpd.name }) }).click();
  await tree.getByRole('link', { name: units.dpc.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: units.dpc.name })).toBeVisible();
  await expect(page.getByText('33.74')).toBeVisible();
  await expectAccessible(page, 'DPC unit page');

  // Its executive board with a Ketua and a Sekretaris.
  await page.getByRole('button', { name: id.bodies.add }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel(field(id.bodies.fields.kind)).selectOption('executive');
  await dialog.getByLabel(field(id.bodies.fields.name)).fill('Pengurus DPC Kota Semarang 2025–2030');
  await expectAccessible(page, 'create body dialog');
  await dialog.getByRole('button', { name: id.common.create, exact: true }).click();
  await expect(dialog).toBeHidden();
  const board = page.getByRole('region', { name: 'Pengurus DPC Kota Semarang 2025–2030' });
  await expect(board).toBeVisible();

  for (const position of [
    { title: 'Ketua', category: 'strategic' },
    { title: 'Sekretaris', category: 'administrative' },
  ]) {
    await board.getByRole('button', { name: id.bodies.addPosition }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel(field(id.bodies.fields.title)).fill(position.title);
    await dialog.getByLabel(field(id.bodies.fields.category)).selectOption(position.category);
    await dialog.getByRole('button', { name: id.common.create, exact: true }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(board.getByText(fill(id.bodies.summary, { filled: 0, vacant: 2 }))).toBeVisible();

  // Appoint her Sekretaris, elected, with the SK number.
  await board.getByRole('button', { name: fill(id.bodies.appointNamed, { position: 'Sekretaris' }) }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: field(id.bodies.fields.member) }).fill('Siti Rahayu');
  await page.getByRole('option', { name: /Siti Rahayu/ }).click();
  await dialog.getByLabel(field(id.bodies.fields.termStart)).fill('2025-01-15');
  await dialog.getByLabel(field(id.bodies.fields.basis)).selectOption('elected');
  await dialog.getByLabel(field(id.bodies.fields.decreeNumber)).fill('SK/015/DPC-SMG/I/2025');
  await expectAccessible(page, 'appoint dialog');
  await dialog.getByRole('button', { name: id.bodies.appoint, exact: true }).click();
  await expect(dialog).toBeHidden();

  // The board shows her, and the Ketua seat still vacant.
  const sekretaris = board.getByRole('row').filter({ hasText: 'Sekretaris' });
  await expect(sekretaris.getByRole('link', { name: 'Siti Rahayu' })).toBeVisible();
  await expect(sekretaris).toContainText(id.sex.P);
  await expect(sekretaris).toContainText(id.basis.elected);
  await expect(sekretaris).toContainText('SK/015/DPC-SMG/I/2025');
  const ketua = board.getByRole('row').filter({ hasText: 'Ketua' });
  await expect(ketua).toContainText(id.bodies.vacant);
  await expect(board.getByText(fill(id.bodies.summary, { filled: 1, vacant: 1 }))).toBeVisible();
  await expectAccessible(page, 'DPC unit page with its board');

  // The board's statutory seats can be changed afterwards.
  await board
    .getByRole('button', {
      name: fill(id.bodies.editNamed, { name: 'Pengurus DPC Kota Semarang 2025–2030' }),
    })
    .click();
  dialog = page.getByRole('dialog');
  await expectAccessible(page, 'edit body dialog');
  await dialog.getByLabel(id.bodies.fields.statutorySeats).fill('9');
  await dialog.getByRole('button', { name: id.common.save }).click();
  await expect(dialog).toBeHidden();
  await expect(board.getByText(fill(id.bodies.statutory, { seats: 9 }), { exact: false })).toBeVisible();

  // Her page now lists the position.
  await sekretaris.getByRole('link', { name: 'Siti Rahayu' }).click();
  const positions = page.getByRole('region', { name: id.members.positions });
  await expect(positions.getByRole('cell', { name: /Sekretaris/ })).toBeVisible();
  await expectAccessible(page, 'member page with a position');

  // Her status changes with a date and reason; the history keeps both rows.
  await page.getByRole('button', { name: id.members.status.action }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel(field(id.members.fields.status)).selectOption('non_aktif');
  await dialog.getByLabel(field(id.members.fields.validFrom)).fill('2025-06-30');
  await dialog.getByLabel(field(id.members.fields.reason)).fill('Cuti panjang');
  await expectAccessible(page, 'change status dialog');
  await dialog.getByRole('button', { name: id.common.save }).click();
  await expect(dialog).toBeHidden();
  const history = page.getByRole('region', { name: id.members.history });
  await expect(history.getByRole('row').filter({ hasText: 'Cuti panjang' })).toContainText(
    id.memberStatus.non_aktif,
  );
  await page.getByRole('button', { name: id.members.transfer.action }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'transfer dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: id.members.edit, exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'edit member dialog');
  await page.keyboard.press('Escape');

  // The DPC's details: regencies offered are those of the DPD's province (Jawa Tengah, 33).
  await page.goto(`/units/${dpc.id}`);
  await expect(page.getByRole('heading', { level: 1, name: units.dpc.name })).toBeVisible();
  await page.getByRole('button', { name: id.unitPage.details.edit }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel(field(id.unitPage.fields.disnakerNumber)).fill('KEP.568/DPC/SMG/2019');
  const regency = dialog.getByRole('combobox', { name: field(id.unitPage.fields.regency) });
  await regency.click();
  // Province 33 has 35 regencies: the list shows the first 10, never a scrolling listbox.
  await expect.poll(() => page.getByRole('option').count()).toBe(10);
  await expectAccessible(page, 'regency list open');
  await regency.fill('Kudus');
  await expect(page.getByRole('option', { name: /Kudus \(33\./ })).toBeVisible();
  await expectAccessible(page, 'unit details dialog');
  await page.getByRole('option', { name: /Kudus \(33\./ }).click();
  await dialog.getByRole('button', { name: id.common.save }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('KEP.568/DPC/SMG/2019')).toBeVisible();
  await expect(page.getByText(/Kudus/)).toBeVisible();
  await page.getByRole('button', { name: id.unitPage.merge.action }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAccessible(page, 'merge unit dialog');
  await page.getByRole('dialog').getByRole('button', { name: id.common.cancel }).click();

  // An assembly with a Women's Committee allocation, a delegate and her credential accepted.
  await page.getByRole('navigation').getByRole('link', { name: id.nav.assemblies }).click();
  await expect(page.getByRole('heading', { level: 1, name: id.assemblies.title })).toBeVisible();
  await expectAccessible(page, 'assemblies page');
  await page.getByRole('button', { name: id.assemblies.add }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel(field(id.assemblies.fields.name)).fill('Konferensi Cabang Semarang 2026');
  await dialog.getByLabel(field(id.assemblies.fields.kind)).selectOption('rakercab');
  await dialog.getByRole('combobox', { name: field(id.assemblies.fields.unit) }).fill('Semarang');
  await page.getByRole('option', { name: new RegExp(units.dpc.code) }).click();
  await dialog.getByLabel(field(id.assemblies.fields.startsOn)).fill('2026-03-10');
  await expectAccessible(page, 'create assembly dialog');
  await dialog.getByRole('button', { name: id.common.create, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Konferensi Cabang Semarang 2026' }),
  ).toBeVisible();
  await page.getByRole('button', { name: id.assemblies.addAllocation }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: field(id.assemblies.fields.delegatingUnit) }).fill('Garmen');
  await page.getByRole('option', { name: new RegExp(units.psp.code) }).click();
  await dialog.getByLabel(field(id.assemblies.fields.category)).selectOption('komite_perempuan');
  await dialog.getByLabel(field(id.assemblies.fields.seats)).fill('2');
  await dialog.getByRole('button', { name: id.common.create, exact: true }).click();
  await expect(dialog).toBeHidden();
  const allocation = page.getByRole('region', {
    name: `${units.psp.name} · ${id.delegationCategory.komite_perempuan}`,
  });
  await allocation.getByRole('button', { name: id.assemblies.addDelegate }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: field(id.assemblies.fields.delegate) }).fill('Dewi Lestari');
  await page.getByRole('option', { name: /Dewi Lestari/ }).click();
  await dialog.getByRole('button', { name: id.assemblies.addDelegate }).click();
  await expect(dialog).toBeHidden();
  await expect(allocation).toContainText(
    fill(id.assemblies.allocationSummary, { seats: 2, delegates: 1, women: 1 }),
  );
  await allocation
    .getByRole('button', { name: fill(id.assemblies.credentialNamed, { name: 'Dewi Lestari' }) })
    .click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel(field(id.assemblies.fields.credentialStatus)).selectOption('accepted');
  await expectAccessible(page, 'credential dialog');
  await dialog.getByRole('button', { name: id.common.save }).click();
  await expect(dialog).toBeHidden();
  await expect(allocation.getByText(id.credentialStatus.accepted, { exact: true })).toBeVisible();
  await expectAccessible(page, 'assembly page');
});
