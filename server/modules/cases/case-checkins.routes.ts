import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseCheckinsResponse,
  checkinParams,
  contractRenewalBody,
  recordCheckinBody,
} from '../../../shared/contracts/case-reminders.ts';
import { caseIdParams } from '../../../shared/contracts/cases.ts';
import { actorOf } from '../../platform/http.ts';
import type { CaseCheckinsService } from './case-checkins.service.ts';

/**
 * Retaliation check-ins of a case. Same guard as every case route (`case.work`: holds a case role);
 * the service decides per case (the case team only; 404 for anyone without a role in it).
 */
export async function caseCheckinsRoutes(
  app: FastifyInstance,
  options: { checkinsService: CaseCheckinsService },
): Promise<void> {
  const { checkinsService } = options;
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const config = { access: 'case.work' } as const;
  api.get('/cases/:id/checkins', {
    config,
    schema: {
      tags,
      summary: 'Retaliation check-ins after the outcome (30, 90, 180 days, contract renewal)',
      params: caseIdParams,
      response: { 200: caseCheckinsResponse },
    },
    handler: async (request) => checkinsService.list(actorOf(request), request.params.id),
  });
  api.put('/cases/:id/contract-renewal', {
    config,
    schema: {
      tags,
      summary: 'Record or clear the survivor’s contract renewal date (sealed; schedules a check-in)',
      params: caseIdParams,
      body: contractRenewalBody,
      response: { 200: caseCheckinsResponse },
    },
    handler: async (request) =>
      checkinsService.setContractRenewal(actorOf(request), request.params.id, request.body),
  });
  api.post('/cases/:id/checkins/:kind', {
    config,
    schema: {
      tags,
      summary: 'Record a check-in: whether retaliation happened; may add RT01 or reopen a closed case',
      params: checkinParams,
      body: recordCheckinBody,
      response: { 200: caseCheckinsResponse },
    },
    handler: async (request) =>
      checkinsService.record(actorOf(request), request.params.id, request.params.kind, request.body),
  });
}
