// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ProportionalityResponse,
  QuotaDashboardResponse,
} from '../../../../shared/contracts/quota-dashboard.ts';
import id from '../../../../shared/locales/id/web-quota-dashboard.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, renderApp } from '../../../test/render-app.tsx';

const texts = id.quotaDashboard;
const counts = (women: number, men: number, unknown: number) => {
  const total = women + men + unknown;
  return { women, men, unknown, total, womenShareBp: total ? Math.round((women * 10000) / total) : null };
};
const status = { bodies: 2, compliant: 0, atRisk: 1, nonCompliant: 1, notApplicable: 0, unknown: 0 };

const dashboard = (unitId: number, refreshedAt: string): QuotaDashboardResponse => ({
  unit: {
    id: unitId,
    name: unitId === 1 ? 'DPP SPN' : 'DPD Jawa Barat',
    level: unitId === 1 ? 'DPP' : 'DPD',
  },
  trail:
    unitId === 1
      ? [{ id: 1, name: 'DPP SPN', level: 'DPP' }]
      : [
          { id: 1, name: 'DPP SPN', level: 'DPP' },
          { id: 4, name: 'DPD Jawa Barat', level: 'DPD' },
        ],
  freshness: { asOf: '2026-11-22', refreshedAt, durationMs: 850, changesPending: true },
  rule: {
    name: 'SPN default',
    version: 'spn-default v1',
    thresholdBp: 3000,
    rounding: 'ceil',
    metric: 'filled_share',
  },
  members: counts(7, 6, 1),
  bodies: [{ kind: 'executive', level: 'DPD', ...counts(3, 7, 0), gapBp: -2000, parityPercent: 60, status }],
  regions: [],
  topPosts: [{ post: 'ketua', ...counts(1, 2, 0), gapBp: -1667, parityPercent: 67 }],
  delegates: { assembly: { id: 9, name: 'Kongres VI' }, ...counts(1, 1, 0), gapBp: 0, parityPercent: 100 },
  trends: [{ year: 2024, subject: 'body:executive', ...counts(4, 12, 1) }],
  children:
    unitId === 1
      ? [
          {
            unit: { id: 4, name: 'DPD Jawa Barat', level: 'DPD' },
            hasChildren: true,
            members: counts(6, 3, 1),
            executive: { ...counts(2, 5, 0), gapBp: -3143, parityPercent: 48, status },
            komitePerempuan: { ...counts(3, 0, 0), gapBp: 4000, parityPercent: 167, status },
          },
        ]
      : [],
  attention: {
    total: 1,
    items: [
      {
        bodyId: 31,
        bodyName: 'Pengurus DPD Jawa Barat',
        kind: 'executive',
        unit: { id: 4, name: 'DPD Jawa Barat', level: 'DPD' },
        seats: 7,
        filled: 7,
        women: 2,
        men: 5,
        unknown: 0,
        acting: 0,
        requiredWomen: 3,
        shortfall: 1,
        status: 'non_compliant',
      },
    ],
  },
});

describe('quota dashboard page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  const refreshedAt = new Date(Date.now() - 3 * 60_000).toISOString();
  const dashboardRequests = () =>
    network.requests.filter(
      (request) =>
        request.path.startsWith('/api/v1/quota-dashboard?') || request.path === '/api/v1/quota-dashboard',
    );

  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/quota-dashboard', (request) => {
      const unitId = Number(new URL(request.path, 'http://x').searchParams.get('unitId') ?? 1);
      return { body: dashboard(unitId, refreshedAt) };
    });
    network.on('GET', '/api/v1/quota-dashboard/proportionality', (request) => {
      const kBp = Number(new URL(request.path, 'http://x').searchParams.get('kBp') ?? 8000);
      const body: ProportionalityResponse = {
        unit: { id: 1, name: 'DPP SPN', level: 'DPP' },
        kBp,
        freshness: null,
        total: kBp > 5000 ? 1 : 0,
        items:
          kBp > 5000
            ? [
                {
                  ...dashboard(1, refreshedAt).attention.items[0]!,
                  bodyId: 77,
                  bodyName: 'Pengurus PSP Garmen',
                  bodyShareBp: 3000,
                  membership: counts(95, 5, 0),
                  gapBp: 3000 - 7600,
                  plainGapBp: -6500,
                },
              ]
            : [],
      };
      return { body };
    });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('shows shares with unknown apart, freshness, rule, exports and drills down the tree', async () => {
    const { router } = renderApp('/quota-dashboard');
    // The first render loads the lazy page chunk with the charts: give it time.
    expect(
      await screen.findByRole('heading', { level: 1, name: texts.title }, { timeout: 15_000 }),
    ).toBeTruthy();
    // 7 of 14 women; unknown is its own card.
    await screen.findByText(/spn-default v1/);
    const card = (label: string) =>
      screen
        .getAllByText(label)
        .map((element) => element.closest<HTMLElement>('.mantine-Card-root'))
        .find((element) => element !== null)!;
    expect(within(card(texts.members.share)).getByText('50,0%')).toBeTruthy();
    const unknownCard = card(texts.members.unknown);
    expect(within(unknownCard).getByText('1')).toBeTruthy();
    expect(screen.getByText(/diperbarui 3 menit yang lalu/)).toBeTruthy();
    expect(screen.getByText(texts.pending)).toBeTruthy();
    expect(screen.getByText(/spn-default v1/)).toBeTruthy();
    const xlsx = screen.getByRole('link', { name: texts.export.xlsx });
    expect(xlsx.getAttribute('href')).toBe('/api/v1/quota-dashboard/report?format=xlsx&unitId=1');
    expect(screen.getByRole('link', { name: texts.export.pdf }).getAttribute('href')).toBe(
      '/api/v1/quota-dashboard/report?format=pdf&unitId=1',
    );
    const topPosts = screen.getByRole('region', { name: texts.topPostsTitle });
    expect(within(topPosts).getByText('33,3%')).toBeTruthy();
    // Every column of the bodies table has its own heading (the type and the count were both "Badan").
    const bodiesHeadings = within(screen.getByRole('region', { name: texts.bodiesTitle }))
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(new Set(bodiesHeadings).size).toBe(bodiesHeadings.length);
    // The freshness line is two sentences, not one run together.
    expect(screen.getByText(/diperbarui 3 menit yang lalu\. Pemegang jabatan per /)).toBeTruthy();
    // The time is Jakarta time and says so, as everywhere in the app.
    expect(screen.getByText(/^Per \d{2}[.:]\d{2} WIB, diperbarui/)).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Lihat DPD Jawa Barat' }));
    await waitFor(() => expect(router.state.location.search).toBe('?unitId=4'));
    await waitFor(() => expect(dashboardRequests().at(-1)?.path).toBe('/api/v1/quota-dashboard?unitId=4'));
    const trail = await screen.findByRole('navigation', { name: texts.trail });
    await waitFor(() =>
      expect(within(trail).getByText('DPD Jawa Barat').getAttribute('aria-current')).toBe('page'),
    );
    expect(within(trail).getByRole('link', { name: 'DPP SPN' })).toBeTruthy();
  });

  it('lists bodies needing action with what it would take, and the proportionality view with its k', async () => {
    renderApp('/quota-dashboard');
    fireEvent.click(await screen.findByRole('tab', { name: /Perlu tindakan/ }, { timeout: 15_000 }));
    expect(await screen.findByText('perlu 1 perempuan lagi di antara 7 kursi')).toBeTruthy();
    expect(screen.getByText(texts.status.non_compliant)).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: texts.tabs.proportionality }));
    expect(await screen.findByText('Pengurus PSP Garmen')).toBeTruthy();
    expect(screen.getByText('95,0%')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(texts.proportionality.k), { target: { value: '40' } });
    fireEvent.click(screen.getByRole('button', { name: texts.proportionality.apply }));
    expect(await screen.findByText(texts.proportionality.none)).toBeTruthy();
    expect(network.requests.some((request) => request.path.includes('kBp=4000'))).toBe(true);
  });

  it('says so when a fresh install has no bodies yet instead of showing an empty table', async () => {
    network.on('GET', '/api/v1/quota-dashboard', {
      body: { ...dashboard(1, refreshedAt), bodies: [], children: [] },
    });
    renderApp('/quota-dashboard');
    expect(await screen.findByText(texts.noBodies, undefined, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByRole('region', { name: texts.bodiesTitle })).toBeNull();
  });

  it('hides the screen from a session without the capability', async () => {
    const session = adminSession();
    network.on('GET', '/api/v1/session', {
      body: { ...session, capabilities: { ...session.capabilities, readDashboards: false } },
    });
    renderApp('/quota-dashboard');
    await waitFor(() => expect(screen.queryByRole('heading', { level: 1, name: texts.title })).toBeNull());
    expect(dashboardRequests()).toHaveLength(0);
  });
});
