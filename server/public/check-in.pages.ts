import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createElement } from 'react';
import { normaliseCheckedCode } from '../platform/check-codes.ts';
import { normaliseRotatingCode } from '../platform/rotating-code.ts';
import {
  SEEN_CODE_TTL_MS,
  type CheckInIdentity,
  type SelfCheckInService,
} from '../modules/training/self-check-in.service.ts';
import { formatJakarta } from './public-i18n.ts';
import type { FieldErrors } from './report-form.ts';
import {
  bucketCount,
  deviceBucket,
  globalBucket,
  hitBucket,
  secondsToNextWindow,
  throttleLimits,
  windowStartOf,
  type ThrottlePurpose,
} from './throttle.ts';
import type { PublicPageKit } from './public-page-kit.ts';
import {
  CheckInDonePage,
  CheckInPage,
  CheckInRefusedPage,
  type CheckInFormValues,
} from './views/check-in-pages.tsx';
import { warning } from './views/layout.tsx';

/** Enrolment codes: 8 Crockford characters, the last a check character (training_participants). */
const ENROLMENT_CODE_LENGTH = 8;

/**
 * "Seen" stamp: the moment a page with a scanned code was served, signed with the form key. The QR code
 * opens the page with the code filled in, and typing an enrolment code takes longer than a code lives
 * (15 s + 2 s): the code is judged at the moment the page was served, not when the form comes back. The
 * stamp cannot be backdated (the server writes the time) and lasts `SEEN_CODE_TTL_MS`.
 */
function seenStamp(key: Buffer, code: string, at: Date): string {
  const payload = `${at.getTime()}`;
  const signature = createHmac('sha256', key).update(`seen\n${code}\n${payload}`).digest('base64url');
  return `${payload}.${signature}`;
}
function seenAtOf(key: Buffer, code: string, stamp: string | undefined, now: Date): Date | null {
  if (!stamp || stamp.length > 100) return null;
  const [payload = '', given = ''] = stamp.split('.');
  const expected = seenStamp(key, code, new Date(Number(payload))).split('.')[1]!;
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected)))
    return null;
  const at = Number(payload);
  return at <= now.getTime() && now.getTime() - at <= SEEN_CODE_TTL_MS ? new Date(at) : null;
}

const field = (body: unknown, name: string): string | undefined => {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.slice(0, 100) : undefined;
};

/** The identity she gave, or the field to mark. */
function identityOf(values: CheckInFormValues): { identity: CheckInIdentity } | { errors: FieldErrors } {
  const enrolment = values.enrolment?.trim() ?? '';
  const memberNumber = values.memberNumber?.trim() ?? '';
  const birthYear = values.birthYear?.trim() ?? '';
  if (enrolment) {
    const code = normaliseCheckedCode(enrolment, ENROLMENT_CODE_LENGTH);
    return code
      ? { identity: { enrolmentCode: code } }
      : { errors: { enrolment: { key: 'checkIn.enrolment' } } };
  }
  if (memberNumber) {
    const year = /^[0-9]{4}$/.test(birthYear) ? Number(birthYear) : NaN;
    if (!(year >= 1900 && year <= 2100)) return { errors: { birthYear: { key: 'checkIn.birthYear' } } };
    return { identity: { memberNumber, birthYear: year } };
  }
  return { errors: { enrolment: { key: 'checkIn.identity' } } };
}

/**
 * Self check-in (/hadir), inside the public pages' scope (no cookie, form tokens, quiet logs). Nothing
 * here logs or stores the codes, the identity, the address or the user agent.
 *
 * Device rule: one phone must not check in a row of absent friends. Without a cookie the server knows a
 * device only by its address and user agent, hashed into a throttle bucket (`checkInDevice`). At a venue
 * every phone on the Wi-Fi shares one public address, and browsers now send reduced user agents (every
 * recent Chrome on Android says "Linux; Android 10; K" plus its major version), so many honest phones
 * fall into one bucket: a limit of one person would block the whole room. The bucket therefore admits
 * `throttleLimits.checkInDevice.perAddress` (2) different people per 5-minute window: the third
 * different person in a row is refused, while a queue of same-model phones still gets through at about
 * 24 an hour per bucket, and anyone refused is told to ask the trainer (roll call records her too).
 * Replays of the same person never count.
 */
export function registerCheckInPages(app: FastifyInstance, kit: PublicPageKit, checkIn: SelfCheckInService) {
  const { db, keys, clock } = kit;
  const bucketOf = (purpose: ThrottlePurpose, request: FastifyRequest) =>
    deviceBucket(keys.throttle, purpose, request.ip, request.headers['user-agent'], clock.now());

  app.get('/hadir', async (request, reply) => {
    const page = kit.pageOf(request);
    const room = normaliseRotatingCode(field(request.query, 'k'));
    const values: CheckInFormValues = room ? { room, seen: seenStamp(keys.form, room, clock.now()) } : {};
    return kit.send(
      reply,
      200,
      createElement(CheckInPage, { page, formToken: kit.formToken('checkIn'), values }),
    );
  });

  app.post('/hadir', { compress: false }, async (request, reply) => {
    const page = kit.pageOf(request);
    const { t } = page;
    const now = clock.now();
    const values: CheckInFormValues = {
      room: field(request.body, 'k'),
      seen: field(request.body, 'seen'),
      enrolment: field(request.body, 'enrolment'),
      memberNumber: field(request.body, 'memberNumber'),
      birthYear: field(request.body, 'birthYear'),
    };
    const form = (status: number, props: Partial<Parameters<typeof CheckInPage>[0]>) =>
      kit.send(
        reply,
        status,
        createElement(CheckInPage, { page, formToken: kit.formToken('checkIn'), values, ...props }),
      );
    const refused = (status: number, heading: string, text: string) =>
      kit.send(reply, status, createElement(CheckInRefusedPage, { page, heading, text }));
    const identityOnly = { ...values, room: undefined, seen: undefined };

    if (!kit.tokenValid('checkIn', field(request.body, '_token')))
      return form(403, {
        values: identityOnly,
        notice: warning(t('notice.expiredReload'), t('notice.expiredHeading')),
      });

    const errors: FieldErrors = {};
    const room = normaliseRotatingCode(values.room);
    if (!room) errors.room = { key: 'checkIn.room' };
    const identity = identityOf(values);
    if ('errors' in identity) Object.assign(errors, identity.errors);
    if (!room || 'errors' in identity) return form(422, { errors });

    const failureBucket = await bucketOf('checkInFailure', request);
    const failureWindow = windowStartOf('checkInFailure', now);
    const failureLimits = throttleLimits.checkInFailure;
    if (
      (await bucketCount(db, failureBucket, failureWindow)) >= failureLimits.perAddress ||
      (await bucketCount(db, globalBucket('checkInFailure'), failureWindow)) >= failureLimits.global
    ) {
      const seconds = secondsToNextWindow('checkInFailure', now);
      void reply.header('retry-after', String(seconds));
      return refused(
        429,
        t('notice.throttledHeading'),
        t('checkIn.throttled', { minutes: kit.minutes(seconds) }),
      );
    }

    const deviceWindow = windowStartOf('checkInDevice', now);
    const device = await bucketOf('checkInDevice', request);
    const result = await checkIn.checkIn({
      roomCode: room,
      identity: identity.identity,
      seenAt: seenAtOf(keys.form, room, values.seen, now) ?? now,
      mayRecordAnother: async () =>
        (await bucketCount(db, device, deviceWindow)) < throttleLimits.checkInDevice.perAddress,
      recorded: async () => {
        await hitBucket(db, device, deviceWindow);
      },
    });
    switch (result.outcome) {
      case 'recorded':
      case 'already':
        return kit.send(
          reply,
          200,
          createElement(CheckInDonePage, {
            page,
            already: result.outcome === 'already',
            status: result.status,
            classTitle: result.classTitle,
            sessionTitle: result.sessionTitle,
          }),
        );
      case 'not_matched':
        await hitBucket(db, failureBucket, failureWindow);
        await hitBucket(db, globalBucket('checkInFailure'), failureWindow);
        return refused(403, t('checkIn.notMatchedHeading'), t('checkIn.notMatched'));
      case 'old_code':
        return form(409, {
          values: identityOnly,
          errors: { room: { key: 'checkIn.oldCode' } },
          notice: warning(t('checkIn.oldCode'), t('checkIn.oldCodeHeading')),
        });
      case 'outside_window':
        return refused(
          409,
          t('checkIn.outsideHeading'),
          t('checkIn.outside', {
            opens: formatJakarta(result.opens, page.language),
            closes: formatJakarta(result.closes, page.language),
          }),
        );
      case 'device_limit': {
        const seconds = secondsToNextWindow('checkInDevice', now);
        void reply.header('retry-after', String(seconds));
        return refused(
          429,
          t('checkIn.deviceHeading'),
          t('checkIn.device', { minutes: kit.minutes(seconds) }),
        );
      }
    }
  });
}
