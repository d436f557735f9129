import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import {
  importJobView,
  importKind,
  importUploadResponse,
  listImportsResponse,
  runImportBody,
  validateImportBody,
  validateImportResponse,
} from '../../../shared/contracts/imports.ts';
import { actorOf } from '../../platform/http.ts';
import { registerMultipart } from '../../platform/multipart.ts';
import type { ImportsService } from './imports.service.ts';

const params = z.object({ id: z.uuid() });

/** The uploaded file's bytes; a file over the limit is refused as soon as busboy truncates it. */
async function* fileBytes(file: NodeJS.ReadableStream & { truncated?: boolean }): AsyncGenerator<Buffer> {
  for await (const chunk of file as AsyncIterable<Buffer>) {
    if (file.truncated) throw new AppError('payload_too_large');
    yield chunk;
  }
  if (file.truncated) throw new AppError('payload_too_large');
}

/**
 * Imports of members and units from CSV or XLSX: upload (multipart, streamed), dry run, background run,
 * progress and error report. Member imports need `member.manage`, unit imports `unit.manage`; the
 * service checks the kind-specific action, since the route guard can only name one.
 */
export async function importsRoutes(
  app: FastifyInstance,
  options: { importsService: ImportsService; maxMegabytes: number },
): Promise<void> {
  const { importsService } = options;
  await registerMultipart(app, {
    limits: { fileSize: options.maxMegabytes * 1024 * 1024, files: 1, fields: 5, parts: 6 },
    throwFileSizeLimit: true,
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  // Both import actions are org_admin's; the route guard names member.manage and the service checks the
  // action of the job's kind (unit.manage for units).
  const access = 'member.manage' as const;

  api.post('/imports', {
    config: { access },
    schema: {
      tags,
      summary: 'Upload a CSV or XLSX file (multipart field `file`) into staging',
      querystring: z.object({ kind: importKind }),
      consumes: ['multipart/form-data'],
      response: { 201: importUploadResponse },
    },
    handler: async (request: FastifyRequest<{ Querystring: { kind: 'members' | 'units' } }>, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      const file = await request.file();
      if (!file || file.fieldname !== 'file')
        throw new AppError('validation_failed', 'No file', {
          fields: [{ path: 'file', message: 'invalid_type' }],
        });
      const result = await importsService.uploadFile(
        actorOf(request),
        request.query.kind,
        file.filename,
        fileBytes(file.file),
      );
      return reply.status(201).send(result);
    },
  });
  api.post('/imports/:id/validate', {
    config: { access },
    schema: {
      tags,
      summary: 'Dry run: check every row with a mapping; writes nothing to members or units',
      params,
      body: validateImportBody,
      response: { 200: validateImportResponse },
    },
    handler: async (request) =>
      importsService.validateImport(actorOf(request), request.params.id, request.body.mapping),
  });
  api.post('/imports/:id/run', {
    config: { access },
    schema: {
      tags,
      summary: 'Run a validated import in the background',
      params,
      body: runImportBody,
      response: { 202: importJobView },
    },
    handler: async (request, reply) => {
      const { job, done } = await importsService.startRun(
        actorOf(request),
        request.params.id,
        request.body.mode,
      );
      done.catch((error: unknown) =>
        request.log.error({ err: error, importId: job.id }, 'import run failed'),
      );
      return reply.status(202).send(job);
    },
  });
  api.get('/imports', {
    config: { access },
    schema: {
      tags,
      summary: 'My recent imports and the upload size limit',
      response: { 200: listImportsResponse },
    },
    handler: async (request) => ({
      ...(await importsService.listJobs(actorOf(request))),
      maxUploadMb: options.maxMegabytes,
    }),
  });
  api.get('/imports/:id', {
    config: { access },
    schema: { tags, summary: 'One import with its progress', params, response: { 200: importJobView } },
    handler: async (request) => importsService.getJob(actorOf(request), request.params.id),
  });
  api.get('/imports/:id/errors.csv', {
    config: { access },
    schema: { tags, summary: 'Every row error of a validated import, as CSV', params },
    handler: async (request, reply) => {
      const stream = await importsService.errorReport(actorOf(request), request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${request.params.id}-errors.csv"`)
        .send(stream);
    },
  });
}
