import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createElement } from 'react';
import { normaliseCheckedCode } from '../platform/check-codes.ts';
import type { TestTakingService } from '../modules/training/test-taking.service.ts';
import type { PublicPageKit } from './public-page-kit.ts';
import {
  bucketCount,
  deviceBucket,
  globalBucket,
  hitBucket,
  secondsToNextWindow,
  throttleLimits,
  windowStartOf,
} from './throttle.ts';
import { TestCodePage, TestDonePage, TestFormPage, TestRefusedPage } from './views/test-pages.tsx';
import { warning } from './views/layout.tsx';

/** Enrolment codes: 8 Crockford characters, the last a check character (training_participants). */
const ENROLMENT_CODE_LENGTH = 8;

const bodyOf = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
const field = (body: unknown, name: string): string | undefined => {
  const value = bodyOf(body)[name];
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.slice(0, 100) : undefined;
};
/** `q<item id>` → the option index chosen (0–5); anything else is ignored. */
function answersOf(body: unknown): Record<string, number> {
  const answers: Record<string, number> = {};
  for (const [name, value] of Object.entries(bodyOf(body))) {
    const match = /^q([0-9]{1,9})$/.exec(name);
    const first = Array.isArray(value) ? (value as unknown[])[0] : value;
    if (match && typeof first === 'string' && /^[0-5]$/.test(first)) answers[match[1]!] = Number(first);
  }
  return answers;
}

/**
 * The pre/post test page (/tes), inside the public pages' scope (no cookie, form tokens, quiet logs),
 * built like /hadir: nothing here logs or stores the enrolment code, the answers' owner's address or her
 * user agent. Wrong codes and closed tests get one generic answer and count against the device's
 * failure bucket (`testFailure`), so enrolment codes cannot be tried by volume.
 */
export function registerTestPages(app: FastifyInstance, kit: PublicPageKit, testTaking: TestTakingService) {
  const { db, keys, clock } = kit;
  const failureBucket = (request: FastifyRequest) =>
    deviceBucket(keys.throttle, 'testFailure', request.ip, request.headers['user-agent'], clock.now());

  /** Over the failure limit (this device, or everyone): the seconds to wait, else null. */
  async function throttled(request: FastifyRequest): Promise<number | null> {
    const now = clock.now();
    const window = windowStartOf('testFailure', now);
    const limits = throttleLimits.testFailure;
    if (
      (await bucketCount(db, await failureBucket(request), window)) >= limits.perAddress ||
      (await bucketCount(db, globalBucket('testFailure'), window)) >= limits.global
    )
      return secondsToNextWindow('testFailure', now);
    return null;
  }
  async function countFailure(request: FastifyRequest) {
    const window = windowStartOf('testFailure', clock.now());
    await hitBucket(db, await failureBucket(request), window);
    await hitBucket(db, globalBucket('testFailure'), window);
  }

  app.get('/tes', async (request, reply) =>
    kit.send(
      reply,
      200,
      createElement(TestCodePage, { page: kit.pageOf(request), formToken: kit.formToken('test') }),
    ),
  );

  // Both answers carry the typed code back in the page: never compressed (BREACH), like /hadir.
  app.post('/tes', { compress: false }, async (request, reply) => {
    const page = kit.pageOf(request);
    const { t } = page;
    const typed = field(request.body, 'enrolment');
    const codePage = (status: number, props: Partial<Parameters<typeof TestCodePage>[0]>) =>
      kit.send(
        reply,
        status,
        createElement(TestCodePage, { page, formToken: kit.formToken('test'), enrolment: typed, ...props }),
      );
    if (!kit.tokenValid('test', field(request.body, '_token')))
      return codePage(403, { notice: warning(t('notice.expiredReload'), t('notice.expiredHeading')) });
    const code = normaliseCheckedCode(typed?.trim() ?? '', ENROLMENT_CODE_LENGTH);
    if (!code) return codePage(422, { errors: { enrolment: { key: 'test.enrolment' } } });
    const wait = await throttled(request);
    if (wait !== null) {
      void reply.header('retry-after', String(wait));
      return kit.send(
        reply,
        429,
        createElement(TestRefusedPage, {
          page,
          heading: t('notice.throttledHeading'),
          text: t('test.throttled', { minutes: kit.minutes(wait) }),
        }),
      );
    }
    const opening = await testTaking.open(code);
    switch (opening.outcome) {
      case 'not_matched':
        await countFailure(request);
        return kit.send(
          reply,
          403,
          createElement(TestRefusedPage, {
            page,
            heading: t('test.notMatchedHeading'),
            text: t('test.notMatched'),
          }),
        );
      case 'already':
        return kit.send(
          reply,
          200,
          createElement(TestDonePage, {
            page,
            already: true,
            phase: opening.phase,
            classTitle: opening.classTitle,
          }),
        );
      case 'ready':
        return kit.send(
          reply,
          200,
          createElement(TestFormPage, {
            page,
            formToken: kit.formToken('test'),
            enrolment: code,
            phase: opening.phase,
            classTitle: opening.classTitle,
            items: opening.items,
          }),
        );
    }
  });

  app.post('/tes/jawab', { compress: false }, async (request, reply) => {
    const page = kit.pageOf(request);
    const { t } = page;
    const code = normaliseCheckedCode(field(request.body, 'enrolment') ?? '', ENROLMENT_CODE_LENGTH);
    const phaseField = field(request.body, 'phase');
    const phase = phaseField === 'pre' || phaseField === 'post' ? phaseField : null;
    const answers = answersOf(request.body);
    const generic = () =>
      kit.send(
        reply,
        403,
        createElement(TestRefusedPage, {
          page,
          heading: t('test.notMatchedHeading'),
          text: t('test.notMatched'),
        }),
      );
    const wait = await throttled(request);
    if (wait !== null) {
      void reply.header('retry-after', String(wait));
      return kit.send(
        reply,
        429,
        createElement(TestRefusedPage, {
          page,
          heading: t('notice.throttledHeading'),
          text: t('test.throttled', { minutes: kit.minutes(wait) }),
        }),
      );
    }
    if (!code || !phase) {
      await countFailure(request);
      return generic();
    }
    const tokenValid = kit.tokenValid('test', field(request.body, '_token'));
    if (!tokenValid) {
      // An old page: her answers come back on a fresh form, to send again (nothing is recorded yet).
      const opening = await testTaking.open(code);
      if (opening.outcome !== 'ready' || opening.phase !== phase) {
        await countFailure(request);
        return generic();
      }
      return kit.send(
        reply,
        403,
        createElement(TestFormPage, {
          page,
          formToken: kit.formToken('test'),
          enrolment: code,
          phase,
          classTitle: opening.classTitle,
          items: opening.items,
          chosen: answers,
          notice: warning(t('test.expired'), t('notice.expiredHeading')),
        }),
      );
    }
    const result = await testTaking.submit({ enrolmentCode: code, phase, answers });
    switch (result.outcome) {
      case 'not_matched':
        await countFailure(request);
        return generic();
      case 'already':
      case 'recorded':
        return kit.send(
          reply,
          200,
          createElement(TestDonePage, {
            page,
            already: result.outcome === 'already',
            phase: result.phase,
            classTitle: result.classTitle,
          }),
        );
      case 'incomplete':
        return kit.send(
          reply,
          422,
          createElement(TestFormPage, {
            page,
            formToken: kit.formToken('test'),
            enrolment: code,
            phase: result.phase,
            classTitle: result.classTitle,
            items: result.items,
            chosen: answers,
            missing: result.missing,
          }),
        );
    }
  });
}
