// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { caseListItem, caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { label, renderApp } from '../../../test/render-app.tsx';

const lateCase = caseListItem({
  id: '33333333-3333-4333-8333-333333333333',
  reference: 'K-2026-0002',
  state: 'received',
  forms: ['KS02'],
  nextDeadline: { kind: 'first_contact', dueAt: '2026-11-18T03:00:00.000Z', late: true },
  myRoles: ['coordinator', 'handler'],
});
const onTimeCase = caseListItem();
const laterCase = caseListItem({
  id: '44444444-4444-4444-8444-444444444444',
  reference: 'K-2026-0003',
  nextDeadline: null,
});

describe('cases list page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  const listRequests = () =>
    network.requests
      .filter((request) => request.path.startsWith('/api/v1/cases?'))
      .map((request) => new URL(request.path, 'http://x').searchParams);
  const rowOf = (text: string) =>
    screen.getAllByRole('row').find((row) => row.textContent?.includes(text)) ?? null;

  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/session', { body: caseSession() });
    network.on('GET', '/api/v1/units', { body: { items: [] } });
    network.on('GET', '/api/v1/cases', (request) => {
      const cursor = new URL(request.path, 'http://x').searchParams.get('cursor');
      return cursor
        ? { body: { items: [laterCase], nextCursor: null } }
        : { body: { items: [lateCase, onTimeCase], nextCursor: 'next-1' } };
    });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('opens a coordinator on her unit’s cases by next deadline, flags late ones and shows her role', async () => {
    renderApp('/cases');
    const table = await screen.findByRole('table');
    // Her work is at her unit (issue 18): the list opens on "Kasus unit saya".
    expect(listRequests()[0]?.toString()).toBe('scope=unit&sort=deadline&limit=50');
    expect(screen.getByRole('tab', { name: id.cases.scope.unit }).getAttribute('aria-selected')).toBe('true');

    const late = rowOf('K-2026-0002');
    expect(late?.textContent).toContain(id.cases.late);
    expect(late?.textContent).toContain(id.cases.states.received);
    expect(late?.textContent).toContain(`KS02 ${id.cases.forms.KS02}`);
    expect(late?.textContent).toContain(`${id.cases.caseRoles.coordinator}, ${id.cases.caseRoles.handler}`);
    const onTime = rowOf('K-2026-0001');
    expect(onTime?.textContent).not.toContain(id.cases.late);
    expect(onTime?.textContent).toContain(id.cases.deadlineKinds.first_contact);
    expect(within(table).getAllByText(id.cases.late)).toHaveLength(1);

    expect(within(table).getByRole('link', { name: 'K-2026-0002' }).getAttribute('href')).toBe(
      `/cases/${lateCase.id}`,
    );
    expect(screen.getByRole('link', { name: id.cases.record }).getAttribute('href')).toBe('/cases/new');
    // The navigation offers the case screens to a case role.
    const nav = screen.getByRole('navigation', { name: id.nav.label });
    expect(within(nav).getByRole('link', { name: id.nav.cases })).toBeTruthy();
  });

  it('builds the query from the filters, the scope tab and the sort, and keeps them in the address', async () => {
    const { router } = renderApp('/cases');
    await screen.findByRole('table');

    fireEvent.change(screen.getByLabelText(label(id.cases.filters.state)), { target: { value: 'triage' } });
    await waitFor(() => expect(listRequests().at(-1)?.get('state')).toBe('triage'));

    fireEvent.change(screen.getByLabelText(label(id.cases.filters.deadline)), { target: { value: 'late' } });
    await waitFor(() => expect(listRequests().at(-1)?.get('deadline')).toBe('late'));

    fireEvent.change(screen.getByLabelText(label(id.cases.filters.form)), { target: { value: 'KS03' } });
    await waitFor(() => expect(listRequests().at(-1)?.get('form')).toBe('KS03'));

    fireEvent.change(screen.getByLabelText(label(id.cases.filters.sort)), { target: { value: 'received' } });
    await waitFor(() => expect(listRequests().at(-1)?.get('sort')).toBe('received'));

    fireEvent.click(screen.getByRole('tab', { name: id.cases.scope.mine }));
    await waitFor(() =>
      expect(listRequests().at(-1)?.toString()).toBe(
        'scope=mine&sort=received&state=triage&deadline=late&form=KS03&limit=50',
      ),
    );
    expect(screen.getByRole('tab', { name: id.cases.scope.mine }).getAttribute('aria-selected')).toBe('true');
    expect(router.state.location.search).toBe(
      '?scope=mine&state=triage&deadline=late&form=KS03&sort=received',
    );
  });

  it('loads the next page with the cursor', async () => {
    renderApp('/cases');
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: id.common.loadMore }));
    expect(await screen.findByRole('link', { name: 'K-2026-0003' })).toBeTruthy();
    expect(listRequests().at(-1)?.get('cursor')).toBe('next-1');
    expect(rowOf('K-2026-0003')?.textContent).toContain(id.cases.noDeadline);
    expect(screen.queryByRole('button', { name: id.common.loadMore })).toBeNull();
  });

  it('hides intake without intakeCases, and the whole screen without workCases', async () => {
    network.on('GET', '/api/v1/session', { body: caseSession({ intakeCases: false }) });
    const { unmount } = renderApp('/cases');
    await screen.findByRole('table');
    expect(screen.queryByRole('link', { name: id.cases.record })).toBeNull();
    unmount();
    const before = network.requests.length;

    network.on('GET', '/api/v1/session', { body: caseSession({ workCases: false, intakeCases: false }) });
    renderApp('/cases');
    expect(await screen.findByRole('heading', { level: 1, name: id.forbidden.title })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: id.nav.label });
    expect(within(nav).queryByRole('link', { name: id.nav.cases })).toBeNull();
    const later = network.requests.slice(before);
    expect(later.some((request) => request.path.startsWith('/api/v1/cases'))).toBe(false);
  });

  it('opens a handler on the cases assigned to her, with no unit tab that could only be empty', async () => {
    const session = caseSession();
    network.on('GET', '/api/v1/session', {
      body: { ...session, grants: [{ ...session.grants[0]!, role: 'case_handler' }] },
    });
    renderApp('/cases?scope=unit');
    await screen.findByRole('table');
    expect(listRequests()[0]?.get('scope')).toBe('mine');
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([id.cases.scope.mine]);
  });
});
