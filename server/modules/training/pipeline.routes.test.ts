import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PipelineProportionalityResponse,
  PipelineResponse,
  ReadyPoolResponse,
} from '../../../shared/contracts/training-pipeline.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  testClock,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { seedQuota, type QuotaSeed } from '../quota-dashboard/quota-dashboard.test-support.ts';

/**
 * The leadership pipeline over HTTP on PostgreSQL (training.md "The leadership pipeline"). Rules stated
 * apart from the code:
 * - a cohort is the members who completed a class of the track ending that year; the funnel counts, among
 *   them, who reached a cadre stage (kader_dasar or above, not withdrawn), who was a delegate of an
 *   assembly after completion, who got a term starting after completion (each on its own), and the path
 *   that takes every step in order;
 * - "holds a post 12 months after" asks whether a term covers that exact date;
 * - counts under 5 are `< 5`; the funnel is an aggregate (dashboard.read), the ready pool names women and
 *   is for gender officers and org admins of the subtree, audited; outside one's subtree is 404.
 *
 * Today is 1 March 2027. Kelas Perempuan (Gender Training for Leadership) ended 18 Dec 2025; its
 * graduates W1–W12 live in PSP Garmen (Jawa Barat), W13 in DPC Serang (Banten); W14 finished the 2024
 * class. W1 is kader madya, W2–W8 kader dasar. Kongres VI (Jun 2026) had W1–W6 and W9 as delegates,
 * Kongres V (2021) W10. W1–W5 sit on the Komite Perempuan of the PSP from Mar 2026 to 2028, W6 from Mar
 * to Nov 2026, W9 from Apr 2026 open-ended, W11 since 2024; W12 sits on the DPC media team (with a man)
 * until June 2027.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
let quota: QuotaSeed;
let mediaBody = 0;
const who: Record<string, TestClient> = {};
const w: string[] = [];

async function account(name: string, role: string, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}

let codes = 0;
const code = () => String(++codes).padStart(8, '0');

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { clock: testClock(new Date('2027-03-01T03:00:00Z')) });
  tree = await seedTree(ctx);
  quota = await seedQuota(ctx, tree);
  app = await createTestApp(ctx);
  await account('dpp', 'gender_officer', tree.root);
  await account('jabar', 'gender_officer', tree.dpdA);
  await account('jabarAdmin', 'org_admin', tree.dpdA);
  await account('banten', 'org_admin', tree.dpdB);
  await account('viewer', 'viewer', tree.root);
  await account('trainer', 'trainer', tree.dpdA);

  for (let index = 1; index <= 14; index += 1)
    w.push(
      await createMember(ctx, {
        number: `W-${index}`,
        name: `Wanita ${String(index).padStart(2, '0')}`,
        unitId: index === 13 ? tree.dpcB1 : tree.pspA1x,
      }),
    );
  const man = await createMember(ctx, { number: 'M-1', name: 'Budi Muda', unitId: tree.pspA1x, sex: 'L' });
  const the = (index: number) => w[index - 1]!;

  const { id: programId } = await ctx.db
    .insertInto('training_programs')
    .values({ unit_id: tree.root, name: 'Capacity Building', starts_on: '2025-12-16', ends_on: '2025-12-18' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const newClass = async (track: string, title: string, startsOn: string, endsOn: string) =>
    (
      await ctx.db
        .insertInto('training_classes')
        .values({
          program_id: programId,
          track,
          level: 'dasar',
          title,
          seats: 30,
          women_only: track === 'perempuan',
          starts_on: startsOn,
          ends_on: endsOn,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const perempuan = await newClass('perempuan', 'Kelas Perempuan', '2025-12-16', '2025-12-18');
  const earlier = await newClass('perempuan', 'Kelas Perempuan 2024', '2024-10-01', '2024-10-03');
  const muda = await newClass('pekerja_muda', 'Kelas Pekerja Muda', '2025-12-16', '2025-12-18');
  const enrol = (classId: number, memberId: string, unitId: number, status = 'completed') =>
    ctx.db
      .insertInto('training_participants')
      .values({
        class_id: classId,
        member_id: memberId,
        nominating_unit_id: unitId,
        status,
        enrolment_code: code(),
      })
      .execute();
  for (let index = 1; index <= 13; index += 1)
    await enrol(perempuan, the(index), index === 13 ? tree.dpcB1 : tree.pspA1x);
  await enrol(earlier, the(14), tree.pspA1x);
  await enrol(muda, the(1), tree.pspA1x);
  await enrol(muda, man, tree.pspA1x);
  await enrol(muda, the(2), tree.pspA1x, 'no_show');
  const { id: kspi } = await ctx.db
    .insertInto('training_external_persons')
    .values({ full_name: 'Fasilitator KSPI', organisation: 'KSPI', sex: 'P' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('training_facilitators')
    .values({ class_id: perempuan, external_person_id: kspi })
    .execute();
  await ctx.db.insertInto('training_facilitators').values({ class_id: muda, member_id: man }).execute();

  const stage = (memberId: string, stageCode: string, withdrawn = false) =>
    ctx.db
      .insertInto('cadre_stage_records')
      .values({
        member_id: memberId,
        stage: stageCode,
        achieved_on: '2026-01-15',
        withdrawn_at: withdrawn ? new Date('2026-06-01T00:00:00Z') : null,
        withdrawn_reason: withdrawn ? 'salah input' : null,
      })
      .execute();
  await stage(the(1), 'kader_dasar');
  await stage(the(1), 'kader_madya');
  for (let index = 2; index <= 8; index += 1) await stage(the(index), 'kader_dasar');
  // Withdrawn and rank-0 records do not count as a stage reached.
  await stage(the(9), 'kader_dasar', true);
  await stage(the(10), 'anggota');

  const assembly = async (name: string, startsOn: string) =>
    (
      await ctx.db
        .insertInto('assemblies')
        .values({ unit_id: tree.root, kind: 'kongres', name, starts_on: startsOn })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const allocation = async (assemblyId: number) =>
    (
      await ctx.db
        .insertInto('delegation_allocations')
        .values({ assembly_id: assemblyId, unit_id: tree.dpdA, category: 'komite_perempuan', seats: 10 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const vi = await allocation(await assembly('Kongres VI (pipeline)', '2026-06-01'));
  const v = await allocation(await assembly('Kongres V (pipeline)', '2021-06-01'));
  for (const index of [1, 2, 3, 4, 5, 6, 9])
    await ctx.db
      .insertInto('delegates')
      .values({ allocation_id: vi, member_id: the(index) })
      .execute();
  await ctx.db
    .insertInto('delegates')
    .values({ allocation_id: v, member_id: the(10) })
    .execute();

  const body = async (unitId: number, kind: string, name: string, seats: number) =>
    (
      await ctx.db
        .insertInto('bodies')
        .values({ unit_id: unitId, kind, name, statutory_seats: seats })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const position = async (bodyId: number, title: string, seats: number) =>
    (
      await ctx.db
        .insertInto('positions')
        .values({ body_id: bodyId, title, category: 'other', seats })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const appoint = (positionId: number, memberId: string, start: string, end: string | null) =>
    ctx.db
      .insertInto('appointments')
      .values({
        position_id: positionId,
        member_id: memberId,
        term_start: start,
        term_end: end,
        basis: 'elected',
      })
      .execute();
  const komite = await position(
    await body(tree.pspA1x, 'komite_perempuan', 'Komite Perempuan PSP', 10),
    'Anggota',
    10,
  );
  for (let index = 1; index <= 5; index += 1) await appoint(komite, the(index), '2026-03-01', '2028-12-31');
  await appoint(komite, the(6), '2026-03-01', '2026-11-30');
  await appoint(komite, the(9), '2026-04-01', null);
  await appoint(komite, the(11), '2024-01-01', null);
  mediaBody = await body(tree.dpcA1, 'media', 'Tim Media DPC Bogor', 2);
  const media = await position(mediaBody, 'Anggota', 2);
  await appoint(media, the(12), '2025-01-01', '2027-06-30');
  await appoint(media, man, '2025-01-01', '2027-06-30');

  await ctx.services.quotaDashboardService.refreshSummary('test');
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const funnelOf = async (client: TestClient, query = '') => {
  const response = await client.get(`/api/v1/training/pipeline${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as PipelineResponse;
};
const shown = (value: number) => ({ value, status: 'shown' });

describe('the funnel of a cohort', () => {
  it('at DPD Jawa Barat: outcomes on their own, the path in order, by the unit below and by sex', async () => {
    const body = await funnelOf(who.jabar!, `?unitId=${tree.dpdA}`);
    expect(body.track).toBe('perempuan');
    expect(body.years).toEqual([2025, 2024]);
    expect(body.year).toBe(2025);
    expect(body.funnel.rows.map((row) => row.unit?.id ?? null)).toEqual([tree.dpcA1]);
    const { outcomes, path } = body.funnel.total;
    expect(outcomes.trained.women).toEqual(shown(12));
    // W1–W8 (W9's record was withdrawn, W10's is rank 0).
    expect(outcomes.staged.women).toEqual(shown(8));
    // W1–W6 and W9 in 2026; W10's 2021 delegation was before her class.
    expect(outcomes.nominated.women).toEqual(shown(7));
    // Terms starting after 18 Dec 2025: W1–W6, W9 (W11's began in 2024, W12's in 2025).
    expect(outcomes.appointed.women).toEqual(shown(7));
    expect(path.trained.women).toEqual(shown(12));
    expect(path.staged.women).toEqual(shown(8));
    expect(path.nominated.women).toEqual(shown(6));
    expect(path.appointed.women).toEqual(shown(6));
    // No men at all in a women-only class: a column of zeros names nobody and is published.
    expect(outcomes.trained.men).toEqual(shown(0));
    expect(body.firstAppointment).toEqual({ appointed: shown(7), medianDays: 73 });
  });

  it('posts held 12 months on: a term covering 18 Dec 2026; 24 months is not due yet', async () => {
    const body = await funnelOf(who.jabar!, `?unitId=${tree.dpdA}`);
    expect(body.posts.rows.map((row) => row.unit.id)).toEqual([tree.dpdA]);
    const row = body.posts.rows[0]!;
    expect(row.graduates).toEqual(shown(12));
    expect(row.due12).toEqual(shown(12));
    // W1–W5, W9, W11 (since 2024), W12 (media team to June 2027); not W6, whose term ended in November.
    expect(row.holds12).toEqual(shown(8));
    expect(row.share12Bp).toBe(6667);
    expect(row.due24).toEqual({ value: null, status: 'small' });
    expect(row.share24Bp).toBeNull();
  });

  it('at the DPP, one graduate in Banten is "< 5" and cannot be recovered from the totals', async () => {
    const body = await funnelOf(who.dpp!);
    const banten = body.funnel.rows.find((row) => row.unit?.id === tree.dpdB)!;
    const jabar = body.funnel.rows.find((row) => row.unit?.id === tree.dpdA)!;
    expect(banten.outcomes.trained.women.status).toBe('small');
    const total = body.funnel.total.outcomes.trained;
    // Total minus Jawa Barat would give Banten's count back: not both published.
    expect(total.women.status === 'shown' && jabar.outcomes.trained.women.status === 'shown').toBe(false);
    expect(body.posts.rows.map((row) => row.unit.id).sort()).toEqual([tree.dpdA, tree.dpdB].sort());
    const bantenPosts = body.posts.rows.find((row) => row.unit.id === tree.dpdB)!;
    expect(bantenPosts.graduates.status).toBe('small');
    expect(
      body.posts.total.graduates.status === 'shown' &&
        body.posts.rows.find((r) => r.unit.id === tree.dpdA)!.graduates.status === 'shown',
    ).toBe(false);
  });

  it('another cohort and track: 2024 has one graduate; a track without graduates answers empty', async () => {
    const earlier = await funnelOf(who.jabar!, `?unitId=${tree.dpdA}&year=2024`);
    expect(earlier.funnel.total.outcomes.trained.women.status).toBe('small');
    expect(earlier.firstAppointment).toEqual({
      appointed: { value: null, status: 'small' },
      medianDays: null,
    });
    const none = await funnelOf(who.jabar!, `?unitId=${tree.dpdA}&track=tkbh`);
    expect(none).toMatchObject({ year: null, years: [], funnel: { rows: [] }, posts: { rows: [] } });
  });

  it('is scoped: Banten and Jawa Barat see nothing of each other; trainers and case roles see no funnel', async () => {
    expect((await who.banten!.get(`/api/v1/training/pipeline?unitId=${tree.dpdA}`)).statusCode).toBe(404);
    expect((await who.jabar!.get(`/api/v1/training/pipeline?unitId=${tree.dpdB}`)).statusCode).toBe(404);
    expect((await who.jabar!.get('/api/v1/training/pipeline?unitId=999999')).statusCode).toBe(404);
    expect((await who.trainer!.get('/api/v1/training/pipeline')).statusCode).toBe(403);
    // Default node: the top of one's scope. Banten's only graduate is "< 5".
    const banten = await funnelOf(who.banten!);
    expect(banten.unit.id).toBe(tree.dpdB);
    expect(banten.funnel.total.outcomes.trained.women.status).toBe('small');
    // Viewers read aggregates.
    expect((await who.viewer!.get('/api/v1/training/pipeline')).statusCode).toBe(200);
  });

  it('refuses bad input with a named field, never a 5xx', async () => {
    for (const query of ['?year=19', '?track=DROP%20TABLE', '?unitId=abc', '?year=2025.5']) {
      const response = await who.jabar!.get(`/api/v1/training/pipeline${query}`);
      expect(response.statusCode, query).toBe(400);
    }
  });
});

describe('the ready pool', () => {
  const poolOf = async (client: TestClient, query = '') => {
    const response = await client.get(`/api/v1/training/pipeline/ready-pool${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReadyPoolResponse;
  };

  it("lists the quota dashboard's non-compliant bodies and those whose term ends soon, with trained women", async () => {
    const body = await poolOf(who.jabar!);
    expect(body.unit.id).toBe(tree.dpdA);
    expect(body.judgedOn).toBe('2027-03-01');
    expect(body.items.map((item) => [item.bodyId, item.reasons])).toEqual([
      [quota.pspBoard, ['non_compliant']],
      [quota.dpdABoard, ['non_compliant']],
      // 1 woman of 2 seats: compliant for the quota engine, listed because its term ends in June.
      [mediaBody, ['term_ending']],
    ]);
    const psp = body.items[0]!;
    // Trained women of PSP Garmen's membership: W1–W12 and W14 (W13 lives in Banten).
    expect(psp.candidates.total).toBe(13);
    expect(psp.candidates.items[0]).toMatchObject({
      memberId: w[0],
      fullName: 'Wanita 01',
      stage: { code: 'kader_madya', label: 'Kader Madya' },
    });
    expect(psp.candidates.items[0]!.classes.map((item) => item.title).sort()).toEqual([
      'Kelas Pekerja Muda',
      'Kelas Perempuan',
    ]);
    // The man and W2's no-show class are not there.
    expect(psp.candidates.items.some((item) => item.fullName === 'Budi Muda')).toBe(false);
    expect(psp.candidates.items.find((item) => item.memberId === w[1])!.classes).toHaveLength(1);
    const media = body.items[2]!;
    expect(media.termEndsOn).toBe('2027-06-30');
    // W12 sits on the media team already: not in its pool.
    expect(media.candidates.total).toBe(12);
    expect(media.candidates.items.some((item) => item.memberId === w[11])).toBe(false);
  });

  it('N months is a parameter: with 3 months the media team (June) drops out', async () => {
    const body = await poolOf(who.jabar!, '?months=3');
    expect(body.items.map((item) => item.bodyId)).toEqual([quota.pspBoard, quota.dpdABoard]);
  });

  it('is for gender officers and org admins of the subtree; every read is audited', async () => {
    const before = await ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'training.pipeline.ready_pool.read')
      .executeTakeFirstOrThrow();
    const admin = await poolOf(who.jabarAdmin!);
    expect(admin.items).toHaveLength(3);
    const after = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'training.pipeline.ready_pool.read')
      .orderBy('id', 'desc')
      .execute();
    expect(after.length).toBe(Number(before.n) + 1);
    expect(after[0]).toMatchObject({ actor_label: 'jabaradmin@spn.test', object_id: String(tree.dpdA) });

    const banten = await poolOf(who.banten!);
    expect(banten.items.map((item) => [item.bodyId, item.reasons])).toEqual([[quota.dpdBBoard, ['at_risk']]]);
    expect(banten.items[0]!.candidates.items.map((item) => item.memberId)).toEqual([w[12]]);
    expect(
      (await who.banten!.get(`/api/v1/training/pipeline/ready-pool?unitId=${tree.dpdA}`)).statusCode,
    ).toBe(404);
    expect(
      (await who.jabar!.get(`/api/v1/training/pipeline/ready-pool?unitId=${tree.dpdB}`)).statusCode,
    ).toBe(404);
    // Viewers read aggregates only; trainers nothing.
    expect((await who.viewer!.get('/api/v1/training/pipeline/ready-pool')).statusCode).toBe(403);
    expect((await who.trainer!.get('/api/v1/training/pipeline/ready-pool')).statusCode).toBe(403);
    for (const query of ['?months=0', '?months=37', '?offset=-1'])
      expect((await who.jabar!.get(`/api/v1/training/pipeline/ready-pool${query}`)).statusCode).toBe(400);
  });
});

describe('proportionality', () => {
  it("women's share of trainees and facilitators beside the membership of the units that sent them", async () => {
    const response = await who.jabar!.get(
      '/api/v1/training/pipeline/proportionality?fromYear=2024&toYear=2025',
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as PipelineProportionalityResponse;
    const row = (track: string, year: number) => body.rows.find((r) => r.track === track && r.year === year)!;
    const perempuan = row('perempuan', 2025);
    expect(perempuan.trainees.women).toEqual(shown(12));
    expect(perempuan.facilitators).toEqual({ women: 1, men: 0, unknown: 0, total: 1 });
    expect(perempuan.facilitatorShareBp).toBe(10000);
    // PSP Garmen: quota seed 6 women, 3 men, 1 unknown + W1–W12, W14 and Budi → 19 / 24.
    expect(perempuan.membership).toMatchObject({ women: 19, men: 4, unknown: 1, total: 24 });
    expect(perempuan.membership.womenShareBp).toBe(7917);
    // Pekerja Muda: W1 and Budi (the no-show is not a trainee) → "< 5"; his class's facilitator is a man.
    const muda = row('pekerja_muda', 2025);
    expect(muda.trainees.total.status).toBe('small');
    expect(muda.traineeShareBp).toBeNull();
    expect(muda.facilitators).toEqual({ women: 0, men: 1, unknown: 0, total: 1 });
    expect(muda.facilitatorGapBp).toBe(-7917);
    expect(row('perempuan', 2024).trainees.women.status).toBe('small');
    expect(body.rows.map((r) => `${r.year} ${r.track}`)).toEqual([
      '2025 pekerja_muda',
      '2025 perempuan',
      '2024 perempuan',
    ]);
  });

  it('is scoped and checks its years', async () => {
    expect(
      (await who.banten!.get(`/api/v1/training/pipeline/proportionality?unitId=${tree.dpdA}`)).statusCode,
    ).toBe(404);
    expect((await who.trainer!.get('/api/v1/training/pipeline/proportionality')).statusCode).toBe(403);
    const reversed = await who.jabar!.get(
      '/api/v1/training/pipeline/proportionality?fromYear=2026&toYear=2020',
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'validation_failed' });
    const banten = await who.banten!.get(
      '/api/v1/training/pipeline/proportionality?fromYear=2025&toYear=2025',
    );
    expect((banten.json() as PipelineProportionalityResponse).rows.map((r) => r.track)).toEqual([
      'perempuan',
    ]);
  });
});
