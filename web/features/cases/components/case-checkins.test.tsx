// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import reminders from '../../../../shared/locales/id/web-case-reminders.json';
import id from '../../../../shared/locales/id/web.json';
import type { CaseCheckinsResponse } from '../../../../shared/contracts/case-reminders.ts';
import { resetCsrfToken } from '../../../lib/api.ts';
import { caseDetail, caseId, caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { label, renderApp } from '../../../test/render-app.tsx';

const text = reminders.caseReminders;
const casePath = `/api/v1/cases/${caseId}`;
const pending = (kind: CaseCheckinsResponse['items'][number]['kind'], dueAt: string, late = false) => ({
  kind,
  dueAt,
  done: false,
  late,
  recordedAt: null,
  recordedBy: null,
  retaliation: null,
  retaliationKinds: [],
  note: null,
  reopened: false,
});
const checkins = (overrides: Partial<CaseCheckinsResponse> = {}): CaseCheckinsResponse => ({
  outcomeAt: '2026-10-01T03:00:00.000Z',
  contractRenewalOn: null,
  items: [
    pending('checkin_30', '2026-10-31T03:00:00.000Z', true),
    pending('checkin_90', '2026-12-30T03:00:00.000Z'),
    pending('checkin_180', '2027-03-30T03:00:00.000Z'),
  ],
  allowed: { record: true, setContractRenewal: true, reopen: true },
  ...overrides,
});

describe('retaliation watch on the case page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: caseSession() });
    network.on('GET', '/api/v1/notifications/unread-count', { body: { unread: 0 } });
    network.on('GET', casePath, { body: caseDetail({ state: 'closed' }) });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('lists the check-ins with the late one flagged, and records retaliation with a reopen', async () => {
    network.on('GET', `${casePath}/checkins`, { body: checkins() });
    network.on('POST', `${casePath}/checkins/checkin_30`, {
      body: checkins({
        items: [
          {
            ...pending('checkin_30', '2026-10-31T03:00:00.000Z'),
            done: true,
            recordedAt: '2026-11-02T03:00:00.000Z',
            recordedBy: 'Koordinator',
            retaliation: true,
            retaliationKinds: ['mutasi'],
            reopened: true,
          },
        ],
      }),
    });
    renderApp(`/cases/${caseId}`);
    const section = await screen.findByRole('region', { name: text.checkins.title }, { timeout: 5000 });
    const table = await within(section).findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent?.includes(id.cases.deadlineKinds.checkin_30))).toEqual([
      true,
      false,
      false,
    ]);
    expect(rows[0]?.textContent).toContain(id.cases.late);

    fireEvent.click(
      within(section).getByRole('button', {
        name: text.checkins.recordNamed.replace('{{kind}}', id.cases.deadlineKinds.checkin_30),
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: text.checkins.submit }));
    expect(await within(dialog).findAllByText(id.validation.required)).not.toHaveLength(0);
    fireEvent.click(within(dialog).getByLabelText(text.checkins.yes));
    fireEvent.click(await within(dialog).findByLabelText(text.retaliationKinds.mutasi));
    fireEvent.click(within(dialog).getByLabelText(text.checkins.reopen));
    fireEvent.change(within(dialog).getByLabelText(label(text.checkins.reason)), {
      target: { value: 'Dimutasi setelah melapor' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: text.checkins.submit }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const posted = network.requests.find((request) => request.method === 'POST');
    expect(posted?.body).toEqual({
      retaliation: true,
      retaliationKinds: ['mutasi'],
      note: null,
      reopen: true,
      reason: 'Dimutasi setelah melapor',
    });
    expect(await within(section).findByText(text.checkins.reopened)).toBeTruthy();
  });

  it('says check-ins come after an outcome, and is not shown to legal aid', async () => {
    network.on('GET', `${casePath}/checkins`, { body: checkins({ outcomeAt: null, items: [] }) });
    const view = renderApp(`/cases/${caseId}`);
    expect(await screen.findByText(text.checkins.noOutcome, {}, { timeout: 5000 })).toBeTruthy();
    view.unmount();
    network.on('GET', casePath, { body: caseDetail({ myRoles: ['legal_aid'] }) });
    renderApp(`/cases/${caseId}`);
    await screen.findByRole('heading', { level: 1 }, { timeout: 5000 });
    expect(screen.queryByRole('region', { name: text.checkins.title })).toBeNull();
    expect(network.requests.filter((request) => request.path.endsWith('/checkins'))).toHaveLength(1);
  });
});
