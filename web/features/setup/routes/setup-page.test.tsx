// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { label, renderApp } from '../../../test/render-app.tsx';

const token = 'setup-token-0123456789abcdef';

async function fillSetupForm(password = 'a-long-enough-password') {
  fireEvent.change(await screen.findByLabelText(label(id.fields.email)), {
    target: { value: 'sri@example.org' },
  });
  fireEvent.change(screen.getByLabelText(label(id.fields.displayName)), { target: { value: 'Sri' } });
  fireEvent.change(screen.getByLabelText(label(id.fields.password)), { target: { value: password } });
  fireEvent.change(screen.getByLabelText(label(id.fields.confirmPassword)), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: id.setup.submit }));
}

/** The accessible description of an input: where Mantine puts its error message. */
function describedText(input: HTMLElement): string {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((elementId) => document.getElementById(elementId)?.textContent ?? '')
    .join(' ');
}

describe('setup page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: { signedIn: false } });
    network.on('GET', '/api/v1/setup/status', { body: { needed: true } });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('puts the server field errors next to the matching inputs', async () => {
    network.on(
      'POST',
      '/api/v1/setup',
      problem(400, 'validation_failed', 'Beberapa isian tidak valid.', {
        fields: [
          { path: 'email', message: 'Alamat email tidak valid.' },
          { path: 'displayName', message: 'Nama terlalu panjang.' },
        ],
      }),
    );
    renderApp(`/setup#token=${token}`);
    await fillSetupForm();

    const email = screen.getByLabelText(label(id.fields.email));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(email)).toContain('Alamat email tidak valid.');
    expect(describedText(screen.getByLabelText(label(id.fields.displayName)))).toContain(
      'Nama terlalu panjang.',
    );
    // Every problem found its input, so there is no separate alert.
    expect(screen.queryByRole('alert')).toBeNull();

    const sent = network.requests.find((request) => request.method === 'POST');
    expect(sent?.body).toMatchObject({ token, email: 'sri@example.org', displayName: 'Sri', language: 'id' });
  });

  it('shows a weak password refusal on the password input', async () => {
    network.on('POST', '/api/v1/setup', problem(400, 'weak_password', 'Kata sandi ini terlalu umum.'));
    renderApp(`/setup#token=${token}`);
    await fillSetupForm('password123');

    const password = screen.getByLabelText(label(id.fields.password));
    await waitFor(() => expect(describedText(password)).toContain('Kata sandi ini terlalu umum.'));
  });

  it('checks the password length before asking the server', async () => {
    renderApp(`/setup#token=${token}`);
    await fillSetupForm('short');
    const password = screen.getByLabelText(label(id.fields.password));
    await waitFor(() => expect(describedText(password)).toContain('minimal 10 karakter'));
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(network.requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it('names the top unit’s case coordinator, whole and not the administrator herself', async () => {
    network.on('POST', '/api/v1/setup', { status: 201, body: { ok: true, coordinatorInvited: true } });
    renderApp(`/setup#token=${token}`);
    const coordinatorEmail = await screen.findByLabelText(label(id.setup.coordinator.email));
    fireEvent.change(coordinatorEmail, { target: { value: 'sri@example.org' } });
    await fillSetupForm();
    await waitFor(() => expect(describedText(coordinatorEmail)).toContain(id.setup.coordinator.notYourself));
    expect(describedText(screen.getByLabelText(label(id.setup.coordinator.name)))).toContain(
      id.validation.required,
    );
    expect(network.requests.filter((request) => request.method === 'POST')).toHaveLength(0);

    fireEvent.change(coordinatorEmail, { target: { value: 'dewi@example.org' } });
    fireEvent.change(screen.getByLabelText(label(id.setup.coordinator.name)), { target: { value: 'Dewi' } });
    fireEvent.click(screen.getByRole('button', { name: id.setup.submit }));
    await waitFor(() =>
      expect(network.requests.filter((request) => request.method === 'POST')).toHaveLength(1),
    );
    expect(network.requests.find((request) => request.method === 'POST')?.body).toMatchObject({
      email: 'sri@example.org',
      coordinator: { email: 'dewi@example.org', displayName: 'Dewi' },
    });
  });

  it('says so when setup is already done', async () => {
    network.on('GET', '/api/v1/setup/status', { body: { needed: false } });
    renderApp(`/setup#token=${token}`);
    expect(await screen.findByText(id.setup.doneTitle)).toBeTruthy();
    expect(screen.queryByRole('button', { name: id.setup.submit })).toBeNull();
  });
});
