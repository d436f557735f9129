// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementDetail, ChecklistItemView } from '../../../../shared/contracts/agreements.ts';
import tr from '../../../../shared/locales/id/agreements.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';

const item = (code: string, position: number, titleId: string): ChecklistItemView => ({
  code,
  position,
  group: 'violence',
  titleId,
  titleEn: titleId,
});
const coding = (answer: 'yes' | 'partial' | 'no', article: string | null = null) => ({
  answer,
  excerpt: article ? 'Pekerja dilindungi dari pelecehan.' : null,
  article,
  versionNumber: 1,
  codedByName: 'Rina',
  codedAt: '2026-11-20T03:00:00.000Z',
});
const items = [
  item('prohibition', 1, 'Larangan kekerasan'),
  item('complaint_channel', 2, 'Saluran pengaduan'),
  item('maternity_leave', 3, 'Cuti melahirkan'),
  item('online_harassment', 4, 'Pelecehan daring'),
];
const detail = (): AgreementDetail => ({
  id: 7,
  unitId: 40,
  unitName: 'PSP SPN PT Garmen Sejahtera',
  kind: 'pkb',
  companyName: 'PT Garmen Sejahtera',
  registrationNumber: 'KEP.12/2025',
  startsOn: '2025-01-01',
  endsOn: '2027-02-28',
  extendedUntil: null,
  status: 'in_force',
  statusToday: 'in_force',
  expiringSoon: true,
  counts: { yes: 1, partial: 1, no: 1, not_coded: 1 },
  parties: null,
  checklistVersion: 2,
  codedAgainstVersion: 1,
  files: [],
  sheet: [
    {
      item: items[0]!,
      answer: 'partial',
      isNew: false,
      current: coding('partial', 'Pasal 42'),
      history: [coding('no')],
    },
    { item: items[1]!, answer: 'no', isNew: false, current: coding('no'), history: [] },
    { item: items[2]!, answer: 'yes', isNew: false, current: coding('yes', 'Pasal 30'), history: [] },
    { item: items[3]!, answer: 'not_coded', isNew: true, current: null, history: [] },
  ],
  gaps: [
    { item: items[1]!, reason: 'missing', current: coding('no') },
    { item: items[0]!, reason: 'partial', current: coding('partial', 'Pasal 42') },
    { item: items[3]!, reason: 'new', current: null },
  ],
});

describe('agreement screens', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/agreements/7', { body: detail() });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('shows the coding sheet and the gap list with its downloads; passes axe', async () => {
    renderApp('/agreements/7');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'PSP SPN PT Garmen Sejahtera' }),
    ).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: web.nav.label });
    expect(within(nav).getByRole('link', { name: web.nav.agreements })).toBeTruthy();
    expect(screen.getByText(tr.agreement.expiringSoon)).toBeTruthy();
    const sheet = screen.getByRole('region', { name: tr.agreement.sheet.tableLabel });
    const online = within(sheet).getByRole('row', { name: /Pelecehan daring/ });
    expect(within(online).getByText(tr.agreement.sheet.new)).toBeTruthy();
    const gaps = screen.getByRole('region', { name: tr.agreement.gaps.tableLabel });
    const rows = within(gaps).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([
      tr.reasons.missing,
      tr.reasons.partial,
      tr.reasons.new,
    ]);
    expect(within(gaps).queryByText('Cuti melahirkan')).toBeNull();
    expect(screen.getByRole('link', { name: tr.agreement.gaps.xlsx }).getAttribute('href')).toBe(
      '/api/v1/agreements/7/gaps/xlsx',
    );
    expect(screen.getByRole('link', { name: tr.agreement.gaps.pdf }).getAttribute('href')).toBe(
      '/api/v1/agreements/7/gaps/pdf',
    );
    expect(await axeViolations()).toEqual([]);
  });

  it('codes an item in the dialog: answer, article and clause text go to the codings endpoint', async () => {
    network.on('POST', '/api/v1/agreements/7/codings', { status: 201, body: detail() });
    renderApp('/agreements/7');
    await screen.findByRole('heading', { level: 1, name: 'PSP SPN PT Garmen Sejahtera' });
    fireEvent.click(screen.getByRole('button', { name: `${tr.agreement.sheet.code}: Saluran pengaduan` }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: tr.answers.yes }));
    fireEvent.change(within(dialog).getByLabelText(label(tr.agreement.coding.article)), {
      target: { value: 'Pasal 44' },
    });
    fireEvent.change(within(dialog).getByLabelText(label(tr.agreement.coding.excerpt)), {
      target: { value: 'Pengaduan diterima secara rahasia.' },
    });
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: tr.common.save }));
    await waitFor(() => expect(sent('POST', '/api/v1/agreements/7/codings')).toHaveLength(1));
    expect(sent('POST', '/api/v1/agreements/7/codings')[0]!.body).toEqual({
      itemCode: 'complaint_channel',
      answer: 'yes',
      article: 'Pasal 44',
      excerpt: 'Pengaduan diterima secara rahasia.',
    });
  });
});
