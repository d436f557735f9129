import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCheckedCode } from '../platform/check-codes.ts';
import { ROTATING_CODE_STEP_MS, rotatingCodeAt, rotatingCodeKey } from '../platform/rotating-code.ts';
import { checkInSubject, LATE_AFTER_START_MS } from '../modules/training/self-check-in.service.ts';
import {
  addParticipant,
  addSession,
  seedTrainingClass,
} from '../modules/training/training-public.test-support.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import {
  createTestApp,
  createTestContext,
  seedTree,
  testClock,
  type TestContext,
  type Tree,
} from '../test/helpers.ts';
import publicId from '../../shared/locales/id/public.json';
import { inputValue } from './public.test-support.ts';
import { throttleLimits } from './throttle.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;
let classId: number;
let key: Buffer;
/** A step boundary, so tests know where in the 15 s step they are. */
const start = new Date(
  Math.ceil(Date.parse('2025-12-16T01:00:00Z') / ROTATING_CODE_STEP_MS) * ROTATING_CODE_STEP_MS,
);
const css = readFileSync(new URL('./assets/lapor.css', import.meta.url));

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { clock: testClock(start) });
  tree = await seedTree(ctx);
  ({ classId } = await seedTrainingClass(ctx, tree));
  app = await createTestApp(ctx);
  key = rotatingCodeKey(ctx.masterKey.key);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});
beforeEach(async () => {
  await test.db.deleteFrom('public_throttle').execute();
  ctx.clock.set(new Date(start.getTime() + 5 * 60 * 1000 + 3000));
});

const codeOf = (sessionId: number, at = ctx.clock.now()) =>
  rotatingCodeAt(key, checkInSubject(sessionId), at).code;

let device = 0;
/** Each call is another phone unless told otherwise (the device rule has its own test). */
const newDevice = () => ({ address: `198.51.100.${(device += 1) % 250}`, userAgent: `Phone/${device}` });

async function checkIn(
  fields: Record<string, string>,
  options: { from?: { address: string; userAgent: string }; formPage?: string; lang?: string } = {},
): Promise<LightMyRequestResponse> {
  const from = options.from ?? newDevice();
  const form = await app.inject({ url: options.formPage ?? '/hadir' });
  const body = new URLSearchParams({
    _token: inputValue(form.body, '_token') ?? '',
    ...(inputValue(form.body, 'seen') ? { seen: inputValue(form.body, 'seen')! } : {}),
    ...fields,
  });
  return app.inject({
    method: 'POST',
    url: options.lang ? `/hadir?lang=${options.lang}` : '/hadir',
    payload: body.toString(),
    remoteAddress: from.address,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': from.userAgent },
  });
}
const marks = (sessionId: number) =>
  test.db.selectFrom('training_attendance').selectAll().where('session_id', '=', sessionId).execute();

describe('/hadir: the page', () => {
  it('is small, has no script and sets no cookie, in Indonesian and English', async () => {
    for (const url of ['/hadir', '/hadir?lang=en', `/hadir?k=123456`]) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).not.toMatch(/<script/i);
      expect(response.body).toContain('name="k"');
      expect(Buffer.byteLength(response.body)).toBeLessThanOrEqual(8 * 1024);
      expect(gzipSync(response.body).length + gzipSync(css).length).toBeLessThanOrEqual(6 * 1024);
    }
    expect((await app.inject({ url: '/hadir' })).body).toContain('<html lang="id">');
    expect((await app.inject({ url: '/hadir?lang=en' })).body).toContain('Room code (6 digits)');
  });

  it('fills in the scanned code and stamps when it was seen', async () => {
    const page = await app.inject({ url: '/hadir?k=654321' });
    expect(page.body).toMatch(/name="k"[^>]*value="654321"/);
    expect(inputValue(page.body, 'seen')).toMatch(/^[0-9]+\.[A-Za-z0-9_-]+$/);
    expect(inputValue((await app.inject({ url: '/hadir?k=65x321' })).body, 'seen')).toBeUndefined();
  });
});

describe('/hadir: checking in', () => {
  it('records her present with her enrolment code; a replay answers "already recorded" and changes nothing', async () => {
    const sessionId = await addSession(ctx, classId, start);
    const siti = await addParticipant(ctx, tree, classId);
    const fields = {
      enrolment: siti.enrolmentCode.toLowerCase().replace(/(.{4})/, '$1-'),
      k: codeOf(sessionId),
    };
    const first = await checkIn(fields);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Presensi tercatat');
    expect(first.body).toContain('Tercatat: Hadir');
    expect(first.body).toContain('Gender Training for Leadership');
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.body).not.toMatch(/<script/i);
    const [mark] = await marks(sessionId);
    expect(mark).toMatchObject({ status: 'present', via: 'self', recorded_by: null });
    // 20 minutes later (she would now be late): the same answer, the same mark, no correction.
    ctx.clock.advance(20 * 60 * 1000);
    const again = await checkIn({ ...fields, k: codeOf(sessionId) });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Presensi Anda sudah tercatat');
    expect(await marks(sessionId)).toEqual([mark]);
    expect(await test.db.selectFrom('training_attendance_history').selectAll().execute()).toEqual([]);
  });

  it('takes a member number and birth year instead, and marks late after 15 minutes', async () => {
    const sessionId = await addSession(
      ctx,
      classId,
      new Date(start.getTime() - LATE_AFTER_START_MS - 60_000),
    );
    const rina = await addParticipant(ctx, tree, classId, { birthYear: 1988 });
    const response = await checkIn({
      memberNumber: rina.memberNumber.toLowerCase(),
      birthYear: '1988',
      k: codeOf(sessionId),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Tercatat: Terlambat');
    expect((await marks(sessionId))[0]).toMatchObject({ status: 'late', participant_id: rina.participantId });
  });

  it('accepts the previous code up to 2 s after it changed, and calls it old after that', async () => {
    const sessionId = await addSession(ctx, classId, start);
    const [a, b] = [await addParticipant(ctx, tree, classId), await addParticipant(ctx, tree, classId)];
    const boundary = new Date(
      Math.floor(ctx.clock.now().getTime() / ROTATING_CODE_STEP_MS) * ROTATING_CODE_STEP_MS,
    );
    const previous = codeOf(sessionId, new Date(boundary.getTime() - 1));
    ctx.clock.set(new Date(boundary.getTime() + 2000));
    expect((await checkIn({ enrolment: a.enrolmentCode, k: previous })).statusCode).toBe(200);
    ctx.clock.set(new Date(boundary.getTime() + 2001));
    const late = await checkIn({ enrolment: b.enrolmentCode, k: previous });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Kode ruangan sudah berganti');
    // Her enrolment code stays in the form: only the room code is typed again.
    expect(late.body).toContain(`value="${b.enrolmentCode}"`);
  });

  it('judges a scanned code at the moment the page was served (time to type the enrolment code)', async () => {
    const sessionId = await addSession(ctx, classId, start);
    const dewi = await addParticipant(ctx, tree, classId);
    const scanned = codeOf(sessionId);
    const form = await app.inject({ url: `/hadir?k=${scanned}` });
    ctx.clock.advance(3 * 60 * 1000);
    const fields = {
      _token: inputValue(form.body, '_token') ?? '',
      seen: inputValue(form.body, 'seen') ?? '',
      k: scanned,
      enrolment: dewi.enrolmentCode,
    };
    const send = (values: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/hadir',
        payload: new URLSearchParams(values).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Stamp/1' },
      });
    // A forged or missing stamp: judged now, and the code is old.
    expect((await send({ ...fields, seen: `${start.getTime()}.AAAA` })).statusCode).toBe(409);
    expect((await send({ ...fields, seen: '' })).statusCode).toBe(409);
    expect((await send(fields)).statusCode).toBe(200);
  });

  it('refuses outside the window with the window in plain words', async () => {
    const sessionId = await addSession(ctx, classId, new Date(start.getTime() + 2 * 60 * 60 * 1000));
    const ani = await addParticipant(ctx, tree, classId);
    const response = await checkIn({ enrolment: ani.enrolmentCode, k: codeOf(sessionId) });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Presensi dibuka dari 30 menit sebelum sesi mulai');
    expect(response.body).toContain('WIB');
    expect(await marks(sessionId)).toEqual([]);
  });

  it('gives one answer, byte for byte, for a wrong code and for a wrong identity', async () => {
    const sessionId = await addSession(ctx, classId, start);
    const yuli = await addParticipant(ctx, tree, classId);
    const waiting = await addParticipant(ctx, tree, classId, { status: 'nominated' });
    const code = codeOf(sessionId);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answers = [
      await checkIn({ enrolment: yuli.enrolmentCode, k: wrongCode }),
      await checkIn({ enrolment: generateCheckedCode(8), k: code }),
      await checkIn({ memberNumber: yuli.memberNumber, birthYear: '1991', k: code }),
      await checkIn({ enrolment: waiting.enrolmentCode, k: code }),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(403);
      expect(answer.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.body).toContain('Presensi tidak dapat dicatat');
    expect(await marks(sessionId)).toEqual([]);
  });

  it('marks what is malformed (a typo in the enrolment code is caught by its check character)', async () => {
    const sessionId = await addSession(ctx, classId, start);
    const typo = await checkIn({ enrolment: 'ABCDEFGH', k: codeOf(sessionId) });
    expect([422, 403]).toContain(typo.statusCode);
    const missing = await checkIn({ k: '12' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Ketik 6 angka kode ruangan.');
    expect(missing.body).toContain('Isi kode peserta, atau nomor anggota dan tahun lahir.');
  });

  it('stops one phone checking in a row of people, not the phones beside it on the same Wi-Fi', async () => {
    const sessionId = await addSession(ctx, classId, start);
    const people = await Promise.all(Array.from({ length: 4 }, () => addParticipant(ctx, tree, classId)));
    const phone = { address: '203.0.113.9', userAgent: 'Mozilla/5.0 (Linux; Android 10; K) Chrome/131' };
    const allowed = throttleLimits.checkInDevice.perAddress;
    for (const person of people.slice(0, allowed))
      expect(
        (await checkIn({ enrolment: person.enrolmentCode, k: codeOf(sessionId) }, { from: phone }))
          .statusCode,
      ).toBe(200);
    // A replay of someone already in does not count against the phone.
    expect(
      (await checkIn({ enrolment: people[0]!.enrolmentCode, k: codeOf(sessionId) }, { from: phone }))
        .statusCode,
    ).toBe(200);
    const refused = await checkIn(
      { enrolment: people[allowed]!.enrolmentCode, k: codeOf(sessionId) },
      { from: phone },
    );
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Ponsel ini sudah dipakai untuk presensi orang lain');
    // Another phone on the same venue address (another browser) is not blocked.
    const beside = {
      address: phone.address,
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Safari/604.1',
    };
    expect(
      (await checkIn({ enrolment: people[allowed]!.enrolmentCode, k: codeOf(sessionId) }, { from: beside }))
        .statusCode,
    ).toBe(200);
    // Nothing about the address or the browser is kept in clear.
    const buckets = (await test.db.selectFrom('public_throttle').select('bucket').execute())
      .map((row) => row.bucket)
      .join(' ');
    for (const secret of [phone.address, 'Android', 'iPhone', 'Chrome'])
      expect(buckets).not.toContain(secret);
  });

  it('stops guessing after a few refused tries from one phone', async () => {
    const sessionId = await addSession(ctx, classId, start);
    const phone = { address: '203.0.113.10', userAgent: 'Guesser/1' };
    for (let attempt = 0; attempt < throttleLimits.checkInFailure.perAddress; attempt += 1)
      expect(
        (await checkIn({ enrolment: generateCheckedCode(8), k: codeOf(sessionId) }, { from: phone }))
          .statusCode,
      ).toBe(403);
    const blocked = await checkIn(
      { enrolment: generateCheckedCode(8), k: codeOf(sessionId) },
      { from: phone },
    );
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });
});

describe('/verifikasi', () => {
  async function certificate(options: { validUntil?: string | null; revokedAt?: Date | null } = {}) {
    const holder = await addParticipant(ctx, tree, classId, {
      name: 'Siti Rahayu Lestari',
      employer: 'PT Garmen Sejahtera',
    });
    const code = generateCheckedCode(12);
    await test.db
      .insertInto('training_certificates')
      .values({
        code,
        participant_id: holder.participantId,
        issued_by: null,
        valid_until: options.validUntil ?? null,
        revoked_at: options.revokedAt ?? null,
        revoked_by: null,
        revoke_reason: options.revokedAt ? 'Data keliru' : null,
        replaces: null,
      })
      .execute();
    return { code, holder };
  }
  const verify = (path: string, remoteAddress = '192.0.2.50') => app.inject({ url: path, remoteAddress });

  it('shows a valid certificate: masked name, class, track, program, dates, issuer; nothing that points at her workplace', async () => {
    const { code, holder } = await certificate({ validUntil: '2030-12-31' });
    const response = await verify(`/verifikasi/${code}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('Siti R**** L****');
    expect(html).not.toContain('Rahayu');
    for (const text of [
      'Sertifikat pelatihan',
      'Sah: dokumen ini diterbitkan dan masih berlaku.',
      'Gender Training for Leadership',
      'Kelas Perempuan',
      'Capacity Building SPN–KSPI Bogor',
      'DPD Jawa Barat',
      '16 Desember 2025 – 18 Desember 2025',
      '31 Desember 2030',
    ])
      expect(html).toContain(text);
    for (const secret of [
      holder.memberNumber,
      'PSP PT Garmen Sejahtera',
      'PT Garmen Sejahtera',
      'DPC Kabupaten Bogor',
    ])
      expect(html).not.toContain(secret);
    // The masked holder is told what the page leaves out.
    expect(html).toContain(publicId.verify.privacy);
    expect(html).toContain(`<dt>${publicId.verify.holder}</dt>`);
    expect(html).not.toMatch(/<script/i);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(Buffer.byteLength(html) + css.length).toBeLessThanOrEqual(10 * 1024);
    const english = await verify(`/verifikasi/${code}?lang=en`);
    expect(english.body).toContain('Women&#x27;s class');
    expect(english.body).toContain('16 December 2025 – 18 December 2025');
  });

  it('shows a revoked certificate with its date, and an expired one (valid_until before today in Jakarta)', async () => {
    // 1 Jan 2026 20:00 UTC is already 2 Jan in Jakarta.
    ctx.clock.set(new Date('2026-01-01T20:00:00Z'));
    const revoked = await certificate({ revokedAt: new Date('2025-12-20T18:30:00Z') });
    expect((await verify(`/verifikasi/${revoked.code}`)).body).toContain('Dicabut pada 21 Desember 2025');
    const expired = await certificate({ validUntil: '2026-01-01' });
    const expiredPage = await verify(`/verifikasi/${expired.code}`);
    expect(expiredPage.statusCode).toBe(200);
    expect(expiredPage.body).toContain('Kedaluwarsa: masa berlakunya berakhir 1 Januari 2026.');
    const lastDay = await certificate({ validUntil: '2026-01-02' });
    expect((await verify(`/verifikasi/${lastDay.code}`)).body).toContain('Sah:');
  });

  it('reads a typed code in any case and with dashes, from the form (GET or POST) by redirect', async () => {
    const { code } = await certificate();
    const typed = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
    const viaGet = await app.inject({ url: `/verifikasi?kode=${encodeURIComponent(typed)}` });
    expect(viaGet.statusCode).toBe(303);
    expect(viaGet.headers.location).toBe(`/verifikasi/${code}`);
    const viaPost = await app.inject({
      method: 'POST',
      url: '/verifikasi?lang=en',
      payload: `kode=${encodeURIComponent(typed)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(viaPost.statusCode).toBe(303);
    expect(viaPost.headers.location).toBe(`/verifikasi/${code}?lang=en`);
    expect((await verify(`/verifikasi/${typed}`)).statusCode).toBe(200);
    const form = await app.inject({ url: '/verifikasi' });
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toMatch(/<script/i);
    expect(Buffer.byteLength(form.body) + css.length).toBeLessThanOrEqual(10 * 1024);
  });

  it('answers every unknown or malformed code the same way', async () => {
    const { code } = await certificate();
    const unknown = generateCheckedCode(12);
    const badCheck = `${code.slice(0, 11)}${code[11] === '0' ? '1' : '0'}`;
    const answers = await Promise.all(
      [unknown, badCheck, 'X', 'A'.repeat(300), 'ABC/DEF', '%3Cscript%3E'].map((typed) =>
        verify(`/verifikasi/${typed}`),
      ),
    );
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toBe(answers[0]!.body);
    }
    expect(answers[0]!.body).toContain('Kode tidak ditemukan');
  });

  it('limits lookups per address like the receipt check', async () => {
    const { code } = await certificate();
    for (let lookup = 0; lookup < throttleLimits.verify.perAddress; lookup += 1)
      expect((await verify(`/verifikasi/${code}`, '192.0.2.99')).statusCode).toBe(200);
    const blocked = await verify(`/verifikasi/${code}`, '192.0.2.99');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await verify(`/verifikasi/${code}`, '192.0.2.100')).statusCode).toBe(200);
  });
});
