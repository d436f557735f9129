import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema, idSchema } from '../../../shared/contracts/common.ts';
import {
  assemblyCredentialsView,
  credentialDecisionBody,
  delegationView,
  resubmitBody,
} from '../../../shared/contracts/quota.ts';
import { actorOf } from '../../platform/http.ts';
import type { CredentialsService } from './credentials.service.ts';

const idParams = z.object({ id: idSchema });

/** Congress credentialing: delegations with quota gates, decisions with reasons, resubmission. */
export async function credentialsRoutes(
  app: FastifyInstance,
  options: { credentialsService: CredentialsService },
): Promise<void> {
  const { credentialsService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assemblies'];

  api.get('/assemblies/:id/credentials', {
    config: { access: 'assembly.read' },
    schema: {
      tags,
      summary: 'Delegations of an assembly with quota status, required and present women, decision history',
      params: idParams,
      response: { 200: assemblyCredentialsView },
    },
    handler: async (request) => credentialsService.listCredentials(actorOf(request), request.params.id),
  });
  api.get('/allocations/:id/credentials', {
    config: { access: 'assembly.read' },
    schema: {
      tags,
      summary: 'One delegation for credentialing',
      params: idParams,
      response: { 200: delegationView },
    },
    handler: async (request) => credentialsService.getDelegation(actorOf(request), request.params.id),
  });
  api.post('/allocations/:id/credential-decisions', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary:
        'Congress committee accepts or returns a delegation (below-quota delegations can only be returned)',
      params: idParams,
      body: credentialDecisionBody,
      response: { 201: delegationView },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await credentialsService.decide(actorOf(request), request.params.id, request.body)),
  });
  api.post('/allocations/:id/resubmit', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'The delegating unit resubmits a returned delegation',
      params: idParams,
      body: resubmitBody,
      response: { 201: delegationView },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await credentialsService.resubmit(actorOf(request), request.params.id, request.body)),
  });
  api.delete('/delegates/:id', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'The delegating unit withdraws a delegate while the delegation is not accepted',
      params: z.object({ id: bigIdSchema }),
      response: { 200: delegationView },
    },
    handler: async (request) => credentialsService.withdrawDelegate(actorOf(request), request.params.id),
  });
}
