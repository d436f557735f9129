// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, renderApp } from '../../../test/render-app.tsx';

describe('import upload step', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/imports', { body: { items: [], maxUploadMb: 200 } });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('offers a CSV template whose header row names every member column', async () => {
    renderApp('/members/import');
    const link = await screen.findByRole('link', { name: id.imports.upload.templateMembers });
    expect(link.getAttribute('download')).toBe(id.imports.upload.templateFileMembers);
    const href = link.getAttribute('href') ?? '';
    expect(href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    const csv = decodeURIComponent(href.slice('data:text/csv;charset=utf-8,'.length));
    expect(csv).toBe(
      '\uFEFFNomor anggota,Nama lengkap,Jenis kelamin,Identitas gender,Tahun lahir,Nomor HP,Email,Kode unit,Perusahaan,Jabatan,Tanggal masuk,Status\r\n',
    );
  });
});
