import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test/database.ts';
import { createTestApp, createTestContext, seedTree, TestClient } from './test/helpers.ts';
import { inputValue, multipart, reportFields } from './public/public.test-support.ts';

/**
 * What travels over a weak mobile connection (issue 11): answers are compressed when the browser accepts
 * it, built assets come pre-compressed from the build, and the answers that put a secret beside the
 * sender's own text are never compressed (BREACH).
 */
let test: TestDatabase;
let app: FastifyInstance;
let webRoot: string;
const script = `console.log(${JSON.stringify('Setara '.repeat(2000))});`;

beforeAll(async () => {
  test = await createTestDatabase();
  const ctx = createTestContext(test.db, test.url);
  await seedTree(ctx);
  webRoot = mkdtempSync(path.join(tmpdir(), 'setara-web-'));
  mkdirSync(path.join(webRoot, 'assets'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Setara</title>');
  writeFileSync(path.join(webRoot, 'assets', 'app.js'), script);
  // Marked twins, so the test sees which file was sent: the build's (scripts/compress-assets.mjs).
  writeFileSync(path.join(webRoot, 'assets', 'app.js.br'), brotliCompressSync(`${script}//br`));
  writeFileSync(path.join(webRoot, 'assets', 'app.js.gz'), gzipSync(`${script}//gz`));
  app = await createTestApp(ctx, { webRoot });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('compression on the wire', () => {
  it('sends /lapor brotli-compressed to a browser that accepts it, and plain to one that does not', async () => {
    const plain = await app.inject({ url: '/lapor' });
    const compressed = await app.inject({ url: '/lapor', headers: { 'accept-encoding': 'br, gzip' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(compressed.rawPayload.length).toBeLessThanOrEqual(10 * 1024);
    // Same page once decompressed (the per-response form token aside).
    const text = brotliDecompressSync(compressed.rawPayload).toString('utf8');
    const withoutToken = (html: string) => html.replace(/value="report\.[^"]*"/, '');
    expect(withoutToken(text)).toBe(withoutToken(plain.body));
  });

  it('compresses API answers with gzip when brotli is not offered', async () => {
    const response = await app.inject({ url: '/api/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('never compresses the answers that carry a receipt, a form token or the CSRF token', async () => {
    const form = await app.inject({ url: '/lapor' });
    const sent = await app.inject({
      method: 'POST',
      url: '/lapor',
      headers: { 'accept-encoding': 'br, gzip' },
      payload: multipart({ _token: inputValue(form.body, '_token') ?? '', ...reportFields({ forms: [] }) }),
    });
    expect(sent.statusCode).toBe(422);
    expect(sent.headers['content-encoding']).toBeUndefined();
    const client = new TestClient(app);
    const csrf = await app.inject({
      url: '/api/v1/csrf',
      headers: { 'accept-encoding': 'br, gzip', cookie: client.cookieHeader() },
    });
    expect(csrf.statusCode).toBe(200);
    expect(csrf.headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD on an app page as GET does, without a body (uptime monitors use it)', async () => {
    const get = await app.inject({ url: '/units/12' });
    const head = await app.inject({ method: 'HEAD', url: '/units/12' });
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('<title>Setara</title>');
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.body).toBe('');
    expect((await app.inject({ method: 'HEAD', url: '/api/v1/nothing-here' })).statusCode).toBe(404);
  });

  it('serves built assets as the build compressed them, cached for a year', async () => {
    const brotli = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toMatch(/\/\/br$/);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzip = await app.inject({ url: '/assets/app.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/app.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });
});
