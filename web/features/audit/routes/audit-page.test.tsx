// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../../shared/contracts/audit.ts';
import en from '../../../../shared/locales/en/web.json';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, renderApp } from '../../../test/render-app.tsx';

const entry = (overrides: Partial<AuditEntryView>): AuditEntryView => ({
  id: '1',
  at: '2026-12-07T03:30:00Z',
  actorId: null,
  actorLabel: 'admin@spn.test',
  action: 'member.export',
  objectType: 'member',
  objectId: null,
  unitId: 1,
  requestId: null,
  details: {},
  ...overrides,
});

describe('audit log page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/audit', {
      body: {
        items: [
          entry({ details: { format: 'xlsx', filters: { status: 'aktif', q: '[search]' } } }),
          entry({
            id: '2',
            action: 'unit.move',
            objectType: 'unit',
            objectId: '12',
            details: { fromParentId: 3, toParentId: 4, isPublic: true },
          }),
        ],
        nextCursor: null,
      },
    });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('shows actions, objects and details as labels in Indonesian, with the time in WIB, not raw JSON', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession() });
    renderApp('/audit');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    const first = within(rows[0]!);
    expect(first.getByText(id.audit.actions.member_export)).toBeTruthy();
    expect(first.getByText(id.audit.objectTypes.member)).toBeTruthy();
    expect(first.getByText(`${id.audit.detailKeys.format}:`)).toBeTruthy();
    expect(
      first.getByText(`${id.audit.detailKeys.status}: aktif; ${id.audit.detailKeys.q}: [search]`),
    ).toBeTruthy();
    expect(first.getByText(/10[.:]30 WIB$/)).toBeTruthy();
    const second = within(rows[1]!);
    expect(second.getByText(id.audit.actions.unit_move)).toBeTruthy();
    expect(second.getByText(`${id.audit.objectTypes.unit} · 12`)).toBeTruthy();
    expect(second.getByText(`${id.audit.detailKeys.fromParentId}:`)).toBeTruthy();
    // A key no label names yet reads as words; a flag as yes/no.
    expect(second.getByText('is public:')).toBeTruthy();
    expect(second.getByText(id.audit.yes)).toBeTruthy();
    expect(table.textContent).not.toContain('{');
  });

  it('uses the reader’s language', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession({ language: 'en' }) });
    renderApp('/audit');
    const table = await screen.findByRole('table');
    expect(await within(table).findAllByText(en.audit.actions.member_export)).toBeTruthy();
    expect(within(table).getByText(`${en.audit.detailKeys.fromParentId}:`)).toBeTruthy();
  });
});
