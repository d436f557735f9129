import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassDetail } from '../../../shared/contracts/training.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { tinyPng } from '../cases/cases.test-support.ts';
import { multipartBody } from '../imports/imports.test-support.ts';
import {
  createMember,
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  signInCaseWorker,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

/**
 * Capacity building over HTTP on PostgreSQL (training.md; issue 12). The rules, stated apart from the
 * code:
 * - gender officers run programs in their subtree and decide nominations; officers of a unit in the call
 *   (org admin, gender officer) nominate their own members and see only them; trainers see only the
 *   classes they are assigned to, with their participants but no contact data; nobody else learns a
 *   class exists;
 * - a nomination is checked against the member's record as of the class start, naming each failing rule;
 * - a unit fills at most its seats in the call, a class at most its seats; under a `block` quota rule an
 *   acceptance that leaves too few seats for the required women is refused;
 * - every decision keeps who, when and why; attendance marks are idempotent and corrections keep history;
 * - completion follows the class's rule, and only completed participants get certificates.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};
const member: Record<string, string> = {};
let programId = 0;
let mediaId = 0;
let womenId = 0;
let youngId = 0;
let bantenClassId = 0;

async function account(name: string, role: string, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}
const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body);
const detail = async (client: TestClient, classId: number) => {
  const response = await client.get(`/api/v1/training/classes/${classId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ClassDetail;
};
const participantOf = (body: ClassDetail, memberId: string) =>
  body.participants.find((participant) => participant.memberId === memberId)!;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('organiser', 'gender_officer', tree.root);
  await account('jabar', 'org_admin', tree.dpdA);
  await account('banten', 'org_admin', tree.dpdB);
  await account('bantenGender', 'gender_officer', tree.dpdB);
  await account('trainer', 'trainer', tree.dpdA);
  await account('otherTrainer', 'trainer', tree.dpdA);
  await account('viewer', 'viewer', tree.root);
  await createUser(ctx, {
    email: 'coordinator@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'case_coordinator', unitId: tree.root }],
  });
  who.coordinator = await signInCaseWorker(app, ctx, 'coordinator@spn.test');

  const add = async (key: string, options: Parameters<typeof createMember>[1]) => {
    member[key] = await createMember(ctx, options);
  };
  await add('siti', { number: 'JB-1', name: 'Siti Rahayu', unitId: tree.pspA1x });
  await add('dewi', { number: 'JB-2', name: 'Dewi Lestari', unitId: tree.pspA1x });
  await add('ani', { number: 'JB-3', name: 'Ani Wulandari', unitId: tree.dpcA1 });
  await add('budi', { number: 'JB-4', name: 'Budi Santoso', unitId: tree.pspA1x, sex: 'L' });
  await add('agus', { number: 'JB-5', name: 'Agus Salim', unitId: tree.pspA1x, sex: 'L' });
  await add('joko', { number: 'JB-6', name: 'Joko Widodo', unitId: tree.pspA1x, sex: 'L' });
  await add('left', { number: 'JB-7', name: 'Rina Keluar', unitId: tree.pspA1x, status: 'keluar' });
  // Joined after the class starts: not yet a member on the start date.
  await add('late', { number: 'JB-8', name: 'Tari Baru', unitId: tree.pspA1x, validFrom: '2026-01-10' });
  await add('serang', { number: 'BT-1', name: 'Wati Serang', unitId: tree.dpcB1 });
  await ctx.db.updateTable('members').set({ birth_year: 1970 }).where('id', '=', member.dewi!).execute();
  await ctx.db
    .updateTable('members')
    .set({ email: 'siti@example.test' })
    .where('id', '=', member.siti!)
    .execute();
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('programs and classes', () => {
  it('a gender officer creates a program at her unit with classes; tracks give their defaults', async () => {
    const program = await who.organiser!.post('/api/v1/training/programs', {
      unitId: tree.root,
      name: 'Capacity Building SPN–KSPI',
      partners: ['KSPI', 'KSPI'],
      venue: 'Griya Astuti Hotel, Bogor',
      startsOn: '2025-12-16',
      endsOn: '2025-12-18',
    });
    expect(program.statusCode, program.body).toBe(201);
    programId = (program.json() as { id: number; partners: string[] }).id;
    expect((program.json() as { partners: string[] }).partners).toEqual(['KSPI']);

    const create = async (body: Record<string, unknown>) => {
      const response = await who.organiser!.post(`/api/v1/training/programs/${programId}/classes`, {
        level: 'dasar',
        startsOn: '2025-12-16',
        endsOn: '2025-12-18',
        ...body,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json() as ClassDetail;
    };
    const media = await create({ track: 'media', title: 'Kelas Media', seats: 4 });
    const women = await create({ track: 'perempuan', title: 'Gender Training for Leadership', seats: 20 });
    const young = await create({ track: 'pekerja_muda', title: 'Kelas Pekerja Muda', seats: 20 });
    expect([media.womenOnly, women.womenOnly, young.maxAge]).toEqual([false, true, 35]);
    [mediaId, womenId, youngId] = [media.id, women.id, young.id];
    for (const id of [mediaId, womenId, youngId]) {
      const response = await put(who.organiser!, `/api/v1/training/classes/${id}/allocations`, {
        unitId: tree.dpdA,
        seats: id === mediaId ? 4 : 3,
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    expect(
      (
        await put(who.organiser!, `/api/v1/training/classes/${mediaId}/allocations`, {
          unitId: tree.dpdB,
          seats: 2,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('an unknown track, a reversed date range and a program outside her subtree are refused', async () => {
    const badTrack = await who.organiser!.post(`/api/v1/training/programs/${programId}/classes`, {
      track: 'nope',
      level: 'dasar',
      title: 'X',
      seats: 2,
      startsOn: '2025-12-16',
      endsOn: '2025-12-16',
    });
    expect(badTrack.statusCode).toBe(400);
    expect(badTrack.json()).toMatchObject({ code: 'validation_failed' });
    const reversed = await who.organiser!.post('/api/v1/training/programs', {
      unitId: tree.root,
      name: 'X',
      startsOn: '2025-12-18',
      endsOn: '2025-12-16',
    });
    expect(reversed.statusCode).toBe(400);
    const outside = await who.bantenGender!.post('/api/v1/training/programs', {
      unitId: tree.dpdA,
      name: 'Not hers',
      startsOn: '2025-12-16',
      endsOn: '2025-12-16',
    });
    // Her scope does not reach DPD Jawa Barat: for her the unit is not there.
    expect(outside.statusCode).toBe(404);
    const banten = await who.bantenGender!.post('/api/v1/training/programs', {
      unitId: tree.dpdB,
      name: 'Pelatihan DPD Banten',
      startsOn: '2025-11-01',
      endsOn: '2025-11-02',
    });
    expect(banten.statusCode).toBe(201);
    const bantenClass = await who.bantenGender!.post(
      `/api/v1/training/programs/${(banten.json() as { id: number }).id}/classes`,
      {
        track: 'laskar',
        level: 'dasar',
        title: 'Kelas Laskar Banten',
        seats: 10,
        startsOn: '2025-11-01',
        endsOn: '2025-11-02',
      },
    );
    expect(bantenClass.statusCode).toBe(201);
    bantenClassId = (bantenClass.json() as ClassDetail).id;
  });

  it('case roles, viewers and anyone without a part in a class learn nothing of it', async () => {
    expect((await who.coordinator!.get('/api/v1/training/programs')).statusCode).toBe(403);
    expect((await who.viewer!.get(`/api/v1/training/classes/${mediaId}`)).statusCode).toBe(403);
    // A trainer of DPD Jawa Barat who is not assigned: the classes exist for her nowhere.
    expect((await who.otherTrainer!.get(`/api/v1/training/classes/${mediaId}`)).statusCode).toBe(404);
    expect((await who.otherTrainer!.get('/api/v1/training/programs')).json()).toEqual({
      items: [],
      canCreate: false,
    });
    // DPD Jawa Barat's officer sees the national program (his unit is in the call), never Banten's.
    const names = (
      (await who.jabar!.get('/api/v1/training/programs')).json() as { items: { name: string }[] }
    ).items;
    expect(names.map((item) => item.name)).toEqual(['Capacity Building SPN–KSPI']);
    expect((await who.jabar!.get(`/api/v1/training/classes/${bantenClassId}`)).statusCode).toBe(404);
  });
});

describe('nominations', () => {
  it('refuses a nomination and names every rule the member fails on the class start date', async () => {
    const refusal = async (classId: number, memberId: string) => {
      const response = await who.jabar!.post(`/api/v1/training/classes/${classId}/nominations`, { memberId });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      return (response.json() as { code: string; details: { failures: string[] } }).details.failures;
    };
    expect(await refusal(womenId, member.budi!)).toEqual(['women_only']);
    expect(await refusal(youngId, member.dewi!)).toEqual(['too_old']);
    expect(await refusal(mediaId, member.left!)).toEqual(['not_active']);
    expect(await refusal(mediaId, member.late!)).toEqual(['not_active']);
    const rows = await ctx.db.selectFrom('training_participants').select('id').execute();
    expect(rows).toEqual([]);
  });

  it('officers nominate their own members into their unit seats and see only their own nominees', async () => {
    for (const key of ['siti', 'budi', 'agus', 'joko']) {
      const response = await who.jabar!.post(`/api/v1/training/classes/${mediaId}/nominations`, {
        memberId: member[key],
      });
      expect(response.statusCode, response.body).toBe(201);
    }
    // Ani cannot take a fifth seat of DPD Jawa Barat's four.
    const full = await who.jabar!.post(`/api/v1/training/classes/${mediaId}/nominations`, {
      memberId: member.ani,
    });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'seats_full' });
    // Nobody nominates a member of another DPD, nor the same member twice.
    expect(
      (await who.jabar!.post(`/api/v1/training/classes/${mediaId}/nominations`, { memberId: member.serang }))
        .statusCode,
    ).toBe(404);
    expect(
      (await who.banten!.post(`/api/v1/training/classes/${mediaId}/nominations`, { memberId: member.serang }))
        .statusCode,
    ).toBe(201);

    const jabarView = await detail(who.jabar!, mediaId);
    expect(jabarView.participants.map((participant) => participant.name).sort()).toEqual([
      'Agus Salim',
      'Budi Santoso',
      'Joko Widodo',
      'Siti Rahayu',
    ]);
    expect(jabarView.allocations.map((allocation) => allocation.unitId)).toEqual([tree.dpdA]);
    expect(jabarView.can).toEqual({ organise: false, run: false, nominate: true });
    expect(jabarView.quota).toBeNull();
    expect(jabarView.participants.every((participant) => participant.enrolmentCode === null)).toBe(true);
    const bantenView = await detail(who.banten!, mediaId);
    expect(bantenView.participants.map((participant) => participant.name)).toEqual(['Wati Serang']);

    const organiserView = await detail(who.organiser!, mediaId);
    expect(organiserView.participants).toHaveLength(5);
    for (const participant of organiserView.participants) {
      expect(participant.enrolmentCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(participant.history[0]).toMatchObject({ status: 'nominated' });
    }
  });
});

describe('decisions and the quota', () => {
  beforeAll(async () => {
    const rule = await who.organiser!.post('/api/v1/quota/rules', {
      code: 'training-30',
      rule: {
        name: '30% perempuan di setiap kelas pelatihan',
        scope: { subjectKinds: ['training_class'], levels: [], delegationCategories: [] },
        metric: 'filled_share',
        thresholdBp: 3000,
        enforcement: 'block',
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
  });

  it("each unit's nominations are judged by the class's rule over that unit's seats in the call", async () => {
    // DPD Jawa Barat nominated one woman and three men for its four seats: 30% of four is two women.
    const jabar = (await detail(who.jabar!, mediaId)).allocations;
    expect(jabar).toHaveLength(1);
    expect(jabar[0]!.judgement).toMatchObject({ women: 1, required: 2, status: 'non_compliant' });
    // DPD Banten nominated one woman for its two seats: 30% of two is one woman.
    const banten = (await detail(who.organiser!, mediaId)).allocations.find(
      (allocation) => allocation.unitId === tree.dpdB,
    );
    expect(banten!.judgement).toMatchObject({ women: 1, required: 1 });
    expect(banten!.judgement!.status).not.toBe('non_compliant');
  });

  it('only organisers decide; a return needs a reason, and who, when and why are kept', async () => {
    const view = await detail(who.organiser!, mediaId);
    const budi = participantOf(view, member.budi!);
    expect(
      (await who.jabar!.post(`/api/v1/training/participants/${budi.id}/decision`, { status: 'accepted' }))
        .statusCode,
    ).toBe(403);
    const noReason = await who.organiser!.post(`/api/v1/training/participants/${budi.id}/decision`, {
      status: 'returned',
    });
    expect(noReason.statusCode).toBe(400);
    const accepted = await who.organiser!.post(`/api/v1/training/participants/${budi.id}/decision`, {
      status: 'accepted',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const agus = participantOf(accepted.json() as ClassDetail, member.agus!);
    // Four seats and 30% need two women: two men leave two seats for them, a third man only one.
    expect(
      (await who.organiser!.post(`/api/v1/training/participants/${agus.id}/decision`, { status: 'accepted' }))
        .statusCode,
    ).toBe(200);
    const joko = participantOf(accepted.json() as ClassDetail, member.joko!);
    const blocked = await who.organiser!.post(`/api/v1/training/participants/${joko.id}/decision`, {
      status: 'accepted',
    });
    expect(blocked.statusCode, blocked.body).toBe(422);
    expect(blocked.json()).toMatchObject({
      code: 'training_below_quota',
      details: { required: 2, women: 0, seatsLeft: 1 },
    });
    const returned = await who.organiser!.post(`/api/v1/training/participants/${joko.id}/decision`, {
      status: 'returned',
      reason: 'Kirim calon perempuan',
    });
    expect(returned.statusCode).toBe(200);
    const history = participantOf(returned.json() as ClassDetail, member.joko!).history;
    expect(history[0]).toMatchObject({
      status: 'returned',
      reason: 'Kirim calon perempuan',
      actor: 'organiser@spn.test',
    });
    // A returned nomination is final, and it frees the unit's seat for another nominee.
    expect(
      (
        await who.organiser!.post(`/api/v1/training/participants/${joko.id}/decision`, { status: 'accepted' })
      ).json(),
    ).toMatchObject({
      code: 'participant_state',
    });
    expect(
      (await who.jabar!.post(`/api/v1/training/classes/${mediaId}/nominations`, { memberId: member.ani }))
        .statusCode,
    ).toBe(201);
  });

  it('accepting a woman sends her invitation with her enrolment code through the outbox', async () => {
    const view = await detail(who.organiser!, mediaId);
    const siti = participantOf(view, member.siti!);
    const accepted = await who.organiser!.post(`/api/v1/training/participants/${siti.id}/decision`, {
      status: 'accepted',
    });
    expect(accepted.statusCode).toBe(200);
    const mail = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'siti@example.test')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body_text).toContain(siti.enrolmentCode!);
    const judged = (accepted.json() as ClassDetail).quota!;
    expect(judged.counts).toMatchObject({ seats: 4, filled: 3, women: 1 });
    const ani = participantOf(accepted.json() as ClassDetail, member.ani!);
    expect(
      (await who.organiser!.post(`/api/v1/training/participants/${ani.id}/decision`, { status: 'accepted' }))
        .statusCode,
    ).toBe(200);
  });

  it('a women-only class is not judged by the quota', async () => {
    expect(
      (await who.jabar!.post(`/api/v1/training/classes/${womenId}/nominations`, { memberId: member.siti }))
        .statusCode,
    ).toBe(201);
    expect((await detail(who.organiser!, womenId)).quota!.status).toBe('not_applicable');
    expect((await detail(who.jabar!, womenId)).allocations.map((allocation) => allocation.judgement)).toEqual(
      [null],
    );
  });

  it("an organiser returns a unit's undecided nominations as one list, with one reason", async () => {
    const created = await who.organiser!.post(`/api/v1/training/programs/${programId}/classes`, {
      track: 'laskar',
      title: 'Kelas Laskar',
      level: 'dasar',
      seats: 10,
      startsOn: '2025-12-16',
      endsOn: '2025-12-18',
    });
    expect(created.statusCode, created.body).toBe(201);
    const laskarId = (created.json() as ClassDetail).id;
    expect(
      (
        await put(who.organiser!, `/api/v1/training/classes/${laskarId}/allocations`, {
          unitId: tree.dpdA,
          seats: 3,
        })
      ).statusCode,
    ).toBe(200);
    for (const key of ['budi', 'agus', 'joko'])
      expect(
        (await who.jabar!.post(`/api/v1/training/classes/${laskarId}/nominations`, { memberId: member[key] }))
          .statusCode,
      ).toBe(201);
    const url = `/api/v1/training/classes/${laskarId}/allocations/${tree.dpdA}/return`;
    // Three men for three seats fall short; only organisers return, and only with a reason.
    expect((await detail(who.jabar!, laskarId)).allocations[0]!.judgement!.status).toBe('non_compliant');
    expect((await who.jabar!.post(url, { reason: 'x' })).statusCode).toBe(403);
    expect((await who.bantenGender!.post(url, { reason: 'x' })).statusCode).toBe(404);
    expect((await who.organiser!.post(url, { reason: ' ' })).statusCode).toBe(400);

    const returned = await who.organiser!.post(url, { reason: 'Kurang dari 30% perempuan' });
    expect(returned.statusCode, returned.body).toBe(200);
    const view = returned.json() as ClassDetail;
    expect(view.participants.map((participant) => participant.status)).toEqual([
      'returned',
      'returned',
      'returned',
    ]);
    for (const participant of view.participants)
      expect(participant.history[0]).toMatchObject({
        status: 'returned',
        reason: 'Kurang dari 30% perempuan',
      });
    expect(view.allocations[0]!.nominated).toBe(0);
    // Nothing undecided is left to return; the unit's seats are free to nominate again.
    expect((await who.organiser!.post(url, { reason: 'lagi' })).json()).toMatchObject({
      code: 'participant_state',
    });
    expect(
      (await who.jabar!.post(`/api/v1/training/classes/${laskarId}/nominations`, { memberId: member.dewi }))
        .statusCode,
    ).toBe(201);
  });
});

describe('attendance, completion and certificates', () => {
  let sessions: number[] = [];
  let ids: Record<string, string> = {};
  beforeAll(async () => {
    expect(
      (
        await who.organiser!.post(`/api/v1/training/classes/${mediaId}/trainers`, {
          email: 'trainer@spn.test',
        })
      ).statusCode,
    ).toBe(200);
    const notTrainer = await who.organiser!.post(`/api/v1/training/classes/${mediaId}/trainers`, {
      email: 'jabar@spn.test',
    });
    expect(notTrainer.statusCode).toBe(400);
    for (const day of ['16', '17']) {
      const response = await who.trainer!.post(`/api/v1/training/classes/${mediaId}/sessions`, {
        startsAt: `2025-12-${day}T08:00:00+07:00`,
        endsAt: `2025-12-${day}T16:00:00+07:00`,
        venue: 'Griya Astuti',
      });
      expect(response.statusCode, response.body).toBe(201);
      sessions = (response.json() as ClassDetail).sessions.map((session) => session.id);
    }
    const view = await detail(who.organiser!, mediaId);
    ids = Object.fromEntries(
      ['siti', 'budi', 'ani'].map((key) => [key, participantOf(view, member[key]!).id]),
    );
  });

  it('the assigned trainer sees her class participants but no contact data', async () => {
    const view = await detail(who.trainer!, mediaId);
    expect(view.can).toEqual({ organise: false, run: true, nominate: false });
    expect(view.participants.length).toBe(6);
    expect(JSON.stringify(view)).not.toContain('0812000000');
    expect(JSON.stringify(view)).not.toContain('siti@example.test');
    expect(view.participants.every((participant) => participant.enrolmentCode === null)).toBe(true);
    expect(
      (await who.otherTrainer!.get(`/api/v1/training/sessions/${sessions[0]}/attendance`)).statusCode,
    ).toBe(404);
    expect((await who.jabar!.get(`/api/v1/training/sessions/${sessions[0]}/attendance`)).statusCode).toBe(
      403,
    );
  });

  it('roll call marks are idempotent; a correction keeps the earlier value; only seat holders are marked', async () => {
    const url = `/api/v1/training/sessions/${sessions[0]}/attendance`;
    const marks = [
      { participantId: ids.siti, status: 'present' },
      { participantId: ids.budi, status: 'absent' },
      { participantId: ids.ani, status: 'present' },
    ];
    expect((await put(who.trainer!, url, { via: 'roll_call', marks })).statusCode).toBe(200);
    expect((await put(who.trainer!, url, { via: 'roll_call', marks })).statusCode).toBe(200);
    const corrected = await put(who.trainer!, url, {
      via: 'paper',
      marks: [{ participantId: ids.budi, status: 'late' }],
    });
    const rows = (
      corrected.json() as { rows: { participantId: string; status: string; history: { status: string }[] }[] }
    ).rows;
    const budi = rows.find((row) => row.participantId === ids.budi)!;
    expect(budi.status).toBe('late');
    expect(budi.history.map((item) => item.status)).toEqual(['absent']);
    expect(rows.find((row) => row.participantId === ids.siti)!.history).toEqual([]);
    const nominee = participantOf(await detail(who.organiser!, womenId), member.siti!);
    const stranger = await put(who.trainer!, url, {
      via: 'roll_call',
      marks: [{ participantId: nominee.id, status: 'present' }],
    });
    expect(stranger.statusCode).toBe(400);
    const tally = await put(who.trainer!, `/api/v1/training/sessions/${sessions[1]}/tally`, {
      women: 12,
      men: 7,
      unknown: 1,
    });
    expect((tally.json() as { session: { tally: unknown } }).session.tally).toEqual({
      women: 12,
      men: 7,
      unknown: 1,
    });
  });

  it('the sign-in sheet is a PDF with the seat holders, for those who run the class, and is audited', async () => {
    const sheet = await who.trainer!.get(`/api/v1/training/sessions/${sessions[0]}/sign-in-sheet`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    expect(sheet.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await who.jabar!.get(`/api/v1/training/sessions/${sessions[0]}/sign-in-sheet`)).statusCode).toBe(
      403,
    );
    expect(
      (await who.otherTrainer!.get(`/api/v1/training/sessions/${sessions[0]}/sign-in-sheet`)).statusCode,
    ).toBe(404);
    const printed = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'training.sheet_print')
      .execute();
    expect(printed).toHaveLength(1);
    expect(printed[0]!.details).toMatchObject({ participants: 4 });
  });

  it('a photo of the signed sheet is kept with the session: its type sniffed, its reach that of the class', async () => {
    const upload = async (client: TestClient, content: Buffer, name: string, type: string) => {
      const body = multipartBody(content, name, type);
      return app.inject({
        method: 'POST',
        url: `/api/v1/training/sessions/${sessions[0]}/sheet-photos`,
        payload: body.payload,
        headers: {
          cookie: client.cookieHeader(),
          'x-csrf-token': await client.ensureCsrf(),
          'content-type': body.contentType,
        },
      });
    };
    // A text file called .png is not a photo, whatever its name and header say.
    const fake = await upload(who.trainer!, Buffer.from('not an image at all'), 'sheet.png', 'image/png');
    expect(fake.statusCode).toBe(415);
    expect((await upload(who.otherTrainer!, tinyPng, 'sheet.png', 'image/png')).statusCode).toBe(404);
    const stored = await upload(who.trainer!, tinyPng, 'sheet.png', 'image/png');
    expect(stored.statusCode, stored.body).toBe(201);
    const photos = (stored.json() as { photos: { id: number; mediaType: string; size: number }[] }).photos;
    expect(photos).toEqual([expect.objectContaining({ mediaType: 'image/png', size: tinyPng.length })]);
    const download = await who.trainer!.get(
      `/api/v1/training/sessions/${sessions[0]}/sheet-photos/${photos[0]!.id}`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(tinyPng)).toBe(true);
    expect(
      (await who.jabar!.get(`/api/v1/training/sessions/${sessions[0]}/sheet-photos/${photos[0]!.id}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await who.trainer!.get(`/api/v1/training/sessions/${sessions[1]}/sheet-photos/${photos[0]!.id}`))
        .statusCode,
    ).toBe(404);
  });

  it('completion follows the rule (80% weighted attendance); only completed participants get certificates', async () => {
    await put(who.trainer!, `/api/v1/training/sessions/${sessions[1]}/attendance`, {
      via: 'roll_call',
      marks: [
        { participantId: ids.siti, status: 'present' },
        { participantId: ids.ani, status: 'excused' },
      ],
    });
    const result = await who.trainer!.post(`/api/v1/training/classes/${mediaId}/completion`);
    expect(result.statusCode, result.body).toBe(200);
    const byId = new Map(
      (
        result.json() as { detail: { participantId: string; completed: boolean; attendance: number }[] }
      ).detail.map((item) => [item.participantId, item]),
    );
    expect(byId.get(ids.siti!)).toMatchObject({ completed: true, attendance: 1 });
    expect(byId.get(ids.ani!)).toMatchObject({ completed: false, attendance: 0.75 });
    expect(byId.get(ids.budi!)).toMatchObject({ completed: false, attendance: 0.25 });

    const refused = await who.trainer!.post(`/api/v1/training/participants/${ids.ani}/certificate`);
    expect(refused.json()).toMatchObject({ code: 'participant_state' });
    const issued = await who.trainer!.post(`/api/v1/training/participants/${ids.siti}/certificate`);
    expect(issued.statusCode, issued.body).toBe(201);
    const { code } = issued.json() as { code: string };
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(
      (await who.trainer!.post(`/api/v1/training/participants/${ids.siti}/certificate`)).statusCode,
    ).toBe(409);
    const pdf = await who.trainer!.get(`/api/v1/training/certificates/${code}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await who.jabar!.get(`/api/v1/training/certificates/${code}/pdf`)).statusCode).toBe(403);
    // Revoking and reissuing are the organisers' decisions.
    expect(
      (await who.trainer!.post(`/api/v1/training/certificates/${code}/revoke`, { reason: 'x' })).statusCode,
    ).toBe(403);
    const reissued = await who.organiser!.post(`/api/v1/training/certificates/${code}/reissue`);
    expect(reissued.statusCode).toBe(201);
    expect(reissued.json()).toMatchObject({ replaces: code, state: 'valid' });
    const old = await ctx.db
      .selectFrom('training_certificates')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(old.revoked_at).not.toBeNull();
    const newCode = (reissued.json() as { code: string }).code;
    const revoked = await who.organiser!.post(`/api/v1/training/certificates/${newCode}/revoke`, {
      reason: 'Data keliru',
    });
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokeReason: 'Data keliru' });
    // A revoked certificate is not printed again.
    expect((await who.trainer!.get(`/api/v1/training/certificates/${newCode}/pdf`)).statusCode).toBe(409);
    expect(participantOf(await detail(who.organiser!, mediaId), member.siti!).certificate).toMatchObject({
      code: newCode,
      state: 'revoked',
    });
  });

  it("her member page lists her classes with the certificate's state, for those who read her record only", async () => {
    const history = await who.organiser!.get(`/api/v1/training/members/${member.siti}`);
    expect(history.statusCode).toBe(200);
    const items = (
      history.json() as {
        items: { classTitle: string; status: string; certificate: { state: string } | null }[];
      }
    ).items;
    expect(
      items.map((item) => [item.classTitle, item.status, item.certificate?.state ?? null]).sort(),
    ).toEqual([
      ['Gender Training for Leadership', 'nominated', null],
      ['Kelas Media', 'completed', 'revoked'],
    ]);
    expect((await who.jabar!.get(`/api/v1/training/members/${member.siti}`)).statusCode).toBe(200);
    expect((await who.banten!.get(`/api/v1/training/members/${member.siti}`)).statusCode).toBe(404);
    expect((await who.trainer!.get(`/api/v1/training/members/${member.siti}`)).statusCode).toBe(403);
  });

  it('every change is in the audit log', async () => {
    const actions = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'training.%')
      .execute();
    const seen = new Set(actions.map((row) => row.action));
    for (const action of [
      'training.program_create',
      'training.class_create',
      'training.nominate',
      'training.decide',
      'training.attendance_record',
      'training.complete',
      'training.certificate_issue',
      'training.certificate_revoke',
    ])
      expect(seen).toContain(action);
  });
});
