import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import quota from '../shared/locales/id/web-quota.json' with { type: 'json' };
import { readAdmin, saveAdmin } from './state.ts';
import { apiCall, expectAccessible, fill, freshTotpCode, state, test } from './support.ts';

/**
 * Congress credentialing journey (SPN 2018): a delegation below 30% women is returned by the congress
 * committee, the unit adds a woman delegate and resubmits, and the committee accepts it. It makes its own
 * units, members and assembly with a fresh suffix, so it depends on no other spec's data; it signs in as
 * the administrator of the first journey when that ran, or makes the first administrator itself.
 */
const q = quota.quota;
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

test('a delegation below 30% is returned, the unit adds a woman, resubmits, and it is accepted', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  const suffix = randomBytes(3).toString('hex').toUpperCase();

  // The data: a DPD with three members (two men, one woman), a Kongres with 3 executive seats for it.
  const top = await apiCall<{ items: { id: number; parentId: number | null }[] }>(page, 'GET', '/units');
  const root = top.items.find((unit) => unit.parentId === null) ?? top.items[0]!;
  const dpd = await apiCall<{ id: number; name: string }>(page, 'POST', '/units', {
    parentId: root.id,
    name: `DPD Sulawesi Selatan ${suffix}`,
    code: `DPD-Q-${suffix}`,
    level: 'DPD',
  });
  // Members belong to a workplace unit (PSP) below the DPD.
  const dpc = await apiCall<{ id: number }>(page, 'POST', '/units', {
    parentId: dpd.id,
    name: `DPC Kota Makassar ${suffix}`,
    code: `DPC-Q-${suffix}`,
    level: 'DPC',
  });
  const psp = await apiCall<{ id: number }>(page, 'POST', '/units', {
    parentId: dpc.id,
    name: `PSP PT Sepatu Makassar ${suffix}`,
    code: `PSP-Q-${suffix}`,
    level: 'PSP',
  });
  const member = (number: string, fullName: string, sex: 'L' | 'P') =>
    apiCall<{ id: string }>(page, 'POST', '/members', {
      memberNumber: `${number}-${suffix}`,
      fullName,
      sex,
      unitId: psp.id,
    });
  const budi = await member('Q1', 'Budi Delegasi', 'L');
  const agus = await member('Q2', 'Agus Delegasi', 'L');
  await member('Q3', 'Kartini Delegasi', 'P');
  const assembly = await apiCall<{ id: number; allocations: { id: number }[] }>(page, 'POST', '/assemblies', {
    unitId: root.id,
    kind: 'kongres',
    name: `Kongres Kuota ${suffix}`,
    startsOn: '2027-03-01',
  });
  const allocated = await apiCall<{ allocations: { id: number; unitId: number }[] }>(
    page,
    'POST',
    `/assemblies/${assembly.id}/allocations`,
    { unitId: dpd.id, category: 'executive', seats: 3 },
  );
  const allocationId = allocated.allocations.find((allocation) => allocation.unitId === dpd.id)!.id;
  for (const delegate of [budi, agus])
    await apiCall(page, 'POST', `/allocations/${allocationId}/delegates`, { memberId: delegate.id });

  // The committee opens the credentials from the assembly page.
  await page.goto(`/assemblies/${assembly.id}`);
  await page.getByRole('link', { name: q.credentials.link }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: fill(q.credentials.title, { name: `Kongres Kuota ${suffix}` }),
    }),
  ).toBeVisible();
  const card = page.getByTestId(`delegation-${allocationId}`);
  await expect(card.getByTestId('credential-state')).toHaveText(q.credentials.state.open);
  await expect(
    card.getByText(fill(q.credentials.present, { women: 0, filled: 2, seats: 3, required: 1 })),
  ).toBeVisible();
  await expect(card.getByText(q.credentials.mustReturn)).toBeVisible();
  // Below the quota the committee cannot accept: the rule's enforcement is "return the delegation".
  await expect(card.getByRole('button', { name: q.credentials.accept })).toBeDisabled();
  await expectAccessible(page, 'credentials, delegation below quota');

  // Return it: the reason is pre-filled from the evaluation.
  await card.getByRole('button', { name: q.credentials.return }).click();
  const returnDialog = page.getByRole('dialog');
  await expect(returnDialog.getByLabel(q.credentials.reason)).toHaveValue(
    /Delegasi di bawah kuota: 0 perempuan dari 2/,
  );
  await expectAccessible(page, 'return dialog');
  await returnDialog.getByRole('button', { name: q.credentials.return }).click();
  await expect(returnDialog).toBeHidden();
  await expect(card.getByTestId('credential-state')).toHaveText(q.credentials.state.returned);
  await expect(card.getByTestId('credential-history')).toContainText(q.credentials.decision.returned);

  // The unit sees why, adds a woman delegate and resubmits.
  await card.getByRole('button', { name: q.credentials.addDelegate }).click();
  const addDialog = page.getByRole('dialog');
  await addDialog
    .getByRole('combobox', { name: new RegExp(`^${q.credentials.delegate}`) })
    .fill(`Q3-${suffix}`);
  await page.getByRole('option', { name: new RegExp(`Kartini Delegasi · Q3-${suffix}`) }).click();
  await addDialog.getByRole('button', { name: q.credentials.addDelegate }).click();
  await expect(addDialog).toBeHidden();
  await expect(
    card.getByText(fill(q.credentials.present, { women: 1, filled: 3, seats: 3, required: 1 })),
  ).toBeVisible();
  await card.getByRole('button', { name: q.credentials.resubmit }).click();
  const resubmitDialog = page.getByRole('dialog');
  await resubmitDialog.getByLabel(q.credentials.reason).fill('Menambah satu delegasi perempuan');
  await resubmitDialog.getByRole('button', { name: q.credentials.resubmit }).click();
  await expect(resubmitDialog).toBeHidden();
  await expect(card.getByTestId('credential-state')).toHaveText(q.credentials.state.submitted);

  // The committee accepts; the whole history stays.
  await card.getByRole('button', { name: q.credentials.accept }).click();
  await expect(card.getByTestId('credential-state')).toHaveText(q.credentials.state.accepted);
  const history = card.getByTestId('credential-history').getByRole('listitem');
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toContainText(q.credentials.decision.accepted);
  await expect(history.nth(1)).toContainText('Menambah satu delegasi perempuan');
  await expect(history.nth(2)).toContainText(q.credentials.decision.returned);
  await expect(card.getByRole('button', { name: q.credentials.addDelegate })).toHaveCount(0);
  await expectAccessible(page, 'credentials, delegation accepted');

  // The rules page shows the SPN defaults in Indonesian.
  await page.getByRole('link', { name: q.nav }).click();
  await expect(page.getByRole('heading', { level: 1, name: q.rules.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: '30% perempuan di setiap delegasi kongres' })).toBeVisible();
  await expectAccessible(page, 'quota rules');
});
