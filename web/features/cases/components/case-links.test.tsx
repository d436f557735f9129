// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import escrowId from '../../../../shared/locales/id/web-case-escrow.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { caseDetail, caseId, caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { renderApp } from '../../../test/render-app.tsx';

const casePath = `/api/v1/cases/${caseId}`;
const otherId = '00000000-0000-4000-8000-0000000000b2';

describe('linked cases on the case page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: caseSession() });
    network.on('GET', '/api/v1/units', { body: { items: [] } });
    network.on('GET', casePath, { body: caseDetail() });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('lists the linked cases the server sends, each a link to its page', async () => {
    network.on('GET', `${casePath}/links`, {
      body: {
        items: [
          {
            id: otherId,
            reference: 'K-2026-000042',
            state: 'received',
            handlingUnit: { id: 1, name: 'DPP SPN' },
            reason: 'escrow_match',
            linkedAt: '2026-12-01T10:00:00.000Z',
          },
        ],
      },
    });
    renderApp(`/cases/${caseId}`);
    await screen.findAllByRole('tab', {}, { timeout: 5000 });
    const section = (
      await screen.findByText(escrowId.caseEscrow.linked.title, {}, { timeout: 5000 })
    ).closest('section')!;
    const link = within(section as HTMLElement).getByRole('link', { name: /K-2026-000042/ });
    expect(link.getAttribute('href')).toBe(`/cases/${otherId}`);
    expect(within(section as HTMLElement).getByText(/DPP SPN/)).toBeTruthy();
  });

  it('shows nothing when there is no linked case', async () => {
    network.on('GET', `${casePath}/links`, { body: { items: [] } });
    renderApp(`/cases/${caseId}`);
    await screen.findAllByRole('tab', {}, { timeout: 5000 });
    expect(network.requests.some((request) => request.path === `${casePath}/links`)).toBe(true);
    expect(screen.queryByText(escrowId.caseEscrow.linked.title)).toBeNull();
  });
});
