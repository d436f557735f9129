import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../../shared/contracts/common.ts';
import {
  paperAnswersBody,
  paperParams,
  testItemBody,
  testItemParams,
  testReport,
  testSettingsBody,
  testsView,
} from '../../../shared/contracts/training-tests.ts';
import type { Action } from '../../platform/access.ts';
import { actorOf } from '../../platform/http.ts';
import type { TrainingTestsService } from './training-tests.service.ts';

const idParams = z.object({ id: idSchema });
/** Running a class: its organisers (training.organise) and its assigned trainers (training.manage). */
const runClass = ['training.organise', 'training.manage'] as const satisfies readonly [Action, ...Action[]];
/** Anyone with a part in capacity building; the class door (training-access.ts) decides per class. */
const anyTraining = [
  'training.organise',
  'training.nominate',
  'training.manage',
] as const satisfies readonly [Action, ...Action[]];

/** Pre/post tests of a class (issue 12): item bank, forms A/B, open/close, paper entry, the report. */
export async function trainingTestsRoutes(
  app: FastifyInstance,
  options: { trainingTestsService: TrainingTestsService },
): Promise<void> {
  const { trainingTestsService: service } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];

  api.get('/training/classes/:id/tests', {
    config: { access: runClass },
    schema: {
      tags,
      summary:
        "A class's tests: items with their keys, forms A/B, the open test, each participant's attempts",
      params: idParams,
      response: { 200: testsView },
    },
    handler: async (request) => service.getTests(actorOf(request), request.params.id),
  });
  api.put('/training/classes/:id/tests/settings', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Switch parallel forms A/B (before any answer) and open or close the pre- or post-test',
      params: idParams,
      body: testSettingsBody,
      response: { 200: testsView },
    },
    handler: async (request) => service.setSettings(actorOf(request), request.params.id, request.body),
  });
  api.post('/training/classes/:id/tests/items', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Add a multiple-choice item to the class item bank (form A or B)',
      params: idParams,
      body: testItemBody,
      response: { 201: testsView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.addItem(actorOf(request), request.params.id, request.body)),
  });
  api.put('/training/test-items/:id', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Edit an item (409 test_item_answered when answers exist and options, key or form change)',
      params: testItemParams,
      body: testItemBody,
      response: { 200: testsView },
    },
    handler: async (request) => service.updateItem(actorOf(request), request.params.id, request.body),
  });
  api.delete('/training/test-items/:id', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Remove an item (one with answers is retired: its answers keep their key)',
      params: testItemParams,
      response: { 200: testsView },
    },
    handler: async (request) => service.removeItem(actorOf(request), request.params.id),
  });
  api.put('/training/participants/:id/tests/:phase', {
    config: { access: runClass },
    schema: {
      tags,
      summary: "Enter a participant's answers from paper (a second entry corrects; history kept)",
      params: paperParams,
      body: paperAnswersBody,
      response: { 200: testsView },
    },
    handler: async (request) =>
      service.enterPaper(actorOf(request), request.params.id, request.params.phase, request.body),
  });
  api.get('/training/classes/:id/tests/report', {
    config: { access: anyTraining },
    schema: {
      tags,
      summary:
        'Learning gain: means on matched pairs, normalised gain, bands, by sex and unit, item difficulty (groups under 5 hidden)',
      params: idParams,
      response: { 200: testReport },
    },
    handler: async (request) => service.report(actorOf(request), request.params.id),
  });
}
