import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common.ts';
import { roomCodeResponse } from '../../../shared/contracts/training.ts';
import { actorOf } from '../../platform/http.ts';
import type { RoomCodeService } from './room-code.service.ts';

/**
 * The room display of self check-in. Guard `training.manage`: trainers hold it, and so do gender
 * officers (who also organise); the class gate then lets through only organisers of the class and
 * trainers assigned to it (anyone else: 404, as if the session did not exist).
 */
export async function roomCodeRoutes(
  app: FastifyInstance,
  options: { roomCodeService: RoomCodeService },
): Promise<void> {
  const { roomCodeService } = options;
  app.addHook('onSend', async (_request, reply) => {
    // A code is good for seconds: never kept by a browser or a proxy.
    void reply.header('cache-control', 'no-store');
  });
  app.withTypeProvider<ZodTypeProvider>().get('/training/sessions/:id/room-code', {
    config: { access: 'training.manage' },
    schema: {
      tags: ['training'],
      summary:
        'The room display for self check-in: the rotating code (every 15 s), its public address and QR',
      params: z.object({ id: idSchema }),
      response: { 200: roomCodeResponse },
    },
    handler: async (request) => roomCodeService.roomCode(actorOf(request), request.params.id),
  });
}
