import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponse } from '../../../shared/contracts/common.ts';
import {
  createUserBody,
  grantRoleBody,
  grantRoleResponse,
  listPendingGrantsResponse,
  listUsersQuery,
  pendingGrantView,
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
  api.get('/role-confirmations', {
    // Administrators and case coordinators: which request a caller may confirm or withdraw is decided
    // per request (platform/access.ts canConfirmCaseRole), so a coordinator of a DPC sees none at DPD.
    config: { access: ['role.grant', 'case.intake'] },
    schema: {
      tags,
      summary: 'Case roles waiting for a second person, that the caller may confirm or withdraw',
      response: { 200: listPendingGrantsResponse },
    },
    handler: async (request) => usersService.listPendingGrants(actorOf(request)),
  });
  api.post('/role-confirmations/:id/confirm', {
    config: { access: ['role.grant', 'case.intake'] },
    schema: {
      tags,
      summary: 'Confirm a pending case role as the second person; it takes effect at once',
      params,
      response: { 200: pendingGrantView },
    },
    handler: async (request) => usersService.confirmPendingGrant(actorOf(request), request.params.id),
  });
  api.delete('/role-confirmations/:id', {
    config: { access: ['role.grant', 'case.intake'] },
    schema: {
      tags,
      summary: 'Withdraw (the one who asked, an administrator) or decline (a confirmer) a pending case role',
      params,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await usersService.withdrawPendingGrant(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
