import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema, idSchema } from '../../../shared/contracts/common.ts';
import {
  addDelegateBody,
  assemblyDetail,
  createAllocationBody,
  createAssemblyBody,
  listAssembliesResponse,
  updateDelegateBody,
} from '../../../shared/contracts/organisation.ts';
import { actorOf } from '../../platform/http.ts';
import type { AssembliesService } from './assemblies.service.ts';

const idParams = z.object({ id: idSchema });

/** Kongres, Rakernas, Konferta…: delegation allocations and delegates with credential status. */
export async function assembliesRoutes(
  app: FastifyInstance,
  options: { assembliesService: AssembliesService },
): Promise<void> {
  const { assembliesService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assemblies'];

  api.get('/assemblies', {
    config: { access: 'assembly.read' },
    schema: {
      tags,
      summary: 'Assemblies organised at or above the caller units, or inside them',
      response: { 200: listAssembliesResponse },
    },
    handler: async (request) => ({ items: await assembliesService.listAssemblies(actorOf(request)) }),
  });
  api.post('/assemblies', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Create an assembly organised by a unit',
      body: createAssemblyBody,
      response: { 201: assemblyDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await assembliesService.createAssembly(actorOf(request), request.body)),
  });
  api.get('/assemblies/:id', {
    config: { access: 'assembly.read' },
    schema: {
      tags,
      summary: 'An assembly with allocations and delegates',
      params: idParams,
      response: { 200: assemblyDetail },
    },
    handler: async (request) => assembliesService.getAssembly(actorOf(request), request.params.id),
  });
  api.post('/assemblies/:id/allocations', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Set the seats of a delegating unit in a category',
      params: idParams,
      body: createAllocationBody,
      response: { 201: assemblyDetail },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await assembliesService.addAllocation(actorOf(request), request.params.id, request.body)),
  });
  api.post('/allocations/:id/delegates', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Submit a member as delegate',
      params: idParams,
      body: addDelegateBody,
      response: { 201: assemblyDetail },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(
          await assembliesService.addDelegate(actorOf(request), request.params.id, request.body.memberId),
        ),
  });
  api.patch('/delegates/:id', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Accept or return a delegate credential',
      params: z.object({ id: bigIdSchema }),
      body: updateDelegateBody,
      response: { 200: assemblyDetail },
    },
    handler: async (request) =>
      assembliesService.updateDelegate(actorOf(request), request.params.id, request.body),
  });
}
