import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessLogResponse,
  assignableResponse,
  assignBody,
  caseDetail,
  caseIdParams,
  caseItemParams,
  consentBody,
  ethicsBody,
  intakeBody,
  intakeResponse,
  listCasesQuery,
  listCasesResponse,
  measureBody,
  messageBody,
  namedCandidatesQuery,
  namedCandidatesResponse,
  noteBody,
  recuseBody,
  referralBody,
  rightsBody,
  routingBody,
  transitionBody,
  updateMeasureBody,
  updateReferralBody,
} from '../../../shared/contracts/cases.ts';
import { AppError } from '../../../shared/errors.ts';
import { actorOf } from '../../platform/http.ts';
import { registerMultipart } from '../../platform/multipart.ts';
import type { CasesService } from './cases.service.ts';

/**
 * The case team's API. The route guard only says "holds a case role" (`case.work`); whether the caller
 * may see or change *this* case is decided per case in the service, which answers 404 when she may not.
 * Responses carry `Cache-Control: no-store` so case content is never kept by a browser or proxy.
 */
export async function casesRoutes(
  app: FastifyInstance,
  options: { casesService: CasesService; maxFileBytes: number },
): Promise<void> {
  const { casesService } = options;
  await registerMultipart(app, {
    limits: { fileSize: options.maxFileBytes, files: 1, fields: 2, parts: 3 },
    throwFileSizeLimit: true,
  });
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const work = { access: 'case.work' } as const;

  api.get('/cases', {
    config: work,
    schema: {
      tags,
      summary: 'My cases, or my unit’s cases (coordinator), sorted and filtered by SOP deadline',
      querystring: listCasesQuery,
      response: { 200: listCasesResponse },
    },
    handler: async (request) => casesService.listCases(actorOf(request), request.query),
  });
  api.post('/cases', {
    config: { access: 'case.intake' },
    schema: {
      tags,
      summary: 'Record a report received in person, by phone or WhatsApp; answers the receipt once',
      body: intakeBody,
      response: { 201: intakeResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await casesService.intake(actorOf(request), request.body)),
  });
  api.get('/cases/:id', {
    config: work,
    schema: {
      tags,
      summary: 'A case with the parts the caller may read (each read is logged)',
      params: caseIdParams,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.getCase(actorOf(request), request.params.id),
  });
  api.get('/cases/:id/access-log', {
    config: work,
    schema: {
      tags,
      summary: 'Who read which part of the case, and when',
      params: caseIdParams,
      response: { 200: accessLogResponse },
    },
    handler: async (request) => casesService.accessLog(actorOf(request), request.params.id),
  });
  api.get('/cases/:id/assignable', {
    config: work,
    schema: {
      tags,
      summary: 'Candidate handlers and legal aid, with conflict and same-gender flags (coordinator)',
      params: caseIdParams,
      response: { 200: assignableResponse },
    },
    handler: async (request) => casesService.assignable(actorOf(request), request.params.id),
  });
  api.get('/cases/:id/member-candidates', {
    config: work,
    schema: {
      tags,
      summary: 'Members who could be the named person, by name or number (coordinator)',
      params: caseIdParams,
      querystring: namedCandidatesQuery,
      response: { 200: namedCandidatesResponse },
    },
    handler: async (request) =>
      casesService.namedCandidates(actorOf(request), request.params.id, request.query.q),
  });
  api.post('/cases/:id/assignments', {
    config: work,
    schema: {
      tags,
      summary: 'Assign a handler or legal aid (conflicts of interest are refused)',
      params: caseIdParams,
      body: assignBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.assign(actorOf(request), request.params.id, request.body),
  });
  api.post('/cases/:id/assignments/:itemId/end', {
    config: work,
    schema: { tags, summary: 'End an assignment', params: caseItemParams, response: { 200: caseDetail } },
    handler: async (request) =>
      casesService.endAssignment(actorOf(request), request.params.id, request.params.itemId),
  });
  api.post('/cases/:id/recusal', {
    config: work,
    schema: {
      tags,
      summary: 'Step away from a case with a reason; it is hidden from the caller from then on',
      params: caseIdParams,
      body: recuseBody,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await casesService.recuse(actorOf(request), request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  });
  api.post('/cases/:id/transitions', {
    config: work,
    schema: {
      tags,
      summary: 'Move the case in the SOP workflow (guard rails: UU TPKS Art. 23, rights checklist)',
      params: caseIdParams,
      body: transitionBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.transition(actorOf(request), request.params.id, request.body),
  });
  api.patch('/cases/:id/routing', {
    config: work,
    schema: {
      tags,
      summary: 'Correct the place, link the named person, or the DPP request; the case is rerouted',
      params: caseIdParams,
      body: routingBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.reroute(actorOf(request), request.params.id, request.body),
  });
  api.post('/cases/:id/notes', {
    config: work,
    schema: {
      tags,
      summary: 'Add an internal note (never shown to the reporter)',
      params: caseIdParams,
      body: noteBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.addNote(actorOf(request), request.params.id, request.body.body),
  });
  api.post('/cases/:id/messages', {
    config: work,
    schema: {
      tags,
      summary: 'Send a message the reporter sees on her follow-up page',
      params: caseIdParams,
      body: messageBody,
      response: { 200: caseDetail },
    },
    handler: async (request) =>
      casesService.sendMessage(actorOf(request), request.params.id, request.body.body),
  });
  api.post('/cases/:id/consents', {
    config: work,
    schema: {
      tags,
      summary: 'Record consent (given, refused, withdrawn) for one route',
      params: caseIdParams,
      body: consentBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.recordConsent(actorOf(request), request.params.id, request.body),
  });
  api.post('/cases/:id/referrals', {
    config: work,
    schema: {
      tags,
      summary: 'Refer to a service; needs recorded consent unless an emergency reason is written',
      params: caseIdParams,
      body: referralBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.addReferral(actorOf(request), request.params.id, request.body),
  });
  api.patch('/cases/:id/referrals/:itemId', {
    config: work,
    schema: {
      tags,
      summary: 'Update a referral’s status and outcome',
      params: caseItemParams,
      body: updateReferralBody,
      response: { 200: caseDetail },
    },
    handler: async (request) =>
      casesService.updateReferral(actorOf(request), request.params.id, request.params.itemId, request.body),
  });
  api.post('/cases/:id/referrals/:itemId/review', {
    config: work,
    schema: {
      tags,
      summary: 'Mark an emergency referral made without consent as reviewed (coordinator)',
      params: caseItemParams,
      response: { 200: caseDetail },
    },
    handler: async (request) =>
      casesService.reviewReferral(actorOf(request), request.params.id, request.params.itemId),
  });
  api.post('/cases/:id/measures', {
    config: work,
    schema: {
      tags,
      summary: 'Record a protective measure',
      params: caseIdParams,
      body: measureBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.addMeasure(actorOf(request), request.params.id, request.body),
  });
  api.patch('/cases/:id/measures/:itemId', {
    config: work,
    schema: {
      tags,
      summary: 'Change a protective measure’s status',
      params: caseItemParams,
      body: updateMeasureBody,
      response: { 200: caseDetail },
    },
    handler: async (request) =>
      casesService.updateMeasure(
        actorOf(request),
        request.params.id,
        request.params.itemId,
        request.body.status,
      ),
  });
  api.put('/cases/:id/ethics', {
    config: work,
    schema: {
      tags,
      summary: 'Record the union-internal ethics process (named person is an officer, or a union event)',
      params: caseIdParams,
      body: ethicsBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.setEthics(actorOf(request), request.params.id, request.body),
  });
  api.put('/cases/:id/rights', {
    config: work,
    schema: {
      tags,
      summary: 'Review items of the rights checklist (UU TPKS Arts. 68–70)',
      params: caseIdParams,
      body: rightsBody,
      response: { 200: caseDetail },
    },
    handler: async (request) => casesService.reviewRights(actorOf(request), request.params.id, request.body),
  });
  api.post('/cases/:id/files', {
    config: work,
    schema: {
      tags,
      summary: 'Upload a file to the case (multipart field `file`; type sniffed; stored encrypted)',
      params: caseIdParams,
      consumes: ['multipart/form-data'],
      response: { 200: caseDetail },
    },
    handler: async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type');
      const file = await request.file();
      if (!file || file.fieldname !== 'file')
        throw new AppError('validation_failed', 'No file', {
          fields: [{ path: 'file', message: 'invalid_type' }],
        });
      const data = await file.toBuffer();
      return casesService.uploadFile(actorOf(request), request.params.id, { name: file.filename, data });
    },
  });
  api.get('/cases/:id/files/:itemId', {
    config: work,
    schema: {
      tags,
      summary: 'Download a file of the case (logged)',
      params: caseItemParams,
    },
    handler: async (request, reply) => {
      const file = await casesService.downloadFile(
        actorOf(request),
        request.params.id,
        request.params.itemId,
      );
      const safeName = file.name.replace(/[^\w.\- ]/g, '_');
      return reply
        .type(file.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${safeName}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .send(file.data);
    },
  });
}
