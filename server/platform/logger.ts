import type { LoggerOptions } from 'pino';

/**
 * JSON logs with secrets and personal data redacted. Request logs carry method, route and status, never
 * bodies, cookies, tokens or email addresses.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.token',
        '*.code',
        '*.recoveryCode',
        '*.email',
        '*.secret',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        // The route pattern, not the URL: ids and query strings can identify people.
        route: req.routeOptions?.url ?? req.url.split('?')[0],
        requestId: req.id,
      }),
    },
  };
}
