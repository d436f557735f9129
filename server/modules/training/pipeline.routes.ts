import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  pipelineProportionalityQuery,
  pipelineProportionalityResponse,
  pipelineQuery,
  pipelineResponse,
  readyPoolQuery,
  readyPoolResponse,
} from '../../../shared/contracts/training-pipeline.ts';
import { actorOf } from '../../platform/http.ts';
import type { PipelineService } from './pipeline.service.ts';

/**
 * The leadership pipeline (issue 12). The funnel and the proportionality view are aggregates with small
 * cells suppressed (`dashboard.read`, like the quota dashboard); the ready pool names members
 * (`training.pipeline`: gender officers and org admins) and is audited. A unit outside the caller's
 * scope answers 404.
 */
export async function pipelineRoutes(
  app: FastifyInstance,
  options: { pipelineService: PipelineService },
): Promise<void> {
  const { pipelineService: service } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training pipeline'];

  api.get('/training/pipeline', {
    config: { access: 'dashboard.read' },
    schema: {
      tags,
      summary:
        'Funnel of a cohort (trained → cadre stage → nominated → appointed) by unit and sex, posts held 12 and 24 months on by DPD, time to first appointment',
      querystring: pipelineQuery,
      response: { 200: pipelineResponse },
    },
    handler: async (request) => service.getPipeline(actorOf(request), request.query),
  });

  api.get('/training/pipeline/ready-pool', {
    config: { access: 'training.pipeline' },
    schema: {
      tags,
      summary:
        'Bodies judged non-compliant or at risk, or whose term ends within N months, with the trained women of their unit not holding a post in them (audited)',
      querystring: readyPoolQuery,
      response: { 200: readyPoolResponse },
    },
    handler: async (request) => service.getReadyPool(actorOf(request), request.query),
  });

  api.get('/training/pipeline/proportionality', {
    config: { access: 'dashboard.read' },
    schema: {
      tags,
      summary:
        "Women's share of trainees and facilitators per track and year against the membership of the units that sent them",
      querystring: pipelineProportionalityQuery,
      response: { 200: pipelineProportionalityResponse },
    },
    handler: async (request) => service.getProportionality(actorOf(request), request.query),
  });
}
