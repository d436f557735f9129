// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParticipantReportResponse } from '../../../../shared/contracts/training-reports.ts';
import en from '../../../../shared/locales/en/training.json';
import tr from '../../../../shared/locales/id/training.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, renderApp } from '../../../test/render-app.tsx';
import { program } from '../training-fixtures.ts';

const counts = (women: number, men: number, unknown = 0) => ({
  women,
  men,
  unknown,
  total: women + men + unknown,
});
const report = (overrides: Partial<ParticipantReportResponse> = {}): ParticipantReportResponse => ({
  unit: { id: 1, name: 'DPP SPN', level: 'DPP' },
  filters: { year: null, track: null },
  years: [2025],
  tracks: [{ code: 'media', labels: { id: 'Kelas Media', en: 'Media class' } }],
  rows: [
    {
      year: 2025,
      track: 'media',
      unitId: 3,
      unitName: 'DPD Jawa Barat',
      nominated: counts(3, 1),
      participants: counts(2, 1, 1),
      completed: counts(2, 0),
    },
  ],
  totals: { nominated: counts(3, 1), participants: counts(2, 1, 1), completed: counts(2, 0) },
  ...overrides,
});

describe('participant report screen', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/training/programs', { body: { items: [program()], canCreate: false } });
    network.on('GET', /^\/api\/v1\/training\/reports\/participants(\?.*)?$/, { body: report() });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });

  it('is linked from the programmes page for those who read dashboards', async () => {
    renderApp('/training');
    expect(await screen.findByRole('link', { name: tr.report.link })).toBeTruthy();
  });

  it("shows counts by sex per stage, the women's share of participants and file links; passes axe", async () => {
    renderApp('/training/reports/participants');
    expect(await screen.findByRole('heading', { level: 1, name: tr.report.title })).toBeTruthy();
    const table = await screen.findByRole('region', {
      name: tr.report.tableLabel.replace('{{unit}}', 'DPP SPN'),
    });
    const row = within(table)
      .getAllByRole('row')
      .find((item) => item.textContent?.includes('DPD Jawa Barat'))!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    // Year, track, unit; nominated W/M/total, participants W/M/total, completed W/M/total; share.
    expect(cells).toEqual([
      '2025',
      'Kelas Media',
      'DPD Jawa Barat',
      '3',
      '1',
      '4',
      '2',
      '1',
      '4',
      '2',
      '0',
      '2',
      '67%',
    ]);
    expect(screen.getByRole('link', { name: tr.report.xlsx }).getAttribute('href')).toBe(
      '/api/v1/training/reports/participants/export?unitId=1&format=xlsx',
    );
    expect(await axeViolations()).toEqual([]);
  });

  it('a filter goes to the server and into the file links', async () => {
    network.on('GET', '/api/v1/training/reports/participants?year=2025', {
      body: report({ filters: { year: 2025, track: null } }),
    });
    renderApp('/training/reports/participants');
    await screen.findByRole('heading', { level: 1, name: tr.report.title });
    await userEvent.click(screen.getAllByLabelText(tr.report.year)[0]!);
    await userEvent.click(await screen.findByRole('option', { name: '2025', hidden: true }));
    await waitFor(() =>
      expect(
        network.requests.some(
          (request) => request.path === '/api/v1/training/reports/participants?year=2025',
        ),
      ).toBe(true),
    );
    await waitFor(() =>
      expect(screen.getByRole('link', { name: tr.report.pdf }).getAttribute('href')).toBe(
        '/api/v1/training/reports/participants/export?unitId=1&year=2025&format=pdf',
      ),
    );
  });

  it('reads in English', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession({ language: 'en' }) });
    renderApp('/training/reports/participants');
    expect(await screen.findByRole('heading', { level: 1, name: en.report.title })).toBeTruthy();
    const table = await screen.findByRole('region', {
      name: en.report.tableLabel.replace('{{unit}}', 'DPP SPN'),
    });
    expect(within(table).getByText('Media class')).toBeTruthy();
  });
});
