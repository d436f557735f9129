// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';

const member = (n: number, fullName: string, sex: 'L' | 'P' | null) => ({
  id: String(n),
  memberNumber: `SPN-${n}`,
  fullName,
  sex,
  status: 'aktif',
  unitId: 5,
  unitName: 'PSP PT Garmen',
  joinedOn: '2020-03-01',
});

describe('members page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  const listRequests = () =>
    network.requests
      .filter((request) => request.path.startsWith('/api/v1/members?'))
      .map((request) => new URL(request.path, 'http://x').searchParams);

  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/members', (request) => {
      const cursor = new URL(request.path, 'http://x').searchParams.get('cursor');
      return cursor
        ? { body: { items: [member(3, 'Rina Marlina', 'P')], nextCursor: null } }
        : {
            body: {
              items: [member(1, 'Siti Rahayu', 'P'), member(2, 'Wahyu', null)],
              nextCursor: 'next-1',
              total: 70123,
            },
          };
    });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('shows sex as recorded, sorts by column, filters and loads more by cursor', async () => {
    const { router } = renderApp('/members');
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('link', { name: 'Siti Rahayu' })).toBeTruthy();
    expect(within(table).getByText(id.sex.unknown)).toBeTruthy();
    // No sort asked for: the server's default (by name without a search).
    expect(listRequests()[0]?.toString()).toBe('limit=50');

    // Name is the sorted column; the number column sorts ascending on the first click.
    const headers = within(table).getAllByRole('columnheader');
    expect(headers[0]?.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(table).getByRole('button', { name: new RegExp(id.members.fields.memberNumber) }));
    await waitFor(() => expect(listRequests().at(-1)?.get('sort')).toBe('number'));
    expect(listRequests().at(-1)?.get('direction')).toBe('asc');
    expect(router.state.location.search).toBe('?sort=number&direction=asc');

    fireEvent.change(screen.getByLabelText(label(id.members.filters.sex)), { target: { value: 'unknown' } });
    await waitFor(() => expect(listRequests().at(-1)?.get('sex')).toBe('unknown'));
    expect(listRequests().at(-1)?.get('sort')).toBe('number');

    // The export links carry the same filters.
    const csv = screen.getByRole('link', { name: id.members.export.csv });
    expect(csv.getAttribute('href')).toBe(
      '/api/v1/members/export?sort=number&direction=asc&sex=unknown&format=csv',
    );

    fireEvent.click(await screen.findByRole('button', { name: id.common.loadMore }));
    expect(await screen.findByRole('link', { name: 'Rina Marlina' })).toBeTruthy();
    expect(listRequests().at(-1)?.get('cursor')).toBe('next-1');
    // The total of the first page stays while more pages load (later pages carry none).
    expect(screen.getByText('70.123 anggota')).toBeTruthy();
  });

  it('keeps the status badge whole instead of clipping it with an ellipsis in a narrow column', async () => {
    renderApp('/members');
    const table = await screen.findByRole('table');
    const label = within(table).getAllByText(id.memberStatus.aktif)[0]!;
    expect(label.style.textOverflow).toBe('clip');
    expect(label.style.overflow).toBe('visible');
  });

  it('points an empty list to Import and Add, or says who adds members to a read-only role', async () => {
    network.on('GET', '/api/v1/members', { body: { items: [], nextCursor: null, total: 0 } });
    const { unmount } = renderApp('/members');
    expect(await screen.findByText(id.members.noneManage)).toBeTruthy();
    // Each offer has a name of its own (the header's "Impor anggota" stays unique for a screen reader).
    expect(screen.getByRole('link', { name: id.members.emptyImport }).getAttribute('href')).toBe(
      '/members/import',
    );
    expect(screen.getAllByRole('link', { name: id.members.import })).toHaveLength(1);
    expect(screen.getByRole('button', { name: id.members.emptyAdd })).toBeTruthy();
    unmount();

    const session = adminSession();
    network.on('GET', '/api/v1/session', {
      body: { ...session, capabilities: { ...session.capabilities, manageMembers: false } },
    });
    renderApp('/members');
    expect(await screen.findByText(id.members.noneRead)).toBeTruthy();
    expect(screen.queryByRole('link', { name: id.members.import })).toBeNull();
    expect(screen.queryByRole('link', { name: id.members.emptyImport })).toBeNull();
  });

  it('searches after a pause in typing', async () => {
    renderApp('/members');
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText(label(id.members.search)), { target: { value: 'siti rahayo' } });
    await waitFor(() => expect(listRequests().at(-1)?.get('q')).toBe('siti rahayo'));
    // A search is ranked by relevance: no column sort is sent and no column claims to be sorted.
    expect(listRequests().at(-1)?.get('sort')).toBeNull();
    const table = await screen.findByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.getAttribute('aria-sort') ?? 'none'),
    ).not.toContain('ascending');
  });
});
