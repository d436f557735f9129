// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';

const signedOut = { signedIn: false as const };
const mfaSession = { ...adminSession({ totpEnabled: true }), stage: 'mfa' as const };

describe('login page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('asks for the TOTP code after the password, accepts a recovery code, then opens the home page', async () => {
    network.once('GET', '/api/v1/session', { body: signedOut });
    network.on('GET', '/api/v1/session', { body: mfaSession });
    network.on('POST', '/api/v1/auth/login', { body: { stage: 'mfa' } });
    const { router } = renderApp('/login?next=%2Faccount');

    fireEvent.change(await screen.findByLabelText(label(id.fields.email)), {
      target: { value: 'admin@example.org' },
    });
    fireEvent.change(screen.getByLabelText(label(id.fields.password)), {
      target: { value: 'correct horse battery' },
    });
    fireEvent.click(screen.getByRole('button', { name: id.auth.login.submit }));

    // Password accepted: the same page now shows the code step.
    expect(await screen.findByRole('heading', { name: id.auth.totp.title })).toBeTruthy();
    const login = network.requests.find((request) => request.path === '/api/v1/auth/login');
    expect(login?.body).toEqual({ email: 'admin@example.org', password: 'correct horse battery' });
    expect(login?.headers.get('x-csrf-token')).toBe('csrf-1');

    // Switch to a recovery code; a wrong one shows the server's message next to the input.
    fireEvent.click(screen.getByRole('button', { name: id.auth.totp.useRecovery }));
    const recoveryInput = screen.getByLabelText(label(id.fields.recoveryCode));
    network.once('POST', '/api/v1/auth/totp', problem(401, 'invalid_totp', 'Kode salah atau sudah dipakai.'));
    fireEvent.change(recoveryInput, { target: { value: 'wrong-code-1' } });
    fireEvent.click(screen.getByRole('button', { name: id.auth.totp.submit }));
    expect(await screen.findByText('Kode salah atau sudah dipakai.')).toBeTruthy();
    await waitFor(() => expect(recoveryInput.getAttribute('aria-invalid')).toBe('true'));

    network.on('POST', '/api/v1/auth/totp', { body: { stage: 'full' } });
    network.on('GET', '/api/v1/session', { body: adminSession({ totpEnabled: true }) });
    fireEvent.change(recoveryInput, { target: { value: 'abcd-efgh-ijkl' } });
    fireEvent.click(screen.getByRole('button', { name: id.auth.totp.submit }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
    const totp = network.requests.filter((request) => request.path === '/api/v1/auth/totp').at(-1);
    expect(totp?.body).toEqual({ recoveryCode: 'abcd-efgh-ijkl' });
    expect(await screen.findByRole('heading', { level: 1, name: id.account.title })).toBeTruthy();
  });

  it('shows the server message for wrong credentials and stays on the password step', async () => {
    network.on('GET', '/api/v1/session', { body: signedOut });
    network.on(
      'POST',
      '/api/v1/auth/login',
      problem(401, 'invalid_credentials', 'Email atau kata sandi salah.'),
    );
    renderApp('/login');

    fireEvent.change(await screen.findByLabelText(label(id.fields.email)), {
      target: { value: 'admin@example.org' },
    });
    fireEvent.change(screen.getByLabelText(label(id.fields.password)), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: id.auth.login.submit }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Email atau kata sandi salah.');
    expect(screen.getByRole('heading', { name: id.auth.login.title })).toBeTruthy();
  });

  it('sends a logged-out visitor of a staff page to the login page', async () => {
    // The server tells a signed-out visitor so with 200 (a 401 would be a console error on every page).
    network.on('GET', '/api/v1/session', { body: signedOut });
    const { router } = renderApp('/users');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toBe('?next=%2Fusers');
  });

  it('still treats a 401 from the session endpoint as signed out (an older server, a proxy)', async () => {
    network.on('GET', '/api/v1/session', problem(401, 'unauthenticated', 'Silakan masuk.'));
    const { router } = renderApp('/users');
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });
});
