import { Writable } from 'node:stream';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../platform/logger.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createTestContext, seedTree } from '../test/helpers.ts';
import { publicRoutes } from './public.routes.ts';
import { inputValue, multipart, postForm, receiptPattern, reportFields } from './public.test-support.ts';

let test: TestDatabase;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  const ctx = createTestContext(test.db, test.url);
  await seedTree(ctx);
  // The app's own logger settings at the most verbose level, written to memory.
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
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('public pages: logs', () => {
  it('never log the address, the user agent, the receipt or anything the reporter wrote', async () => {
    const address = '203.0.113.77';
    const userAgent = 'KenariBrowser/9.9 (Linux; Android 14)';
    const headers = { 'user-agent': userAgent, 'x-forwarded-for': address };
    const submitted = await postForm(app, {
      formPage: '/lapor',
      url: '/lapor',
      fields: reportFields({ narrative: 'NARASI-KENARI', namedName: 'NAMA-KENARI', contactValue: '' }),
      remoteAddress: address,
      headers,
    });
    expect(submitted.statusCode).toBe(200);
    const receipt = receiptPattern.exec(submitted.body)?.[0] ?? '';
    const status = await postForm(app, {
      formPage: '/lapor/cek',
      url: '/lapor/cek',
      fields: { receipt },
      remoteAddress: address,
      headers,
    });
    expect(status.statusCode).toBe(200);
    const sent = await app.inject({
      method: 'POST',
      url: '/lapor/cek/pesan',
      remoteAddress: address,
      headers,
      payload: multipart({
        _token: inputValue(status.body, '_token') ?? '',
        followUp: inputValue(status.body, 'followUp') ?? '',
        body: 'PESAN-KENARI',
      }),
    });
    expect(sent.statusCode).toBe(200);
    const log = lines.join('');
    // Requests were logged (so the check means something) …
    expect(log).toContain('"route":"/lapor/cek/pesan"');
    // … but nothing that identifies the reporter or her report.
    for (const secret of [
      address,
      userAgent,
      'KenariBrowser',
      receipt,
      receipt.replace(/ /g, ''),
      'NARASI-KENARI',
      'NAMA-KENARI',
      'PESAN-KENARI',
      inputValue(status.body, 'followUp') ?? 'none',
    ])
      expect(log).not.toContain(secret);
  });
});
