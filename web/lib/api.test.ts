// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { installFakeFetch, problem } from '../test/fake-fetch.ts';
import { apiFetch, ApiError, resetCsrfToken, setApiLanguage } from './api.ts';

describe('apiFetch', () => {
  let network: ReturnType<typeof installFakeFetch>;
  afterEach(() => {
    network.restore();
    resetCsrfToken();
    setApiLanguage('id');
  });

  it('sends the CSRF token on unsafe requests, fetching it once', async () => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'token-1' } });
    network.on('POST', '/api/v1/units', { status: 201, body: { id: 7 } });

    await apiFetch('/units', { method: 'POST', body: { name: 'A' } });
    await apiFetch('/units', { method: 'POST', body: { name: 'B' } });

    const posts = network.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.headers.get('x-csrf-token'))).toEqual(['token-1', 'token-1']);
    expect(network.requests.filter((request) => request.path === '/api/v1/csrf')).toHaveLength(1);
    expect(posts[0]?.body).toEqual({ name: 'A' });
  });

  it('sends a FormData body as multipart with the CSRF token, never as JSON', async () => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'token-1' } });
    network.on('POST', '/api/v1/imports', { status: 201, body: { id: 'x' } });
    const form = new FormData();
    form.append('file', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'data.csv');

    await apiFetch('/imports', { method: 'POST', query: { kind: 'members' }, body: form });

    const call = network.fetchMock.mock.calls.find(
      ([url]) => typeof url === 'string' && url.startsWith('/api/v1/imports'),
    );
    const init = call?.[1];
    expect(init?.body).toBe(form);
    const headers = new Headers(init?.headers);
    expect(headers.get('content-type')).toBeNull();
    expect(headers.get('x-csrf-token')).toBe('token-1');
    expect(call?.[0]).toBe('/api/v1/imports?kind=members');
  });

  it('refetches the token and retries once when the server answers csrf_invalid', async () => {
    network = installFakeFetch();
    network.once('GET', '/api/v1/csrf', { body: { token: 'stale' } });
    network.once('GET', '/api/v1/csrf', { body: { token: 'fresh' } });
    network.on('POST', '/api/v1/auth/logout', (request) =>
      request.headers.get('x-csrf-token') === 'fresh'
        ? { body: { ok: true } }
        : problem(403, 'csrf_invalid', 'Token tidak cocok.'),
    );

    await expect(apiFetch('/auth/logout', { method: 'POST' })).resolves.toEqual({ ok: true });
    expect(network.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v1/csrf',
      'POST /api/v1/auth/logout',
      'GET /api/v1/csrf',
      'POST /api/v1/auth/logout',
    ]);
  });

  it('gives up after one retry', async () => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'always-wrong' } });
    network.on('POST', '/api/v1/auth/logout', problem(403, 'csrf_invalid', 'Token tidak cocok.'));

    await expect(apiFetch('/auth/logout', { method: 'POST' })).rejects.toMatchObject({
      code: 'csrf_invalid',
    });
    expect(network.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });

  it('throws ApiError carrying the problem body, and sends Accept-Language', async () => {
    network = installFakeFetch();
    setApiLanguage('en');
    network.on(
      'GET',
      '/api/v1/users',
      problem(400, 'validation_failed', 'Some fields are not valid.', {
        requestId: 'req-1',
        fields: [{ path: 'limit', message: 'Too big' }],
      }),
    );

    const error = await apiFetch('/users', { query: { q: 'sri', cursor: undefined, limit: 500 } }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      detail: 'Some fields are not valid.',
      requestId: 'req-1',
      fields: [{ path: 'limit', message: 'Too big' }],
    });
    expect(network.requests[0]?.path).toBe('/api/v1/users?q=sri&limit=500');
    expect(network.requests[0]?.headers.get('accept-language')).toBe('en');
    expect(network.requests[0]?.headers.get('x-csrf-token')).toBeNull();
  });

  it('turns a response without a problem body into a coded ApiError', async () => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/session', { status: 502, body: undefined, contentType: 'text/html' });
    await expect(apiFetch('/session')).rejects.toMatchObject({
      status: 502,
      code: 'unavailable',
      detail: '',
    });
  });
});
