import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseLinksResponse } from '../../../shared/contracts/case-escrow.ts';
import { caseIdParams } from '../../../shared/contracts/cases.ts';
import { actorOf } from '../../platform/http.ts';
import type { EscrowService } from './escrow.service.ts';

/** Linked cases (escrow matching): shown only where the caller can see both cases; 404 like any case. */
export async function escrowRoutes(app: FastifyInstance, options: { escrowService: EscrowService }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/cases/:id/links', {
    config: { access: 'case.work' },
    schema: {
      tags: ['cases'],
      summary: 'Cases linked to this one by escrow matching, those the caller can also see',
      params: caseIdParams,
      response: { 200: caseLinksResponse },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { items: await options.escrowService.linkedCases(actorOf(request), request.params.id) };
    },
  });
}
