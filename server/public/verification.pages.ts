import type { FastifyInstance } from 'fastify';
import { createElement } from 'react';
import { withLanguage } from './public-i18n.ts';
import type { PublicPageKit } from './public-page-kit.ts';
import { jakartaToday } from './report-form.ts';
import type { VerificationRegistry } from './verification.ts';
import { VerifiedPage, VerifyFormPage, VerifyNotFoundPage } from './views/verification-pages.tsx';

/** What may stand in the address of an unknown code: letters and digits only, so nothing odd is echoed. */
const cleaned = (typed: string) =>
  typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, 40);

/**
 * Public verification (/verifikasi, /verifikasi/<code>): no script, no cookie. Every code no registered
 * kind knows (malformed, unknown, of a deleted record) gets the same status and the same bytes. Lookups
 * are throttled per address like the receipt check, and logged with the kind and outcome only: never the
 * code or the address.
 */
export function registerVerificationPages(
  app: FastifyInstance,
  kit: PublicPageKit,
  registry: VerificationRegistry,
) {
  const { clock } = kit;

  const toAnswer = (typed: string | undefined, language: 'id' | 'en') => {
    const code = typed === undefined ? '' : (registry.canonical(typed) ?? cleaned(typed));
    return code ? withLanguage(`/verifikasi/${code}`, language) : null;
  };
  const typedOf = (source: unknown): string | undefined => {
    const value =
      typeof source === 'object' && source !== null ? (source as Record<string, unknown>).kode : undefined;
    return typeof value === 'string' ? value.slice(0, 100) : undefined;
  };

  // The form is a GET form (?kode=…); a POST from an older page or another site's form works the same.
  for (const method of ['get', 'post'] as const) {
    app[method]('/verifikasi', async (request, reply) => {
      const page = kit.pageOf(request);
      const typed = typedOf(method === 'get' ? request.query : request.body);
      if (typed === undefined && method === 'get')
        return kit.send(reply, 200, createElement(VerifyFormPage, { page }));
      const target = toAnswer(typed, page.language);
      if (!target)
        return kit.send(
          reply,
          422,
          createElement(VerifyFormPage, { page, message: page.t('verify.missing') }),
        );
      return reply.redirect(target, 303);
    });
  }

  app.get('/verifikasi/*', async (request, reply) => {
    const page = kit.pageOf(request);
    const now = clock.now();
    const allowed = await kit.throttle('verify', request);
    if (!allowed.allowed) {
      void reply.header('retry-after', String(allowed.retryAfterSeconds));
      return kit.send(
        reply,
        429,
        createElement(VerifyNotFoundPage, {
          page,
          text: page.t('verify.throttled', { minutes: kit.minutes(allowed.retryAfterSeconds) }),
        }),
      );
    }
    const rest = (request.params as Record<string, unknown>)['*'];
    const typed = (typeof rest === 'string' ? rest : '').slice(0, 100);
    const found = await registry.resolve(typed, { language: page.language, today: jakartaToday(now) });
    request.log.info(
      { verification: { kind: found?.kind ?? null, state: found?.document.state ?? 'not_found' } },
      'public verification',
    );
    if (!found) return kit.send(reply, 404, createElement(VerifyNotFoundPage, { page }));
    return kit.send(
      reply,
      200,
      createElement(VerifiedPage, { page, code: found.code, document: found.document }),
    );
  });
}
