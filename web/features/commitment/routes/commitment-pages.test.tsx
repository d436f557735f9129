// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../../../shared/locales/en/commitment.json';
import tr from '../../../../shared/locales/id/commitment.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';
import { signature, versionOneDetail } from '../commitment-fixtures.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, String(value)), text);

describe('Joint Commitment screens', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/commitment/versions', {
      body: { items: [versionOneDetail()], canAuthor: true },
    });
    network.on('GET', '/api/v1/commitment/versions/1', { body: versionOneDetail() });
    network.on('GET', '/api/v1/commitment/signatures', { body: { items: [signature()], total: 1 } });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('lists versions under the nav entry, warns that v1 is placeholder wording, and passes axe', async () => {
    renderApp('/commitment');
    expect(await screen.findByRole('heading', { level: 1, name: tr.versions.title })).toBeTruthy();
    expect(await screen.findByText(versionOneDetail().titleId)).toBeTruthy();
    expect(screen.getByText(tr.versions.placeholder)).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: web.nav.label });
    expect(within(nav).getByRole('link', { name: web.nav.commitment })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('drafts a version with its points in both languages', async () => {
    network.on('POST', '/api/v1/commitment/versions', {
      status: 201,
      body: versionOneDetail({ id: 2, number: 2, status: 'draft' }),
    });
    network.on('GET', '/api/v1/commitment/versions/2', {
      body: versionOneDetail({ id: 2, number: 2, status: 'draft' }),
    });
    renderApp('/commitment');
    fireEvent.click(await screen.findByRole('button', { name: tr.versions.add }));
    const dialog = await screen.findByRole('dialog');
    const type = (name: string, value: string) =>
      fireEvent.change(within(dialog).getByLabelText(label(name)), { target: { value } });
    type(tr.versions.form.titleId, 'Komitmen v2');
    type(tr.versions.form.titleEn, 'Commitment v2');
    type(fill(tr.versions.form.pointId, { number: 1 }), 'Satu');
    type(fill(tr.versions.form.pointEn, { number: 1 }), 'One');
    type(tr.versions.form.forum, 'Rakernas');
    type(tr.versions.form.adoptedOn, '2026-11-20');
    fireEvent.click(within(dialog).getByRole('button', { name: tr.versions.form.save }));
    await waitFor(() => expect(sent('POST', '/api/v1/commitment/versions')).toHaveLength(1));
    expect(sent('POST', '/api/v1/commitment/versions')[0]!.body).toMatchObject({
      titleId: 'Komitmen v2',
      points: [{ id: 'Satu', en: 'One' }],
      forum: 'Rakernas',
      adoptedOn: '2026-11-20',
    });
    expect(
      await screen.findByText(fill(tr.version.heading, { number: 2, title: versionOneDetail().titleId })),
    ).toBeTruthy();
  });

  it('shows a version with its hash; a draft is activated after a confirmation naming what it supersedes', async () => {
    network.on('GET', '/api/v1/commitment/versions/2', {
      body: versionOneDetail({ id: 2, number: 2, status: 'draft', wordingPlaceholder: false }),
    });
    network.on('POST', '/api/v1/commitment/versions/2/activate', {
      body: versionOneDetail({ id: 2, number: 2 }),
    });
    renderApp('/commitment/versions/2');
    expect(await screen.findByText('ab'.repeat(32))).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(await screen.findByRole('button', { name: tr.version.activate }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(fill(tr.version.activateText, { count: 19 }))).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: tr.version.activate }));
    await waitFor(() => expect(sent('POST', '/api/v1/commitment/versions/2/activate')).toHaveLength(1));
  });

  it('lists signatures, enters a unit adoption and shows the receipt code once', async () => {
    network.on('GET', /^\/api\/v1\/units/, {
      body: { items: [{ id: 2, name: 'DPD Jawa Barat', level: 'DPD', code: 'DPD-32', parentId: 1 }] },
    });
    network.on('POST', '/api/v1/commitment/signatures', {
      status: 201,
      body: {
        ...signature({ id: '42', kind: 'unit', unitId: 2, unitName: 'DPD Jawa Barat' }),
        events: [],
        receiptCode: 'ABCDEFGHJKMN',
      },
    });
    renderApp('/commitment/signatures');
    expect(await screen.findByText('Siti Rahayu (JB-1)')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: tr.signatures.add }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(tr.signatures.form.kind)), {
      target: { value: 'unit' },
    });
    const unit = within(dialog).getByLabelText(label(tr.signatures.form.unit));
    fireEvent.click(unit);
    fireEvent.change(unit, { target: { value: 'Jawa' } });
    fireEvent.click(await screen.findByRole('option', { name: /DPD Jawa Barat/, hidden: true }));
    fireEvent.change(within(dialog).getByLabelText(label(tr.signatures.form.forum)), {
      target: { value: 'Rapat Pleno' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: tr.signatures.form.save }));
    await waitFor(() => expect(sent('POST', '/api/v1/commitment/signatures')).toHaveLength(1));
    expect(sent('POST', '/api/v1/commitment/signatures')[0]!.body).toMatchObject({
      kind: 'unit',
      unitId: 2,
      forum: 'Rapat Pleno',
    });
    expect(await screen.findByText('ABCD-EFGH-JKMN')).toBeTruthy();
  });

  it('invalidating asks for a reason before anything is sent; a refusal is shown', async () => {
    network.on(
      'POST',
      '/api/v1/commitment/signatures/41/decision',
      problem(409, 'commitment_state', 'Status tidak memungkinkan.'),
    );
    renderApp('/commitment/signatures');
    fireEvent.click(await screen.findByRole('button', { name: tr.signatures.invalidate }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: tr.signatures.invalidate }));
    expect(await within(dialog).findByText(tr.validation.reasonRequired)).toBeTruthy();
    expect(sent('POST', '/api/v1/commitment/signatures/41/decision')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(label(tr.signatures.reason)), {
      target: { value: 'Ganda' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: tr.signatures.invalidate }));
    expect(await within(dialog).findByText('Status tidak memungkinkan.')).toBeTruthy();
    expect(sent('POST', '/api/v1/commitment/signatures/41/decision')[0]!.body).toEqual({
      status: 'invalidated',
      reason: 'Ganda',
    });
  });

  it('shows coverage as signers of active members by sex, with adoptions, and passes axe', async () => {
    const row = {
      unitId: 1,
      unitName: 'DPP SPN',
      level: 'DPP',
      isTotal: true,
      members: { P: 21, L: 4, unknown: 0, total: 25 },
      signers: { P: 18, L: 1, unknown: 0, total: 19 },
      coverage: { P: 8571, L: 2500, unknown: null, total: 7600 },
      adopted: true,
      unitsAdopted: 8,
      psps: 3,
      pspsCoSigned: 2,
    };
    network.on('GET', '/api/v1/commitment/coverage', {
      body: {
        unit: { id: 1, name: 'DPP SPN', level: 'DPP' },
        asOf: '2025-12-01',
        versionId: 1,
        versionNumber: 1,
        rows: [row],
        acts: [
          {
            signatureId: '7',
            kind: 'unit',
            unitId: 2,
            unitName: 'DPD Jawa Barat',
            level: 'DPD',
            forum: 'Rapat Pleno',
            decreeNumber: 'SK-07',
            companyName: null,
            signedOn: '2025-11-16',
          },
        ],
        bodies: [
          {
            bodyId: 4,
            bodyName: 'Pengurus DPC Kabupaten Bogor',
            kind: 'pengurus',
            unitId: 3,
            unitName: 'DPC Kabupaten Bogor',
            level: 'DPC',
            holders: 21,
            signed: 18,
          },
          {
            bodyId: 5,
            bodyName: 'Majelis Pertimbangan',
            kind: 'majelis',
            unitId: 1,
            unitName: 'DPP SPN',
            level: 'DPP',
            holders: 0,
            signed: 0,
          },
        ],
      },
    });
    renderApp('/commitment/coverage');
    expect(await screen.findByRole('heading', { level: 1, name: tr.coverage.title })).toBeTruthy();
    expect(await screen.findByText(/18 dari 21 · 85,7%/)).toBeTruthy();
    expect(screen.getByText(tr.coverage.noMembers)).toBeTruthy();
    expect(screen.getByText('2 dari 3')).toBeTruthy();
    expect(screen.getByText(/DPD Jawa Barat mengesahkan \(Rapat Pleno\)/)).toBeTruthy();
    // Officers' coverage per body: "18 of 21 DPC board members signed".
    const bodies = screen.getByRole('region', { name: tr.coverage.bodiesLabel });
    const bogor = within(bodies).getByRole('row', { name: /Pengurus DPC Kabupaten Bogor/ });
    expect(within(bogor).getByText(fill(tr.coverage.bodyCell, { signed: 18, holders: 21 }))).toBeTruthy();
    expect(within(bodies).getByText(tr.coverage.bodyEmpty)).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('enters a paper list row by row and reports what was matched', async () => {
    network.on('GET', /^\/api\/v1\/units/, {
      body: { items: [{ id: 3, name: 'DPC Kabupaten Bogor', level: 'DPC', code: 'DPC-3201', parentId: 2 }] },
    });
    network.on('POST', '/api/v1/commitment/paper-lists', {
      body: { paperListId: 7, counts: { number: 1, name: 1, merged: 0, unmatched: 1 }, rows: [] },
    });
    network.on('POST', '/api/v1/commitment/paper-lists/7/photos', {
      status: 201,
      body: {
        id: 7,
        unitId: 3,
        unitName: 'DPC Kabupaten Bogor',
        signedOn: '2026-11-21',
        versionNumber: 1,
        rowCount: 3,
        counts: { number: 1, name: 1, merged: 0, unmatched: 1 },
        enteredAt: '2026-11-21T03:00:00.000Z',
        photos: [{ id: 4, mediaType: 'image/jpeg', size: 1234, uploadedAt: '2026-11-21T03:01:00.000Z' }],
      },
    });
    renderApp('/commitment/signatures');
    fireEvent.click(await screen.findByRole('button', { name: tr.paper.add }));
    const dialog = await screen.findByRole('dialog');
    const unit = within(dialog).getByLabelText(label(tr.paper.unit));
    fireEvent.click(unit);
    fireEvent.change(unit, { target: { value: 'Bogor' } });
    fireEvent.click(await screen.findByRole('option', { name: /DPC Kabupaten Bogor/, hidden: true }));
    fireEvent.change(within(dialog).getByLabelText(label(tr.paper.rows)), {
      target: { value: 'JB-1; Siti Rahayu; P\n; Budi Santso; l\n\n; Rina dari LSM;' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: tr.paper.save }));
    await waitFor(() => expect(sent('POST', '/api/v1/commitment/paper-lists')).toHaveLength(1));
    expect(sent('POST', '/api/v1/commitment/paper-lists')[0]!.body).toMatchObject({
      unitId: 3,
      rows: [
        { memberNumber: 'JB-1', name: 'Siti Rahayu', sex: 'P' },
        { memberNumber: null, name: 'Budi Santso', sex: 'L' },
        { memberNumber: null, name: 'Rina dari LSM', sex: null },
      ],
    });
    expect(
      await within(dialog).findByText(fill(tr.paper.result, { number: 1, name: 1, merged: 0, unmatched: 1 })),
    ).toBeTruthy();
    // The photo of the signed sheet goes with the list just entered: a file is required.
    expect(within(dialog).getByText(tr.paper.photo.none)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: tr.paper.photo.submit }));
    expect(await within(dialog).findByText(tr.paper.photo.required)).toBeTruthy();
    expect(sent('POST', '/api/v1/commitment/paper-lists/7/photos')).toHaveLength(0);
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'lembar.jpg', { type: 'image/jpeg' });
    fireEvent.change(within(dialog).getByLabelText(label(tr.paper.photo.file)), {
      target: { files: [photo] },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: tr.paper.photo.submit }));
    await waitFor(() => expect(sent('POST', '/api/v1/commitment/paper-lists/7/photos')).toHaveLength(1));
    const link = await within(dialog).findByRole('link', { name: /^Foto lembar 1 / });
    expect(link.getAttribute('href')).toBe('/api/v1/commitment/paper-lists/7/photos/4');
    expect(await axeViolations()).toEqual([]);
  });

  it('speaks English', async () => {
    await changeLanguage('en');
    renderApp('/commitment/signatures');
    expect(await screen.findByRole('heading', { level: 1, name: en.signatures.title })).toBeTruthy();
  });
});
