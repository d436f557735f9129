import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema, idSchema } from '../../../shared/contracts/common.ts';
import {
  coverageQuery,
  coverageResponse,
  createdSignature,
  createSignatureBody,
  createVersionBody,
  decideSignatureBody,
  listSignaturesQuery,
  listSignaturesResponse,
  listVersionsResponse,
  paperListBody,
  paperListDetail,
  paperListResponse,
  signatureDetail,
  versionDetail,
} from '../../../shared/contracts/commitment.ts';
import { actorOf, sendDownload } from '../../platform/http.ts';
import { readOneFile, registerMultipart, requireMultipart } from '../../platform/multipart.ts';
import type { CommitmentService } from './commitment.service.ts';

const idParams = z.object({ id: idSchema });
const signatureParams = z.object({ id: bigIdSchema });

/** The Joint Commitment (issue 13): versions and signatures; the gate (commitment-access.ts) decides scope. */
export async function commitmentRoutes(
  app: FastifyInstance,
  options: { commitmentService: CommitmentService; maxPhotoBytes: number },
): Promise<void> {
  const { commitmentService: service } = options;
  await registerMultipart(app, {
    limits: { fileSize: options.maxPhotoBytes, files: 1, fields: 1, parts: 2 },
    throwFileSizeLimit: true,
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commitment'];
  const access = 'commitment.manage' as const;

  api.get('/commitment/versions', {
    config: { access },
    schema: {
      tags,
      summary: 'Versions of the Joint Commitment, with signature counts in the caller scope',
      response: { 200: listVersionsResponse },
    },
    handler: async (request) => service.listVersions(actorOf(request)),
  });
  api.post('/commitment/versions', {
    config: { access },
    schema: {
      tags,
      summary: 'Draft a new version (top-unit officers only); its SHA-256 is taken of the canonical text',
      body: createVersionBody,
      response: { 201: versionDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createVersion(actorOf(request), request.body)),
  });
  api.get('/commitment/versions/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'A version with its text, points, canonical text and hash',
      params: idParams,
      response: { 200: versionDetail },
    },
    handler: async (request) => service.getVersion(actorOf(request), request.params.id),
  });
  api.post('/commitment/versions/:id/activate', {
    config: { access },
    schema: {
      tags,
      summary: 'Activate a draft: the active version and its open signatures become superseded',
      params: idParams,
      response: { 200: versionDetail },
    },
    handler: async (request) => service.activateVersion(actorOf(request), request.params.id),
  });
  api.get('/commitment/signatures', {
    config: { access },
    schema: {
      tags,
      summary: 'Signatures in the caller scope, filtered',
      querystring: listSignaturesQuery,
      response: { 200: listSignaturesResponse },
    },
    handler: async (request) => service.listSignatures(actorOf(request), request.query),
  });
  api.post('/commitment/signatures', {
    config: { access },
    schema: {
      tags,
      summary: 'Staff entry of a signature of the active version; answers the receipt code once',
      body: createSignatureBody,
      response: { 201: createdSignature },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createSignature(actorOf(request), request.body)),
  });
  api.get('/commitment/signatures/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'A signature with its status history',
      params: signatureParams,
      response: { 200: signatureDetail },
    },
    handler: async (request) => service.getSignature(actorOf(request), request.params.id),
  });
  api.post('/commitment/signatures/:id/decision', {
    config: { access },
    schema: {
      tags,
      summary: 'Confirm (valid) or invalidate (with a reason) a signature',
      params: signatureParams,
      body: decideSignatureBody,
      response: { 200: signatureDetail },
    },
    handler: async (request) => service.decideSignature(actorOf(request), request.params.id, request.body),
  });
  api.get('/commitment/coverage', {
    config: { access },
    schema: {
      tags,
      summary:
        'Signers ÷ active members by sex as of a day for a unit and its children; adoptions, co-signatures',
      querystring: coverageQuery,
      response: { 200: coverageResponse },
    },
    handler: async (request) => service.coverage(actorOf(request), request.query),
  });
  api.post('/commitment/paper-lists', {
    config: { access },
    schema: {
      tags,
      summary: 'Enter a signed paper list: rows matched by member number or name search, the rest kept',
      body: paperListBody,
      response: { 200: paperListResponse },
    },
    handler: async (request) => service.enterPaperList(actorOf(request), request.body),
  });
  api.get('/commitment/paper-lists/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'A recorded paper list: unit, day, version, outcome counts and the photos of the sheet',
      params: idParams,
      response: { 200: paperListDetail },
    },
    handler: async (request) => service.getPaperList(actorOf(request), request.params.id),
  });
  api.post('/commitment/paper-lists/:id/photos', {
    config: { access },
    schema: {
      tags,
      summary:
        'Attach a photo or scan of the signed sheet (multipart field `file`; JPEG, PNG, WebP or PDF, sniffed)',
      params: idParams,
      consumes: ['multipart/form-data'],
      response: { 201: paperListDetail },
    },
    handler: async (request, reply) => {
      requireMultipart(request);
      // The door before the upload is read: a caller outside the sheet's unit never sends her file.
      await service.getPaperList(actorOf(request), request.params.id);
      const data = await readOneFile(request);
      return reply
        .status(201)
        .send(await service.addPaperListPhoto(actorOf(request), request.params.id, data));
    },
  });
  api.get('/commitment/paper-lists/:id/photos/:photoId', {
    config: { access },
    schema: {
      tags,
      summary: 'Download a photo of the signed sheet',
      params: z.object({ id: idSchema, photoId: idSchema }),
    },
    handler: async (request, reply) => {
      const photo = await service.paperListPhoto(actorOf(request), request.params.id, request.params.photoId);
      return sendDownload(reply, { body: photo.data, name: photo.name, type: photo.mediaType });
    },
  });
}
