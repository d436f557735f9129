import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema, okResponse } from '../../../shared/contracts/common.ts';
import {
  confirmBody,
  ladderResponse,
  memberStagesResponse,
  proposalsResponse,
  reasonBody,
  recordStageBody,
  refreshBody,
  refreshResponse,
  stageView,
  updateStageBody,
} from '../../../shared/contracts/cadre.ts';
import { canAnywhere, type Action } from '../../platform/access.ts';
import { actorOf } from '../../platform/http.ts';
import type { CadreService } from './cadre.service.ts';

const bigParams = z.object({ id: bigIdSchema });
const codeParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/) });
/** The ladder is read by whoever reads members or decides stages; editing is checked in the service. */
const readLadder = ['member.read', 'cadre.confirm'] as const satisfies readonly [Action, ...Action[]];

/**
 * Cadre stages (issue 12): the ladder and its rules, proposals, confirmation by an officer of the level
 * above, manual records and withdrawals, a member's stages. Which member a caller decides for is settled
 * per member by the service (cadre-rules.ts confirmingUnitOf).
 */
export async function cadreRoutes(
  app: FastifyInstance,
  options: { cadreService: CadreService },
): Promise<void> {
  const { cadreService: service } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cadre'];

  api.get('/cadre/stages', {
    config: { access: readLadder },
    schema: {
      tags,
      summary: 'The cadre ladder with each stage rule (configuration)',
      response: { 200: ladderResponse },
    },
    handler: async (request) => service.ladder(actorOf(request)),
  });
  api.put('/cadre/stages/:code', {
    config: { access: 'cadre.confirm' },
    schema: {
      tags,
      summary: "Edit a stage's labels and rule (national gender officers and org admins)",
      params: codeParams,
      body: updateStageBody,
      response: { 200: stageView },
    },
    handler: async (request) => service.updateStage(actorOf(request), request.params.code, request.body),
  });
  api.get('/cadre/proposals', {
    config: { access: 'cadre.confirm' },
    schema: {
      tags,
      summary: 'Open stage proposals the caller decides (members whose unit is below hers), with evidence',
      response: { 200: proposalsResponse },
    },
    handler: async (request) => ({
      items: await service.listProposals(actorOf(request)),
      canRefresh: canAnywhere(actorOf(request).principal, 'cadre.confirm'),
    }),
  });
  api.post('/cadre/proposals/refresh', {
    config: { access: 'cadre.confirm' },
    schema: {
      tags,
      summary: "Judge the members of a unit's subtree and propose the next stage of each who meets its rule",
      body: refreshBody,
      response: { 200: refreshResponse },
    },
    handler: async (request) => service.refresh(actorOf(request), request.body.unitId),
  });
  api.post('/cadre/proposals/:id/confirm', {
    config: { access: 'cadre.confirm' },
    schema: {
      tags,
      summary: 'Confirm a proposal: a dated stage record with its evidence (officer of the level above)',
      params: bigParams,
      body: confirmBody,
      response: { 200: memberStagesResponse },
    },
    handler: async (request) => service.confirm(actorOf(request), request.params.id, request.body),
  });
  api.post('/cadre/proposals/:id/decline', {
    config: { access: 'cadre.confirm' },
    schema: {
      tags,
      summary: 'Decline a proposal with a reason',
      params: bigParams,
      body: reasonBody,
      response: { 200: okResponse },
    },
    handler: async (request) => service.decline(actorOf(request), request.params.id, request.body.reason),
  });
  api.get('/cadre/members/:id', {
    config: { access: 'member.read' },
    schema: {
      tags,
      summary: "A member's current stage, next stage and stage history (for her member page)",
      params: bigParams,
      response: { 200: memberStagesResponse },
    },
    handler: async (request) => service.memberStages(actorOf(request), request.params.id),
  });
  api.post('/cadre/members/:id/records', {
    config: { access: 'cadre.confirm' },
    schema: {
      tags,
      summary: 'Record a stage by hand with an evidence note (e.g. a cadre trained before Setara)',
      params: bigParams,
      body: recordStageBody,
      response: { 201: memberStagesResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.recordStage(actorOf(request), request.params.id, request.body)),
  });
  api.post('/cadre/records/:id/withdraw', {
    config: { access: 'cadre.confirm' },
    schema: {
      tags,
      summary: 'Withdraw a stage record with a reason (it stays in her history)',
      params: bigParams,
      body: reasonBody,
      response: { 200: memberStagesResponse },
    },
    handler: async (request) => service.withdraw(actorOf(request), request.params.id, request.body.reason),
  });
}
