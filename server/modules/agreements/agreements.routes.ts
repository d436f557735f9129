import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agreementDetail,
  checklistVersionView,
  codeItemBody,
  createAgreementBody,
  createChecklistBody,
  listAgreementsResponse,
  listChecklistsResponse,
  updateAgreementBody,
} from '../../../shared/contracts/agreements.ts';
import { idSchema } from '../../../shared/contracts/common.ts';
import { AppError } from '../../../shared/errors.ts';
import { actorOf, downloadTypes, sendDownload } from '../../platform/http.ts';
import { registerMultipart } from '../../platform/multipart.ts';
import type { AgreementsService, IncomingAgreementFile } from './agreements.service.ts';

const idParams = z.object({ id: idSchema });
/** Every agreement route: the agreement's door (agreements.service.ts openAgreement) decides per PSP. */
const access = 'agreement.manage';
const noFile = () =>
  new AppError('validation_failed', 'No file', { fields: [{ path: 'file', message: 'invalid_type' }] });

/** Collective agreements (issue 14): PKB/PP records, documents, coding, gap lists, the checklist. */
export async function agreementsRoutes(
  app: FastifyInstance,
  options: { agreementsService: AgreementsService; maxFileBytes: number },
): Promise<void> {
  const { agreementsService: service } = options;
  // One document per request.
  await registerMultipart(app, {
    limits: { fileSize: options.maxFileBytes, files: 1, fields: 0, parts: 1 },
    throwFileSizeLimit: true,
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agreements'];

  api.get('/agreements', {
    config: { access },
    schema: {
      tags,
      summary: 'Collective agreements (PKB/PP) of the PSPs in the caller’s subtree, soonest ending first',
      response: { 200: listAgreementsResponse },
    },
    handler: async (request) => service.listAgreements(actorOf(request)),
  });
  api.post('/agreements', {
    config: { access },
    schema: {
      tags,
      summary: 'Record a PSP’s PKB or PP',
      body: createAgreementBody,
      response: { 201: agreementDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createAgreement(actorOf(request), request.body)),
  });
  api.get('/agreements/:id', {
    config: { access },
    schema: {
      tags,
      summary:
        'An agreement with its documents, its coding sheet against the newest checklist and its gap list',
      params: idParams,
      response: { 200: agreementDetail },
    },
    handler: async (request) => service.getAgreement(actorOf(request), request.params.id),
  });
  api.put('/agreements/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'Change an agreement’s parties, registration, dates or status',
      params: idParams,
      body: updateAgreementBody,
      response: { 200: agreementDetail },
    },
    handler: async (request) => service.updateAgreement(actorOf(request), request.params.id, request.body),
  });
  api.post('/agreements/:id/files', {
    config: { access },
    schema: {
      tags,
      summary:
        'Upload the agreement’s document (multipart field `file`; PDF, JPEG, PNG, DOCX or ODT, sniffed from the bytes)',
      params: idParams,
      consumes: ['multipart/form-data'],
      response: { 201: agreementDetail },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      // The door before the upload is read: a caller who may not reach the agreement never sends her file.
      await service.checkCanReach(actorOf(request), request.params.id);
      let file: IncomingAgreementFile | null = null;
      for await (const part of request.parts()) {
        if (part.type !== 'file' || part.fieldname !== 'file') throw noFile();
        file = { name: part.filename, data: await part.toBuffer() };
      }
      if (!file) throw noFile();
      return reply.status(201).send(await service.addFile(actorOf(request), request.params.id, file));
    },
  });
  api.get('/agreements/:id/files/:fileId', {
    config: { access },
    schema: {
      tags,
      summary: 'Download a document of the agreement (its PSP’s officers and those above only)',
      params: z.object({ id: idSchema, fileId: idSchema }),
    },
    handler: async (request, reply) => {
      const file = await service.file(actorOf(request), request.params.id, request.params.fileId);
      return sendDownload(reply, { body: file.data, name: file.name, type: file.mediaType });
    },
  });
  api.post('/agreements/:id/codings', {
    config: { access },
    schema: {
      tags,
      summary:
        'Code one checklist item (yes, partial, no, not coded) with its clause text and article; appends',
      params: idParams,
      body: codeItemBody,
      response: { 201: agreementDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.codeItem(actorOf(request), request.params.id, request.body)),
  });
  for (const format of ['xlsx', 'pdf'] as const)
    api.get(`/agreements/:id/gaps/${format}`, {
      config: { access },
      schema: {
        tags,
        summary: `The gap list (DIM) for the negotiating team as ${format.toUpperCase()}`,
        params: idParams,
        produces: [downloadTypes[format]],
      },
      handler: async (request, reply) => {
        const { body, name } = await service.gapListFile(
          actorOf(request),
          request.params.id,
          format,
          request.language,
        );
        return sendDownload(reply, { body, name, type: downloadTypes[format] });
      },
    });

  api.get('/agreement-checklists', {
    config: { access },
    schema: {
      tags,
      summary: 'Versions of the national clause checklist, newest first',
      response: { 200: listChecklistsResponse },
    },
    handler: async (request) => service.listChecklists(actorOf(request)),
  });
  api.post('/agreement-checklists', {
    config: { access: 'agreement.checklist' },
    schema: {
      tags,
      summary:
        'Make a new checklist version (a gender officer at the top unit); items match across versions by code',
      body: createChecklistBody,
      response: { 201: checklistVersionView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createChecklistVersion(actorOf(request), request.body)),
  });
}
