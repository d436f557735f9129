import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logger.ts';

describe('JSON logs', () => {
  it('redact cookies, tokens, passwords, codes and emails, and log routes instead of URLs', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    log.info(
      {
        req: {
          method: 'POST',
          url: '/api/v1/users/8f1c?email=siti@spn.test',
          id: 'req-1',
          routeOptions: { url: '/api/v1/users/:id' },
          headers: { cookie: 'setara_session=abc' },
        },
      },
      'request',
    );
    log.info(
      {
        body: {
          password: 'Rahasia-Sekali-1',
          token: 'tok-123',
          code: '123456',
          email: 'siti@spn.test',
          secret: 'JBSWY3DP',
        },
      },
      'body',
    );
    const text = lines.join('\n');
    for (const secret of [
      'setara_session=abc',
      'Rahasia-Sekali-1',
      'tok-123',
      '123456',
      'siti@spn.test',
      'JBSWY3DP',
      '8f1c',
    ])
      expect(text).not.toContain(secret);
    const request = JSON.parse(lines[0]!) as { req: { route: string; requestId: string } };
    expect(request.req).toEqual({ method: 'POST', route: '/api/v1/users/:id', requestId: 'req-1' });
    expect(text).toContain('[redacted]');
  });
});
