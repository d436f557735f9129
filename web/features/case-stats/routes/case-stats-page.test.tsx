// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  CaseStatsResponse,
  StatCell,
  StatList,
  StatTable,
} from '../../../../shared/contracts/case-stats.ts';
import id from '../../../../shared/locales/id/web-case-stats.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { renderApp } from '../../../test/render-app.tsx';

const shown = (value: number): StatCell => ({ value, status: 'shown' });
const small: StatCell = { value: null, status: 'small' };
const hidden: StatCell = { value: null, status: 'complement' };
const list = (rows: [string, StatCell][], total: StatCell = shown(30)): StatList => ({
  rows: rows.map(([key, cell]) => ({ key, cell })),
  total,
});
const table = (rows: string[], columns: string[]): StatTable => ({
  columns,
  rows: rows.map((key) => ({
    key,
    cells: columns.map(() => shown(10)),
    total: shown(10 * columns.length),
    rate: 0.5,
  })),
  columnTotals: columns.map(() => shown(10 * rows.length)),
  total: shown(10 * rows.length * columns.length),
});

const stats: CaseStatsResponse = {
  from: '2026-01',
  to: '2026-12',
  unit: { id: 2, name: 'DPD Jawa Barat', level: 'DPD' },
  childUnits: [{ id: 3, name: 'DPC Bogor', level: 'DPC' }],
  scopeUnits: [{ id: 2, name: 'DPD Jawa Barat', level: 'DPD' }],
  smallCellLimit: 5,
  total: shown(30),
  byMonth: list([['2026-10', shown(30)]]),
  byUnit: list([
    ['3', shown(27)],
    ['self', small],
  ]),
  byPlace: list([
    ['area_kerja', hidden],
    ['rumah', small],
  ]),
  byRelationship: list([['atasan', shown(30)]]),
  byOutcome: list([['none', shown(30)]]),
  bySex: list([['P', shown(30)]]),
  byAgeBand: list([['25-44', shown(30)]]),
  byForm: [{ key: 'KS01', cell: shown(30) }],
  timeToFirstContact: [{ key: 'all', count: shown(30), p25: 1, median: 2, p75: 3, p90: 4 }],
  timeToClose: [{ key: 'all', count: small, p25: null, median: null, p75: null, p90: null }],
  deadlines: table(['first_contact'], ['met', 'missed']),
  referrals: table(['konseling_psikologis'], ['selesai', 'berjalan', 'ditolak']),
  consents: table(['konseling_psikologis'], ['given', 'refused', 'withdrawn']),
};

const session = (readCaseStatistics: boolean) => {
  const base = caseSession();
  return { ...base, capabilities: { ...base.capabilities, readCaseStatistics } };
};

describe('case statistics page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeAll(() => {
    // happy-dom does no layout; the chart library measures its container.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
  });
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/session', { body: session(true) });
    network.on('GET', '/api/v1/case-statistics', { body: stats });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('shows hidden cells as "< 5" and "×", never as a number, and offers the three exports', async () => {
    renderApp('/case-statistics');
    const places = await screen.findByRole('region', { name: id.caseStats.byPlace }, { timeout: 15_000 });
    expect(within(places).getByText('< 5')).toBeTruthy();
    expect(within(places).getByLabelText(id.caseStats.complement).textContent).toBe('×');
    const xlsx = screen.getByRole('link', { name: id.caseStats.exportXlsx });
    expect(xlsx.getAttribute('href')).toBe(
      '/api/v1/case-statistics/export.xlsx?from=2026-01&to=2026-12&unitId=2',
    );
    expect(screen.getByRole('link', { name: id.caseStats.exportSimfoni }).getAttribute('href')).toContain(
      '/api/v1/case-statistics/simfoni.csv?',
    );
    expect(screen.getByRole('link', { name: id.caseStats.nav })).toBeTruthy();
  });

  it('sends the chosen period to the API', async () => {
    renderApp('/case-statistics');
    await screen.findByRole('region', { name: id.caseStats.byPlace }, { timeout: 15_000 });
    fireEvent.change(screen.getByLabelText(id.caseStats.from), { target: { value: '2026-03' } });
    fireEvent.change(screen.getByLabelText(id.caseStats.to), { target: { value: '2026-06' } });
    fireEvent.click(screen.getByRole('button', { name: id.caseStats.apply }));
    await waitFor(() =>
      expect(
        network.requests.some(
          (request) => request.path === '/api/v1/case-statistics?from=2026-03&to=2026-06',
        ),
      ).toBe(true),
    );
  });

  it('has no navigation entry and no screen without the capability', async () => {
    network.on('GET', '/api/v1/session', { body: session(false) });
    renderApp('/case-statistics');
    await waitFor(() => expect(screen.queryByRole('navigation')).toBeTruthy());
    expect(screen.queryByRole('link', { name: id.caseStats.nav })).toBeNull();
    expect(network.requests.some((request) => request.path.startsWith('/api/v1/case-statistics'))).toBe(
      false,
    );
  });
});
