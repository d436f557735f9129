// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import messages from '../../../../shared/locales/id/web-case-reminders.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { renderApp } from '../../../test/render-app.tsx';

const text = messages.caseReminders;
const caseId = '22222222-2222-4222-8222-222222222222';
const near = {
  id: '00000000-0000-4000-8000-0000000000a1',
  kind: 'case_deadline_near',
  link: `/cases/${caseId}`,
  createdAt: '2026-11-23T02:00:00.000Z',
  readAt: null,
};
const missed = {
  id: '00000000-0000-4000-8000-0000000000b2',
  kind: 'case_deadline_missed',
  link: `/cases/${caseId}`,
  createdAt: '2026-11-22T02:00:00.000Z',
  readAt: '2026-11-22T03:00:00.000Z',
};

describe('notifications inbox', () => {
  let network: ReturnType<typeof installFakeFetch>;
  let unread = 1;
  beforeEach(() => {
    unread = 1;
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: caseSession() });
    network.on('GET', '/api/v1/notifications/unread-count', () => ({ body: { unread } }));
    network.on('GET', '/api/v1/notifications', (request) =>
      request.path.includes('unread=true')
        ? { body: { items: unread ? [near] : [], unread } }
        : {
            body: {
              items: [unread ? near : { ...near, readAt: '2026-11-23T04:00:00.000Z' }, missed],
              unread,
            },
          },
    );
    network.on('POST', `/api/v1/notifications/${near.id}/read`, () => {
      unread = 0;
      return { body: { unread: 0 } };
    });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('lists what needs attention with a link to the case and nothing else, and marks it read', async () => {
    renderApp('/notifications');
    const list = await screen.findByRole('list', { name: text.inbox.listLabel });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain(text.kinds.case_deadline_near);
    expect(items[0]?.textContent).toContain(text.inbox.unread);
    expect(items[1]?.textContent).toContain(text.kinds.case_deadline_missed);
    expect(items[1]?.textContent).not.toContain(text.inbox.unread);
    const links = within(list).getAllByRole('link', { name: text.inbox.open });
    expect(links.map((link) => link.getAttribute('href'))).toEqual([`/cases/${caseId}`, `/cases/${caseId}`]);
    // The bell in the header says how many are unread.
    expect(
      await screen.findByRole('link', { name: text.bell.unread.replace('{{count}}', '1') }),
    ).toBeTruthy();

    fireEvent.click(within(items[0]!).getByRole('button', { name: text.inbox.markRead }));
    await waitFor(() =>
      expect(
        network.requests.some((request) => request.method === 'POST' && request.path.endsWith('/read')),
      ).toBe(true),
    );
    expect(await screen.findByRole('link', { name: text.bell.none })).toBeTruthy();
    await waitFor(() => expect(screen.queryByText(text.inbox.unread)).toBeNull());
  });

  it('filters to unread ones', async () => {
    renderApp('/notifications');
    await screen.findByRole('list', { name: text.inbox.listLabel });
    fireEvent.click(screen.getByRole('switch', { name: text.inbox.unreadOnly }));
    await waitFor(() =>
      expect(network.requests.some((request) => request.path === '/api/v1/notifications?unread=true')).toBe(
        true,
      ),
    );
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
  });
});
