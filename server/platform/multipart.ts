import fastifyMultipart, { type FastifyMultipartOptions } from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import { isUnsafeText } from './text-safety.ts';

/**
 * The one way a scope accepts multipart bodies. On top of @fastify/multipart it makes malformed uploads
 * ordinary 400/413 answers instead of plain errors from the parser:
 * - a multipart content type without a boundary is refused before the handler runs;
 * - a file or field name holding NUL or a lone surrogate is refused (named `file` or the field);
 * - a body that ends before its closing boundary is a `malformed_body`, wherever it is read
 *   (see `isMalformedMultipart`, used by the error handlers).
 */
export async function registerMultipart(
  scope: FastifyInstance,
  options: FastifyMultipartOptions,
): Promise<void> {
  await scope.register(fastifyMultipart, options);
  scope.addHook('preValidation', async (request) => {
    if (!isMultipartRequest(request)) return;
    if (!/;\s*boundary=("?)[^";]+\1/i.test(request.headers['content-type'] ?? ''))
      throw new AppError('malformed_body');
    const file = request.file.bind(request);
    const parts = request.parts.bind(request);
    request.file = async (...args: Parameters<typeof file>) => {
      const part = await file(...args).catch(rethrowMalformed);
      if (part) checkNames(part.fieldname, part.filename);
      return part;
    };
    request.parts = (...args: Parameters<typeof parts>) => {
      const iterator = parts(...args);
      return (async function* guarded() {
        try {
          for await (const part of iterator) {
            checkNames(part.fieldname, part.type === 'file' ? part.filename : undefined);
            yield part;
          }
        } catch (error) {
          rethrowMalformed(error);
        }
      })();
    };
  });
}

export const isMultipartRequest = (request: FastifyRequest) =>
  /^multipart\//i.test(request.headers['content-type'] ?? '');

function checkNames(fieldName: string, fileName: string | undefined): void {
  if (isUnsafeText(fieldName) || (fileName !== undefined && isUnsafeText(fileName)))
    throw new AppError('validation_failed', 'Unsafe name in upload', {
      fields: [{ path: isUnsafeText(fieldName) ? 'body' : fieldName, message: 'invalid_character' }],
    });
}

/**
 * Errors of the multipart parser (busboy) and of a body stream cut short are plain `Error`s about the
 * body, not faults of ours. Only meaningful for a multipart request.
 */
export function isMalformedMultipart(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof AppError) return false;
  if ((error as FastifyError).code !== undefined) return false;
  return /multipart|boundary|premature close|unexpected end/i.test(error.message);
}

function rethrowMalformed(error: unknown): never {
  if (isMalformedMultipart(error)) throw new AppError('malformed_body');
  throw error;
}

/**
 * Refuses a body that is not multipart (415 `unsupported_media_type`). Upload routes call it first, then
 * open their door, then `readOneFile`, so a caller without the right never sends her file.
 */
export function requireMultipart(request: FastifyRequest): void {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type');
}

/**
 * The one file of an upload (multipart field `file`), read whole; its size is capped by the scope's
 * `registerMultipart` limits (`throwFileSizeLimit`: 413). No part named `file` is a `validation_failed`
 * on `file`. The bytes are then checked by `uploads.ts` `sniffUpload` in the service. Used by training
 * sheet photos, campaign activity photos and Joint Commitment paper-list photos.
 */
export async function readOneFile(request: FastifyRequest): Promise<Buffer> {
  const file = await request.file();
  if (!file || file.fieldname !== 'file')
    throw new AppError('validation_failed', 'No file', {
      fields: [{ path: 'file', message: 'invalid_type' }],
    });
  return file.toBuffer();
}
