import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listAuditQuery, listAuditResponse, listOutboxResponse } from '../../../shared/contracts/audit.ts';
import { actorOf } from '../../platform/http.ts';
import type { AuditService } from './audit.service.ts';

/** Audit log browsing and the mail outbox (administrators). */
export async function auditRoutes(
  app: FastifyInstance,
  options: { auditService: AuditService },
): Promise<void> {
  const { auditService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/audit', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['audit'],
      summary: 'Audit log, newest first, filterable',
      querystring: listAuditQuery,
      response: { 200: listAuditResponse },
    },
    handler: async (request) => auditService.listAudit(actorOf(request), request.query),
  });
  api.get('/outbox', {
    config: { access: 'outbox.read' },
    schema: {
      tags: ['mail'],
      summary: 'Outgoing mail, including messages held for lack of SMTP',
      response: { 200: listOutboxResponse },
    },
    handler: async (request) => auditService.listOutbox(actorOf(request)),
  });
}
