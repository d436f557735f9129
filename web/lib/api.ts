import type { ErrorCode, ProblemBody } from '../../shared/errors.ts';

/** Every API route lives under this prefix; the server is always the same origin as the SPA. */
export const apiBase = '/api/v1';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The one error type the SPA sees from the API. `detail` is already translated by the server into the
 * user's language, so screens show it as is; `fields` go next to the matching form inputs.
 * A network failure (no response at all) has status 0 and code `unavailable` with an empty `detail`:
 * the screen then shows its own translated fallback.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly requestId?: string;
  readonly fields: FieldProblem[];
  readonly retryAfterSeconds?: number;
  /** Machine-readable facts some problems carry (e.g. the failing rules of a refused nomination). */
  readonly details: Record<string, unknown>;

  constructor(
    problem: Partial<ProblemBody> & { status: number; code: ErrorCode; details?: Record<string, unknown> },
  ) {
    super(problem.detail || problem.title || problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.type = problem.type ?? 'about:blank';
    this.requestId = problem.requestId;
    this.fields = problem.fields ?? [];
    this.retryAfterSeconds = problem.retryAfterSeconds;
    this.details =
      typeof problem.details === 'object' && problem.details !== null && !Array.isArray(problem.details)
        ? problem.details
        : {};
  }
}

export const isApiError = (error: unknown, code?: ErrorCode): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

type QueryValue = string | number | boolean | null | undefined;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

let currentLanguage = 'id';
/** Called by the i18n module whenever the UI language changes; sent as `Accept-Language`. */
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

let csrfToken: Promise<string> | null = null;

/** Forget the CSRF token so the next unsafe request fetches a fresh one. */
export function resetCsrfToken(): void {
  csrfToken = null;
}

function fetchCsrfToken(): Promise<string> {
  csrfToken ??= request<{ token: string }>('/csrf', {}, false).then(
    (body) => body.token,
    (error: unknown) => {
      csrfToken = null;
      throw error;
    },
  );
  return csrfToken;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${apiBase}${path}${search ? `?${search}` : ''}`;
}

const isProblem = (value: unknown): value is Partial<ProblemBody> =>
  typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string';

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'route_not_found';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'internal';
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML error page, for example): fall through to a generic error.
  }
  if (isProblem(body)) {
    return new ApiError({ ...body, status: response.status, code: body.code as ErrorCode });
  }
  return new ApiError({ status: response.status, code: fallbackCode(response.status) });
}

async function request<T>(path: string, options: ApiRequest, mayRetryCsrf: boolean): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage,
  };
  // A FormData body (file upload) sets its own multipart boundary: never force JSON on it.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await fetchCsrfToken();

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'unavailable' });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    // The token is bound to the server's CSRF secret, which can change (a new session, a restart):
    // fetch a fresh one and try once more.
    if (error.code === 'csrf_invalid' && mayRetryCsrf) {
      resetCsrfToken();
      return request<T>(path, options, false);
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * JSON request to the API with the session cookie. Unsafe methods carry the CSRF token, fetched once
 * from `GET /csrf` and refreshed when the server answers `csrf_invalid`. Throws `ApiError`.
 */
export function apiFetch<T>(path: string, options: ApiRequest = {}): Promise<T> {
  return request<T>(path, options, true);
}
