import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { homeWorkResponse } from '../../../shared/contracts/home.ts';
import { actorOf } from '../../platform/http.ts';
import type { HomeService } from './home.service.ts';

/** The signed-in user's home page data: what she must act on now (counts only). */
export async function homeRoutes(app: FastifyInstance, options: { homeService: HomeService }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/home/work', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['home'],
      summary: 'What I must act on now: waiting cases, assigned cases, blocking warnings (counts only)',
      response: { 200: homeWorkResponse },
    },
    handler: async (request) => options.homeService.work(actorOf(request)),
  });
}
