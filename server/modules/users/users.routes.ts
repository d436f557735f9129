import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../../shared/contracts/common.ts';
import {
  createUserBody,
  grantRoleBody,
  grantRoleResponse,
  listUsersQuery,
  listUsersResponse,
  updateUserBody,
  userView,
} from '../../../shared/contracts/users.ts';
import { actorOf } from '../../platform/http.ts';
import type { UsersService } from './users.service.ts';

const params = z.object({ id: z.uuid() });

/** Account administration and role grants at units (admins). */
export async function usersRoutes(
  app: FastifyInstance,
  options: { usersService: UsersService },
): Promise<void> {
  const { usersService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  api.get('/users', {
    config: { access: 'user.manage' },
    schema: {
      tags,
      summary: 'Accounts whose home unit is in scope',
      querystring: listUsersQuery,
      response: { 200: listUsersResponse },
    },
    handler: async (request) =>
      usersService.listUsers(actorOf(request), { ...request.query, q: request.query.q || undefined }),
  });
  api.post('/users', {
    config: { access: 'user.manage' },
    schema: {
      tags,
      summary: 'Create an account and email an invitation link',
      body: createUserBody,
      response: { 201: userView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await usersService.createUser(actorOf(request), request.body)),
  });
  api.get('/users/:id', {
    config: { access: 'user.manage' },
    schema: { tags, summary: 'One account with its grants', params, response: { 200: userView } },
    handler: async (request) => usersService.getUser(actorOf(request), request.params.id),
  });
  api.patch('/users/:id', {
    config: { access: 'user.manage' },
    schema: {
      tags,
      summary: 'Rename, deactivate or reactivate an account; link or unlink its member record',
      params,
      body: updateUserBody,
      response: { 200: userView },
    },
    handler: async (request) => usersService.updateUser(actorOf(request), request.params.id, request.body),
  });
  api.post('/users/:id/reset-password', {
    config: { access: 'user.manage' },
    schema: {
      tags,
      summary: 'Invalidate the password, end sessions and email a reset link',
      params,
      response: { 200: okResponse },
    },
    handler: async (request) => {
      await usersService.resetPassword(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  });
  api.post('/users/:id/grants', {
    config: { access: 'role.grant' },
    schema: {
      tags,
      summary: 'Grant a role at a unit (covers its subtree)',
      params,
      body: grantRoleBody,
      response: { 201: grantRoleResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await usersService.grantRole(actorOf(request), request.params.id, request.body)),
  });
  api.delete('/users/:id/grants/:grantId', {
    config: { access: 'role.grant' },
    schema: {
      tags,
      summary: 'Revoke a role grant',
      params: params.extend({ grantId: z.uuid() }),
      response: { 200: userView },
    },
    handler: async (request) =>
      usersService.revokeGrant(actorOf(request), request.params.id, request.params.grantId),
  });
}
