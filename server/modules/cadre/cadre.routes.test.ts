import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  LadderResponse,
  MemberStagesResponse,
  ProposalsResponse,
} from '../../../shared/contracts/cadre.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
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
 * Cadre stages over HTTP on PostgreSQL (training.md "Cadre stages"; issue 12). The rules, stated apart
 * from the code:
 * - completing a class proposes the member's next stage when she meets its rule; proposals are never
 *   duplicated, and a declined one is not made again on the same evidence;
 * - only an officer (gender officer, org admin) of the level above her home unit confirms, declines,
 *   records or withdraws: not one of her own unit, not a trainer, and an officer of another DPD learns
 *   nothing of her;
 * - a record keeps its date, who confirmed it from which unit and its evidence; every decision is audited;
 * - the ladder's rules are configuration, edited only by national officers.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};
const member: Record<string, string> = {};
let classId = 0;

async function account(name: string, role: string, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}
const stagesOf = async (client: TestClient, memberId: string) => {
  const response = await client.get(`/api/v1/cadre/members/${memberId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MemberStagesResponse;
};
const queue = async (client: TestClient) => {
  const response = await client.get('/api/v1/cadre/proposals');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as ProposalsResponse).items;
};
const openProposals = async () =>
  ctx.db.selectFrom('cadre_stage_proposals').selectAll().where('status', '=', 'open').execute();
const auditOf = (action: string) =>
  ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

/** A dasar class of DPD Jawa Barat with two sessions; `present` marks for the given members. */
async function dasarClass(title: string, participants: Record<string, 'present' | 'absent'>) {
  const { id: programId } = await ctx.db
    .insertInto('training_programs')
    .values({ unit_id: tree.root, name: `Program ${title}`, starts_on: '2025-12-16', ends_on: '2025-12-18' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id } = await ctx.db
    .insertInto('training_classes')
    .values({
      program_id: programId,
      track: 'perempuan',
      level: 'dasar',
      title,
      seats: 20,
      women_only: true,
      starts_on: '2025-12-16',
      ends_on: '2025-12-18',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sessions = [];
  for (const day of ['16', '17'])
    sessions.push(
      await ctx.db
        .insertInto('training_sessions')
        .values({ class_id: id, starts_at: `2025-12-${day}T01:00:00Z`, ends_at: `2025-12-${day}T05:00:00Z` })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  let code = 0;
  for (const [key, mark] of Object.entries(participants)) {
    const participant = await ctx.db
      .insertInto('training_participants')
      .values({
        class_id: id,
        member_id: member[key]!,
        nominating_unit_id: tree.dpdA,
        status: 'accepted',
        enrolment_code: `CAD${String(id * 100 + ++code).padStart(5, '0')}`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const session of sessions)
      await ctx.db
        .insertInto('training_attendance')
        .values({ session_id: session.id, participant_id: participant.id, status: mark, via: 'roll_call' })
        .execute();
  }
  return id;
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('national', 'gender_officer', tree.root);
  await account('jabar', 'gender_officer', tree.dpdA);
  await account('bogor', 'org_admin', tree.dpcA1);
  await account('psp', 'gender_officer', tree.pspA1x);
  await account('banten', 'gender_officer', tree.dpdB);
  await account('trainer', 'trainer', tree.dpdA);
  member.siti = await createMember(ctx, { number: 'JB-1', name: 'Siti Rahayu', unitId: tree.pspA1x });
  member.dewi = await createMember(ctx, { number: 'JB-2', name: 'Dewi Lestari', unitId: tree.pspA1x });
  member.rina = await createMember(ctx, { number: 'JB-3', name: 'Rina Absen', unitId: tree.pspA1x });
  member.wati = await createMember(ctx, { number: 'BT-1', name: 'Wati Serang', unitId: tree.dpcB1 });
  classId = await dasarClass('Kelas Perempuan Bogor', { siti: 'present', dewi: 'present', rina: 'absent' });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('proposals', () => {
  it('completing a class proposes kader_dasar to those who met the rule, with the evidence', async () => {
    const response = await who.national!.post(`/api/v1/training/classes/${classId}/completion`, {});
    expect(response.statusCode, response.body).toBe(200);
    const open = await openProposals();
    expect(open.map((row) => [row.member_id, row.stage]).sort()).toEqual(
      [
        [member.siti, 'kader_dasar'],
        [member.dewi, 'kader_dasar'],
      ].sort(),
    );
    const items = await queue(who.jabar!);
    const siti = items.find((item) => item.memberId === member.siti)!;
    expect(siti.evidence.classes).toMatchObject([{ classTitle: 'Kelas Perempuan Bogor', attendance: 1 }]);
    expect(siti.evidence.previousStage).toBe('anggota');
  });

  it('refreshing, or completing again, never duplicates an open proposal', async () => {
    const refresh = await who.jabar!.post('/api/v1/cadre/proposals/refresh', { unitId: tree.dpdA });
    expect(refresh.statusCode, refresh.body).toBe(200);
    expect(refresh.json()).toEqual({ members: 2, proposed: 0 });
    await who.national!.post(`/api/v1/training/classes/${classId}/completion`, {});
    expect(await openProposals()).toHaveLength(2);
    expect(await auditOf('cadre.proposals_refresh')).toHaveLength(1);
  });

  it('the queue shows proposals to officers of the level above only', async () => {
    expect((await queue(who.bogor!)).length).toBe(2);
    expect((await queue(who.national!)).length).toBe(2);
    // Her own PSP's officer does not decide, and so does not see them; Banten sees nothing.
    expect(await queue(who.psp!)).toEqual([]);
    expect(await queue(who.banten!)).toEqual([]);
    expect((await who.trainer!.get('/api/v1/cadre/proposals')).statusCode).toBe(403);
  });

  it('an officer of another DPD cannot refresh there', async () => {
    const response = await who.banten!.post('/api/v1/cadre/proposals/refresh', { unitId: tree.dpdA });
    expect(response.statusCode).toBe(404);
  });
});

describe('confirmation by an officer of the level above', () => {
  const proposalOf = async (memberId: string) =>
    (await openProposals()).find((row) => row.member_id === memberId)!;

  it('an officer of her own unit, of another DPD, or a trainer cannot confirm', async () => {
    const proposal = await proposalOf(member.siti!);
    const url = `/api/v1/cadre/proposals/${proposal.id}/confirm`;
    expect((await who.psp!.post(url, {})).statusCode).toBe(403);
    expect((await who.banten!.post(url, {})).statusCode).toBe(404);
    expect((await who.trainer!.post(url, {})).statusCode).toBe(403);
    expect(await stagesOf(who.psp!, member.siti!)).toMatchObject({
      current: { stage: 'anggota' },
      canDecide: false,
    });
  });

  it('a date ahead of today or before she joined is refused', async () => {
    const proposal = await proposalOf(member.siti!);
    const url = `/api/v1/cadre/proposals/${proposal.id}/confirm`;
    const ahead = await who.bogor!.post(url, { achievedOn: '2027-01-01' });
    expect(ahead.statusCode).toBe(422);
    expect(ahead.json()).toMatchObject({ code: 'stage_order' });
    expect((await who.bogor!.post(url, { achievedOn: '2019-01-01' })).statusCode).toBe(422);
  });

  it('the DPC officer confirms: a dated record with who, from which unit, and its evidence; audited', async () => {
    const proposal = await proposalOf(member.siti!);
    const response = await who.bogor!.post(`/api/v1/cadre/proposals/${proposal.id}/confirm`, {
      achievedOn: '2025-12-20',
      evidenceNote: 'Lulus Kelas Perempuan Bogor',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as MemberStagesResponse;
    expect(body.current).toMatchObject({ stage: 'kader_dasar', achievedOn: '2025-12-20' });
    expect(body.records).toHaveLength(1);
    expect(body.records[0]).toMatchObject({
      stage: 'kader_dasar',
      manual: false,
      confirmedBy: 'bogor',
      confirmedUnitName: 'DPC Kabupaten Bogor',
      evidenceNote: 'Lulus Kelas Perempuan Bogor',
      withdrawnAt: null,
    });
    expect(body.records[0]!.evidence.classes.map((item) => item.classTitle)).toEqual([
      'Kelas Perempuan Bogor',
    ]);
    expect(body.next).toMatchObject({ stage: 'kader_madya', met: false });
    expect(body.next!.failures).toEqual(
      expect.arrayContaining(['completed_classes_below', 'level_below', 'too_soon']),
    );
    const [row] = await auditOf('cadre.stage_confirm');
    expect(row).toMatchObject({
      object_type: 'cadre_stage_record',
      unit_id: tree.pspA1x,
      actor_label: 'bogor@spn.test',
    });
    expect(row!.details).toMatchObject({
      memberId: member.siti,
      stage: 'kader_dasar',
      confirmedUnitId: tree.dpcA1,
    });
    // The pipeline's columns: member_id, stage, achieved_on, withdrawn_at.
    const record = await ctx.db.selectFrom('cadre_stage_records').selectAll().executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      member_id: member.siti,
      stage: 'kader_dasar',
      achieved_on: '2025-12-20',
      withdrawn_at: null,
    });
    // Deciding twice is refused; the member no longer gets a proposal for a stage she holds.
    expect((await who.bogor!.post(`/api/v1/cadre/proposals/${proposal.id}/confirm`, {})).statusCode).toBe(
      409,
    );
    await who.jabar!.post('/api/v1/cadre/proposals/refresh', { unitId: tree.dpdA });
    expect((await openProposals()).map((row) => row.member_id)).toEqual([member.dewi]);
  });

  it('the rule is judged again at confirmation: a proposal she no longer meets is refused, naming why', async () => {
    // A stale proposal (e.g. the class's completion was corrected since): Rina's marks are absences.
    const { id } = await ctx.db
      .insertInto('cadre_stage_proposals')
      .values({ member_id: member.rina!, stage: 'kader_dasar', evidence: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await who.bogor!.post(`/api/v1/cadre/proposals/${id}/confirm`, {});
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'stage_rule_not_met',
      details: { failures: ['completed_classes_below', 'level_below'] },
    });
    await who.bogor!.post(`/api/v1/cadre/proposals/${id}/decline`, { reason: 'Tidak memenuhi syarat' });
  });

  it('a decline keeps the reason and is not proposed again on the same evidence', async () => {
    const proposal = await proposalOf(member.dewi!);
    expect(
      (await who.psp!.post(`/api/v1/cadre/proposals/${proposal.id}/decline`, { reason: 'x' })).statusCode,
    ).toBe(403);
    const response = await who.jabar!.post(`/api/v1/cadre/proposals/${proposal.id}/decline`, {
      reason: 'Belum aktif di PSP',
    });
    expect(response.statusCode, response.body).toBe(200);
    const refresh = await who.jabar!.post('/api/v1/cadre/proposals/refresh', { unitId: tree.dpdA });
    expect(refresh.json()).toMatchObject({ proposed: 0 });
    expect(await openProposals()).toEqual([]);
    expect((await auditOf('cadre.stage_decline')).map((row) => row.details)).toContainEqual(
      expect.objectContaining({ memberId: member.dewi, reason: 'Belum aktif di PSP' }),
    );
  });
});

describe('manual records and withdrawal', () => {
  it('a manual record needs the level above and a note, keeps the ladder order, and can be withdrawn', async () => {
    const url = `/api/v1/cadre/members/${member.dewi}/records`;
    const body = {
      stage: 'kader_dasar',
      achievedOn: '2019-05-01',
      evidenceNote: 'Pendidikan dasar 2019, sertifikat kertas',
    };
    expect((await who.psp!.post(url, body)).statusCode).toBe(403);
    expect((await who.banten!.post(url, body)).statusCode).toBe(404);
    expect((await who.bogor!.post(url, { ...body, evidenceNote: '' })).statusCode).toBe(400);
    // Before she joined (2020-01-01): refused.
    expect((await who.bogor!.post(url, body)).statusCode).toBe(422);
    const made = await who.bogor!.post(url, { ...body, achievedOn: '2021-05-01' });
    expect(made.statusCode, made.body).toBe(201);
    expect((made.json() as MemberStagesResponse).records[0]).toMatchObject({
      manual: true,
      stage: 'kader_dasar',
    });
    expect((await who.bogor!.post(url, { ...body, achievedOn: '2021-05-01' })).statusCode).toBe(409);
    // A higher stage may not predate the stage below.
    const early = await who.bogor!.post(url, { ...body, stage: 'kader_madya', achievedOn: '2021-01-01' });
    expect(early.json()).toMatchObject({ code: 'stage_order' });
    const madya = await who.bogor!.post(url, { ...body, stage: 'kader_madya', achievedOn: '2023-01-01' });
    expect((madya.json() as MemberStagesResponse).current.stage).toBe('kader_madya');

    const record = (madya.json() as MemberStagesResponse).records.find(
      (item) => item.stage === 'kader_madya',
    )!;
    const withdraw = `/api/v1/cadre/records/${record.id}/withdraw`;
    expect((await who.psp!.post(withdraw, { reason: 'Salah catat' })).statusCode).toBe(403);
    expect((await who.banten!.post(withdraw, { reason: 'Salah catat' })).statusCode).toBe(404);
    const done = await who.jabar!.post(withdraw, { reason: 'Salah catat' });
    expect(done.statusCode, done.body).toBe(200);
    const after = done.json() as MemberStagesResponse;
    expect(after.current.stage).toBe('kader_dasar');
    expect(after.records.find((item) => item.id === record.id)).toMatchObject({
      withdrawnReason: 'Salah catat',
      withdrawnBy: 'jabar',
    });
    expect((await who.jabar!.post(withdraw, { reason: 'lagi' })).statusCode).toBe(409);
    expect(await auditOf('cadre.stage_record')).toHaveLength(2);
    expect(await auditOf('cadre.stage_withdraw')).toHaveLength(1);
  });

  it('her stages are read with her record: not by another DPD', async () => {
    expect((await who.banten!.get(`/api/v1/cadre/members/${member.siti}`)).statusCode).toBe(404);
    expect((await who.jabar!.get(`/api/v1/cadre/members/${member.wati}`)).statusCode).toBe(404);
    expect((await stagesOf(who.bogor!, member.siti!)).canDecide).toBe(true);
    expect((await stagesOf(who.psp!, member.rina!)).current.stage).toBe('anggota');
  });
});

describe('the ladder as configuration', () => {
  const rule = {
    labels: { id: 'Kader Dasar', en: 'Basic cadre' },
    minCompletedClasses: 1,
    requiredTracks: ['perempuan'],
    minLevel: 'dasar',
    minAttendance: 0.75,
    minMonthsSincePrevious: 0,
    minFacilitatedClasses: 0,
    active: true,
  };
  it('everyone who reads members reads it; only national officers edit it, audited and validated', async () => {
    const ladder = (await who.jabar!.get('/api/v1/cadre/stages')).json() as LadderResponse;
    expect(ladder.items.map((stage) => stage.code)).toEqual([
      'anggota',
      'kader_dasar',
      'kader_madya',
      'kader_utama',
      'fasilitator',
    ]);
    expect(ladder.canEdit).toBe(false);
    expect(((await who.national!.get('/api/v1/cadre/stages')).json() as LadderResponse).canEdit).toBe(true);
    expect((await who.jabar!.request('PUT', '/api/v1/cadre/stages/kader_dasar', rule)).statusCode).toBe(403);
    const bad = await who.national!.request('PUT', '/api/v1/cadre/stages/kader_dasar', {
      ...rule,
      requiredTracks: ['nope'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', fields: [{ path: 'requiredTracks' }] });
    const bottom = await who.national!.request('PUT', '/api/v1/cadre/stages/anggota', rule);
    expect(bottom.statusCode).toBe(400);
    expect((await who.national!.request('PUT', '/api/v1/cadre/stages/nope', rule)).statusCode).toBe(404);
    expect(
      (await who.national!.request('PUT', '/api/v1/cadre/stages/kader_dasar', { ...rule, minAttendance: 2 }))
        .statusCode,
    ).toBe(400);
    const saved = await who.national!.request('PUT', '/api/v1/cadre/stages/kader_dasar', rule);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ minAttendance: 0.75, requiredTracks: ['perempuan'] });
    const [row] = await auditOf('cadre.stage_rule_update');
    expect(row!.details).toMatchObject({ before: { minAttendance: 0.8 }, after: { minAttendance: 0.75 } });
  });
});

describe('a completion decided by hand', () => {
  it('proposes too; a DPC member is decided at DPD or above, not by her own DPC', async () => {
    member.ani = await createMember(ctx, { number: 'JB-9', name: 'Ani Wulandari', unitId: tree.dpcA1 });
    const id = await dasarClass('Kelas Perempuan Cianjur', { ani: 'present' });
    const participant = await ctx.db
      .selectFrom('training_participants')
      .select('id')
      .where('class_id', '=', id)
      .executeTakeFirstOrThrow();
    const decided = await who.national!.post(`/api/v1/training/participants/${participant.id}/decision`, {
      status: 'completed',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await openProposals()).map((row) => [row.member_id, row.stage])).toEqual([
      [member.ani, 'kader_dasar'],
    ]);
    expect(await queue(who.bogor!)).toEqual([]);
    expect((await queue(who.jabar!)).map((item) => item.memberName)).toEqual(['Ani Wulandari']);
    const proposal = (await openProposals())[0]!;
    expect((await who.bogor!.post(`/api/v1/cadre/proposals/${proposal.id}/confirm`, {})).statusCode).toBe(
      403,
    );
    const confirmed = await who.jabar!.post(`/api/v1/cadre/proposals/${proposal.id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((confirmed.json() as MemberStagesResponse).records[0]).toMatchObject({
      achievedOn: '2026-11-22',
      confirmedUnitName: 'DPD Jawa Barat',
    });
  });
});
