// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../../../shared/contracts/users.ts';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { label, renderWithProviders } from '../../../test/render-app.tsx';
import { useUser } from '../api/users-api.ts';
import { MemberLinkCard } from './member-link-card.tsx';

const userId = '00000000-0000-4000-8000-000000000007';
const userPath = `/api/v1/users/${userId}`;
const baseUser: UserView = {
  id: userId,
  email: 'siti@example.org',
  displayName: 'Siti Staf',
  language: 'id',
  active: true,
  totpEnabled: false,
  homeUnitId: 3,
  homeUnitName: 'DPC Kabupaten Bogor',
  createdAt: '2026-11-01T08:00:00.000Z',
  lastLoginAt: null,
  grants: [],
  pendingGrants: [],
  member: null,
};
const linkedMember = { id: '41', number: '3201000000000101', name: 'Siti Rahayu', sex: 'P' as const };

/** The card fed from the user query, as on the user page: mutations refresh it through the cache. */
function Harness() {
  const user = useUser(userId);
  return user.data ? <MemberLinkCard user={user.data} /> : null;
}

describe('member link card', () => {
  let network: ReturnType<typeof installFakeFetch>;
  const patches = () => network.requests.filter((request) => request.method === 'PATCH');

  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  const section = async () => {
    const heading = await screen.findByRole('heading', { name: id.users.member.title });
    return heading.closest('section') as HTMLElement;
  };

  it('links by member number, explains why, and shows the linked member', async () => {
    network.on('GET', userPath, { body: baseUser });
    network.once('PATCH', userPath, { body: { ...baseUser, member: linkedMember } });
    renderWithProviders(<Harness />);
    const card = await section();
    expect(within(card).getByText(id.users.member.why)).toBeTruthy();
    expect(within(card).getByText(id.users.member.none)).toBeTruthy();
    expect(within(card).queryByRole('button', { name: id.users.member.unlink })).toBeNull();

    // Empty input is refused in the browser, without a request.
    fireEvent.click(within(card).getByRole('button', { name: id.users.member.link }));
    expect(await within(card).findByText(id.validation.required)).toBeTruthy();
    expect(patches()).toHaveLength(0);

    fireEvent.change(within(card).getByLabelText(label(id.users.member.number)), {
      target: { value: ' 3201000000000101 ' },
    });
    fireEvent.click(within(card).getByRole('button', { name: id.users.member.link }));
    expect(await within(card).findByText('Siti Rahayu')).toBeTruthy();
    expect(within(card).getByText('3201000000000101')).toBeTruthy();
    expect(patches().map((request) => request.body)).toEqual([{ memberNumber: '3201000000000101' }]);
    expect(await screen.findByText(id.users.member.linked)).toBeTruthy();
    expect(within(card).getByRole('button', { name: id.users.member.unlink })).toBeTruthy();
  });

  it('puts an unknown number and an already linked member on the input', async () => {
    network.on('GET', userPath, { body: baseUser });
    network.once(
      'PATCH',
      userPath,
      problem(400, 'validation_failed', 'Data tidak valid.', {
        fields: [{ path: 'memberNumber', message: 'Nilai tidak valid.' }],
      }),
    );
    network.once(
      'PATCH',
      userPath,
      problem(409, 'conflict', 'Sudah dipakai.', {
        fields: [{ path: 'memberNumber', message: 'Sudah dipakai.' }],
      }),
    );
    renderWithProviders(<Harness />);
    const card = await section();
    const input = within(card).getByLabelText(label(id.users.member.number));
    fireEvent.change(input, { target: { value: 'TIDAK-ADA' } });
    fireEvent.click(within(card).getByRole('button', { name: id.users.member.link }));
    expect(await within(card).findByText(id.users.member.unknownNumber)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    // The field error is on the input, so no separate alert repeats it.
    expect(within(card).queryByRole('alert')).toBeNull();

    fireEvent.click(within(card).getByRole('button', { name: id.users.member.link }));
    expect(await within(card).findByText(id.users.member.alreadyLinked)).toBeTruthy();
    expect(patches()).toHaveLength(2);
  });

  it('shows a server error without field details in the error alert', async () => {
    network.on('GET', userPath, { body: baseUser });
    network.once('PATCH', userPath, problem(403, 'forbidden', 'Anda tidak berwenang.'));
    renderWithProviders(<Harness />);
    const card = await section();
    fireEvent.change(within(card).getByLabelText(label(id.users.member.number)), {
      target: { value: '3201000000000101' },
    });
    fireEvent.click(within(card).getByRole('button', { name: id.users.member.link }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('Anda tidak berwenang.');
  });

  it('unlinks after confirmation', async () => {
    network.on('GET', userPath, { body: { ...baseUser, member: linkedMember } });
    network.once('PATCH', userPath, { body: baseUser });
    renderWithProviders(<Harness />);
    const card = await section();
    expect(within(card).getByText('Siti Rahayu')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: id.users.member.unlink }));
    const dialog = await screen.findByRole('dialog', { name: id.users.member.unlinkTitle });
    expect(dialog.textContent).toContain('Siti Staf');
    expect(dialog.textContent).toContain('3201000000000101');
    fireEvent.click(within(dialog).getByRole('button', { name: id.users.member.unlink }));
    expect(await within(card).findByText(id.users.member.none)).toBeTruthy();
    expect(patches().map((request) => request.body)).toEqual([{ memberNumber: null }]);
    expect(await screen.findByText(id.users.member.unlinked)).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
