import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  listNotificationsQuery,
  listNotificationsResponse,
  notificationIdParams,
  unreadCountResponse,
} from '../../../shared/contracts/case-reminders.ts';
import { actorOf } from '../../platform/http.ts';
import type { NotificationsService } from './notifications.service.ts';

/** The signed-in user's own inbox (any full session; each call is scoped to the caller). */
export async function notificationsRoutes(
  app: FastifyInstance,
  options: { notificationsService: NotificationsService },
): Promise<void> {
  const { notificationsService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  const config = { access: 'authenticated' } as const;
  api.get('/notifications', {
    config,
    schema: {
      tags,
      summary: 'My notifications, newest first (no case content: a kind and a link)',
      querystring: listNotificationsQuery,
      response: { 200: listNotificationsResponse },
    },
    handler: async (request) => notificationsService.list(actorOf(request), request.query),
  });
  api.get('/notifications/unread-count', {
    config,
    schema: {
      tags,
      summary: 'How many of my notifications are unread',
      response: { 200: unreadCountResponse },
    },
    handler: async (request) => notificationsService.unreadCount(actorOf(request)),
  });
  api.post('/notifications/:id/read', {
    config,
    schema: {
      tags,
      summary: 'Mark one of my notifications read',
      params: notificationIdParams,
      response: { 200: unreadCountResponse },
    },
    handler: async (request) => notificationsService.markRead(actorOf(request), request.params.id),
  });
  api.post('/notifications/read-all', {
    config,
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: unreadCountResponse } },
    handler: async (request) => notificationsService.markAllRead(actorOf(request)),
  });
}
