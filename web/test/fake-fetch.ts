import { vi } from 'vitest';

/** One recorded request, as the fake network saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

export type FakeReply = { status?: number; body?: unknown; contentType?: string };
type Handler = (request: RecordedRequest) => FakeReply | undefined;

/**
 * Replaces `fetch` at the network boundary: each handler may answer a request (matching on method and
 * path) or pass by returning undefined. Handlers added with `once` answer a single time, first.
 * Unanswered requests fail the test loudly with a 599.
 */
export function installFakeFetch() {
  const requests: RecordedRequest[] = [];
  const persistent: Handler[] = [];
  const onceQueue: Handler[] = [];

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const headers = new Headers(init?.headers);
    const rawBody = typeof init?.body === 'string' ? init.body : undefined;
    const request: RecordedRequest = {
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname + url.search,
      headers,
      // A FormData body (an upload) is kept as it was sent, so a test can read its parts in order.
      body:
        rawBody !== undefined
          ? (JSON.parse(rawBody) as unknown)
          : init?.body instanceof FormData
            ? init.body
            : undefined,
    };
    requests.push(request);
    let reply: FakeReply | undefined;
    const onceIndex = onceQueue.findIndex((handler) => handler(request) !== undefined);
    if (onceIndex !== -1) {
      reply = onceQueue[onceIndex]?.(request);
      onceQueue.splice(onceIndex, 1);
    } else {
      for (const handler of persistent) {
        reply = handler(request);
        if (reply) break;
      }
    }
    if (!reply) return new Response(`no fake for ${request.method} ${request.path}`, { status: 599 });
    const status = reply.status ?? 200;
    const isProblem = status >= 400;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status,
      headers: {
        'content-type': reply.contentType ?? (isProblem ? 'application/problem+json' : 'application/json'),
      },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  const matcher =
    (
      method: string,
      path: string | RegExp,
      reply: FakeReply | ((request: RecordedRequest) => FakeReply),
    ): Handler =>
    (request) => {
      if (request.method !== method) return undefined;
      const pathOnly = request.path.split('?')[0] ?? '';
      const matches = typeof path === 'string' ? pathOnly === path : path.test(request.path);
      if (!matches) return undefined;
      return typeof reply === 'function' ? reply(request) : reply;
    };

  return {
    requests,
    /** The raw mock, for bodies the recorder does not parse (FormData). */
    fetchMock,
    /** Answer every matching request the same way (later `on` calls for the same route win). */
    on(method: string, path: string | RegExp, reply: FakeReply | ((request: RecordedRequest) => FakeReply)) {
      persistent.unshift(matcher(method, path, reply));
    },
    /** Answer the next matching request only. */
    once(
      method: string,
      path: string | RegExp,
      reply: FakeReply | ((request: RecordedRequest) => FakeReply),
    ) {
      onceQueue.push(matcher(method, path, reply));
    },
    restore() {
      vi.unstubAllGlobals();
    },
  };
}

export const problem = (
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) => ({
  status,
  body: { type: `https://setara.example/problems/${code}`, title: code, status, code, detail, ...extra },
});
