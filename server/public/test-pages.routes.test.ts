import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCheckedCode } from '../platform/check-codes.ts';
import { addParticipant, seedTrainingClass } from '../modules/training/training-public.test-support.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createTestApp, createTestContext, seedTree, type TestContext, type Tree } from '../test/helpers.ts';
import { inputValue } from './public.test-support.ts';
import { throttleLimits } from './throttle.ts';

/**
 * The public pre/post test page (/tes), as a browser without JavaScript uses it: plain HTML forms, no
 * cookie, one generic answer for a wrong code or a closed test, the first complete submission counts and
 * a second changes nothing, small enough for a cheap phone (≤ 10 KB gzip with its stylesheet).
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;
let classId: number;
let otherClassId: number;
const css = readFileSync(new URL('./assets/lapor.css', import.meta.url));
const BUDGET = 10 * 1024;

async function addItems(forClass: number, count: number, form: 'A' | 'B' = 'A') {
  for (let index = 0; index < count; index += 1)
    await ctx.db
      .insertInto('training_test_items')
      .values({
        class_id: forClass,
        form,
        stem_id: `Pertanyaan ${form}${index + 1}: apa yang dimaksud dengan kuota 30% perempuan dalam kepengurusan serikat?`,
        stem_en: `Question ${form}${index + 1}: what is the 30% women's quota in union boards?`,
        options: JSON.stringify([
          {
            id: 'Paling sedikit 30% kursi pengurus diisi perempuan',
            en: 'At least 30% of board seats held by women',
          },
          {
            id: 'Paling banyak 30% kursi pengurus diisi perempuan',
            en: 'At most 30% of board seats held by women',
          },
          { id: 'Kuota iuran anggota perempuan', en: "A quota of women's dues" },
          { id: 'Tidak ada jawaban yang benar', en: 'None of these' },
        ]),
        correct: index % 4,
        position: index,
      })
      .execute();
}
const openPhase = (forClass: number, phase: 'pre' | 'post' | null) =>
  ctx.db
    .insertInto('training_test_settings')
    .values({ class_id: forClass, open_phase: phase })
    .onConflict((conflict) => conflict.column('class_id').doUpdateSet({ open_phase: phase }))
    .execute();

let device = 0;
const newDevice = () => ({ address: `198.51.100.${(device += 1) % 250}`, userAgent: `Phone/${device}` });
type Device = ReturnType<typeof newDevice>;

async function post(url: string, fields: Record<string, string>, from: Device = newDevice()) {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    remoteAddress: from.address,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': from.userAgent },
  });
}
/** Opens the test with the code as the first form sends it. */
async function openWith(enrolment: string, from?: Device, lang?: string) {
  const page = await app.inject({ url: lang ? `/tes?lang=${lang}` : '/tes' });
  return post(
    lang ? `/tes?lang=${lang}` : '/tes',
    { _token: inputValue(page.body, '_token') ?? '', enrolment },
    from,
  );
}
/** The radio fields of a test form: name → option values. */
function questionsOf(html: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const match of html.matchAll(/<input type="radio" name="(q[0-9]+)"[^>]*? value="([0-9])"/g))
    found.set(match[1]!, [...(found.get(match[1]!) ?? []), match[2]!]);
  return found;
}
/** Sends the form as shown, every question answered with `choice` (or left out when told). */
function answer(form: LightMyRequestResponse, choice: (name: string) => string | null, from?: Device) {
  const fields: Record<string, string> = {
    _token: inputValue(form.body, '_token') ?? '',
    enrolment: inputValue(form.body, 'enrolment') ?? '',
    phase: inputValue(form.body, 'phase') ?? '',
  };
  for (const name of questionsOf(form.body).keys()) {
    const value = choice(name);
    if (value !== null) fields[name] = value;
  }
  return post('/tes/jawab', fields, from);
}
const attempts = () => ctx.db.selectFrom('training_test_attempts').selectAll().execute();

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  ({ classId } = await seedTrainingClass(ctx, tree));
  ({ classId: otherClassId } = await seedTrainingClass(ctx, tree, { title: 'Kelas Media' }));
  await addItems(classId, 20);
  await addItems(otherClassId, 3);
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});
beforeEach(async () => {
  await test.db.deleteFrom('public_throttle').execute();
  await openPhase(classId, 'pre');
  await openPhase(otherClassId, null);
});

describe('/tes: the pages', () => {
  it('asks for the enrolment code: small, no script, no cookie, in Indonesian and English', async () => {
    for (const url of ['/tes', '/tes?lang=en']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).not.toMatch(/<script/i);
      expect(response.body).toMatch(/<form[^>]* action="\/tes(\?lang=en)?" method="post"/);
      expect(gzipSync(response.body).length + gzipSync(css).length).toBeLessThanOrEqual(BUDGET);
    }
    expect((await app.inject({ url: '/tes?lang=en' })).body).toContain('Enrolment code (8 letters/digits)');
  });

  it('shows a 20-question test as plain radio buttons within the budget, in her language, without the key', async () => {
    const siti = await addParticipant(ctx, tree, classId);
    const form = await openWith(siti.enrolmentCode);
    expect(form.statusCode).toBe(200);
    expect(form.headers['set-cookie']).toBeUndefined();
    expect(form.body).not.toMatch(/<script/i);
    expect(form.body).toContain('Tes awal');
    expect(form.body).toContain('Gender Training for Leadership');
    expect(questionsOf(form.body).size).toBe(20);
    expect([...questionsOf(form.body).values()].every((values) => values.join() === '0,1,2,3')).toBe(true);
    expect(form.body).not.toMatch(/correct|checked/);
    expect(gzipSync(form.body).length + gzipSync(css).length).toBeLessThanOrEqual(BUDGET);
    const english = await openWith(siti.enrolmentCode, undefined, 'en');
    expect(english.body).toContain('Question A1');
    expect(english.body).toContain('action="/tes/jawab?lang=en"');
  });
});

describe('/tes: answering', () => {
  it('records her answers as a plain form POST; a second submission is refused as "already sent" and changes nothing', async () => {
    const dewi = await addParticipant(ctx, tree, classId);
    const form = await openWith(dewi.enrolmentCode);
    const sent = await answer(form, () => '0');
    expect(sent.statusCode).toBe(200);
    expect(sent.headers['set-cookie']).toBeUndefined();
    expect(sent.body).toContain('Jawaban Anda tersimpan');
    const [attempt] = (await attempts()).filter((row) => row.participant_id === dewi.participantId);
    // Items' keys run 0,1,2,3,…: answering 0 everywhere gets 5 of 20.
    expect(attempt).toMatchObject({
      phase: 'pre',
      form: 'A',
      via: 'online',
      score: 5,
      max_score: 20,
      recorded_by: null,
    });

    // The Back button and send again, with other answers: nothing changes.
    const replay = await answer(form, () => '1');
    expect(replay.statusCode).toBe(200);
    expect(replay.body).toContain('Jawaban Anda sudah tersimpan');
    // Opening the test again says so too, without the form.
    const reopened = await openWith(dewi.enrolmentCode);
    expect(reopened.body).toContain('Jawaban Anda sudah tersimpan');
    expect(questionsOf(reopened.body).size).toBe(0);
    expect((await attempts()).filter((row) => row.participant_id === dewi.participantId)).toEqual([attempt]);
  });

  it('sends the form back with her choices when a question is unanswered, and records nothing', async () => {
    const ani = await addParticipant(ctx, tree, classId);
    const form = await openWith(ani.enrolmentCode);
    const skipped = [...questionsOf(form.body).keys()][3]!;
    const partial = await answer(form, (name) => (name === skipped ? null : '2'));
    expect(partial.statusCode).toBe(422);
    expect(partial.body).toContain('Pilih satu jawaban untuk soal ini.');
    expect(partial.body).toMatch(new RegExp(`name="${skipped}" value="0"/>`));
    expect(partial.body).not.toMatch(new RegExp(`name="${skipped}" checked`));
    expect(partial.body).toMatch(/name="q[0-9]+" checked="" value="2"/);
    expect((await attempts()).filter((row) => row.participant_id === ani.participantId)).toEqual([]);
    const completed = await answer(partial, (name) => (name === skipped ? '1' : '2'));
    expect(completed.statusCode).toBe(200);
  });

  it('gives one answer, byte for byte, for a wrong code, a closed test, no seat, or a test closed meanwhile', async () => {
    const yuli = await addParticipant(ctx, tree, classId);
    const waiting = await addParticipant(ctx, tree, classId, { status: 'nominated' });
    const closedClass = await addParticipant(ctx, tree, otherClassId);
    const form = await openWith(yuli.enrolmentCode);
    const answers = [
      await openWith(generateCheckedCode(8)),
      await openWith(waiting.enrolmentCode),
      await openWith(closedClass.enrolmentCode),
    ];
    // The trainer closes the pre-test and opens the post-test while she answers.
    await openPhase(classId, 'post');
    answers.push(await answer(form, () => '0'));
    for (const response of answers) {
      expect(response.statusCode).toBe(403);
      expect(response.body).toBe(answers[0]!.body);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(answers[0]!.body).toContain('Tes tidak dapat dibuka');
    expect(answers[0]!.body).not.toContain('_token');
    expect((await attempts()).filter((row) => row.participant_id === yuli.participantId)).toEqual([]);
  });

  it('marks a typo in the code (its check character) as a field error, not as a wrong code', async () => {
    const typo = await openWith('ABCDEFGH');
    expect(typo.statusCode).toBe(422);
    expect(typo.body).toContain('Kode peserta ini salah ketik');
  });

  it('keeps her answers on an expired page and records nothing until she sends it again', async () => {
    const rina = await addParticipant(ctx, tree, classId);
    const form = await openWith(rina.enrolmentCode);
    const stale = form.body.replace(/name="_token" value="[^"]*"/, 'name="_token" value="x.1.y.z"');
    const expired = await answer({ ...form, body: stale } as LightMyRequestResponse, () => '3');
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('Jawaban Anda belum terkirim');
    expect(expired.body).toMatch(/checked="" value="3"/);
    expect((await attempts()).filter((row) => row.participant_id === rina.participantId)).toEqual([]);
    expect((await answer(expired, () => '3')).statusCode).toBe(200);
  });

  it('stops guessing codes after a few refused tries from one phone; buckets hold no address', async () => {
    const phone = { address: '203.0.113.77', userAgent: 'Guesser/1' };
    for (let attempt = 0; attempt < throttleLimits.testFailure.perAddress; attempt += 1)
      expect((await openWith(generateCheckedCode(8), phone)).statusCode).toBe(403);
    const blocked = await openWith(generateCheckedCode(8), phone);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    // The phone beside it is not blocked.
    const siti = await addParticipant(ctx, tree, classId);
    expect((await openWith(siti.enrolmentCode)).statusCode).toBe(200);
    const buckets = await ctx.db.selectFrom('public_throttle').select('bucket').execute();
    expect(buckets.length).toBeGreaterThan(0);
    for (const { bucket } of buckets) expect(bucket).not.toMatch(/203\.0\.113|Guesser/);
  });

  it('the post-test after the pre-test, on the other form when the class has two', async () => {
    await ctx.db
      .updateTable('training_test_settings')
      .set({ parallel_forms: true })
      .where('class_id', '=', classId)
      .execute();
    await addItems(classId, 2, 'B');
    const tari = await addParticipant(ctx, tree, classId);
    // She enrolled last: the second half, so form B before and A after.
    const pre = await openWith(tari.enrolmentCode);
    expect(questionsOf(pre.body).size).toBe(2);
    expect((await answer(pre, () => '0')).statusCode).toBe(200);
    await openPhase(classId, 'post');
    const postForm = await openWith(tari.enrolmentCode);
    expect(postForm.body).toContain('Tes akhir');
    expect(questionsOf(postForm.body).size).toBe(20);
    expect((await answer(postForm, () => '0')).statusCode).toBe(200);
    const rows = (await attempts()).filter((row) => row.participant_id === tari.participantId);
    expect(rows.map((row) => [row.phase, row.form])).toEqual([
      ['pre', 'B'],
      ['post', 'A'],
    ]);
    await ctx.db
      .updateTable('training_test_settings')
      .set({ parallel_forms: false })
      .where('class_id', '=', classId)
      .execute();
  });
});
