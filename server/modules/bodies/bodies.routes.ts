import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema, idSchema } from '../../../shared/contracts/common.ts';
import {
  appointBody,
  bodyView,
  createBodyBody,
  createPositionBody,
  endAppointmentBody,
  listBodiesQuery,
  listBodiesResponse,
  updateBodyBody,
  updatePositionBody,
} from '../../../shared/contracts/organisation.ts';
import { actorOf } from '../../platform/http.ts';
import type { BodiesService } from './bodies.service.ts';

const idParams = z.object({ id: idSchema });
const appointmentParams = z.object({ id: bigIdSchema });

/** Boards and committees of a unit, their positions, and appointments with terms. */
export async function bodiesRoutes(
  app: FastifyInstance,
  options: { bodiesService: BodiesService },
): Promise<void> {
  const { bodiesService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['bodies'];

  api.get('/units/:id/bodies', {
    config: { access: 'unit.read' },
    schema: {
      tags,
      summary: 'Bodies of a unit with positions, holders on a date, and vacant seats',
      params: idParams,
      querystring: listBodiesQuery,
      response: { 200: listBodiesResponse },
    },
    handler: async (request) => ({
      items: await bodiesService.listBodies(actorOf(request), request.params.id, request.query.asOf),
    }),
  });
  api.post('/units/:id/bodies', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Create a body (board, committee) at a unit',
      params: idParams,
      body: createBodyBody,
      response: { 201: bodyView },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await bodiesService.createBody(actorOf(request), request.params.id, request.body)),
  });
  api.patch('/bodies/:id', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Rename a body, change its seats, or close it',
      params: idParams,
      body: updateBodyBody,
      response: { 200: bodyView },
    },
    handler: async (request) => bodiesService.updateBody(actorOf(request), request.params.id, request.body),
  });
  api.post('/bodies/:id/positions', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Add a position to a body',
      params: idParams,
      body: createPositionBody,
      response: { 201: bodyView },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await bodiesService.createPosition(actorOf(request), request.params.id, request.body)),
  });
  api.patch('/positions/:id', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Change a position',
      params: idParams,
      body: updatePositionBody,
      response: { 200: bodyView },
    },
    handler: async (request) =>
      bodiesService.updatePosition(actorOf(request), request.params.id, request.body),
  });
  api.post('/positions/:id/appointments', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'Appoint a member to a position for a term (elected, appointed, acting/Plt)',
      params: idParams,
      body: appointBody,
      response: { 201: bodyView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await bodiesService.appoint(actorOf(request), request.params.id, request.body)),
  });
  api.post('/appointments/:id/end', {
    config: { access: 'unit.manage' },
    schema: {
      tags,
      summary: 'End an appointment on a date',
      params: appointmentParams,
      body: endAppointmentBody,
      response: { 200: bodyView },
    },
    handler: async (request) =>
      bodiesService.endAppointment(actorOf(request), request.params.id, request.body.termEnd),
  });
}
