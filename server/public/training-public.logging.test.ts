import { Writable } from 'node:stream';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCheckedCode } from '../platform/check-codes.ts';
import { loggerOptions } from '../platform/logger.ts';
import { rotatingCodeAt, rotatingCodeKey } from '../platform/rotating-code.ts';
import { createCertificateVerification } from '../modules/training/certificate-lookup.ts';
import { checkInSubject, createSelfCheckInService } from '../modules/training/self-check-in.service.ts';
import { createTestTakingService } from '../modules/training/test-taking.service.ts';
import {
  addParticipant,
  addSession,
  seedTrainingClass,
} from '../modules/training/training-public.test-support.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../test/helpers.ts';
import { publicRoutes } from './public.routes.ts';
import { inputValue } from './public.test-support.ts';
import { createVerificationRegistry } from './verification.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  app = Fastify({ logger: { ...loggerOptions('trace'), stream } });
  await app.register(fastifyFormbody);
  await app.register(publicRoutes, {
    casesService: ctx.services.casesService,
    reportingChannel: ctx.services.caseCoverageService,
    masterKey: ctx.masterKey,
    db: ctx.db,
    clock: ctx.clock,
    selfCheckIn: createSelfCheckInService({
      db: ctx.db,
      codeKey: rotatingCodeKey(ctx.masterKey.key),
      clock: ctx.clock,
    }),
    verification: createVerificationRegistry([createCertificateVerification(ctx.db)]),
    testTaking: createTestTakingService({ db: ctx.db, clock: ctx.clock }),
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('training public pages: logs', () => {
  it('never log the address, the user agent, the codes or the identity', async () => {
    const { classId } = await seedTrainingClass(ctx, tree);
    const sessionId = await addSession(ctx, classId, ctx.clock.now());
    const siti = await addParticipant(ctx, tree, classId);
    const address = '203.0.113.77';
    const userAgent = 'KenariBrowser/9.9 (Linux; Android 14)';
    const headers = { 'user-agent': userAgent, 'x-forwarded-for': address };
    const room = rotatingCodeAt(
      rotatingCodeKey(ctx.masterKey.key),
      checkInSubject(sessionId),
      ctx.clock.now(),
    ).code;
    const form = await app.inject({ url: `/hadir?k=${room}`, remoteAddress: address, headers });
    const checkedIn = await app.inject({
      method: 'POST',
      url: '/hadir',
      remoteAddress: address,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _token: inputValue(form.body, '_token') ?? '',
        seen: inputValue(form.body, 'seen') ?? '',
        k: room,
        enrolment: siti.enrolmentCode,
      }).toString(),
    });
    expect(checkedIn.statusCode).toBe(200);
    const code = generateCheckedCode(12);
    await test.db
      .insertInto('training_certificates')
      .values({ code, participant_id: siti.participantId, issued_by: null, replaces: null })
      .execute();
    expect(
      (await app.inject({ url: `/verifikasi/${code}`, remoteAddress: address, headers })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: `/verifikasi?kode=${code}`, remoteAddress: address, headers })).statusCode,
    ).toBe(303);
    // The pre/post test page: open the test and answer it.
    await test.db
      .insertInto('training_test_items')
      .values({
        class_id: classId,
        stem_id: 'Soal',
        options: JSON.stringify([{ id: 'Ya' }, { id: 'Tidak' }]),
        correct: 0,
      })
      .execute();
    await test.db
      .insertInto('training_test_settings')
      .values({ class_id: classId, open_phase: 'pre' })
      .execute();
    const post = (url: string, fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        remoteAddress: address,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    const codePage = await app.inject({ url: '/tes', remoteAddress: address, headers });
    const testForm = await post('/tes', {
      _token: inputValue(codePage.body, '_token') ?? '',
      enrolment: siti.enrolmentCode,
    });
    expect(testForm.statusCode).toBe(200);
    const itemField = /name="(q[0-9]+)"/.exec(testForm.body)![1]!;
    const answered = await post('/tes/jawab', {
      _token: inputValue(testForm.body, '_token') ?? '',
      enrolment: siti.enrolmentCode,
      phase: 'pre',
      [itemField]: '0',
    });
    expect(answered.statusCode).toBe(200);
    expect(
      (
        await post('/tes', {
          _token: inputValue(codePage.body, '_token') ?? '',
          enrolment: generateCheckedCode(8),
        })
      ).statusCode,
    ).toBe(403);
    const log = lines.join('');
    expect(log).toContain('"route":"/verifikasi/*"');
    expect(log).toContain('"route":"/tes/jawab"');
    expect(log).toContain('public verification');
    // The room code as it would appear (a bare six digits can occur by chance inside a timestamp).
    for (const secret of [
      address,
      userAgent,
      'KenariBrowser',
      `k=${room}`,
      `"${room}"`,
      siti.enrolmentCode,
      siti.memberNumber,
      code,
    ])
      expect(log).not.toContain(secret);
  });
});
