import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUnitBody,
  listUnitsQuery,
  listUnitsResponse,
  moveUnitBody,
  renameUnitBody,
  unitLevelsResponse,
  unitView,
} from '../../../shared/contracts/units.ts';
import { idSchema } from '../../../shared/contracts/common.ts';
import {
  listRegionsQuery,
  listRegionsResponse,
  mergeUnitBody,
  unitDetailsView,
  unitHistoryResponse,
  updateUnitDetailsBody,
} from '../../../shared/contracts/organisation.ts';
import { actorOf } from '../../platform/http.ts';
import type { UnitsService } from './units.service.ts';

const params = z.object({ id: idSchema });

/** The org unit tree: browse within scope, create, rename, move, deactivate. */
export async function unitsRoutes(
  app: FastifyInstance,
  options: { unitsService: UnitsService },
): Promise<void> {
  const { unitsService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['units'];

  api.get('/units/levels', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'Configured level names, top first', response: { 200: unitLevelsResponse } },
    handler: async () => ({ levels: unitsService.levels() }),
  });
  api.get('/units', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary: 'Children of a unit, the caller top units, or a search within scope',
      querystring: listUnitsQuery,
      response: { 200: listUnitsResponse },
    },
    handler: async (request) => ({
      items: await unitsService.listUnits(actorOf(request), {
        parentId: request.query.parentId,
        q: request.query.q || undefined,
        includeInactive: request.query.includeInactive === 'true',
      }),
    }),
  });
  api.get('/units/:id', {
    config: { access: 'unit.read' },
    schema: { tags, summary: 'One unit', params, response: { 200: unitView } },
    handler: async (request) => unitsService.getUnit(actorOf(request), request.params.id),
  });
  api.post('/units', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Create a unit under a parent',
      body: createUnitBody,
      response: { 201: unitView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await unitsService.createUnit(actorOf(request), request.body)),
  });
  api.patch('/units/:id', {
    config: { access: 'unit.manage' },
    schema: { tags, summary: 'Rename a unit', params, body: renameUnitBody, response: { 200: unitView } },
    handler: async (request) =>
      unitsService.renameUnit(actorOf(request), request.params.id, request.body.name),
  });
  api.post('/units/:id/move', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Move a unit and its subtree under another parent',
      params,
      body: moveUnitBody,
      response: { 200: unitView },
    },
    handler: async (request) =>
      unitsService.moveUnit(actorOf(request), request.params.id, request.body.parentId),
  });
  api.post('/units/:id/deactivate', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Deactivate a unit without active children',
      params,
      response: { 200: unitView },
    },
    handler: async (request) => unitsService.setUnitActive(actorOf(request), request.params.id, false),
  });
  api.post('/units/:id/reactivate', {
    config: { access: 'unit.manage' },
    schema: { tags, summary: 'Reactivate a unit', params, response: { 200: unitView } },
    handler: async (request) => unitsService.setUnitActive(actorOf(request), request.params.id, true),
  });

  api.get('/units/:id/details', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary: 'Region, company, sector, Disnaker number, dates and active member count',
      params,
      response: { 200: unitDetailsView },
    },
    handler: async (request) => unitsService.getUnitDetails(actorOf(request), request.params.id),
  });
  api.patch('/units/:id/details', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Edit the details of a unit',
      params,
      body: updateUnitDetailsBody,
      response: { 200: unitDetailsView },
    },
    handler: async (request) =>
      unitsService.updateUnitDetails(actorOf(request), request.params.id, request.body),
  });
  api.post('/units/:id/merge', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Merge a unit into another from a date (children and members move; history kept)',
      params,
      body: mergeUnitBody,
      response: { 200: unitView },
    },
    handler: async (request) =>
      unitsService.mergeUnit(
        actorOf(request),
        request.params.id,
        request.body.targetId,
        request.body.effectiveOn,
      ),
  });
  api.get('/units/:id/history', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary: 'Dated structural history of a unit',
      params,
      response: { 200: unitHistoryResponse },
    },
    handler: async (request) => unitsService.unitHistory(actorOf(request), request.params.id),
  });
  api.get('/regions', {
    config: { access: 'unit.read' },
    schema: {
      tags: ['regions'],
      summary: "Indonesia's provinces and regencies/cities with Kemendagri codes",
      querystring: listRegionsQuery,
      response: { 200: listRegionsResponse },
    },
    handler: async (request) => ({ items: await unitsService.listRegions(request.query) }),
  });
}
