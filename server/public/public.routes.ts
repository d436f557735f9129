import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createElement, type ReactNode } from 'react';
import { AppError } from '../../shared/errors.ts';
import { systemClock, type Clock } from '../platform/context.ts';
import type { MasterKey } from '../platform/crypto.ts';
import type { Db } from '../platform/database.ts';
import { isMalformedMultipart, registerMultipart } from '../platform/multipart.ts';
import type { CasesService, IncomingFile } from '../modules/cases/cases.service.ts';
import type { EscrowService } from '../modules/cases/escrow.service.ts';
import type { SelfCheckInService } from '../modules/training/self-check-in.service.ts';
import type { TestTakingService } from '../modules/training/test-taking.service.ts';
import { publicAssets } from './assets.ts';
import { registerCheckInPages } from './check-in.pages.ts';
import { registerTestPages } from './test.pages.ts';
import { registerCommitmentPages, type PublicCommitmentService } from './commitment.pages.ts';
import { registerMaterialPages } from './materials.pages.ts';
import type { PublicMaterialsService } from '../modules/materials/materials.service.ts';
import type { PublicPageKit } from './public-page-kit.ts';
import { registerVerificationPages } from './verification.pages.ts';
import type { VerificationRegistry } from './verification.ts';
import { languageFromQuery, publicTranslator } from './public-i18n.ts';
import { jakartaToday, parseReportForm, type FieldErrors, type FormFields } from './report-form.ts';
import { databaseThrottleKeys, takeThrottle, type ThrottlePurpose } from './throttle.ts';
import {
  checkFormToken,
  createFollowUpToken,
  createFormToken,
  derivePublicKeys,
  formTokenExpiry,
  openFollowUpToken,
  openSpentReceipt,
  sealSpentReceipt,
  spentTokenId,
  type FormPurpose,
  type SpentReceipt,
} from './tokens.ts';
import { spentTokensRepository as spentTokens } from './spent-tokens.repository.ts';
import { WithdrawConfirmPage, withdrawnNotice } from './views/escrow-pages.tsx';
import { CheckPage, NoticePage, ReceiptPage, StatusPage } from './views/follow-up-pages.tsx';
import { renderPage, warning, type PageContext } from './views/layout.tsx';
import { ReportPage, switchLanguageField, type ReportPageProps } from './views/report-page.tsx';

/** The scheduled job deletes throttle windows older than a day, and spent tokens once expired. */
export { purgePublicThrottle } from './throttle.ts';
export const purgeSpentFormTokens = (db: Db, now: Date) => spentTokens.purgeExpired(db, now);

/** What the pages need from the cases module (its public-reporting half). */
export type PublicCasesService = Pick<
  CasesService,
  'submitReport' | 'findCaseByReceipt' | 'reporterView' | 'addReporterMessage' | 'listReportingUnits'
>;

export interface PublicRoutesOptions {
  casesService: PublicCasesService;
  /**
   * Whether every report has a case team now (case-coverage.service.ts); without one /lapor promises no
   * deadline and says the channel is being set up.
   */
  reportingChannel: {
    everyReportHasATeam(): Promise<boolean>;
    /** A public purpose spent its global cap (a flood, or a very busy day): tell the administrators. */
    publicChannelBusy(purpose: ThrottlePurpose): Promise<void>;
  };
  /** Withdrawal of a sealed "Lapor bersama" report; without it the route answers 404. */
  escrowService?: Pick<EscrowService, 'withdraw'>;
  masterKey: MasterKey;
  db: Db;
  /** Time for token expiry, throttle windows and "today" (tests move it); the system clock otherwise. */
  clock?: Clock;
  /** Self check-in to training sessions (/hadir); without it the page is not served. */
  selfCheckIn?: SelfCheckInService;
  /** Pre/post tests of training classes (/tes); without it the page is not served. */
  testTaking?: TestTakingService;
  /** Kinds of documents /verifikasi can confirm (training certificates, …); without it no such page. */
  verification?: VerificationRegistry;
  /** The Joint Commitment pledge pages (/komitmen); without it they are not served. */
  commitment?: PublicCommitmentService;
  /** The public materials library (/materi); without it the pages are not served. */
  materials?: PublicMaterialsService;
}

/** The public POST answers put a receipt or a token beside the sender's own text: never compressed (BREACH). */
const uncompressed = { compress: false } as const;

/** Thrown inside a report's transaction when its form token was spent meanwhile (undoes the report). */
class TokenSpent extends Error {}

const MAX_FILES = 5;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_MESSAGE = 10_000;

type FileProblem = 'tooMany' | 'tooLarge' | 'unreadable';
interface ReceivedForm {
  fields: FormFields;
  files: IncomingFile[];
  /** A file over the limits: the upload stopped there (fields before it arrived; the form puts files last). */
  fileProblem?: FileProblem;
}

/** Reads a multipart or urlencoded form into strings and file buffers; empty file inputs are skipped. */
async function readForm(request: FastifyRequest): Promise<ReceivedForm> {
  const fields: FormFields = new Map();
  // Browsers send textarea line breaks as CRLF; store them as LF.
  const add = (name: string, value: string) =>
    fields.set(name, [...(fields.get(name) ?? []), value.replace(/\r\n?/g, '\n')]);
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(body))
      for (const item of [value].flat()) if (typeof item === 'string') add(name, item);
    return { fields, files: [] };
  }
  const files: IncomingFile[] = [];
  let fileProblem: FileProblem | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        add(part.fieldname, typeof part.value === 'string' ? part.value : '');
        continue;
      }
      const data = await part.toBuffer();
      if (part.file.truncated) fileProblem = 'tooLarge';
      else if (part.filename && data.length > 0) files.push({ name: part.filename, data });
    }
  } catch (error) {
    const code = (error as FastifyError).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      fileProblem = 'tooMany';
    // A broken upload (cut short, or a name with NUL): the fields that arrived come back in the form.
    else if (error instanceof AppError && error.status < 500) fileProblem = 'unreadable';
    else if (isMalformedMultipart(error)) fileProblem = 'unreadable';
    else throw error;
  }
  return { fields, files: fileProblem ? [] : files, fileProblem };
}

const fileErrorKey: Partial<Record<string, string>> = {
  unsupported_media_type: 'files.unsupported',
  payload_too_large: 'files.tooLarge',
};

/**
 * The public reporting channel: server-rendered pages that work without JavaScript, set no cookie and
 * keep nothing in the browser (`no-store`). Forms carry signed tokens instead of a CSRF cookie; the
 * follow-up page carries an encrypted, 30-minute token instead of a session. Nothing here logs the
 * address, the user agent, a receipt or any content.
 */
export async function publicRoutes(app: FastifyInstance, options: PublicRoutesOptions): Promise<void> {
  const { casesService, db } = options;
  const clock = options.clock ?? systemClock;
  const keys = { ...derivePublicKeys(options.masterKey.key), throttle: databaseThrottleKeys(db) };

  // Debug and trace logs of the plugins can carry request headers (multipart logs busboy's options with
  // every header, user agent included): these routes never log below info.
  const isQuietLog = ['trace', 'debug'].includes(app.log.level);
  app.addHook('onRoute', (route) => {
    if (isQuietLog) route.logLevel = 'info';
    // Every form here carries its signed form token (checked by the handler) instead of a CSRF cookie.
    route.config = { ...route.config, csrf: 'form-token' };
  });

  // Only this scope accepts multipart; the limits are the form's promise (5 files of 10 MB).
  await registerMultipart(app, {
    limits: { files: MAX_FILES, fileSize: MAX_FILE_BYTES, fields: 60, fieldSize: 100_000, parts: 80 },
    throwFileSizeLimit: false,
  });

  // The forms here are sent as the browser sends them, urlencoded or multipart; anything else (a JSON body,
  // say) is not one of our forms and is refused before it is read.
  app.addHook('onRequest', async (request) => {
    if (request.method !== 'POST') return;
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data')
      throw new AppError('unsupported_media_type');
  });

  app.addHook('onSend', async (_request, reply) => {
    // Never a cookie on these routes, whatever another plugin might try.
    reply.removeHeader('set-cookie');
    if (!reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
      void reply.header('pragma', 'no-cache');
    }
  });

  const pageOf = (request: FastifyRequest): PageContext => {
    const language = languageFromQuery(request.query);
    return { language, t: publicTranslator(language) };
  };
  const send = (reply: FastifyReply, status: number, element: ReactNode) =>
    reply.status(status).type('text/html; charset=utf-8').send(renderPage(element));
  const formToken = (purpose: FormPurpose) => createFormToken(keys.form, purpose, clock.now());
  const tokenValid = (purpose: FormPurpose, fields: FormFields) =>
    checkFormToken(keys.form, purpose, fields.get('_token')?.[0], clock.now()) === 'valid';
  // The first attempt over a global cap tells the administrators (once per window, across instances).
  const throttle = (purpose: ThrottlePurpose, request: FastifyRequest) =>
    takeThrottle(db, keys.throttle, purpose, request.ip, clock.now(), (spent) =>
      options.reportingChannel.publicChannelBusy(spent),
    );
  const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
  const kit: PublicPageKit = {
    db,
    keys,
    clock,
    pageOf,
    send,
    formToken,
    tokenValid: (purpose, token) => checkFormToken(keys.form, purpose, token, clock.now()) === 'valid',
    minutes,
    throttle,
  };

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const page = pageOf(request);
    const status = error instanceof AppError ? error.status : (error.statusCode ?? 500);
    // The error's name and message only: details, bodies and addresses stay out of the log.
    if (status >= 500)
      request.log.error({ error: { name: error.name, message: error.message } }, 'public page failed');
    // A malformed or foreign body on the report form: the form again (empty: nothing could be read).
    if (status >= 400 && status < 500 && request.routeOptions.url === '/lapor' && request.method === 'POST')
      return send(
        reply,
        status,
        await reportPage({
          page,
          notice: warning(page.t('notice.unreadableForm'), page.t('notice.failureHeading')),
        }),
      );
    return send(
      reply,
      status >= 400 && status < 500 ? status : 500,
      createElement(NoticePage, {
        page,
        heading: page.t('notice.failureHeading'),
        text: page.t('notice.failure'),
        link: { href: '/lapor', label: page.t('notice.back') },
      }),
    );
  });

  for (const file of Object.values(publicAssets)) {
    app.get(file.route, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=31536000, immutable').type(file.type).send(file.body),
    );
  }

  // Self check-in and document verification share the scope: no cookie, quiet logs, form tokens.
  if (options.selfCheckIn) registerCheckInPages(app, kit, options.selfCheckIn);
  if (options.testTaking) registerTestPages(app, kit, options.testTaking);
  if (options.verification) registerVerificationPages(app, kit, options.verification);
  if (options.commitment) registerCommitmentPages(app, kit, options.commitment);
  if (options.materials) registerMaterialPages(app, kit, options.materials);

  // ── The report form ─────────────────────────────────────────────────────────────────────────────
  const receiptPage = (page: PageContext, receipt: SpentReceipt) =>
    createElement(ReceiptPage, {
      page,
      receipt: receipt.receipt,
      receivedAt: new Date(receipt.receivedAt),
      firstContactDueAt: new Date(receipt.firstContactDueAt),
      teamReady: receipt.teamReady,
      sealed: receipt.sealed,
    });
  const spentReceipt = async (token: string) => {
    const sealedReceipt = await spentTokens.find(db, spentTokenId(keys.form, token));
    return sealedReceipt ? openSpentReceipt(keys.form, token, sealedReceipt) : null;
  };

  const reportPage = async (props: Omit<ReportPageProps, 'formToken' | 'units' | 'channelReady'>) =>
    createElement(ReportPage, {
      ...props,
      formToken: formToken('report'),
      units: await casesService.listReportingUnits(),
      channelReady: await options.reportingChannel.everyReportHasATeam(),
    });

  app.get('/lapor', async (request, reply) => send(reply, 200, await reportPage({ page: pageOf(request) })));

  app.post('/lapor', uncompressed, async (request, reply) => {
    const page = pageOf(request);
    const { t } = page;
    const form = await readForm(request);
    const filesDropped = form.files.length > 0 || form.fileProblem !== undefined;
    const again = async (status: number, props: Partial<ReportPageProps>) =>
      send(reply, status, await reportPage({ page, values: form.fields, filesDropped, ...props }));

    if (!tokenValid('report', form.fields))
      return again(403, {
        notice: warning(t('notice.expiredForm'), t('notice.expiredHeading')),
      });
    // The language button of a returned form: the same answers again in the other language (the page's
    // language comes from the form action's ?lang), nothing checked or sent, the token not spent.
    if (form.fields.has(switchLanguageField)) return again(200, {});
    // A token is good for one report: Back and resend (or a double tap) shows the first receipt again.
    const token = form.fields.get('_token')![0]!;
    const spent = await spentReceipt(token);
    if (spent) return send(reply, 200, receiptPage(page, spent));

    const units = await casesService.listReportingUnits();
    const parsed = parseReportForm(form.fields, {
      unitIds: new Set(units.map((unit) => unit.id)),
      today: jakartaToday(clock.now()),
    });
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (form.fileProblem) errors.files = { key: `files.${form.fileProblem}` };
    if (!parsed.ok || form.fileProblem) return again(422, { errors });

    const allowed = await throttle('submit', request);
    if (!allowed.allowed) {
      void reply.header('retry-after', String(allowed.retryAfterSeconds));
      return again(429, {
        notice: warning(
          t('notice.throttledForm', { minutes: minutes(allowed.retryAfterSeconds) }),
          t('notice.throttledHeading'),
        ),
      });
    }

    const sealed = parsed.input.sealUntilMatch === true;
    let result: Awaited<ReturnType<PublicCasesService['submitReport']>>;
    try {
      result = await casesService.submitReport(parsed.input, form.files, async (tx, created) => {
        const receipt: SpentReceipt = {
          receipt: created.receipt,
          receivedAt: created.receivedAt.toISOString(),
          firstContactDueAt: created.firstContactDueAt.toISOString(),
          teamReady: created.teamReady,
          sealed,
        };
        const spentNow = await spentTokens.spend(tx, {
          tokenId: spentTokenId(keys.form, token),
          sealedReceipt: sealSpentReceipt(keys.form, token, receipt),
          expiresAt: formTokenExpiry(token) ?? clock.now(),
        });
        // Its twin was faster: this report is undone with its transaction, the twin's receipt shown.
        if (!spentNow) throw new TokenSpent();
      });
    } catch (error) {
      if (error instanceof TokenSpent) {
        const first = await spentReceipt(token);
        if (first) return send(reply, 200, receiptPage(page, first));
      }
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const fileKey = fileErrorKey[error.code];
      const named = fileKey ? { files: { key: fileKey } } : serviceFieldErrors(error);
      return Object.keys(named).length > 0
        ? again(422, { errors: named })
        : again(422, {
            notice: warning(t('errors.invalid')),
          });
    }
    return send(
      reply,
      200,
      receiptPage(page, {
        receipt: result.receipt,
        // The service's time of receipt, so the page and the status page agree.
        receivedAt: result.receivedAt.toISOString(),
        firstContactDueAt: result.firstContactDueAt.toISOString(),
        teamReady: result.teamReady,
        sealed,
      }),
    );
  });

  // ── Following up with the receipt ───────────────────────────────────────────────────────────────
  const checkPage = (
    page: PageContext,
    props: { message?: string; draft?: string; notice?: ReactNode } = {},
  ) => createElement(CheckPage, { page, formToken: formToken('check'), ...props });

  const statusPage = async (
    page: PageContext,
    caseId: string,
    props: Omit<Parameters<typeof StatusPage>[0], 'page' | 'view' | 'followUpToken' | 'formToken'> = {},
  ) =>
    createElement(StatusPage, {
      page,
      view: await casesService.reporterView(caseId),
      followUpToken: createFollowUpToken(keys.followUp, caseId, clock.now()),
      formToken: formToken('message'),
      ...props,
    });

  app.get('/lapor/cek', async (request, reply) => send(reply, 200, checkPage(pageOf(request))));

  app.post('/lapor/cek', uncompressed, async (request, reply) => {
    const page = pageOf(request);
    const { t } = page;
    const form = await readForm(request);
    const draft = form.fields.get('draft')?.[0]?.slice(0, MAX_MESSAGE) || undefined;
    if (!tokenValid('check', form.fields))
      return send(reply, 403, checkPage(page, { message: t('notice.expiredReload'), draft }));
    const allowed = await throttle('lookup', request);
    if (!allowed.allowed) {
      void reply.header('retry-after', String(allowed.retryAfterSeconds));
      return send(
        reply,
        429,
        checkPage(page, {
          draft,
          notice: warning(
            t('notice.throttled', { minutes: minutes(allowed.retryAfterSeconds) }),
            t('notice.throttledHeading'),
          ),
        }),
      );
    }
    // One answer for every failure (malformed, unknown, wrong): it must not tell a guess apart.
    const caseId = await casesService.findCaseByReceipt(form.fields.get('receipt')?.[0]?.slice(0, 40) ?? '');
    if (!caseId) return send(reply, 404, checkPage(page, { message: t('check.notFound'), draft }));
    return send(reply, 200, await statusPage(page, caseId, { draft }));
  });

  // A reload or a shared link of the message form's address: back to the receipt form, never the staff app.
  app.get('/lapor/cek/pesan', async (request, reply) => send(reply, 200, checkPage(pageOf(request))));
  app.get('/lapor/cek/tarik', async (request, reply) => send(reply, 200, checkPage(pageOf(request))));

  // Withdrawing a sealed "Lapor bersama" report: the first post asks to confirm, the second withdraws.
  app.post('/lapor/cek/tarik', uncompressed, async (request, reply) => {
    const page = pageOf(request);
    const { t } = page;
    const form = await readForm(request);
    const followUp = openFollowUpToken(keys.followUp, form.fields.get('followUp')?.[0], clock.now());
    if (followUp.status !== 'valid' || !options.escrowService)
      return send(reply, 403, checkPage(page, { message: t('check.sessionEnded') }));
    const { caseId } = followUp;
    if (!tokenValid('message', form.fields))
      return send(
        reply,
        403,
        await statusPage(page, caseId, {
          notice: warning(t('notice.expiredForm'), t('notice.expiredHeading')),
        }),
      );
    const answer = form.fields.get('answer')?.[0];
    if (answer === 'no') return send(reply, 200, await statusPage(page, caseId));
    if (answer !== 'yes')
      return send(
        reply,
        200,
        createElement(WithdrawConfirmPage, {
          page,
          followUpToken: createFollowUpToken(keys.followUp, caseId, clock.now()),
          formToken: formToken('message'),
        }),
      );
    try {
      await options.escrowService.withdraw(caseId);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'conflict') throw error;
      return send(
        reply,
        409,
        await statusPage(page, caseId, { notice: warning(t('escrow.status.cannotWithdraw')) }),
      );
    }
    return send(
      reply,
      200,
      await statusPage(page, caseId, {
        notice: withdrawnNotice(page),
      }),
    );
  });
  app.get('/lapor/*', async (request, reply) => {
    const page = pageOf(request);
    return send(
      reply,
      404,
      createElement(NoticePage, {
        page,
        heading: page.t('notice.notFoundHeading'),
        text: page.t('notice.notFound'),
        link: { href: '/lapor', label: page.t('notice.back') },
      }),
    );
  });

  app.post('/lapor/cek/pesan', uncompressed, async (request, reply) => {
    const page = pageOf(request);
    const { t } = page;
    const form = await readForm(request);
    const body = form.fields.get('body')?.[0] ?? '';
    const filesDropped = form.files.length > 0 || form.fileProblem !== undefined;
    const followUp = openFollowUpToken(keys.followUp, form.fields.get('followUp')?.[0], clock.now());
    if (followUp.status !== 'valid')
      return send(
        reply,
        403,
        checkPage(page, { message: t('check.sessionEnded'), draft: body.slice(0, MAX_MESSAGE) || undefined }),
      );
    const { caseId } = followUp;
    const again = async (status: number, props: Parameters<typeof statusPage>[2]) =>
      send(reply, status, await statusPage(page, caseId, { draft: body, filesDropped, ...props }));

    if (!tokenValid('message', form.fields))
      return again(403, {
        notice: warning(t('notice.expiredForm'), t('notice.expiredHeading')),
      });
    const errors: FieldErrors = {};
    if (body.trim().length > MAX_MESSAGE) errors.body = { key: 'tooLong', params: { maximum: MAX_MESSAGE } };
    else if (!body.trim() && form.files.length === 0 && !form.fileProblem)
      errors.body = { key: 'fields.body' };
    if (form.fileProblem) errors.files = { key: `files.${form.fileProblem}` };
    if (Object.keys(errors).length > 0) return again(422, { errors });

    const allowed = await throttle('message', request);
    if (!allowed.allowed) {
      void reply.header('retry-after', String(allowed.retryAfterSeconds));
      return again(429, {
        notice: warning(
          t('notice.throttled', { minutes: minutes(allowed.retryAfterSeconds) }),
          t('notice.throttledHeading'),
        ),
      });
    }
    try {
      await casesService.addReporterMessage(caseId, body, form.files);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const fileKey = fileErrorKey[error.code];
      return again(422, { errors: fileKey ? { files: { key: fileKey } } : { body: { key: 'fields.body' } } });
    }
    return send(reply, 200, await statusPage(page, caseId, { sent: true }));
  });
}

/** A validation error the service found (after the form's own checks): mark the fields it names. */
function serviceFieldErrors(error: AppError): FieldErrors {
  const fields = Array.isArray(error.details?.fields) ? (error.details.fields as { path?: unknown }[]) : [];
  const errors: FieldErrors = {};
  for (const field of fields)
    if (typeof field.path === 'string' && field.path !== '')
      errors[field.path.split('.')[0]!] = { key: 'invalid' };
  return errors;
}
