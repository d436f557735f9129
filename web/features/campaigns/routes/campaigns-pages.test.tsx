// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../../../shared/locales/en/campaigns.json';
import tr from '../../../../shared/locales/id/campaigns.json';
import web from '../../../../shared/locales/id/web.json';
import { sixteenDaysOf } from '../../../../shared/campaign-taxonomies.ts';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';
import { activityDetail, campaignDetail, campaignSummary, kinds, pspReach } from '../campaigns-fixtures.ts';

/** A material of the library as GET /materials lists it (shared/contracts/materials.ts). */
const libraryMaterial = {
  slug: 'leaflet-ilo-190',
  ownerUnitId: 1,
  ownerUnitName: 'DPP SPN',
  kind: 'flyer',
  title: 'Leaflet ILO 190',
  language: 'id',
  audience: 'members',
  licence: 'cc_by_sa',
  status: 'published',
  downloads: 0,
} as const;

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, String(value)), text);

describe('campaign screens', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/campaigns/activity-kinds', { body: kinds });
    network.on('GET', '/api/v1/campaigns', { body: { items: [campaignSummary()], canCreate: true } });
    network.on('GET', '/api/v1/campaigns/reach', {
      body: {
        unitId: 1,
        unitName: 'DPP SPN',
        activityCount: 1,
        reach: pspReach,
        byUnit: [{ unitId: 2, unitName: 'DPD Jawa Barat', reach: pspReach }],
      },
    });
    network.on('GET', '/api/v1/campaigns/5', { body: campaignDetail() });
    network.on('GET', '/api/v1/campaign-activities/11', { body: activityDetail() });
    network.on('GET', '/api/v1/materials', {
      body: {
        items: [
          { ...libraryMaterial, id: 3, latestVersion: 2 },
          { ...libraryMaterial, id: 4, title: 'Draf tanpa versi', latestVersion: null },
        ],
        canCreate: true,
      },
    });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('lists campaigns under the nav entry and creates one from the 16 Days template; passes axe', async () => {
    network.on('POST', '/api/v1/campaigns', { status: 201, body: campaignDetail({ id: 9 }) });
    network.on('GET', '/api/v1/campaigns/9', { body: campaignDetail({ id: 9 }) });
    network.on('GET', /^\/api\/v1\/units/, {
      body: { items: [{ id: 1, name: 'DPP SPN', level: 'DPP', code: 'DPP', parentId: null }] },
    });
    renderApp('/campaigns');
    expect(await screen.findByRole('link', { name: '16 Hari Anti Kekerasan 2026' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: web.nav.label });
    expect(within(nav).getByRole('link', { name: web.nav.campaigns })).toBeTruthy();
    // Reach over the caller's subtree, all campaigns, per child unit.
    const reach = await screen.findByRole('region', { name: tr.reach.tableLabel });
    expect(within(reach).getByRole('row', { name: /DPD Jawa Barat/ })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: tr.list.add }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(tr.form.title)), {
      target: { value: '16 Hari 2027' },
    });
    fireEvent.click(within(dialog).getByRole('combobox', { name: label(tr.form.unit) }));
    fireEvent.click(await screen.findByRole('option', { name: /DPP SPN/, hidden: true }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: label(tr.form.template) }));
    fireEvent.change(within(dialog).getByLabelText(label(tr.form.templateYear)), {
      target: { value: '2027' },
    });
    expect((within(dialog).getByLabelText(label(tr.form.startsOn)) as HTMLInputElement).value).toBe(
      '2027-11-25',
    );
    expect(within(dialog).getAllByLabelText(/^Tema \d/)).toHaveLength(16);
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.create }));
    await waitFor(() => expect(sent('POST', '/api/v1/campaigns')).toHaveLength(1));
    const template = sixteenDaysOf(2027);
    expect(sent('POST', '/api/v1/campaigns')[0]!.body).toEqual({
      ownerUnitId: 1,
      parentId: null,
      template: 'sixteen_days',
      title: '16 Hari 2027',
      theme: null,
      startsOn: '2027-11-25',
      endsOn: '2027-12-10',
      goalWomen: null,
      goalMen: null,
      goalUnits: null,
      days: template.days.map((day) => ({ date: day.date, theme: day.theme.id })),
    });
  });

  it('shows a campaign with sub-campaigns, activities and reach against membership with the gap; passes axe', async () => {
    renderApp('/campaigns/5');
    expect(
      await screen.findByRole('heading', { level: 1, name: '16 Hari Anti Kekerasan 2026' }),
    ).toBeTruthy();
    const reach = screen.getByRole('region', { name: tr.reach.tableLabel });
    const row = within(reach).getByRole('row', { name: /PSP PT Garmen Sejahtera/ });
    // 18.3% of those reached are women against 89.0% of the members: −70.7 points.
    expect(within(row).getByText('-70,7')).toBeTruthy();
    expect(within(row).getByText('22 / 98 / 0')).toBeTruthy();
    expect(screen.getByRole('link', { name: '16 Hari — DPD Jawa Barat' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Sosialisasi di PT Garmen Sejahtera' })).toBeTruthy();
    // A sub-campaign's activity rolls up into the national list, named with the campaign it belongs to.
    const workshop = screen.getByRole('row', { name: /Lokakarya pengurus/ });
    expect(
      within(workshop).getByText(fill(tr.campaign.inSubCampaign, { title: '16 Hari — DPD Jawa Barat' })),
    ).toBeTruthy();
    expect(
      within(screen.getByRole('row', { name: /Sosialisasi di PT Garmen/ })).queryByText(
        fill(tr.campaign.inSubCampaign, { title: '16 Hari Anti Kekerasan 2026' }),
      ),
    ).toBeNull();
    expect(screen.getByText(fill(tr.campaign.unitsCovered, { covered: 1, goal: 7 }))).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('a DPD officer seeing the national campaign is told so and offered no edit, activity or status move', async () => {
    network.on('GET', '/api/v1/campaigns/5', { body: campaignDetail({ canManage: false, children: [] }) });
    renderApp('/campaigns/5');
    expect(await screen.findByText(tr.campaign.seeOnly)).toBeTruthy();
    expect(screen.queryByRole('button', { name: tr.campaign.addActivity })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.campaign.move.closed })).toBeNull();
    expect(screen.getByRole('button', { name: tr.campaign.addChild })).toBeTruthy();
  });

  it('saves the head count of a tally activity', async () => {
    network.on('PUT', '/api/v1/campaign-activities/11/tally', { body: activityDetail() });
    renderApp('/campaigns/activities/11');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sosialisasi di PT Garmen Sejahtera' }),
    ).toBeTruthy();
    expect(screen.getByText(tr.activity.photos.none)).toBeTruthy();
    expect(screen.getByRole('button', { name: tr.activity.photos.submit })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(label(tr.activity.women)), { target: { value: '30' } });
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: tr.activity.saveTally }));
    await waitFor(() => expect(sent('PUT', '/api/v1/campaign-activities/11/tally')).toHaveLength(1));
    expect(sent('PUT', '/api/v1/campaign-activities/11/tally')[0]!.body).toEqual({
      women: 30,
      men: 98,
      unknown: 0,
    });
  });

  it('shows the named list of a roll-call activity in English and takes a member off it', async () => {
    network.on('GET', '/api/v1/session', { body: adminSession({ language: 'en' }) });
    const named = activityDetail({
      reachMode: 'named',
      tally: null,
      attendees: [
        { memberId: '42', memberNumber: 'JB-1', name: 'Siti Rahayu', sex: 'P', unitName: 'PSP Garmen' },
      ],
    });
    network.on('GET', '/api/v1/campaign-activities/11', { body: named });
    network.on('DELETE', '/api/v1/campaign-activities/11/attendees/42', {
      body: { ...named, attendees: [] },
    });
    renderApp('/campaigns/activities/11');
    const list = await screen.findByRole('region', { name: en.activity.attendeesLabel });
    expect(within(list).getByText('Siti Rahayu')).toBeTruthy();
    expect(screen.getByText(en.activity.rollCallHint)).toBeTruthy();
    expect(screen.queryByRole('button', { name: en.activity.saveTally })).toBeNull();
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(
      screen.getByRole('button', { name: fill(en.activity.removeMember, { name: 'Siti Rahayu' }) }),
    );
    await waitFor(() =>
      expect(sent('DELETE', '/api/v1/campaign-activities/11/attendees/42')).toHaveLength(1),
    );
    expect(await screen.findByText(en.activity.noAttendees)).toBeTruthy();
  });

  it('corrects an activity in the form that added it: filled in, reach mode kept, facilitators sent back', async () => {
    const corrected = activityDetail({ title: 'Sosialisasi C190 di PT Garmen Sejahtera' });
    network.on('PUT', '/api/v1/campaign-activities/11', { body: corrected });
    renderApp('/campaigns/activities/11');
    fireEvent.click(await screen.findByRole('button', { name: tr.activity.edit }));
    const dialog = await screen.findByRole('dialog', { name: tr.activity.editTitle });
    const title = within(dialog).getByLabelText(label(tr.activity.fields.title)) as HTMLInputElement;
    expect(title.value).toBe('Sosialisasi di PT Garmen Sejahtera');
    expect((within(dialog).getByLabelText(label(tr.activity.fields.place)) as HTMLInputElement).value).toBe(
      'Kantin pabrik',
    );
    // What was recorded depends on the reach mode, so the form does not offer to change it.
    expect(within(dialog).queryByLabelText(tr.activity.fields.reachMode)).toBeNull();
    expect(await axeViolations()).toEqual([]);
    fireEvent.change(title, { target: { value: 'Sosialisasi C190 di PT Garmen Sejahtera' } });
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.save }));
    await waitFor(() => expect(sent('PUT', '/api/v1/campaign-activities/11')).toHaveLength(1));
    const body = sent('PUT', '/api/v1/campaign-activities/11')[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({
      title: 'Sosialisasi C190 di PT Garmen Sejahtera',
      place: 'Kantin pabrik',
      facilitators: [{ name: 'Rina', organisation: 'LBH Bandung' }],
    });
    expect(body).not.toHaveProperty('reachMode');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers neither correction nor removal once the campaign is closed', async () => {
    network.on('GET', '/api/v1/campaign-activities/11', {
      body: activityDetail({ campaignStatus: 'closed' }),
    });
    renderApp('/campaigns/activities/11');
    expect(await screen.findByText(tr.activity.closed)).toBeTruthy();
    expect(screen.queryByRole('button', { name: tr.activity.edit })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.activity.delete })).toBeNull();
  });

  it('lists the library materials an activity used and records one more (its newest version)', async () => {
    network.on('GET', '/api/v1/campaign-activities/11', {
      body: activityDetail({
        libraryMaterials: [
          { materialId: 5, title: 'SOP Penanganan Kasus', kind: 'sop_text', versionNumber: 1 },
        ],
      }),
    });
    network.on('POST', '/api/v1/materials/3/activities', { body: {} });
    renderApp('/campaigns/activities/11');
    const section = await screen.findByRole('region', { name: tr.activity.library.title });
    expect(within(section).getByRole('link', { name: 'SOP Penanganan Kasus' }).getAttribute('href')).toBe(
      '/materials/5',
    );
    const select = await within(section).findByLabelText(tr.activity.library.pick);
    // A material without a version cannot be recorded as used.
    expect(within(select).queryByRole('option', { name: 'Draf tanpa versi' })).toBeNull();
    fireEvent.change(select, { target: { value: '3' } });
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(within(section).getByRole('button', { name: tr.activity.library.submit }));
    await waitFor(() => expect(sent('POST', '/api/v1/materials/3/activities')).toHaveLength(1));
    expect(sent('POST', '/api/v1/materials/3/activities')[0]!.body).toEqual({
      activityId: 11,
      versionNumber: null,
    });
  });
});
