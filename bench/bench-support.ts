// Helpers every bench shares: one percentile (nearest-rank), one "p50 …, p95 …" formatter and one
// sign-in client (CSRF token, then the login, keeping the session cookies). Keep bench-only code here
// rather than copying it into each bench.

/** Nearest-rank percentile of `values` (0 when empty); `p` in 0–100. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** "p50 12.3 ms, p95 45.6 ms" with `digits` decimals. */
export function formatLatency(values: readonly number[], digits = 1): string {
  return `p50 ${percentile(values, 50).toFixed(digits)} ms, p95 ${percentile(values, 95).toFixed(digits)} ms`;
}

/** A signed-in API session: its cookie header and a fetch that sends it. */
export interface BenchSession {
  cookieHeader: () => string;
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
}

/**
 * Signs in at `address` (e.g. http://127.0.0.1:4321) through the API as a staff user: GET the CSRF token,
 * POST the login with it, keep every Set-Cookie. Throws with the status when the login fails.
 */
export async function signIn(address: string, email: string, password: string): Promise<BenchSession> {
  const cookies = new Map<string, string>();
  const absorb = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const [key = '', ...value] = pair.split('=');
      cookies.set(key, value.join('='));
    }
  };
  const cookieHeader = () => [...cookies].map(([key, value]) => `${key}=${value}`).join('; ');
  const csrf = await fetch(`${address}/api/v1/csrf`);
  absorb(csrf);
  const { token } = (await csrf.json()) as { token: string };
  const login = await fetch(`${address}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookieHeader() },
    body: JSON.stringify({ email, password }),
  });
  absorb(login);
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  return {
    cookieHeader,
    fetch: (path, init = {}) =>
      fetch(`${address}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string> | undefined), cookie: cookieHeader() },
      }),
  };
}
