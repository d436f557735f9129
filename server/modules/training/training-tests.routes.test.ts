import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassDetail, CompletionResponse } from '../../../shared/contracts/training.ts';
import type { TestReport, TestsView } from '../../../shared/contracts/training-tests.ts';
import { generateCheckedCode } from '../../platform/check-codes.ts';
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
 * Pre/post tests over HTTP on PostgreSQL (training.md "Tests and learning gain"). The rules, stated apart
 * from the code:
 * - those who run a class (its organisers, its assigned trainers) keep its item bank, switch forms A/B,
 *   open and close its tests and enter paper answers; a trainer of another class gets 404 (she does
 *   not learn the class exists) and an officer who only nominates gets 403;
 * - the report is seen by anyone with a part in the class, suppressed; a DPD Banten officer learns
 *   nothing of a Jawa Barat class (404);
 * - a paper entry corrects an earlier attempt and keeps it in the history with who/when;
 * - an answered item keeps its key; forms cannot be switched once answers exist;
 * - completion applies the post-test share once the class has a test, and only then.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};
let classId = 0;
let plainClassId = 0;
/** Participants of the class in enrolment order: [id, sex, unit]. */
const people: { id: string; sex: 'L' | 'P' }[] = [];

async function account(name: string, role: string, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}
const put = (client: TestClient, url: string, body: unknown) => client.request('PUT', url, body);
const tests = async (client: TestClient = who.trainer!) => {
  const response = await client.get(`/api/v1/training/classes/${classId}/tests`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TestsView;
};
const item = (stem: string, correct: number, form: 'A' | 'B' = 'A') => ({
  form,
  stemId: stem,
  options: [{ id: 'Satu' }, { id: 'Dua' }, { id: 'Tiga' }],
  correct,
});

let serial = 0;
async function participant(classOf: number, sex: 'L' | 'P', unitId: number, nominatingUnitId = tree.dpdA) {
  serial += 1;
  const memberId = await createMember(ctx, {
    number: `TS-${serial}`,
    name: `Peserta ${serial}`,
    unitId,
    sex,
  });
  const { id } = await ctx.db
    .insertInto('training_participants')
    .values({
      class_id: classOf,
      member_id: memberId,
      nominating_unit_id: nominatingUnitId,
      status: 'accepted',
      enrolment_code: generateCheckedCode(8),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('organiser', 'gender_officer', tree.dpdA);
  await account('nominator', 'org_admin', tree.dpdA);
  await account('banten', 'gender_officer', tree.dpdB);
  await account('trainer', 'trainer', tree.dpdA);
  await account('otherTrainer', 'trainer', tree.dpdA);
  await account('viewer', 'viewer', tree.root);

  const program = await who.organiser!.post('/api/v1/training/programs', {
    unitId: tree.dpdA,
    name: 'Capacity Building Jawa Barat',
    partners: ['KSPI'],
    startsOn: '2025-12-16',
    endsOn: '2025-12-18',
  });
  expect(program.statusCode, program.body).toBe(201);
  const programId = (program.json() as { id: number }).id;
  const create = async (title: string) => {
    const response = await who.organiser!.post(`/api/v1/training/programs/${programId}/classes`, {
      track: 'media',
      level: 'dasar',
      title,
      seats: 30,
      minPostScore: 0.6,
      startsOn: '2025-12-16',
      endsOn: '2025-12-18',
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = (response.json() as ClassDetail).id;
    expect(
      (
        await put(who.organiser!, `/api/v1/training/classes/${id}/allocations`, {
          unitId: tree.dpdA,
          seats: 30,
        })
      ).statusCode,
    ).toBe(200);
    const session = await who.organiser!.post(`/api/v1/training/classes/${id}/sessions`, {
      startsAt: '2025-12-16T01:00:00Z',
      endsAt: '2025-12-16T09:00:00Z',
    });
    expect(session.statusCode, session.body).toBe(201);
    return id;
  };
  classId = await create('Kelas Media');
  plainClassId = await create('Kelas Media tanpa tes');
  expect(
    (await who.organiser!.post(`/api/v1/training/classes/${classId}/trainers`, { email: 'trainer@spn.test' }))
      .statusCode,
  ).toBe(200);
  // 12 participants: women and men, from the PSP and from the DPC.
  for (let index = 0; index < 12; index += 1) {
    const sex = index % 3 === 2 ? 'L' : 'P';
    const unit = index < 8 ? tree.pspA1x : tree.dpcA1;
    people.push({ id: await participant(classId, sex, unit, index < 8 ? tree.dpdA : tree.dpcA1), sex });
  }
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('access', () => {
  it('only those who run the class reach its tests; the report is for anyone with a part in it', async () => {
    const url = `/api/v1/training/classes/${classId}`;
    expect((await who.trainer!.get(`${url}/tests`)).statusCode).toBe(200);
    expect((await who.organiser!.get(`${url}/tests`)).statusCode).toBe(200);
    // A trainer of another class does not learn this one exists.
    expect((await who.otherTrainer!.get(`${url}/tests`)).statusCode).toBe(404);
    expect((await who.otherTrainer!.post(`${url}/tests/items`, item('x', 0))).statusCode).toBe(404);
    expect((await who.otherTrainer!.get(`${url}/tests/report`)).statusCode).toBe(404);
    // An officer who nominates to the class sees the (suppressed) report, not the answers.
    expect((await who.nominator!.get(`${url}/tests`)).statusCode).toBe(403);
    expect((await who.nominator!.post(`${url}/tests/items`, item('x', 0))).statusCode).toBe(403);
    expect((await who.nominator!.get(`${url}/tests/report`)).statusCode).toBe(200);
    // DPD Banten learns nothing of a Jawa Barat class.
    for (const path of ['/tests', '/tests/report'])
      expect((await who.banten!.get(`${url}${path}`)).statusCode).toBe(404);
    expect((await put(who.banten!, `${url}/tests/settings`, { openPhase: 'pre' })).statusCode).toBe(404);
    expect(
      (await put(who.banten!, `/api/v1/training/participants/${people[0]!.id}/tests/pre`, { answers: {} }))
        .statusCode,
    ).toBe(404);
    // Not a training role at all: the route guard.
    expect((await who.viewer!.get(`${url}/tests/report`)).statusCode).toBe(403);
    expect((await who.viewer!.get(`${url}/tests`)).statusCode).toBe(403);
  });
});

describe('the item bank and forms A/B', () => {
  it('adds, edits and removes items; a key outside the options is refused', async () => {
    const url = `/api/v1/training/classes/${classId}/tests/items`;
    const bad = await who.trainer!.post(url, item('Kunci salah', 3));
    expect(bad.statusCode).toBe(400);
    for (const [stem, correct, form] of [
      ['Apa itu kuota 30%?', 0, 'A'],
      ['Siapa KSPI?', 1, 'A'],
      ['Apa itu PSP?', 2, 'B'],
      ['Apa itu DPD?', 0, 'B'],
    ] as const) {
      const response = await who.trainer!.post(url, { ...item(stem, correct, form), stemEn: `${stem} (en)` });
      expect(response.statusCode, response.body).toBe(201);
    }
    const view = await tests();
    expect(view.items.map((entry) => [entry.form, entry.stemId, entry.correct])).toEqual([
      ['A', 'Apa itu kuota 30%?', 0],
      ['A', 'Siapa KSPI?', 1],
      ['B', 'Apa itu PSP?', 2],
      ['B', 'Apa itu DPD?', 0],
    ]);
    expect(view.hasTest).toBe(true);
    const extra = await who.trainer!.post(url, item('Sementara', 0));
    const added = (extra.json() as TestsView).items.find((entry) => entry.stemId === 'Sementara')!;
    const edited = await put(who.trainer!, `/api/v1/training/test-items/${added.id}`, item('Diubah', 2));
    expect((edited.json() as TestsView).items.find((entry) => entry.id === added.id)).toMatchObject({
      stemId: 'Diubah',
      correct: 2,
    });
    const removed = await who.trainer!.delete(`/api/v1/training/test-items/${added.id}`);
    expect((removed.json() as TestsView).items.some((entry) => entry.id === added.id)).toBe(false);
    expect((await who.trainer!.delete(`/api/v1/training/test-items/${added.id}`)).statusCode).toBe(404);
  });

  it('with parallel forms, the first half by enrolment order takes A then B, the second B then A', async () => {
    const response = await put(who.trainer!, `/api/v1/training/classes/${classId}/tests/settings`, {
      parallelForms: true,
    });
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as TestsView;
    const byId = new Map(view.participants.map((row) => [row.participantId, row]));
    people.forEach((person, index) => {
      const row = byId.get(person.id)!;
      expect([row.half, row.preForm, row.postForm]).toEqual(index < 6 ? [1, 'A', 'B'] : [2, 'B', 'A']);
    });
  });
});

const answersFor = (view: TestsView, form: 'A' | 'B', right: number) => {
  const items = view.items.filter((entry) => entry.form === form);
  return Object.fromEntries(
    items.map((entry, index) => [String(entry.id), index < right ? entry.correct : (entry.correct + 1) % 3]),
  );
};

describe('paper entry', () => {
  it('records a paper test on her form; a second entry corrects it and keeps the first with who and when', async () => {
    const view = await tests();
    const first = people[0]!.id;
    const url = `/api/v1/training/participants/${first}/tests/pre`;
    const entered = await put(who.trainer!, url, { answers: answersFor(view, 'A', 1) });
    expect(entered.statusCode, entered.body).toBe(200);
    let row = (entered.json() as TestsView).participants.find((entry) => entry.participantId === first)!;
    expect(row.pre).toMatchObject({
      form: 'A',
      via: 'paper',
      score: 1,
      max: 2,
      recordedBy: 'trainer@spn.test',
    });
    expect(row.pre!.history).toEqual([]);

    const again = await put(who.organiser!, url, { answers: answersFor(view, 'A', 2) });
    row = (again.json() as TestsView).participants.find((entry) => entry.participantId === first)!;
    expect(row.pre).toMatchObject({ score: 2, max: 2, recordedBy: 'organiser@spn.test' });
    expect(row.pre!.history).toEqual([
      expect.objectContaining({ score: 1, recordedBy: 'trainer@spn.test', replacedBy: 'organiser@spn.test' }),
    ]);
    // The same answers once more change nothing.
    const same = await put(who.organiser!, url, { answers: answersFor(view, 'A', 2) });
    expect(
      (same.json() as TestsView).participants.find((entry) => entry.participantId === first)!.pre!.history,
    ).toHaveLength(1);
  });

  it('refuses answers to items of the other form, and a participant without a seat', async () => {
    const view = await tests();
    const wrongForm = await put(who.trainer!, `/api/v1/training/participants/${people[1]!.id}/tests/pre`, {
      answers: answersFor(view, 'B', 2),
    });
    expect(wrongForm.statusCode).toBe(400);
    await ctx.db
      .updateTable('training_participants')
      .set({ status: 'waitlisted' })
      .where('id', '=', people[11]!.id)
      .execute();
    const waitlisted = await put(who.trainer!, `/api/v1/training/participants/${people[11]!.id}/tests/pre`, {
      answers: {},
    });
    expect(waitlisted.statusCode).toBe(409);
    await ctx.db
      .updateTable('training_participants')
      .set({ status: 'accepted' })
      .where('id', '=', people[11]!.id)
      .execute();
  });

  it('an answered item keeps its key (its wording may be fixed), is retired not deleted; forms are then locked', async () => {
    const view = await tests();
    const answered = view.items.find((entry) => entry.form === 'A')!;
    expect(answered.answered).toBe(true);
    const key = await put(who.trainer!, `/api/v1/training/test-items/${answered.id}`, {
      ...item(answered.stemId, (answered.correct + 1) % 3),
    });
    expect(key.statusCode).toBe(409);
    expect((key.json() as { code: string }).code).toBe('test_item_answered');
    const wording = await put(who.trainer!, `/api/v1/training/test-items/${answered.id}`, {
      ...item(`${answered.stemId} (diperbaiki)`, answered.correct),
    });
    expect(wording.statusCode, wording.body).toBe(200);
    const locked = await put(who.trainer!, `/api/v1/training/classes/${classId}/tests/settings`, {
      parallelForms: false,
    });
    expect(locked.statusCode).toBe(409);
    expect((locked.json() as { code: string }).code).toBe('test_forms_locked');
  });
});

describe('opening and closing', () => {
  it('opens one test at a time; a class without items cannot open one', async () => {
    const url = `/api/v1/training/classes/${classId}/tests/settings`;
    expect(((await put(who.trainer!, url, { openPhase: 'pre' })).json() as TestsView).openPhase).toBe('pre');
    expect(((await put(who.trainer!, url, { openPhase: 'post' })).json() as TestsView).openPhase).toBe(
      'post',
    );
    expect(((await put(who.trainer!, url, { openPhase: null })).json() as TestsView).openPhase).toBeNull();
    const empty = await put(who.organiser!, `/api/v1/training/classes/${plainClassId}/tests/settings`, {
      openPhase: 'pre',
    });
    expect(empty.statusCode).toBe(400);
    // With two forms, each needs items: half the class would otherwise find an empty test.
    const plain = `/api/v1/training/classes/${plainClassId}/tests`;
    expect((await who.organiser!.post(`${plain}/items`, item('Hanya A', 0))).statusCode).toBe(201);
    expect(
      (await put(who.organiser!, `${plain}/settings`, { parallelForms: true, openPhase: 'pre' })).statusCode,
    ).toBe(400);
    expect(
      (await put(who.organiser!, `${plain}/settings`, { parallelForms: false, openPhase: 'pre' })).statusCode,
    ).toBe(200);
    const removed = (await who.organiser!.get(plain)).json() as TestsView;
    await put(who.organiser!, `${plain}/settings`, { openPhase: null });
    expect(
      (await who.organiser!.delete(`/api/v1/training/test-items/${removed.items[0]!.id}`)).statusCode,
    ).toBe(200);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'training.test_settings')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });
});

describe('the report and completion', () => {
  it('means on matched pairs only, gain per person, small groups hidden; completion uses the post-test share', async () => {
    const view = await tests();
    // People 0–9 take both tests (pre 0 or 1 of 2, post 2 of 2 for the first eight, 0 for two); 10 only pre.
    for (const [index, person] of people.entries()) {
      const row = view.participants.find((entry) => entry.participantId === person.id)!;
      if (index >= 11) continue;
      const pre = await put(who.trainer!, `/api/v1/training/participants/${person.id}/tests/pre`, {
        answers: answersFor(view, row.preForm, index % 2),
      });
      expect(pre.statusCode, pre.body).toBe(200);
      if (index === 10) continue;
      const post = await put(who.trainer!, `/api/v1/training/participants/${person.id}/tests/post`, {
        answers: answersFor(view, row.postForm, index < 8 ? 2 : 0),
      });
      expect(post.statusCode, post.body).toBe(200);
    }
    const response = await who.nominator!.get(`/api/v1/training/classes/${classId}/tests/report`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as TestReport;
    expect(report.takers).toEqual({
      pre: { value: 11, status: 'shown' },
      post: { value: 10, status: 'shown' },
    });
    expect(report.overall.n).toEqual({ value: 10, status: 'shown' });
    expect(report.overall.meanPre).toBeCloseTo(0.25);
    expect(report.overall.meanPost).toBeCloseTo(0.8);
    // Gains: 8 × (1 − pre)/(1 − pre) = 1, and 2 × (0 − pre)/(1 − pre) with pre 0 and 0.5 → 0 and −1.
    expect(report.overall.meanGain).toBeCloseTo((8 - 1) / 10);
    // Men are 3 of the 10 pairs: hidden, and so the women too (no subtraction from the total).
    const men = report.bySex.find((row) => row.key === 'L')!;
    const women = report.bySex.find((row) => row.key === 'P')!;
    expect(men.n.status).not.toBe('shown');
    expect(men.meanPre).toBeNull();
    expect(women.n.status).not.toBe('shown');
    // By nominating unit: 8 pairs from the DPD, 2 from the DPC: the DPC hidden, the DPD with it.
    expect(report.byUnit.map((row) => [row.key, row.n.status === 'shown'])).toEqual([
      [expect.stringMatching(/^DPC/), false],
      [expect.stringMatching(/^DPD/), false],
    ]);
    const formA = report.items.find((entry) => entry.form === 'A')!;
    expect(formA.pre.takers).toEqual({ value: 6, status: 'shown' });
    expect(formA.pre.difficulty).toBeCloseTo(3 / 6);

    // Completion: everyone attended; the post-test share decides (0.6 needed).
    const marks = people.map((person) => ({ participantId: person.id, status: 'present' }));
    const detail = await who.trainer!.get(`/api/v1/training/classes/${classId}`);
    const sessionId = (detail.json() as ClassDetail).sessions[0]!.id;
    expect(
      (
        await put(who.trainer!, `/api/v1/training/sessions/${sessionId}/attendance`, {
          via: 'roll_call',
          marks,
        })
      ).statusCode,
    ).toBe(200);
    const completion = await who.trainer!.post(`/api/v1/training/classes/${classId}/completion`);
    expect(completion.statusCode, completion.body).toBe(200);
    const result = completion.json() as CompletionResponse;
    const reasonsOf = (index: number) =>
      result.detail.find((entry) => entry.participantId === people[index]!.id)!.reasons;
    expect(reasonsOf(0)).toEqual([]);
    expect(reasonsOf(8)).toEqual(['post_test_below']);
    expect(reasonsOf(10)).toEqual(['post_test_missing']);
    expect(result.completed).toBe(8);
  });

  it('a class without a test completes on attendance alone, whatever its post-test share says', async () => {
    const id = await participant(plainClassId, 'P', tree.pspA1x);
    const detail = (await (
      await who.organiser!.get(`/api/v1/training/classes/${plainClassId}`)
    ).json()) as ClassDetail;
    expect(detail.minPostScore).toBe(0.6);
    await put(who.organiser!, `/api/v1/training/sessions/${detail.sessions[0]!.id}/attendance`, {
      via: 'roll_call',
      marks: [{ participantId: id, status: 'present' }],
    });
    const completion = await who.organiser!.post(`/api/v1/training/classes/${plainClassId}/completion`);
    expect((completion.json() as CompletionResponse).detail).toEqual([
      expect.objectContaining({ participantId: id, completed: true, reasons: [] }),
    ]);
  });
});
