import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common.ts';
import {
  asOfQuery,
  createQuotaRuleBody,
  evaluateListBody,
  listEvaluationView,
  listQuotaRulesResponse,
  quotaRuleBody,
  quotaRuleView,
  slateCheckBody,
  slateCheckView,
  subjectEvaluationView,
} from '../../../shared/contracts/quota.ts';
import { actorOf } from '../../platform/http.ts';
import type { QuotaService } from './quota.service.ts';

const idParams = z.object({ id: idSchema });

/** Quota rules (versioned data), evaluations of bodies, delegations and lists, slate checks. */
export async function quotaRoutes(
  app: FastifyInstance,
  options: { quotaService: QuotaService },
): Promise<void> {
  const { quotaService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quota'];

  api.get('/quota/rules', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary: 'Quota rules with every version (newest first); canEdit for the DPP gender officer',
      response: { 200: listQuotaRulesResponse },
    },
    handler: async (request) => quotaService.listRules(actorOf(request)),
  });
  api.get('/quota/rules/:id', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary: 'One quota rule with its versions',
      params: idParams,
      response: { 200: quotaRuleView },
    },
    handler: async (request) => quotaService.getRule(actorOf(request), request.params.id),
  });
  api.post('/quota/rules', {
    config: { access: 'quota.manage' },
    schema: {
      tags,
      summary: 'Create a quota rule (version 1); gender officer at the top unit only',
      body: createQuotaRuleBody,
      response: { 201: quotaRuleView },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await quotaService.createRule(actorOf(request), request.body.code, request.body.rule)),
  });
  api.post('/quota/rules/:id/versions', {
    config: { access: 'quota.manage' },
    schema: {
      tags,
      summary: 'Edit a quota rule: writes a new version, earlier versions are kept',
      params: idParams,
      body: quotaRuleBody,
      response: { 201: quotaRuleView },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await quotaService.createVersion(actorOf(request), request.params.id, request.body)),
  });
  api.get('/bodies/:id/quota', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary:
        'Quota status of a body as of a date (appointments whose term covers it; Plt counted, flagged)',
      params: idParams,
      querystring: asOfQuery,
      response: { 200: subjectEvaluationView },
    },
    handler: async (request) =>
      quotaService.evaluateBody(actorOf(request), request.params.id, request.query.asOf),
  });
  api.post('/bodies/:id/slate-check', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary: 'Could a candidate slate comply, and which seats must go to women',
      params: idParams,
      body: slateCheckBody,
      response: { 200: slateCheckView },
    },
    handler: async (request) => quotaService.checkSlate(actorOf(request), request.params.id, request.body),
  });
  api.get('/allocations/:id/quota', {
    config: { access: 'assembly.read' },
    schema: {
      tags,
      summary:
        'Quota status of a delegation (executive delegates; Komite Perempuan seats counted separately)',
      params: idParams,
      querystring: asOfQuery,
      response: { 200: subjectEvaluationView },
    },
    handler: async (request) =>
      quotaService.evaluateDelegation(actorOf(request), request.params.id, request.query.asOf),
  });
  api.post('/quota/evaluate-list', {
    config: { access: 'member.read' },
    schema: {
      tags,
      summary: 'Quota status of a pasted or picked list of members (invitees, a committee, a class)',
      body: evaluateListBody,
      response: { 200: listEvaluationView },
    },
    handler: async (request) => quotaService.evaluateList(actorOf(request), request.body),
  });
}
