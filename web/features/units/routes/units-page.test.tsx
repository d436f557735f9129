// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';

const unit = (fields: {
  id: number;
  parentId: number | null;
  name: string;
  code: string;
  level: string;
  childCount: number;
}) => ({
  depth: fields.parentId === null ? 0 : 1,
  active: true,
  ...fields,
});
const root = unit({ id: 1, parentId: null, name: 'DPP SPN', code: 'DPP', level: 'DPP', childCount: 1 });
const jabar = unit({
  id: 2,
  parentId: 1,
  name: 'DPD Jawa Barat',
  code: 'DPD-JABAR',
  level: 'DPD',
  childCount: 1,
});
const bandung = unit({
  id: 3,
  parentId: 2,
  name: 'DPC Bandung',
  code: 'DPC-BDG',
  level: 'DPC',
  childCount: 0,
});

describe('units page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/units/levels', { body: { levels: ['DPP', 'DPD', 'DPC', 'PSP', 'PA'] } });
    network.on('GET', '/api/v1/units', (request) => {
      const parentId = new URL(request.path, 'http://x').searchParams.get('parentId');
      const items = parentId === '1' ? [jabar] : parentId === '2' ? [bandung] : [root];
      return { body: { items } };
    });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('loads children when a unit is expanded, with aria-expanded on the button', async () => {
    renderApp('/units');
    // Top units start expanded, so the first level is visible.
    expect(await screen.findByText('DPD Jawa Barat')).toBeTruthy();
    expect(screen.queryByText('DPC Bandung')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Sub-unit DPD Jawa Barat' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(toggle);
    expect(await screen.findByText('DPC Bandung')).toBeTruthy();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(
      network.requests.some((request) => request.path === '/api/v1/units?parentId=2&includeInactive=false'),
    ).toBe(true);
    // A unit without children has no toggle.
    expect(screen.queryByRole('button', { name: 'Sub-unit DPC Bandung' })).toBeNull();
  });

  it('creates a sub-unit with the next level suggested', async () => {
    network.on('POST', '/api/v1/units', (request) => ({
      status: 201,
      body: unit({
        id: 4,
        parentId: 2,
        childCount: 0,
        ...(request.body as { name: string; code: string; level: string }),
      }),
    }));
    renderApp('/units');
    fireEvent.click(await screen.findByRole('button', { name: 'Tindakan untuk DPD Jawa Barat' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: id.units.actions.create }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(id.units.fields.name)), {
      target: { value: 'DPC Bekasi' },
    });
    fireEvent.change(within(dialog).getByLabelText(label(id.units.fields.code)), {
      target: { value: 'DPC-BKS' },
    });
    await waitFor(() =>
      expect((within(dialog).getByLabelText(label(id.units.fields.level)) as HTMLSelectElement).value).toBe(
        'DPC',
      ),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: id.common.create }));

    await waitFor(() => expect(network.requests.some((request) => request.method === 'POST')).toBe(true));
    const post = network.requests.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({ parentId: 2, name: 'DPC Bekasi', code: 'DPC-BKS', level: 'DPC' });
    expect(post?.headers.get('x-csrf-token')).toBe('csrf-1');
  });

  it('hides the unit actions without the manageUnits capability', async () => {
    const session = adminSession();
    network.on('GET', '/api/v1/session', {
      body: { ...session, capabilities: { ...session.capabilities, manageUnits: false } },
    });
    renderApp('/units');
    expect(await screen.findByText('DPD Jawa Barat')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Tindakan untuk/ })).toBeNull();
  });
});
