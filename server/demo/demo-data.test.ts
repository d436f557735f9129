import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createTestContext, type TestContext } from '../test/helpers.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { verifyPassword } from '../platform/passwords.ts';
import { loadDemoCases } from './demo-cases.ts';
import { DemoRefusedError, loadDemoData, type DemoResult } from './demo-data.ts';
import { loadDemoTraining } from './demo-training.ts';
import { loadDemoCadre } from './demo-cadre.ts';
import { loadDemoCampaigns } from './demo-campaigns.ts';
import { loadDemoMaterials } from './demo-materials.ts';
import { loadDemoAgreements } from './demo-agreements.ts';
import { isExpiringWithin } from '../modules/agreements/agreement-rules.ts';
import { isoDateIn } from '../platform/dates.ts';
import { eligibilityFailuresOf } from '../modules/training/training-rules.ts';

let test: TestDatabase;
let ctx: TestContext;
let result: DemoResult;
let training: Awaited<ReturnType<typeof loadDemoTraining>>;
let cadre: Awaited<ReturnType<typeof loadDemoCadre>>;
let campaigns: Awaited<ReturnType<typeof loadDemoCampaigns>>;
let library: Awaited<ReturnType<typeof loadDemoMaterials>>;
let agreements: Awaited<ReturnType<typeof loadDemoAgreements>>;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  await ctx.services.unitsService.ensureRootUnit('DPP');
  result = await loadDemoData(test.db, { targetMembers: 3000 });
  training = await loadDemoTraining(test.db);
  cadre = await loadDemoCadre(test.db, ctx.services.cadreService);
  library = await loadDemoMaterials(test.db, ctx.services.materialsService);
  campaigns = await loadDemoCampaigns(test.db, ctx.services.campaignsService, { beforeClose: library.link });
  agreements = await loadDemoAgreements(test.db, ctx.services.agreementsService, ctx.clock.now());
}, 120_000);
afterAll(() => test.drop());

describe('demo data', () => {
  it('builds the seven workshop DPDs with DPCs in real regencies of their province', async () => {
    const dpds = await test.db
      .selectFrom('units')
      .select(['name', 'region_code'])
      .where('level', '=', 'DPD')
      .orderBy('region_code')
      .execute();
    expect(dpds.map((dpd) => dpd.region_code)).toEqual(['31', '32', '33', '34', '35', '36', '73']);
    const mismatched = await test.db
      .selectFrom('units as c')
      .innerJoin('units as d', 'd.id', 'c.parent_id')
      .innerJoin('regions as r', 'r.code', 'c.region_code')
      .select('c.name')
      .where('c.level', '=', 'DPC')
      .whereRef('r.province_code', '!=', 'd.region_code')
      .execute();
    expect(mismatched).toEqual([]);
  });

  it('gives garment PSPs mostly women and leather PSPs mostly men, keeping unknown sex as unknown', async () => {
    const rows = await test.db
      .selectFrom('members as m')
      .innerJoin('units as u', 'u.id', 'm.home_unit_id')
      .select([
        'u.sector',
        (eb) => eb.fn.countAll<string>().as('n'),
        (eb) => eb.fn.sum<string>(eb.case().when('m.sex', '=', 'P').then(1).else(0).end()).as('women'),
      ])
      .groupBy('u.sector')
      .execute();
    const share = Object.fromEntries(rows.map((row) => [row.sector, Number(row.women) / Number(row.n)]));
    expect(share.garmen).toBeGreaterThan(0.75);
    expect(share.kulit ?? 0).toBeLessThan(0.35);
    expect(result.members).toBeGreaterThan(2500);
    const unknown = await test.db.selectFrom('members').select('id').where('sex', 'is', null).execute();
    expect(unknown.length).toBeGreaterThan(0);
  });

  it('fills boards with positions, leaves some seats vacant, and holds a Kongres with delegations', async () => {
    expect(result.appointments).toBeGreaterThan(0);
    const kongres = await test.db
      .selectFrom('assemblies')
      .select('id')
      .where('kind', '=', 'kongres')
      .execute();
    expect(kongres).toHaveLength(1);
    const allocations = await test.db.selectFrom('delegation_allocations').select(['category']).execute();
    expect(allocations.filter((allocation) => allocation.category === 'komite_perempuan')).toHaveLength(7);
  });

  it('creates a staff account per role whose printed password works', async () => {
    expect(new Set(result.accounts.map((account) => account.role)).size).toBe(8);
    const admin = result.accounts.find((account) => account.role === 'admin')!;
    const user = await test.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', admin.email)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(user.password_hash, admin.password)).toBe(true);
    expect((await verifyAuditChain(test.db)).ok).toBe(true);
  });

  it('refuses to run again on a database that holds data', async () => {
    await expect(loadDemoData(test.db, { targetMembers: 10 })).rejects.toBeInstanceOf(DemoRefusedError);
  });

  it('adds synthetic cases handled by DPD Jawa Barat and DPP, some assigned and moved to triage', async () => {
    expect(await loadDemoCases(test.db, ctx.services.casesService)).toBe(12);
    const rows = await test.db
      .selectFrom('cases as c')
      .innerJoin('units as u', 'u.id', 'c.handling_unit_id')
      .select(['u.name', 'c.state'])
      .execute();
    expect([...new Set(rows.map((row) => row.name))].sort()).toEqual([
      'DPD SPN Jawa Barat',
      'DPP Serikat Pekerja Nasional',
    ]);
    expect(rows.filter((row) => row.state === 'triage').length).toBeGreaterThan(0);
    const assigned = await test.db.selectFrom('case_assignments').select('id').execute();
    expect(assigned.length).toBeGreaterThan(0);
  });

  it('holds the Capacity Building of December 2025: five classes, nominations from the seven DPDs within their seats, eligible participants, certificates only for those who completed', async () => {
    expect(training.classes).toBe(5);
    const rows = await test.db
      .selectFrom('training_participants as t')
      .innerJoin('training_classes as c', 'c.id', 't.class_id')
      .innerJoin('members as m', 'm.id', 't.member_id')
      .select([
        'c.track',
        'c.women_only',
        'c.max_age',
        't.status',
        't.nominating_unit_id',
        'm.sex',
        'm.birth_year',
        'm.status as member_status',
      ])
      .execute();
    expect(new Set(rows.map((row) => row.nominating_unit_id)).size).toBe(7);
    for (const row of rows)
      expect(
        eligibilityFailuresOf(
          { womenOnly: row.women_only, maxAge: row.max_age, prerequisites: [], startsOn: '2025-12-16' },
          {
            status: row.member_status,
            sex: row.sex as 'L' | 'P' | null,
            birthYear: row.birth_year,
            completed: [],
          },
        ),
      ).toEqual([]);
    const perUnit = await test.db
      .selectFrom('training_participants as t')
      .innerJoin('training_seat_allocations as a', (join) =>
        join.onRef('a.class_id', '=', 't.class_id').onRef('a.unit_id', '=', 't.nominating_unit_id'),
      )
      .select(['t.class_id', 't.nominating_unit_id', 'a.seats', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['t.class_id', 't.nominating_unit_id', 'a.seats'])
      .execute();
    for (const row of perUnit) expect(Number(row.n)).toBeLessThanOrEqual(row.seats);
    const certified = await test.db
      .selectFrom('training_certificates as x')
      .innerJoin('training_participants as t', 't.id', 'x.participant_id')
      .select(['t.status', 'x.revoked_at'])
      .execute();
    expect(certified.length).toBe(training.certificates);
    expect(certified.every((row) => row.status === 'completed')).toBe(true);
    expect(certified.filter((row) => row.revoked_at).length).toBe(1);
  });

  it('gives Gender Training for Leadership a pre/post test whose post score the completion rule reads', async () => {
    const rows = await ctx.db
      .selectFrom('training_participants as t')
      .innerJoin('training_classes as c', 'c.id', 't.class_id')
      .leftJoin('training_test_attempts as pre', (join) =>
        join.onRef('pre.participant_id', '=', 't.id').on('pre.phase', '=', 'pre'),
      )
      .leftJoin('training_test_attempts as post', (join) =>
        join.onRef('post.participant_id', '=', 't.id').on('post.phase', '=', 'post'),
      )
      .select(['t.status', 'pre.score as pre', 'post.score as post', 'post.max_score as max'])
      .where('c.track', '=', 'perempuan')
      .where('t.status', 'in', ['completed', 'not_completed'])
      .execute();
    expect(rows.filter((row) => row.pre !== null && row.post !== null).length).toBeGreaterThanOrEqual(5);
    for (const row of rows.filter((item) => item.status === 'completed'))
      expect(row.post! / row.max!).toBeGreaterThanOrEqual(0.6);
    expect(rows.some((row) => row.status === 'not_completed' && row.post === null)).toBe(true);
  });

  it('holds the 16 Days 2025 campaign with DPD sub-campaigns, tallied and named reach, closed after 10 December', async () => {
    expect(campaigns.campaigns).toBe(4);
    const rows = await ctx.db
      .selectFrom('campaigns')
      .select(['id', 'parent_id', 'status', 'starts_on', 'ends_on'])
      .orderBy('id')
      .execute();
    const [national, ...subs] = rows;
    expect(national).toMatchObject({
      parent_id: null,
      status: 'closed',
      starts_on: '2025-11-25',
      ends_on: '2025-12-10',
    });
    expect(subs.every((sub) => sub.parent_id === national!.id && sub.status === 'closed')).toBe(true);
    const activities = await ctx.db.selectFrom('campaign_activities').select(['reach_mode']).execute();
    expect(activities).toHaveLength(campaigns.activities);
    expect(new Set(activities.map((row) => row.reach_mode))).toEqual(new Set(['tally', 'named']));
  });

  it('publishes the materials library with the national leaflet in two versions, used by the tallied socialisations', async () => {
    expect(library.materials).toBe(3);
    const published = await ctx.services.materialsService.publicList();
    expect(published.map((material) => material.kind).sort()).toEqual(['flyer', 'sop_text', 'video_link']);
    const leaflet = await ctx.services.materialsService.publicMaterial('leaflet-ilo-190');
    expect(leaflet?.versions.map((version) => version.number)).toEqual([2, 1]);
    expect(leaflet?.versions[0]!.files[0]).toMatchObject({ mediaType: 'application/pdf' });
    const links = await ctx.db.selectFrom('material_activity_links').select('activity_id').execute();
    const tallies = await ctx.db
      .selectFrom('campaign_activities')
      .select('id')
      .where('reach_mode', '=', 'tally')
      .execute();
    expect(links).toHaveLength(tallies.length);
  });

  it('proposes the graduates for kader dasar by the ladder and confirms most of them from the level above', async () => {
    expect(cadre.proposed).toBeGreaterThan(4);
    expect(cadre.confirmed).toBeGreaterThan(2);
    const records = await ctx.db
      .selectFrom('cadre_stage_records as r')
      .innerJoin('members as m', 'm.id', 'r.member_id')
      .innerJoin('units as home', 'home.id', 'm.home_unit_id')
      .innerJoin('units as by', 'by.id', 'r.confirmed_unit_id')
      .select([
        'r.stage',
        'r.member_id',
        'r.withdrawn_at',
        'r.proposal_id',
        'home.path',
        'by.path as by_path',
      ])
      .execute();
    // Every record was decided above the member's own unit; every proposal-based one had completed a class.
    for (const record of records) {
      expect(record.path.startsWith(record.by_path) && record.path !== record.by_path).toBe(true);
    }
    const completed = new Set(
      (
        await ctx.db
          .selectFrom('training_participants')
          .select('member_id')
          .where('status', '=', 'completed')
          .execute()
      ).map((row) => row.member_id),
    );
    expect(
      records.filter((record) => record.proposal_id).every((record) => completed.has(record.member_id)),
    ).toBe(true);
    expect(records.filter((record) => record.stage === 'kader_madya' && !record.proposal_id)).toHaveLength(1);
    expect(records.filter((record) => record.withdrawn_at)).toHaveLength(1);
    const open = await ctx.db.selectFrom('cadre_stage_proposals').select(['status']).execute();
    expect(open.some((row) => row.status === 'open')).toBe(true);
    expect(open.filter((row) => row.status === 'declined')).toHaveLength(1);
  });

  it('gives every third PSP an agreement: some fully coded, many partly, several not at all, two ending soon', async () => {
    const psps = await ctx.db.selectFrom('units').select('id').where('level', '=', 'PSP').execute();
    expect(agreements.agreements).toBe(Math.ceil(psps.length / 3));
    const rows = await ctx.db
      .selectFrom('agreements')
      .select(['id', 'starts_on', 'ends_on', 'extended_until', 'status'])
      .execute();
    expect(rows).toHaveLength(agreements.agreements);
    const today = isoDateIn(ctx.clock.now());
    const soon = rows.filter((row) =>
      isExpiringWithin(
        {
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          extendedUntil: row.extended_until,
          status: row.status as 'in_force',
        },
        today,
        6,
      ),
    );
    expect(soon).toHaveLength(2);
    const answers = await ctx.db.selectFrom('agreement_codings').select(['agreement_id', 'answer']).execute();
    expect(answers).toHaveLength(agreements.codings);
    const byAgreement = new Map<number, string[]>();
    for (const row of answers)
      byAgreement.set(row.agreement_id, [...(byAgreement.get(row.agreement_id) ?? []), row.answer]);
    const full = rows.filter((row) => byAgreement.get(row.id)?.every((answer) => answer === 'yes'));
    const partial = rows.filter((row) => byAgreement.get(row.id)?.some((answer) => answer !== 'yes'));
    const none = rows.filter((row) => !byAgreement.has(row.id));
    expect(full.length).toBeGreaterThan(0);
    expect(none.length).toBeGreaterThan(0);
    expect(partial.length).toBeGreaterThan(full.length);
    expect(await ctx.db.selectFrom('agreement_files').select('id').execute()).not.toHaveLength(0);
  });
});
