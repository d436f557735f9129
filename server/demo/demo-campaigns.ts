import { sixteenDaysOf } from '../../shared/campaign-taxonomies.ts';
import type { Db } from '../platform/database.ts';
import type { CampaignsService } from '../modules/campaigns/campaigns.service.ts';
import { nationalActor } from './demo-actor.ts';

/**
 * The 16 Days of Activism 2025 (25 Nov – 10 Dec) as the union ran it (campaigns-and-commitment.md),
 * through the campaigns service: the national campaign from the template, a sub-campaign for three DPDs,
 * workplace socialisations at PSPs with a tally of who came, a workshop with a named roll call, a
 * leaflet distribution; the national campaign closed after 10 December. Run after loadDemoData.
 */
export async function loadDemoCampaigns(
  db: Db,
  campaigns: CampaignsService,
  options: {
    /** Called with the tally activities before the campaigns close (the demo links materials there). */
    beforeClose?: (activityIds: readonly number[]) => Promise<void>;
  } = {},
): Promise<{ campaigns: number; activities: number }> {
  const actor = await nationalActor(db, 'gender_officer');
  if (!actor) return { campaigns: 0, activities: 0 };
  const root = actor.principal.grants[0]!.unitId;
  const template = sixteenDaysOf(2025);
  const national = await campaigns.createCampaign(actor, {
    ownerUnitId: root,
    parentId: null,
    template: 'sixteen_days',
    title: '16 Hari Anti Kekerasan terhadap Perempuan 2025',
    theme: 'Tempat kerja bebas kekerasan dan pelecehan: ratifikasi Konvensi ILO 190',
    startsOn: template.startsOn,
    endsOn: template.endsOn,
    goalWomen: 6000,
    goalMen: 3000,
    goalUnits: 7,
    days: template.days.map((day) => ({ date: day.date, theme: day.theme.id })),
  });
  await campaigns.moveCampaign(actor, national.id, 'active');
  const dpds = await db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'DPD')
    .orderBy('path')
    .limit(3)
    .execute();
  let count = 1;
  const subs: number[] = [];
  let activities = 0;
  const tallies: number[] = [];
  for (const [index, dpd] of dpds.entries()) {
    const sub = await campaigns.createCampaign(actor, {
      ownerUnitId: dpd.id,
      parentId: national.id,
      template: null,
      title: `16 Hari Anti Kekerasan 2025 — ${dpd.name}`,
      theme: null,
      startsOn: template.startsOn,
      endsOn: template.endsOn,
      goalWomen: 2000,
      goalMen: 1000,
      goalUnits: 5,
      days: [],
    });
    count += 1;
    subs.push(sub.id);
    await campaigns.moveCampaign(actor, sub.id, 'active');
    const psps = await db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('level', '=', 'PSP')
      .where('path', 'like', `${dpd.path}%`)
      .where('active', '=', true)
      .orderBy('path')
      .limit(2)
      .execute();
    for (const [position, psp] of psps.entries()) {
      const tally = await campaigns.createActivity(actor, sub.id, {
        kind: 'workplace_socialisation',
        hostUnitId: psp.id,
        heldOn: template.days[3 + position + index]!.date,
        title: `Sosialisasi anti-kekerasan di ${psp.name}`,
        place: 'Kantin pabrik, jam istirahat',
        materials: 'Leaflet Konvensi ILO 190; poster SOP pelaporan',
        reachMode: 'tally',
        facilitators: [{ name: 'Fasilitator gender DPD', organisation: null }],
      });
      await campaigns.setTally(actor, tally.id, {
        women: 40 + 17 * position + 9 * index,
        men: 12 + 5 * index,
        unknown: 2,
      });
      activities += 1;
      tallies.push(tally.id);
    }
    if (psps[0]) {
      const workshop = await campaigns.createActivity(actor, sub.id, {
        kind: 'workshop',
        hostUnitId: dpd.id,
        heldOn: template.days[9]!.date,
        title: 'Lokakarya pengurus: menerima laporan sesuai SOP',
        place: null,
        materials: 'Modul SOP penanganan kasus',
        reachMode: 'named',
        facilitators: [],
      });
      const members = await db
        .selectFrom('members as m')
        .innerJoin('units as u', 'u.id', 'm.home_unit_id')
        .select('m.id')
        .where('u.path', 'like', `${dpd.path}%`)
        .where('m.status', '=', 'aktif')
        .orderBy('m.id')
        .limit(12)
        .execute();
      if (members.length > 0)
        await campaigns.addAttendees(
          actor,
          workshop.id,
          members.map((member) => member.id),
        );
      activities += 1;
    }
  }
  await options.beforeClose?.(tallies);
  // The year's campaign is over: its sub-campaigns and then the national one are closed.
  for (const id of subs) await campaigns.moveCampaign(actor, id, 'closed');
  await campaigns.moveCampaign(actor, national.id, 'closed');
  return { campaigns: count, activities };
}
