import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ActivityDetail,
  CampaignDetail,
  CampaignSummary,
  UnitReachResponse,
} from '../../../shared/contracts/campaigns.ts';
import { sixteenDaysOf } from '../../../shared/campaign-taxonomies.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { tinyPng } from '../cases/cases.test-support.ts';
import { multipartBody } from '../imports/imports.test-support.ts';
import {
  createMember,
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

/**
 * Education campaigns over HTTP on PostgreSQL (campaigns-and-commitment.md "Campaigns"; issue 13). The
 * rules, stated apart from the code:
 * - a gender officer manages campaigns owned in her subtree; an officer below a campaign's owner sees it
 *   (the national campaign) but only the sub-campaigns and activities in her own scope; an officer of
 *   another DPD learns nothing of a DPD's campaign (404), and a viewer reaches no campaign route;
 * - a sub-campaign lies inside its parent: unit in the parent owner's subtree, dates inside; an activity
 *   is hosted in the owner's subtree on a date of the campaign; the days lie inside the dates;
 * - draft → active → closed, and a closed campaign is read-only;
 * - reach is a tally or a named list of members from the owner's subtree (each member once), compared
 *   with the active members of the host units by sex, and rolled up from sub-campaigns.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};
const member: Record<string, string> = {};
let nationalId = 0;
let jabarId = 0;
let tallyActivityId = 0;
let namedActivityId = 0;

async function account(name: string, role: string, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}
const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body);
const ok = <T>(response: { statusCode: number; body: string; json: () => unknown }, status = 200): T => {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
};
const codeOf = (response: { json: () => unknown }) => (response.json() as { code: string }).code;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('national', 'gender_officer', tree.root);
  await account('jabar', 'gender_officer', tree.dpdA);
  await account('banten', 'gender_officer', tree.dpdB);
  await account('viewer', 'viewer', tree.root);
  // The PSP addressed: 9 active women and 1 active man, plus a woman who left (not addressed).
  for (let index = 0; index < 9; index += 1)
    member[`w${index}`] = await createMember(ctx, {
      number: `JB-W${index}`,
      name: `Buruh ${index}`,
      unitId: tree.pspA1x,
    });
  member.man = await createMember(ctx, {
    number: 'JB-L1',
    name: 'Budi Santoso',
    unitId: tree.pspA1x,
    sex: 'L',
  });
  member.left = await createMember(ctx, {
    number: 'JB-X1',
    name: 'Rina Keluar',
    unitId: tree.pspA1x,
    status: 'keluar',
  });
  member.serang = await createMember(ctx, { number: 'BT-1', name: 'Wati Serang', unitId: tree.dpcB1 });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('campaigns and sub-campaigns', () => {
  it('the national officer creates the 16 Days campaign from the template, with its sixteen days', async () => {
    const template = sixteenDaysOf(2026);
    const body = ok<CampaignDetail>(
      await who.national!.post('/api/v1/campaigns', {
        ownerUnitId: tree.root,
        title: '16 Hari Anti Kekerasan 2026',
        theme: 'Tempat kerja bebas kekerasan dan pelecehan',
        template: 'sixteen_days',
        startsOn: template.startsOn,
        endsOn: template.endsOn,
        goalWomen: 5000,
        goalMen: 2000,
        goalUnits: 7,
        days: template.days.map((day) => ({ date: day.date, theme: day.theme.id })),
      }),
      201,
    );
    nationalId = body.id;
    expect(body).toMatchObject({
      status: 'draft',
      startsOn: '2026-11-25',
      endsOn: '2026-12-10',
      canManage: true,
    });
    expect(body.days).toHaveLength(16);
    expect(body.days[15]).toEqual({ date: '2026-12-10', theme: 'Hari Hak Asasi Manusia' });
  });

  it('a DPD officer sees the national campaign and adds her DPD sub-campaign inside it', async () => {
    const seen = ok<CampaignDetail>(await who.jabar!.get(`/api/v1/campaigns/${nationalId}`));
    expect(seen.canManage).toBe(false);
    const child = ok<CampaignDetail>(
      await who.jabar!.post('/api/v1/campaigns', {
        ownerUnitId: tree.dpdA,
        parentId: nationalId,
        title: '16 Hari — DPD Jawa Barat',
        startsOn: '2026-11-25',
        endsOn: '2026-12-10',
        goalWomen: 600,
      }),
      201,
    );
    jabarId = child.id;
    expect(child).toMatchObject({ parentId: nationalId, parentTitle: '16 Hari Anti Kekerasan 2026' });
    // She cannot change the national campaign itself.
    expect(
      (await who.jabar!.post(`/api/v1/campaigns/${nationalId}/status`, { status: 'active' })).statusCode,
    ).toBe(403);
  });

  it('a sub-campaign outside the parent dates or subtree, or at a unit she does not manage, is refused', async () => {
    const base = { parentId: nationalId, title: 'x', startsOn: '2026-11-25', endsOn: '2026-12-10' };
    const late = await who.jabar!.post('/api/v1/campaigns', {
      ...base,
      ownerUnitId: tree.dpcA1,
      endsOn: '2026-12-11',
    });
    expect(late.statusCode).toBe(422);
    expect(late.json()).toMatchObject({
      code: 'campaign_out_of_bounds',
      details: { rule: 'dates_outside_campaign' },
    });
    const banten = await who.jabar!.post('/api/v1/campaigns', { ...base, ownerUnitId: tree.dpdB });
    expect(banten.statusCode).toBe(404);
    const underJabar = await who.national!.post('/api/v1/campaigns', {
      ...base,
      parentId: jabarId,
      ownerUnitId: tree.dpcB1,
    });
    expect(underJabar.json()).toMatchObject({
      code: 'campaign_out_of_bounds',
      details: { rule: 'unit_outside_owner' },
    });
    const badDay = await who.jabar!.post('/api/v1/campaigns', {
      ...base,
      ownerUnitId: tree.dpcA1,
      days: [{ date: '2026-12-24', theme: 'Natal' }],
    });
    expect(badDay.json()).toMatchObject({
      code: 'campaign_out_of_bounds',
      details: { rule: 'day_outside_dates' },
    });
    const backwards = await who.jabar!.post('/api/v1/campaigns', {
      ...base,
      ownerUnitId: tree.dpcA1,
      endsOn: '2026-11-01',
    });
    expect(codeOf(backwards)).toBe('validation_failed');
  });

  it('a Banten officer learns nothing of the Jawa Barat sub-campaign; a viewer reaches no campaign route', async () => {
    const list = ok<{ items: CampaignSummary[] }>(await who.banten!.get('/api/v1/campaigns'));
    expect(list.items.map((item) => item.id)).toEqual([nationalId]);
    expect((await who.banten!.get(`/api/v1/campaigns/${jabarId}`)).statusCode).toBe(404);
    const national = ok<CampaignDetail>(await who.banten!.get(`/api/v1/campaigns/${nationalId}`));
    expect(national.children).toEqual([]);
    expect((await who.banten!.post(`/api/v1/campaigns/${jabarId}/activities`, {})).statusCode).toBe(400);
    expect(
      (
        await who.banten!.post(`/api/v1/campaigns/${jabarId}/activities`, {
          kind: 'stand',
          hostUnitId: tree.dpdA,
          heldOn: '2026-11-26',
          title: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect((await who.viewer!.get('/api/v1/campaigns')).statusCode).toBe(403);
    const jabarList = ok<{ items: CampaignSummary[] }>(await who.jabar!.get('/api/v1/campaigns'));
    expect(jabarList.items.map((item) => item.id).sort()).toEqual([nationalId, jabarId].sort());
    const nationalView = ok<CampaignDetail>(await who.national!.get(`/api/v1/campaigns/${nationalId}`));
    expect(nationalView.children.map((child) => child.id)).toEqual([jabarId]);
  });

  it('status moves draft → active → closed only, and a closed campaign is read-only', async () => {
    const { id } = ok<CampaignDetail>(
      await who.jabar!.post('/api/v1/campaigns', {
        ownerUnitId: tree.dpcA1,
        title: 'Kampanye DPC Bogor',
        startsOn: '2026-03-01',
        endsOn: '2026-03-31',
      }),
      201,
    );
    expect(
      ok<CampaignDetail>(await who.jabar!.post(`/api/v1/campaigns/${id}/status`, { status: 'active' }))
        .status,
    ).toBe('active');
    const back = await who.jabar!.post(`/api/v1/campaigns/${id}/status`, { status: 'draft' });
    expect(back.json()).toMatchObject({ code: 'campaign_state', details: { from: 'active', to: 'draft' } });
    ok(await who.jabar!.post(`/api/v1/campaigns/${id}/status`, { status: 'closed' }));
    const edit = await who.jabar!.patch(`/api/v1/campaigns/${id}`, {
      title: 'x',
      startsOn: '2026-03-01',
      endsOn: '2026-03-31',
    });
    expect(edit.statusCode).toBe(409);
    const add = await who.jabar!.post(`/api/v1/campaigns/${id}/activities`, {
      kind: 'stand',
      hostUnitId: tree.dpcA1,
      heldOn: '2026-03-02',
      title: 'Stan',
    });
    expect(codeOf(add)).toBe('campaign_state');
  });
});

describe('activities and reach', () => {
  it('a socialisation at the PSP with a tally shows the gap against the members addressed', async () => {
    const activity = ok<ActivityDetail>(
      await who.jabar!.post(`/api/v1/campaigns/${jabarId}/activities`, {
        kind: 'workplace_socialisation',
        hostUnitId: tree.pspA1x,
        heldOn: '2026-11-27',
        title: 'Sosialisasi di PT Garmen Sejahtera',
        materials: 'Leaflet C190',
        facilitators: [{ memberId: member.w0 }, { name: 'Rina (LBH)', organisation: 'LBH Bandung' }],
      }),
      201,
    );
    tallyActivityId = activity.id;
    expect(activity.facilitators.map((item) => item.name)).toEqual(['Buruh 0', 'Rina (LBH)']);
    const tallied = ok<ActivityDetail>(
      await put(who.jabar!, `/api/v1/campaign-activities/${tallyActivityId}/tally`, {
        women: 2,
        men: 8,
        unknown: 1,
      }),
    );
    // 2 of 10 known are women (20%) against 9 of 10 active members (90%): −70 points.
    expect(tallied.reach).toEqual({
      reached: { women: 2, men: 8, unknown: 1 },
      addressed: { women: 9, men: 1, unknown: 0 },
      reachedWomenShareBp: 2000,
      addressedWomenShareBp: 9000,
      gapBp: -7000,
      coverageBp: 11000,
    });
  });

  it('an activity outside the owner subtree or the dates, or of an unknown kind, is refused', async () => {
    const base = { kind: 'stand', hostUnitId: tree.pspA1x, heldOn: '2026-11-28', title: 'Stan' };
    const out = await who.jabar!.post(`/api/v1/campaigns/${jabarId}/activities`, {
      ...base,
      hostUnitId: tree.dpcB1,
    });
    expect(out.json()).toMatchObject({
      code: 'campaign_out_of_bounds',
      details: { rule: 'unit_outside_owner' },
    });
    const late = await who.jabar!.post(`/api/v1/campaigns/${jabarId}/activities`, {
      ...base,
      heldOn: '2026-12-11',
    });
    expect(late.json()).toMatchObject({ details: { rule: 'dates_outside_campaign' } });
    expect(
      codeOf(await who.jabar!.post(`/api/v1/campaigns/${jabarId}/activities`, { ...base, kind: 'concert' })),
    ).toBe('validation_failed');
    const outsider = await who.jabar!.post(`/api/v1/campaigns/${jabarId}/activities`, {
      ...base,
      facilitators: [{ memberId: member.serang }],
    });
    expect(outsider.json()).toMatchObject({ details: { rule: 'member_outside_owner' } });
  });

  it('a roll call names members once each; reach counts their recorded sex', async () => {
    namedActivityId = ok<ActivityDetail>(
      await who.jabar!.post(`/api/v1/campaigns/${jabarId}/activities`, {
        kind: 'workshop',
        hostUnitId: tree.pspA1x,
        heldOn: '2026-12-01',
        title: 'Lokakarya Satgas PPKS',
        reachMode: 'named',
      }),
      201,
    ).id;
    const url = `/api/v1/campaign-activities/${namedActivityId}/attendees`;
    ok(await who.jabar!.post(url, { memberIds: [member.w1, member.w2, member.man] }));
    const again = ok<ActivityDetail>(await who.jabar!.post(url, { memberIds: [member.w1, member.w1] }));
    expect(again.attendees).toHaveLength(3);
    expect(again.reach.reached).toEqual({ women: 2, men: 1, unknown: 0 });
    expect(codeOf(await who.jabar!.post(url, { memberIds: [member.serang] }))).toBe('campaign_out_of_bounds');
    expect(
      codeOf(
        await put(who.jabar!, `/api/v1/campaign-activities/${namedActivityId}/tally`, {
          women: 1,
          men: 0,
          unknown: 0,
        }),
      ),
    ).toBe('campaign_state');
    const removed = ok<ActivityDetail>(await who.jabar!.delete(`${url}/${member.man}`));
    expect(removed.reach.reached).toEqual({ women: 2, men: 0, unknown: 0 });
    expect((await who.banten!.get(`/api/v1/campaign-activities/${namedActivityId}`)).statusCode).toBe(404);
  });

  it('the national campaign rolls up its sub-campaigns, each host unit counted once', async () => {
    const national = ok<CampaignDetail>(await who.national!.get(`/api/v1/campaigns/${nationalId}`));
    // Its list holds the sub-campaign's activities, each named with the campaign it belongs to.
    expect(national.activities.map((activity) => [activity.id, activity.campaignId])).toEqual(
      expect.arrayContaining([
        [tallyActivityId, jabarId],
        [namedActivityId, jabarId],
      ]),
    );
    expect(new Set(national.activities.map((activity) => activity.campaignTitle)).size).toBe(1);
    expect(national.reach.reached).toEqual({ women: 4, men: 8, unknown: 1 });
    expect(national.reach.addressed).toEqual({ women: 9, men: 1, unknown: 0 });
    expect(national.unitsCovered).toBe(1);
    expect(national.byUnit.map((row) => row.unitName)).toEqual(['PSP PT Garmen Sejahtera']);
    // The Banten officer sees the national campaign without Jawa Barat's figures.
    const banten = ok<CampaignDetail>(await who.banten!.get(`/api/v1/campaigns/${nationalId}`));
    expect(banten.reach.reached).toEqual({ women: 0, men: 0, unknown: 0 });
    // Not even how many sub-campaigns or activities Jawa Barat has.
    expect(banten).toMatchObject({ childCount: 0, activityCount: 0, children: [], activities: [] });
    const bantenList = ok<{ items: CampaignSummary[] }>(await who.banten!.get('/api/v1/campaigns'));
    expect(bantenList.items).toEqual([expect.objectContaining({ id: nationalId, childCount: 0 })]);
    expect(national.childCount).toBe(1);
    expect(banten.byUnit).toEqual([]);
  });

  it('photos as evidence: type sniffed from the bytes, size-limited, reached only through the activity', async () => {
    const upload = async (client: TestClient, content: Buffer, name: string, type: string) => {
      const body = multipartBody(content, name, type);
      return app.inject({
        method: 'POST',
        url: `/api/v1/campaign-activities/${tallyActivityId}/photos`,
        payload: body.payload,
        headers: {
          cookie: client.cookieHeader(),
          'x-csrf-token': await client.ensureCsrf(),
          'content-type': body.contentType,
        },
      });
    };
    // A text file called .png is not a photo, whatever its name and declared type say.
    expect(
      (await upload(who.jabar!, Buffer.from('not an image at all'), 'foto.png', 'image/png')).statusCode,
    ).toBe(415);
    expect((await upload(who.jabar!, Buffer.alloc(0), 'foto.png', 'image/png')).statusCode).toBe(400);
    expect((await upload(who.banten!, tinyPng, 'foto.png', 'image/png')).statusCode).toBe(404);
    const stored = ok<ActivityDetail>(await upload(who.jabar!, tinyPng, 'foto.png', 'image/png'), 201);
    expect(stored.photos).toEqual([
      expect.objectContaining({ mediaType: 'image/png', size: tinyPng.length }),
    ]);
    const url = `/api/v1/campaign-activities/${tallyActivityId}/photos/${stored.photos[0]!.id}`;
    const download = await who.national!.get(url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(tinyPng)).toBe(true);
    expect((await who.banten!.get(url)).statusCode).toBe(404);
    expect(
      (await who.jabar!.get(`/api/v1/campaign-activities/${namedActivityId}/photos/${stored.photos[0]!.id}`))
        .statusCode,
    ).toBe(404);
  });

  it('reach over a unit subtree adds every campaign hosted in it, per child unit, only within scope', async () => {
    const jabar = ok<UnitReachResponse>(await who.jabar!.get('/api/v1/campaigns/reach'));
    expect(jabar).toMatchObject({ unitId: tree.dpdA, activityCount: 2 });
    expect(jabar.reach.reached).toEqual({ women: 4, men: 8, unknown: 1 });
    expect(jabar.byUnit.map((row) => row.unitId)).toEqual([tree.dpcA1]);
    const national = ok<UnitReachResponse>(await who.national!.get('/api/v1/campaigns/reach'));
    expect(national.byUnit.map((row) => row.unitId)).toEqual([tree.dpdA]);
    const early = ok<UnitReachResponse>(
      await who.national!.get(`/api/v1/campaigns/reach?unitId=${tree.dpdA}&to=2026-11-30`),
    );
    expect(early.reach.reached).toEqual({ women: 2, men: 8, unknown: 1 });
    expect((await who.banten!.get(`/api/v1/campaigns/reach?unitId=${tree.dpdA}`)).statusCode).toBe(404);
    const banten = ok<UnitReachResponse>(await who.banten!.get('/api/v1/campaigns/reach'));
    expect(banten).toMatchObject({ unitId: tree.dpdB, activityCount: 0, byUnit: [] });
  });
});

describe('correcting and removing an activity', () => {
  const base = () => ({
    kind: 'stand',
    hostUnitId: tree.pspA1x,
    heldOn: '2026-11-29',
    title: 'Stan di gerbang pabrik',
    facilitators: [{ name: 'Rina (LBH)', organisation: 'LBH Bandung' }],
  });
  const add = async () =>
    ok<ActivityDetail>(await who.jabar!.post(`/api/v1/campaigns/${jabarId}/activities`, base()), 201);

  it('an officer corrects the facts under the same rules; the reach mode and head count stay', async () => {
    const activity = await add();
    ok(
      await put(who.jabar!, `/api/v1/campaign-activities/${activity.id}/tally`, {
        women: 5,
        men: 1,
        unknown: 0,
      }),
    );
    const url = `/api/v1/campaign-activities/${activity.id}`;
    const fixed = ok<ActivityDetail>(
      await put(who.jabar!, url, {
        ...base(),
        hostUnitId: tree.dpcA1,
        heldOn: '2026-11-30',
        title: 'Stan di alun-alun',
        reachMode: 'named',
        facilitators: [{ memberId: member.w1 }, { memberId: member.w1 }],
      }),
    );
    expect(fixed).toMatchObject({
      title: 'Stan di alun-alun',
      heldOn: '2026-11-30',
      hostUnitId: tree.dpcA1,
      reachMode: 'tally',
      tally: { women: 5, men: 1, unknown: 0 },
    });
    expect(fixed.facilitators.map((item) => item.name)).toEqual(['Buruh 1']);
    // Out of the campaign's dates or subtree: refused, and nothing of the correction is kept.
    for (const [change, rule] of [
      [{ heldOn: '2026-12-11' }, 'dates_outside_campaign'],
      [{ hostUnitId: tree.dpcB1 }, 'unit_outside_owner'],
      [{ facilitators: [{ memberId: member.serang }] }, 'member_outside_owner'],
    ] as const) {
      const refused = await put(who.jabar!, url, { ...base(), title: 'Tidak tersimpan', ...change });
      expect(refused.json(), rule).toMatchObject({ code: 'campaign_out_of_bounds', details: { rule } });
    }
    const kept = ok<ActivityDetail>(await who.jabar!.get(url));
    expect(kept).toMatchObject({ title: 'Stan di alun-alun', hostUnitId: tree.dpcA1 });
    expect(kept.facilitators.map((item) => item.name)).toEqual(['Buruh 1']);
    // An officer of another DPD neither corrects nor removes it: it does not exist for her.
    expect((await put(who.banten!, url, base())).statusCode).toBe(404);
    expect((await who.banten!.delete(url)).statusCode).toBe(404);
    expect((await put(who.viewer!, url, base())).statusCode).toBe(403);
  });

  it('an activity entered by mistake is removed with its record, and the log keeps who did it', async () => {
    const activity = await add();
    const url = `/api/v1/campaign-activities/${activity.id}`;
    expect((await who.jabar!.delete(url)).statusCode).toBe(204);
    expect((await who.jabar!.get(url)).statusCode).toBe(404);
    expect((await who.jabar!.delete(url)).statusCode).toBe(404);
    const logged = await test.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_type', '=', 'campaign_activity')
      .where('object_id', '=', String(activity.id))
      .orderBy('id')
      .execute();
    expect(logged.map((row) => row.action)).toEqual(['campaign.activity_create', 'campaign.activity_delete']);
    expect(logged[1]!.details).toMatchObject({ campaignId: jabarId, kind: 'stand' });
  });

  it('a closed campaign keeps its activities as they were', async () => {
    const { id } = ok<CampaignDetail>(
      await who.jabar!.post('/api/v1/campaigns', {
        ownerUnitId: tree.dpcA1,
        title: 'Kampanye April',
        startsOn: '2026-04-01',
        endsOn: '2026-04-30',
      }),
      201,
    );
    ok(await who.jabar!.post(`/api/v1/campaigns/${id}/status`, { status: 'active' }));
    const activity = ok<ActivityDetail>(
      await who.jabar!.post(`/api/v1/campaigns/${id}/activities`, {
        ...base(),
        hostUnitId: tree.dpcA1,
        heldOn: '2026-04-02',
      }),
      201,
    );
    ok(await who.jabar!.post(`/api/v1/campaigns/${id}/status`, { status: 'closed' }));
    const url = `/api/v1/campaign-activities/${activity.id}`;
    expect(
      codeOf(await put(who.jabar!, url, { ...base(), hostUnitId: tree.dpcA1, heldOn: '2026-04-03' })),
    ).toBe('campaign_state');
    expect(codeOf(await who.jabar!.delete(url))).toBe('campaign_state');
    expect(ok<ActivityDetail>(await who.jabar!.get(url)).heldOn).toBe('2026-04-02');
  });
});
