import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode, type ProblemBody } from '../../shared/errors.ts';
import type { Language } from '../../shared/roles.ts';
import { canAnywhere, type Action } from './access.ts';
import type { Actor } from './context.ts';
import { isLanguage, languageFromHeader, translator } from './i18n.ts';
import { isMalformedMultipart, isMultipartRequest } from './multipart.ts';
import type { SessionContext } from '../modules/auth/auth.service.ts';

/**
 * How a route is guarded; every /api route must declare one (checked at start-up):
 * - `public`: anyone (health, login, setup, reset by token);
 * - `session`: any session stage (read session, log out);
 * - `mfa`: a session waiting for its second factor;
 * - `enrolment`: full sessions and sessions that must enrol TOTP first;
 * - `authenticated`: a full session;
 * - an Action: a full session whose grants allow that action somewhere; the service then checks scope;
 * - a list of Actions: any one of them somewhere (a training class is run by its organisers and by its
 *   assigned trainers, who hold different actions); the service's gate then decides per object.
 */
export type RouteAccess =
  'public' | 'session' | 'mfa' | 'enrolment' | 'authenticated' | Action | readonly [Action, ...Action[]];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** `form-token`: the route's form carries a signed token instead of the CSRF cookie (public pages). */
    csrf?: 'form-token';
  }
  interface FastifyRequest {
    session: SessionContext | null;
    language: Language;
  }
}

export const SESSION_COOKIE = 'setara_session';

export function problem(code: ErrorCode, language: Language, extra: Partial<ProblemBody> = {}): ProblemBody {
  const t = translator(language, 'errors');
  return {
    type: `https://setara.dev/problems/${code.replace(/_/g, '-')}`,
    title: code,
    status: errorStatus[code],
    code,
    detail: t(code, { seconds: extra.retryAfterSeconds ?? '' }),
    ...extra,
  };
}

function fieldMessage(
  keyword: string,
  message: string,
  params: Record<string, unknown>,
  language: Language,
): string {
  const t = translator(language, 'errors');
  switch (keyword) {
    case 'invalid_type':
      return message.includes('received undefined') ? t('fields.required') : t('fields.invalid');
    case 'too_small':
      return t('fields.too_short', { minimum: params.minimum });
    case 'too_big':
      return t('fields.too_long', { maximum: params.maximum });
    case 'invalid_format':
      return params.format === 'email' ? t('fields.invalid_email') : t('fields.invalid_format');
    case 'invalid_value':
    case 'invalid_union':
      return t('fields.invalid_option');
    case 'unrecognized_keys':
      return t('fields.unknown_field');
    case 'invalid_character':
      return t('fields.invalid_character');
    case 'too_deep':
      return t('fields.too_deep');
    // Rule codes a service or a refinement names (`custom` carries the code in its message).
    case 'custom':
      return (fieldRuleCodes as readonly string[]).includes(message)
        ? t(`fields.${message}`)
        : t('fields.invalid');
    default:
      return (fieldRuleCodes as readonly string[]).includes(keyword)
        ? t(`fields.${keyword}`)
        : t('fields.invalid');
  }
}

/** Field messages for rules of our own, under `fields.<code>` in errors.json. */
const fieldRuleCodes = [
  'ends_before_start',
  'reason_required',
  'unknown_track',
  'not_a_trainer',
  'not_a_participant',
  'coordinator_is_admin',
] as const;

function sendProblem(reply: FastifyReply, body: ProblemBody): FastifyReply {
  if (body.retryAfterSeconds) void reply.header('retry-after', String(body.retryAfterSeconds));
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** Maps framework error codes (parsing, size, CSRF) to our stable codes. */
const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_body',
  FST_ERR_CTP_INVALID_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_BAD_URL: 'validation_failed',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_PROTO_VIOLATION: 'malformed_body',
  FST_INVALID_JSON_FIELD_ERROR: 'malformed_body',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
};

/** One error handler: AppError codes, validation, framework errors; 5xx never leak internals. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = request.language ?? languageFromHeader(request.headers['accept-language']);
    const requestId = request.id;
    if (error instanceof AppError) {
      const fields = Array.isArray(error.details?.fields)
        ? (error.details.fields as { path: string; message: string }[]).map((field) => ({
            path: field.path,
            message:
              field.message === 'conflict'
                ? translator(language, 'errors')('conflict')
                : fieldMessage(field.message, '', {}, language),
          }))
        : undefined;
      const retryAfterSeconds =
        typeof error.details?.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : undefined;
      // Only what a service marks as public reaches the client (which rule failed, how many seats…).
      const publicDetails =
        error.details?.public && typeof error.details.public === 'object'
          ? (error.details.public as Record<string, unknown>)
          : undefined;
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(
        reply,
        problem(error.code, language, {
          requestId,
          ...(fields ? { fields } : {}),
          ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
          ...(publicDetails ? { details: publicDetails } : {}),
        }),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        path:
          issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || (error.validationContext ?? 'body'),
        message: fieldMessage(issue.keyword, issue.message ?? '', issue.params, language),
      }));
      return sendProblem(reply, problem('validation_failed', language, { requestId, fields }));
    }
    const mapped = error.code
      ? frameworkCodes[error.code]
      : isMultipartRequest(request) && isMalformedMultipart(error)
        ? 'malformed_body'
        : undefined;
    if (mapped) return sendProblem(reply, problem(mapped, language, { requestId }));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 404
          ? 'route_not_found'
          : status === 413
            ? 'payload_too_large'
            : status === 415
              ? 'unsupported_media_type'
              : status === 429
                ? 'rate_limited'
                : status === 401
                  ? 'unauthenticated'
                  : status === 403
                    ? 'forbidden'
                    : 'validation_failed';
      return sendProblem(reply, problem(code, language, { requestId }));
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem('internal', language, { requestId }));
  });
}

/** Enforces the declared access of the route; runs before the handler and before CSRF. */
export async function enforceRouteAccess(request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config.access;
  if (access === undefined || access === 'public') return;
  const ctx = request.session;
  if (!ctx) throw new AppError('unauthenticated');
  if (access === 'session') return;
  if (access === 'mfa') {
    if (ctx.stage !== 'mfa') throw new AppError('forbidden');
    return;
  }
  if (ctx.stage === 'mfa') throw new AppError('mfa_required');
  if (access === 'enrolment') return;
  if (ctx.stage === 'enrol') throw new AppError('mfa_enrolment_required');
  if (access === 'authenticated') return;
  const anyOf: readonly Action[] = typeof access === 'string' ? [access] : access;
  if (!anyOf.some((action) => canAnywhere(ctx.principal, action))) throw new AppError('forbidden');
}

/** The acting user of a guarded route, for services. */
export function actorOf(request: FastifyRequest): Actor {
  const ctx = request.session;
  if (!ctx) throw new AppError('unauthenticated');
  return {
    userId: ctx.user.id,
    label: ctx.user.email,
    principal: ctx.principal,
    requestId: request.id,
    language: request.language,
  };
}

export function sessionOf(request: FastifyRequest): SessionContext {
  if (!request.session) throw new AppError('unauthenticated');
  return request.session;
}

export function requestLanguage(request: FastifyRequest): Language {
  const userLanguage = request.session?.user.language;
  return isLanguage(userLanguage) ? userLanguage : languageFromHeader(request.headers['accept-language']);
}

/** Media types of the files the staff app downloads. */
export const downloadTypes = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * Sends a generated file as a download: never cached (it holds scoped, audited data), never sniffed
 * into something the browser would run, with a plain ASCII file name.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { body: Buffer | string; name: string; type: string },
): FastifyReply {
  const name = file.name.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .type(file.type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(file.body);
}
