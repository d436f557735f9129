import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common.ts';
import {
  addLinkVersionBody,
  createMaterialBody,
  linkActivityBody,
  listMaterialsResponse,
  materialDetail,
  publishMaterialBody,
} from '../../../shared/contracts/materials.ts';
import { AppError } from '../../../shared/errors.ts';
import { actorOf, sendDownload } from '../../platform/http.ts';
import { registerMultipart } from '../../platform/multipart.ts';
import type { IncomingMaterialFile, MaterialsService } from './materials.service.ts';

const idParams = z.object({ id: idSchema });
/** Every material route: the material's door (materials.service.ts openMaterial) decides per material. */
const access = 'campaign.manage';
const noFile = () =>
  new AppError('validation_failed', 'No file', { fields: [{ path: 'file', message: 'invalid_type' }] });

/** The materials library (issue 13): materials, versions, publishing, use in campaign activities. */
export async function materialsRoutes(
  app: FastifyInstance,
  options: { materialsService: MaterialsService; maxFileBytes: number },
): Promise<void> {
  const { materialsService: service } = options;
  // One file and its version note per request.
  await registerMultipart(app, {
    limits: { fileSize: options.maxFileBytes, files: 1, fields: 1, parts: 2, fieldSize: 2000 },
    throwFileSizeLimit: true,
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['materials'];

  api.get('/materials', {
    config: { access },
    schema: {
      tags,
      summary: 'Materials owned in the caller’s campaign scope, or above it (the national library)',
      response: { 200: listMaterialsResponse },
    },
    handler: async (request) => service.listMaterials(actorOf(request)),
  });
  api.post('/materials', {
    config: { access },
    schema: {
      tags,
      summary: 'Create a draft material at a unit whose campaigns the caller manages',
      body: createMaterialBody,
      response: { 201: materialDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createMaterial(actorOf(request), request.body)),
  });
  api.get('/materials/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'A material with its versions, files, downloads and the campaigns that used it',
      params: idParams,
      response: { 200: materialDetail },
    },
    handler: async (request) => service.getMaterial(actorOf(request), request.params.id),
  });
  api.post('/materials/:id/versions', {
    config: { access },
    schema: {
      tags,
      summary:
        'Add a version with one file (multipart: optional field `note`, then `file`; PDF, JPEG, PNG, WebP, ' +
        'DOCX, PPTX, ODT or ODP, sniffed from the bytes)',
      params: idParams,
      consumes: ['multipart/form-data'],
      response: { 201: materialDetail },
    },
    handler: async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      // The door before the upload is read: a caller who may not manage the material never sends her file.
      await service.checkCanManage(actorOf(request), request.params.id);
      let note: string | null = null;
      let file: IncomingMaterialFile | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname !== 'note') throw noFile();
          const value = typeof part.value === 'string' ? part.value.trim() : '';
          note = value === '' ? null : value.slice(0, 1000);
        } else {
          if (part.fieldname !== 'file') throw noFile();
          file = { name: part.filename, data: await part.toBuffer() };
        }
      }
      if (!file) throw noFile();
      return reply
        .status(201)
        .send(await service.addFileVersion(actorOf(request), request.params.id, file, note));
    },
  });
  api.post('/materials/:id/link-versions', {
    config: { access },
    schema: {
      tags,
      summary: 'Add a version of a video material: its https link',
      params: idParams,
      body: addLinkVersionBody,
      response: { 201: materialDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.addLinkVersion(actorOf(request), request.params.id, request.body)),
  });
  api.post('/materials/:id/publication', {
    config: { access },
    schema: {
      tags,
      summary: 'Publish on /materi (needs a version) or take it off',
      params: idParams,
      body: publishMaterialBody,
      response: { 200: materialDetail },
    },
    handler: async (request) =>
      service.publishMaterial(actorOf(request), request.params.id, request.body.published),
  });
  api.post('/materials/:id/activities', {
    config: { access },
    schema: {
      tags,
      summary: 'Record that a campaign activity the caller manages used a version (idempotent)',
      params: idParams,
      body: linkActivityBody,
      response: { 200: materialDetail },
    },
    handler: async (request) => service.linkActivity(actorOf(request), request.params.id, request.body),
  });
  api.get('/materials/:id/files/:fileId', {
    config: { access },
    schema: {
      tags,
      summary: 'Download a file of the material (staff, any status; not counted)',
      params: z.object({ id: idSchema, fileId: idSchema }),
    },
    handler: async (request, reply) => {
      const file = await service.staffFile(actorOf(request), request.params.id, request.params.fileId);
      return sendDownload(reply, { body: file.data, name: file.name, type: file.mediaType });
    },
  });
}
