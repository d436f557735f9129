import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseRetentionView,
  placeHoldBody,
  retentionCaseItem,
  retentionCaseParams,
  retentionListQuery,
  retentionListResponse,
  retentionSettingsResponse,
  updateRetentionSettingsBody,
} from '../../../shared/contracts/case-retention.ts';
import { actorOf } from '../../platform/http.ts';
import type { CaseRetentionService } from './case-retention.service.ts';

/**
 * Retention of closed cases. The administrator's routes (`settings.manage`) answer coded data only —
 * reference, unit, closing reason, dates, hold — since administrators have no case access. The case team
 * reads the retention of a case it may see through `/cases/:id/retention` (per-case access, 404 otherwise).
 */
export async function caseRetentionRoutes(
  app: FastifyInstance,
  options: { caseRetentionService: CaseRetentionService },
): Promise<void> {
  const service = options.caseRetentionService;
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['case retention'];
  const admin = { access: 'settings.manage' } as const;

  api.get('/retention/settings', {
    config: admin,
    schema: {
      tags,
      summary: 'Retention periods per closing reason (years after the close date) and their defaults',
      response: { 200: retentionSettingsResponse },
    },
    handler: async (request) => service.getSettings(actorOf(request)),
  });
  api.put('/retention/settings', {
    config: admin,
    schema: {
      tags,
      summary: 'Set the retention periods (top-unit administrators; 1 to 30 years each)',
      body: updateRetentionSettingsBody,
      response: { 200: retentionSettingsResponse },
    },
    handler: async (request) => service.updateSettings(actorOf(request), request.body.periods),
  });
  api.get('/retention/cases', {
    config: admin,
    schema: {
      tags,
      summary: 'Closed cases in the caller’s scope with coded data only: reason, dates, purge due, hold',
      querystring: retentionListQuery,
      response: { 200: retentionListResponse },
    },
    handler: async (request) => service.listCases(actorOf(request), request.query),
  });
  api.post('/retention/cases/:id/hold', {
    config: admin,
    schema: {
      tags,
      summary: 'Place a legal hold (coded reason): the case is not purged until the hold is released',
      params: retentionCaseParams,
      body: placeHoldBody,
      response: { 200: retentionCaseItem },
    },
    handler: async (request) => service.placeHold(actorOf(request), request.params.id, request.body.reason),
  });
  api.post('/retention/cases/:id/release', {
    config: admin,
    schema: {
      tags,
      summary: 'Release the legal hold; the next purge run takes the case when its period has passed',
      params: retentionCaseParams,
      response: { 200: retentionCaseItem },
    },
    handler: async (request) => service.releaseHold(actorOf(request), request.params.id),
  });
  api.get('/cases/:id/retention', {
    config: { access: 'case.work' },
    schema: {
      tags,
      summary: 'The case team’s view: when the case will be purged, and any legal hold',
      params: retentionCaseParams,
      response: { 200: caseRetentionView },
    },
    handler: async (request) => service.caseView(actorOf(request), request.params.id),
  });
}
