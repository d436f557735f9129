import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TEST_PASSWORD,
  TestClient,
  type TestContext,
  type Tree,
} from './test/helpers.ts';

/**
 * The HTTP edge: decisions run on the route the router matched, never on the raw URL; forwarded
 * addresses come only from trusted proxies; ids are decimal digits within their column type.
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx, {
    beforeReady: (instance) => {
      instance.get('/edge-test/ip', async (request) => ({ ip: request.ip }));
    },
  });
  await createUser(ctx, {
    email: 'admin.edge@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

const UUID = '00000000-0000-4000-8000-000000000001';
/** A concrete path for a route pattern: ids as 1, uuids for uuid-looking params, today for dates. */
const concrete = (pattern: string, value?: string) =>
  pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) =>
    value !== undefined
      ? value
      : name === 'date'
        ? '2026-01-01'
        : name === 'kind'
          ? 'retaliation'
          : /^(id|itemId|grantId)$/.test(name)
            ? UUID
            : '1',
  );

/** Spellings of one path that the router may (or may not) send to the same handler. */
function variants(path: string): string[] {
  const [, first = '', ...rest] = path.split('/');
  const tail = rest.join('/');
  const encodeFirst = (segment: string) => `%${segment.charCodeAt(0).toString(16)}${segment.slice(1)}`;
  return [
    `/${encodeFirst(first)}/${tail}`, // /%61pi/v1/…
    `/${first}/${encodeFirst(rest[0] ?? '')}/${rest.slice(1).join('/')}`, // /api/%76…
    path.replace(/[a-z]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`), // all encoded
    `/${path}`, // //api/v1/…
    path.replace('/v1/', '/v1//'),
    path.replace('/api/v1/', '/Api/V1/'),
    `${path}/`,
  ];
}

const foreign = { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' };

describe('CSRF runs on the matched route, whatever the spelling of the URL', () => {
  it('an encoded path to login, setup and reset is refused like the plain one (403 csrf_invalid)', async () => {
    const bodies: Record<string, string> = {
      '/api/v1/auth/login': `email=admin.edge%40spn.test&password=${encodeURIComponent(TEST_PASSWORD)}`,
      '/api/v1/setup': 'token=aaaaaaaaaaaaaaaaaaaaaaaa&email=x%40y.test&displayName=X&password=whatever-long',
      '/api/v1/auth/reset': 'token=aaaaaaaaaaaaaaaaaaaaaaaa&password=Another-Long-Pass-2026!',
    };
    for (const [path, payload] of Object.entries(bodies)) {
      for (const url of [path, ...variants(path)]) {
        const response = await app.inject({ method: 'POST', url, headers: foreign, payload });
        expect(
          response.cookies.map((cookie) => cookie.name),
          url,
        ).not.toContain('setara_session');
        expect(response.statusCode, url).not.toBeLessThan(400);
        // A valid sign-in body reaches the CSRF check unless the router matched nothing (404).
        if (path === '/api/v1/auth/login' && response.statusCode !== 404) {
          expect(response.statusCode, url).toBe(403);
          expect((response.json() as { code: string }).code, url).toBe('csrf_invalid');
        }
      }
    }
  });

  it('every unsafe route of the route table, in every spelling, never runs without a CSRF token', async () => {
    const unsafe = app.apiRoutes.filter((route) => !['GET', 'HEAD', 'OPTIONS'].includes(route.method));
    expect(unsafe.length).toBeGreaterThan(40);
    // A signed-in administrator without the token: any route that would run is stopped by CSRF.
    const admin = new TestClient(app);
    expect((await admin.login('admin.edge@spn.test')).statusCode).toBe(200);
    const cookie = admin.cookieHeader();
    const send = (method: string, url: string) =>
      app.inject({
        method: method as InjectOptions['method'],
        url,
        headers: { ...foreign, cookie },
        payload: 'x=1',
      });
    const answer = (response: Awaited<ReturnType<typeof send>>) =>
      `${response.statusCode} ${response.statusCode >= 400 ? response.json<{ code: string }>().code : ''}`;
    let reachedCsrf = 0;
    for (const route of unsafe) {
      const path = concrete(route.url);
      const plain = await send(route.method, path);
      expect(plain.statusCode, path).toBeGreaterThanOrEqual(400);
      if (answer(plain).endsWith('csrf_invalid')) reachedCsrf += 1;
      for (const url of variants(path)) {
        const response = await send(route.method, url);
        const label = `${route.method} ${url}`;
        expect(
          response.cookies.map((c) => c.name),
          label,
        ).not.toContain('setara_session');
        // Either the router matched nothing, or the request met exactly the plain path's checks.
        if (response.statusCode !== 404) expect(answer(response), label).toBe(answer(plain));
      }
    }
    // The check really ran on the plain paths (most routes stop earlier, at validation or the access rule).
    expect(reachedCsrf).toBeGreaterThan(5);
  }, 120_000);

  it('the staff session is resolved for the matched route, also under an encoded spelling', async () => {
    const admin = new TestClient(app);
    await admin.login('admin.edge@spn.test');
    const response = await app.inject({
      url: '/%61pi/v1/session',
      headers: { cookie: admin.cookieHeader() },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('forwarded addresses come only from trusted proxies', () => {
  const ipOf = async (target: FastifyInstance, remoteAddress: string, forwarded?: string) =>
    (
      await target.inject({
        url: '/edge-test/ip',
        remoteAddress,
        headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
      })
    ).json<{ ip: string }>().ip;

  it('ignores X-Forwarded-For from a sender that is not a configured proxy', async () => {
    expect(await ipOf(app, '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('believes the loopback proxy by default, taking the hop it added, not what the client wrote', async () => {
    // An appending proxy turns a client's "X-Forwarded-For: spoofed" into "spoofed, <client>".
    expect(await ipOf(app, '127.0.0.1', '198.51.100.1, 203.0.113.20')).toBe('203.0.113.20');
    expect(await ipOf(app, '127.0.0.1', '203.0.113.20')).toBe('203.0.113.20');
  });

  it('follows SETARA_TRUSTED_PROXIES (addresses and CIDR ranges), and then no longer trusts loopback', async () => {
    const custom = createTestContext(test.db, test.url, {
      env: { SETARA_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7' },
    });
    const other = await createTestApp(custom, {
      beforeReady: (instance) => {
        instance.get('/edge-test/ip', async (request) => ({ ip: request.ip }));
      },
    });
    try {
      expect(await ipOf(other, '10.1.2.3', '203.0.113.30')).toBe('203.0.113.30');
      expect(await ipOf(other, '192.0.2.7', '203.0.113.31')).toBe('203.0.113.31');
      expect(await ipOf(other, '127.0.0.1', '203.0.113.32')).toBe('127.0.0.1');
      expect(await ipOf(other, '198.51.100.4', '203.0.113.33')).toBe('198.51.100.4');
    } finally {
      await other.close();
    }
  });

  it('a client rotating X-Forwarded-For still meets the receipt-check limit of its own address', async () => {
    await test.db.deleteFrom('public_throttle').execute();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 14; attempt += 1) {
      const page = await app.inject({ url: '/lapor/cek' });
      const token = /name="_token" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
      const response = await app.inject({
        method: 'POST',
        url: '/lapor/cek',
        // Through the loopback proxy, which appends the real address to whatever the client wrote.
        remoteAddress: '127.0.0.1',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': `198.51.100.${attempt + 1}, 203.0.113.99`,
        },
        payload: `_token=${encodeURIComponent(token)}&receipt=1111+2222+3333+4444`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
  });
});

describe('ids are decimal digits within their column type', () => {
  // (2147483648 fits a bigint id such as a member's; the int4 bound is checked on a unit below.)
  const bad = ['0x10', '1e1', '+1', '%201', '1.0', '-1', '0', '99999999999999999999', '0b1', '%D9%A1'];

  it('every route with a path parameter refuses each malformed id with a named 400', async () => {
    const withParams = app.apiRoutes.filter((route) => route.url.includes(':'));
    expect(withParams.length).toBeGreaterThan(40);
    for (const route of withParams) {
      for (const value of bad) {
        const url = concrete(route.url, value);
        const response = await app.inject({
          method: route.method as InjectOptions['method'],
          url,
          ...(route.method === 'GET' || route.method === 'DELETE'
            ? {}
            : { headers: { 'content-type': 'application/json' }, payload: '{}' }),
        });
        const label = `${route.method} ${url}`;
        expect(response.statusCode, label).toBe(400);
        const body = response.json<{ code: string; fields?: { path: string }[] }>();
        expect(body.code, label).toBe('validation_failed');
      }
    }
  }, 60_000);

  it('reads a plain decimal id as that number (unit 16 is not 0x10)', async () => {
    const admin = new TestClient(app);
    await admin.login('admin.edge@spn.test');
    expect((await admin.get(`/api/v1/units/${tree.dpdA}`)).statusCode).toBe(200);
    const hex = `0x${tree.dpdA.toString(16)}`;
    expect((await admin.get(`/api/v1/units/${hex}`)).statusCode).toBe(400);
    expect((await admin.get('/api/v1/units/2147483648')).statusCode).toBe(400);
    expect((await admin.get(`/api/v1/members?unitId=${hex}`)).statusCode).toBe(400);
    expect((await admin.get('/api/v1/members?unitId=2147483648')).statusCode).toBe(400);
  });
});
