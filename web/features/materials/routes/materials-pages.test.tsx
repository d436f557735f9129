// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../../../shared/locales/en/materials.json';
import tr from '../../../../shared/locales/id/materials.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';
import { materialDetail, materialSummary } from '../materials-fixtures.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, String(value)), text);

describe('materials screens', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/materials', {
      body: {
        items: [
          materialSummary(),
          materialSummary({ id: 4, title: 'Video Berani Melapor', kind: 'video_link', status: 'draft' }),
        ],
        canCreate: true,
      },
    });
    network.on('GET', '/api/v1/materials/3', { body: materialDetail() });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('lists materials under the nav entry and creates a draft; passes axe', async () => {
    network.on('POST', '/api/v1/materials', {
      status: 201,
      body: materialDetail({ id: 9, status: 'draft' }),
    });
    network.on('GET', '/api/v1/materials/9', { body: materialDetail({ id: 9, status: 'draft' }) });
    network.on('GET', /^\/api\/v1\/units/, {
      body: { items: [{ id: 1, name: 'DPP SPN', level: 'DPP', code: 'DPP', parentId: null }] },
    });
    renderApp('/materials');
    expect(await screen.findByRole('link', { name: 'Stop Pelecehan di Tempat Kerja' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: web.nav.label });
    expect(within(nav).getByRole('link', { name: web.nav.materials })).toBeTruthy();
    const row = screen.getByRole('row', { name: /Video Berani Melapor/ });
    expect(within(row).getByText(tr.kinds.video_link)).toBeTruthy();
    expect(within(row).getByText(tr.status.draft)).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: tr.list.add }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(tr.form.title)), {
      target: { value: 'Poster Satgas PPKS' },
    });
    fireEvent.click(within(dialog).getByRole('combobox', { name: label(tr.form.unit) }));
    fireEvent.click(await screen.findByRole('option', { name: /DPP SPN/, hidden: true }));
    fireEvent.change(within(dialog).getByLabelText(tr.form.kind), { target: { value: 'poster' } });
    fireEvent.change(within(dialog).getByLabelText(tr.form.licence), { target: { value: 'cc_by' } });
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: tr.form.createTitle }));
    await waitFor(() => expect(sent('POST', '/api/v1/materials')).toHaveLength(1));
    expect(sent('POST', '/api/v1/materials')[0]!.body).toEqual({
      ownerUnitId: 1,
      title: 'Poster Satgas PPKS',
      summary: null,
      kind: 'poster',
      language: 'id',
      audience: 'members',
      licence: 'cc_by',
    });
  });

  it('shows a material with its versions, files, hashes and the campaigns using it; passes axe', async () => {
    renderApp('/materials/3');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Stop Pelecehan di Tempat Kerja' }),
    ).toBeTruthy();
    const versions = screen.getByRole('region', { name: tr.material.versions.tableLabel });
    const latest = within(versions).getByRole('row', { name: /leaflet-c190-v2\.pdf/ });
    expect(within(latest).getByText('Nomor hotline diperbarui')).toBeTruthy();
    expect(
      within(latest).getByText(fill(tr.material.versions.sha256, { hash: 'ab'.repeat(32) })),
    ).toBeTruthy();
    expect(within(latest).getByRole('link', { name: 'leaflet-c190-v2.pdf' }).getAttribute('href')).toBe(
      '/api/v1/materials/3/files/21',
    );
    const uses = screen.getByRole('region', { name: tr.material.uses.tableLabel });
    expect(within(uses).getByRole('link', { name: '16 Hari — DPD Jawa Barat' }).getAttribute('href')).toBe(
      '/campaigns/6',
    );
    expect(screen.getByRole('link', { name: tr.material.publicPage }).getAttribute('href')).toBe(
      '/materi/stop-pelecehan-di-tempat-kerja',
    );
    expect(await axeViolations()).toEqual([]);
  });

  it('uploads a new version with its note as multipart, the note before the file', async () => {
    network.on('POST', '/api/v1/materials/3/versions', {
      status: 201,
      body: materialDetail({ latestVersion: 3 }),
    });
    renderApp('/materials/3');
    await screen.findByRole('heading', { level: 1, name: 'Stop Pelecehan di Tempat Kerja' });
    fireEvent.click(screen.getByRole('button', { name: tr.material.upload.submit }));
    expect(await screen.findByText(tr.material.upload.required)).toBeTruthy();
    expect(sent('POST', '/api/v1/materials/3/versions')).toHaveLength(0);
    const file = new File(['%PDF-1.4'], 'leaflet-v3.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByLabelText(tr.material.upload.file), { target: { files: [file] } });
    fireEvent.change(screen.getByLabelText(tr.material.upload.note), { target: { value: 'Cetak ulang' } });
    fireEvent.click(screen.getByRole('button', { name: tr.material.upload.submit }));
    await waitFor(() => expect(sent('POST', '/api/v1/materials/3/versions')).toHaveLength(1));
    const body = sent('POST', '/api/v1/materials/3/versions')[0]!.body as FormData;
    expect([...body.keys()]).toEqual(['note', 'file']);
    expect(body.get('note')).toBe('Cetak ulang');
  });

  it('a reader from below the owner sees it in English, told she cannot change it, with no upload or publish', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession({ language: 'en' }) });
    network.on('GET', '/api/v1/materials/3', {
      body: materialDetail({ canManage: false, uses: [], campaigns: [] }),
    });
    renderApp('/materials/3');
    expect(await screen.findByText(en.material.seeOnly)).toBeTruthy();
    expect(screen.getByText(en.material.uses.none)).toBeTruthy();
    expect(screen.queryByRole('button', { name: en.material.upload.submit })).toBeNull();
    expect(screen.queryByRole('button', { name: en.material.unpublish })).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('publishes a draft once it has a version', async () => {
    network.on('GET', '/api/v1/materials/3', {
      body: materialDetail({ status: 'draft', publishedAt: null }),
    });
    network.on('POST', '/api/v1/materials/3/publication', { body: materialDetail() });
    renderApp('/materials/3');
    fireEvent.click(await screen.findByRole('button', { name: tr.material.publish }));
    await waitFor(() => expect(sent('POST', '/api/v1/materials/3/publication')).toHaveLength(1));
    expect(sent('POST', '/api/v1/materials/3/publication')[0]!.body).toEqual({ published: true });
  });
});
