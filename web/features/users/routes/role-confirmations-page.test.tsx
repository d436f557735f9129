// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PendingGrantView } from '../../../../shared/contracts/users.ts';
import tr from '../../../../shared/locales/id/role-confirmations.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, renderApp } from '../../../test/render-app.tsx';

const fill = (text: string, values: Record<string, string>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, value), text);

const me = adminSession().user.id;
const request = (overrides: Partial<PendingGrantView> = {}): PendingGrantView => ({
  id: '00000000-0000-4000-8000-0000000000c1',
  userId: '00000000-0000-4000-8000-0000000000b1',
  userName: 'Wulan Pendamping',
  userEmail: 'wulan@example.org',
  role: 'case_handler',
  unitId: 2,
  unitName: 'DPD Jawa Barat',
  unitLevel: 'DPD',
  requestedBy: { id: '00000000-0000-4000-8000-0000000000d1', name: 'Admin Jabar' },
  requestedAt: '2026-12-07T03:00:00.000Z',
  canConfirm: true,
  canWithdraw: true,
  ...overrides,
});

describe('case role confirmations page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((item) => item.method === method && item.path === path);

  it('offers confirm and decline on a colleague’s request, and only withdraw on one’s own; passes axe', async () => {
    const theirs = request();
    const mine = request({
      id: '00000000-0000-4000-8000-0000000000c2',
      userName: 'Tuti Bantuan Hukum',
      role: 'legal_aid',
      requestedBy: { id: me, name: 'Sri Admin' },
      canConfirm: false,
    });
    network.on('GET', '/api/v1/role-confirmations', { body: { items: [theirs, mine] } });
    network.on('POST', `/api/v1/role-confirmations/${theirs.id}/confirm`, { body: theirs });
    network.on('DELETE', `/api/v1/role-confirmations/${mine.id}`, { status: 204 });
    renderApp('/role-confirmations');

    expect(await screen.findByRole('heading', { level: 1, name: tr.title })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: web.nav.label });
    expect(within(nav).getByRole('link', { name: web.nav.roleConfirmations })).toBeTruthy();
    const theirRow = await screen.findByRole('row', { name: /Wulan Pendamping/ });
    const names = { name: 'Wulan Pendamping', role: web.roles.case_handler, unit: 'DPD Jawa Barat' };
    expect(within(theirRow).getByRole('button', { name: fill(tr.declineNamed, names) })).toBeTruthy();
    const myRow = screen.getByRole('row', { name: /Tuti Bantuan Hukum/ });
    expect(within(myRow).queryByRole('button', { name: new RegExp(tr.confirm) })).toBeNull();
    expect(within(myRow).getByText(tr.yours)).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(within(theirRow).getByRole('button', { name: fill(tr.confirmNamed, names) }));
    await waitFor(() =>
      expect(sent('POST', `/api/v1/role-confirmations/${theirs.id}/confirm`)).toHaveLength(1),
    );
    fireEvent.click(
      within(myRow).getByRole('button', {
        name: fill(tr.withdrawNamed, {
          name: 'Tuti Bantuan Hukum',
          role: web.roles.legal_aid,
          unit: 'DPD Jawa Barat',
        }),
      }),
    );
    await waitFor(() => expect(sent('DELETE', `/api/v1/role-confirmations/${mine.id}`)).toHaveLength(1));
  });

  it('says so when nothing waits for the caller', async () => {
    network.on('GET', '/api/v1/role-confirmations', { body: { items: [] } });
    renderApp('/role-confirmations');
    expect(await screen.findByText(tr.empty)).toBeTruthy();
  });
});
