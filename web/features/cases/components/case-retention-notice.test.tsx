// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import messages from '../../../../shared/locales/id/web-case-retention.json';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { renderWithProviders } from '../../../test/render-app.tsx';
import { CaseRetentionNotice } from './case-retention-notice.tsx';

const caseId = '55555555-5555-4555-8555-555555555555';
const path = `/api/v1/cases/${caseId}/retention`;
const text = messages.caseRetention;

describe('case retention notice', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
  });
  afterEach(() => network.restore());

  it('tells the case team when a closed case will be purged', async () => {
    network.on('GET', path, {
      body: {
        state: 'closed',
        closedAt: '2026-03-10T04:30:00.000Z',
        purgeDueAt: '2027-03-10T04:30:00.000Z',
        periodYears: 1,
        hold: null,
      },
    });
    renderWithProviders(<CaseRetentionNotice caseId={caseId} state="closed" />);
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain(text.card.title);
    expect(notice.textContent).toMatch(/2027/);
    expect(notice.textContent).toContain('1 tahun setelah ditutup');
  });

  it('shows a legal hold instead of the purge date', async () => {
    network.on('GET', path, {
      body: {
        state: 'closed',
        closedAt: '2026-03-10T04:30:00.000Z',
        purgeDueAt: '2031-03-10T04:30:00.000Z',
        periodYears: 5,
        hold: { reason: 'permintaan_aparat', placedAt: '2026-04-01T00:00:00.000Z' },
      },
    });
    renderWithProviders(<CaseRetentionNotice caseId={caseId} state="closed" />);
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain(text.holdReasons.permintaan_aparat);
    expect(notice.textContent).not.toMatch(/2031/);
  });

  it('shows nothing on an open case without a hold, or when the notice cannot load', async () => {
    network.on('GET', path, {
      body: { state: 'handling', closedAt: null, purgeDueAt: null, periodYears: 5, hold: null },
    });
    const open = renderWithProviders(<CaseRetentionNotice caseId={caseId} state="handling" />);
    await waitFor(() => expect(network.requests.filter((request) => request.path === path)).toHaveLength(1));
    expect(screen.queryByRole('alert')).toBeNull();
    open.unmount();

    network.on('GET', path, problem(500, 'internal', 'Kesalahan.'));
    renderWithProviders(<CaseRetentionNotice caseId={caseId} state="closed" />);
    await waitFor(() => expect(network.requests.filter((request) => request.path === path)).toHaveLength(2));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
