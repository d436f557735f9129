// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  RetentionCaseItem,
  RetentionSettingsResponse,
} from '../../../../shared/contracts/case-retention.ts';
import messages from '../../../../shared/locales/id/web-case-retention.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';

const text = messages.caseRetention;
const periods = {
  selesai: 5,
  dirujuk_keluar: 5,
  ditarik_korban: 1,
  tanpa_persetujuan: 5,
  tidak_terbukti: 5,
  duplikat: 1,
};
const settings = (overrides: Partial<RetentionSettingsResponse> = {}): RetentionSettingsResponse => ({
  periods,
  defaults: periods,
  minimumYears: 1,
  maximumYears: 30,
  editable: true,
  updatedAt: null,
  ...overrides,
});
const heldCase: RetentionCaseItem = {
  id: '11111111-1111-4111-8111-111111111111',
  reference: 'K-2026-000011',
  handlingUnit: { id: 2, name: 'DPD Jawa Barat' },
  closingReason: 'tidak_terbukti',
  closedAt: '2026-01-15T03:00:00.000Z',
  purgeDueAt: '2031-01-15T03:00:00.000Z',
  isDue: false,
  hold: { reason: 'proses_pidana', placedAt: '2026-02-01T03:00:00.000Z' },
  purgedAt: null,
};
const dueCase: RetentionCaseItem = {
  ...heldCase,
  id: '22222222-2222-4222-8222-222222222222',
  reference: 'K-2025-000002',
  closingReason: 'ditarik_korban',
  closedAt: '2025-06-01T03:00:00.000Z',
  purgeDueAt: '2026-06-01T03:00:00.000Z',
  isDue: true,
  hold: null,
};

describe('retention page (administrator)', () => {
  let network: ReturnType<typeof installFakeFetch>;
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);
  const rowOf = (reference: string) =>
    screen.getAllByRole('row').find((row) => row.textContent?.includes(reference)) ?? null;

  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/retention/settings', { body: settings() });
    network.on('GET', '/api/v1/retention/cases', (request) =>
      new URL(request.path, 'http://x').searchParams.get('status') === 'held'
        ? { body: { items: [heldCase], nextCursor: null } }
        : { body: { items: [dueCase, heldCase], nextCursor: null } },
    );
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('lists closed cases by reference with coded data only: reason, dates, due flag, hold', async () => {
    renderApp('/retention');
    expect(await screen.findByRole('heading', { level: 1, name: text.title })).toBeTruthy();
    await screen.findByRole('table');
    const due = rowOf('K-2025-000002');
    expect(due?.textContent).toContain(web.cases.closingReasons.ditarik_korban);
    expect(due?.textContent).toContain(text.list.due);
    const held = rowOf('K-2026-000011');
    expect(held?.textContent).toContain(text.holdReasons.proses_pidana);
    expect(held?.textContent).not.toContain(text.list.due);
    expect(
      network.requests.some((request) => request.path.startsWith('/api/v1/retention/cases?status=pending')),
    ).toBe(true);

    fireEvent.change(screen.getByLabelText(label(text.list.status)), { target: { value: 'held' } });
    await waitFor(() => expect(rowOf('K-2025-000002')).toBeNull());
    expect(rowOf('K-2026-000011')).not.toBeNull();
  });

  it('places a hold with a coded reason and releases another', async () => {
    network.on('POST', `/api/v1/retention/cases/${dueCase.id}/hold`, (request) => ({
      body: {
        ...dueCase,
        hold: {
          reason: (request.body as { reason: 'gugatan_perdata' }).reason,
          placedAt: '2026-12-01T00:00:00.000Z',
        },
      },
    }));
    network.on('POST', `/api/v1/retention/cases/${heldCase.id}/release`, {
      body: { ...heldCase, hold: null },
    });
    renderApp('/retention');
    await screen.findByRole('table');

    fireEvent.click(screen.getByRole('button', { name: `Tahan kasus ${dueCase.reference}` }));
    const dialog = await screen.findByRole('dialog');
    const reason = within(dialog).getByLabelText(label(text.hold.reason)) as HTMLSelectElement;
    // Codes only: every option is a coded reason, there is no free-text field.
    expect([...reason.options].map((option) => option.value)).toEqual(Object.keys(text.holdReasons));
    expect(within(dialog).queryByRole('textbox')).toBeNull();
    fireEvent.change(reason, { target: { value: 'gugatan_perdata' } });
    fireEvent.click(within(dialog).getByRole('button', { name: text.hold.confirm }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent('POST', `/api/v1/retention/cases/${dueCase.id}/hold`)[0]?.body).toEqual({
      reason: 'gugatan_perdata',
    });

    fireEvent.click(screen.getByRole('button', { name: `Cabut penahanan kasus ${heldCase.reference}` }));
    await waitFor(() =>
      expect(sent('POST', `/api/v1/retention/cases/${heldCase.id}/release`)).toHaveLength(1),
    );
    // The list is asked again after each change.
    await waitFor(() =>
      expect(
        network.requests.filter((request) => request.path.startsWith('/api/v1/retention/cases?')).length,
      ).toBeGreaterThanOrEqual(3),
    );
  });

  it('saves the periods, refusing 0 years before sending, and shows the server’s refusal', async () => {
    network.on('PUT', '/api/v1/retention/settings', (request) => ({
      body: settings({
        periods: (request.body as { periods: typeof periods }).periods,
        updatedAt: '2026-12-01T00:00:00.000Z',
      }),
    }));
    renderApp('/retention');
    const field = (await screen.findByLabelText(
      label(text.settings.years.replace('{{reason}}', web.cases.closingReasons.selesai)),
    )) as HTMLInputElement;
    expect(field.value).toBe('5');

    fireEvent.change(field, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: text.settings.save }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(sent('PUT', '/api/v1/retention/settings')).toHaveLength(0);

    fireEvent.change(field, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: text.settings.save }));
    await waitFor(() => expect(sent('PUT', '/api/v1/retention/settings')).toHaveLength(1));
    expect(sent('PUT', '/api/v1/retention/settings')[0]?.body).toEqual({
      periods: { ...periods, selesai: 7 },
    });

    network.once('PUT', '/api/v1/retention/settings', problem(403, 'forbidden', 'Anda tidak berwenang.'));
    fireEvent.click(screen.getByRole('button', { name: text.settings.save }));
    expect(await screen.findByText('Anda tidak berwenang.')).toBeTruthy();
  });

  it('is read-only for an administrator below the top unit', async () => {
    network.on('GET', '/api/v1/retention/settings', { body: settings({ editable: false }) });
    renderApp('/retention');
    expect(await screen.findByText(text.settings.readOnly)).toBeTruthy();
    expect(screen.queryByRole('button', { name: text.settings.save })).toBeNull();
    const field = screen.getByLabelText(
      label(text.settings.years.replace('{{reason}}', web.cases.closingReasons.duplikat)),
    ) as HTMLInputElement;
    expect(field.disabled).toBe(true);
  });

  it('is not shown to someone without administrator rights', async () => {
    network.on('GET', '/api/v1/session', {
      body: { ...adminSession(), capabilities: { ...adminSession().capabilities, manageUsers: false } },
    });
    renderApp('/retention');
    expect(await screen.findByRole('heading', { name: web.forbidden.title })).toBeTruthy();
    expect(network.requests.some((request) => request.path.startsWith('/api/v1/retention'))).toBe(false);
  });
});
