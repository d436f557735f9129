// @vitest-environment happy-dom
import '../../test/setup-dom.ts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../../shared/locales/en/web.json';
import id from '../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../lib/api.ts';
import { changeLanguage } from '../../lib/i18n.ts';
import { installFakeFetch, problem } from '../../test/fake-fetch.ts';
import { adminSession, renderApp } from '../../test/render-app.tsx';

describe('app shell', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });

  it('hides navigation the capabilities do not allow', async () => {
    const session = adminSession();
    network.on('GET', '/api/v1/session', {
      body: {
        ...session,
        capabilities: { manageUsers: false, manageUnits: false, readAudit: true, readOutbox: false },
      },
    });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: id.nav.label });
    expect(nav.textContent).toContain(id.nav.audit);
    expect(nav.textContent).not.toContain(id.nav.users);
    expect(nav.textContent).not.toContain(id.nav.outbox);
  });

  it('switches language from the user menu and saves it on the account', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('PATCH', '/api/v1/me', { body: adminSession({ language: 'en' }) });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Selamat datang, Sri Admin' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Sri Admin/ }));
    fireEvent.click(await screen.findByRole('menuitem', { name: en.language.names.en }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Sri Admin' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    await waitFor(() => {
      const patch = network.requests.find((request) => request.method === 'PATCH');
      expect(patch?.body).toEqual({ language: 'en' });
      expect(patch?.headers.get('x-csrf-token')).toBe('csrf-1');
    });
  });

  it('uses the language stored on the account when the session loads', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession({ language: 'en' }) });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Welcome, Sri Admin' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('sends the user to the login page when a call answers unauthenticated', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/outbox', problem(401, 'unauthenticated', 'Sesi Anda berakhir.'));
    const { router } = renderApp('/outbox');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?next=%2Foutbox');
  });
});
