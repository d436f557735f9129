import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema, idSchema } from '../../../shared/contracts/common.ts';
import {
  activityDetail,
  activityTallyBody,
  addAttendeesBody,
  campaignDetail,
  createActivityBody,
  createCampaignBody,
  listActivityKindsResponse,
  listCampaignsResponse,
  moveCampaignBody,
  unitReachQuery,
  unitReachResponse,
  updateActivityBody,
  updateCampaignBody,
} from '../../../shared/contracts/campaigns.ts';
import { AppError } from '../../../shared/errors.ts';
import { actorOf, sendDownload } from '../../platform/http.ts';
import { readOneFile, registerMultipart, requireMultipart } from '../../platform/multipart.ts';
import type { CampaignsService } from './campaigns.service.ts';

const idParams = z.object({ id: idSchema });
const attendeeParams = z.object({ id: idSchema, memberId: bigIdSchema });
/** Every campaign route: the campaign gate (campaign-access.ts) decides per campaign behind this guard. */
const access = 'campaign.manage';

/** Education campaigns (issue 13): campaigns, sub-campaigns, activities, reach. */
export async function campaignsRoutes(
  app: FastifyInstance,
  options: { campaignsService: CampaignsService; maxPhotoBytes: number },
): Promise<void> {
  const { campaignsService: service } = options;
  await registerMultipart(app, {
    limits: { fileSize: options.maxPhotoBytes, files: 1, fields: 1, parts: 2 },
    throwFileSizeLimit: true,
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns'];

  api.get('/campaigns/activity-kinds', {
    config: { access },
    schema: {
      tags,
      summary: 'Activity kinds (configuration) with their labels',
      response: { 200: listActivityKindsResponse },
    },
    handler: async () => ({ items: await service.listKinds() }),
  });
  api.get('/campaigns', {
    config: { access },
    schema: {
      tags,
      summary:
        'Campaigns the caller manages, or that address her units (the national campaign above her DPD)',
      response: { 200: listCampaignsResponse },
    },
    handler: async (request) => service.listCampaigns(actorOf(request)),
  });
  api.post('/campaigns', {
    config: { access },
    schema: {
      tags,
      summary: 'Create a campaign or a sub-campaign at a unit the caller manages',
      body: createCampaignBody,
      response: { 201: campaignDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createCampaign(actorOf(request), request.body)),
  });
  api.get('/campaigns/reach', {
    config: { access },
    schema: {
      tags,
      summary: "Reach of every campaign's activities hosted in a unit subtree, against the members addressed",
      querystring: unitReachQuery,
      response: { 200: unitReachResponse },
    },
    handler: async (request) => service.unitReach(actorOf(request), request.query),
  });
  api.get('/campaigns/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'A campaign with its days, sub-campaigns, activities and reach against membership',
      params: idParams,
      response: { 200: campaignDetail },
    },
    handler: async (request) => service.getCampaign(actorOf(request), request.params.id),
  });
  api.patch('/campaigns/:id', {
    config: { access },
    schema: {
      tags,
      summary: "Change a campaign's title, theme, dates, goals and days",
      params: idParams,
      body: updateCampaignBody,
      response: { 200: campaignDetail },
    },
    handler: async (request) => service.updateCampaign(actorOf(request), request.params.id, request.body),
  });
  api.post('/campaigns/:id/status', {
    config: { access },
    schema: {
      tags,
      summary: 'Move a campaign: draft → active → closed',
      params: idParams,
      body: moveCampaignBody,
      response: { 200: campaignDetail },
    },
    handler: async (request) =>
      service.moveCampaign(actorOf(request), request.params.id, request.body.status),
  });
  api.post('/campaigns/:id/activities', {
    config: { access },
    schema: {
      tags,
      summary: "Add an activity hosted in the campaign owner's subtree",
      params: idParams,
      body: createActivityBody,
      response: { 201: activityDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createActivity(actorOf(request), request.params.id, request.body)),
  });
  api.get('/campaign-activities/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'An activity with facilitators, its tally or named list, and reach against membership',
      params: idParams,
      response: { 200: activityDetail },
    },
    handler: async (request) => service.getActivity(actorOf(request), request.params.id),
  });
  api.put('/campaign-activities/:id', {
    config: { access },
    schema: {
      tags,
      summary:
        'Correct an activity (kind, host, date, title, place, materials, facilitators); not its reach mode',
      params: idParams,
      body: updateActivityBody,
      response: { 200: activityDetail },
    },
    handler: async (request) => service.updateActivity(actorOf(request), request.params.id, request.body),
  });
  api.delete('/campaign-activities/:id', {
    config: { access },
    schema: {
      tags,
      summary: 'Remove an activity with its head count, named list and photos (not in a closed campaign)',
      params: idParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await service.deleteActivity(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
  api.put('/campaign-activities/:id/tally', {
    config: { access },
    schema: {
      tags,
      summary: 'Set the head count (women, men, unknown) of a tally activity',
      params: idParams,
      body: activityTallyBody,
      response: { 200: activityDetail },
    },
    handler: async (request) => service.setTally(actorOf(request), request.params.id, request.body),
  });
  api.post('/campaign-activities/:id/attendees', {
    config: { access },
    schema: {
      tags,
      summary: 'Roll call: mark members as reached (idempotent per member)',
      params: idParams,
      body: addAttendeesBody,
      response: { 200: activityDetail },
    },
    handler: async (request) =>
      service.addAttendees(actorOf(request), request.params.id, request.body.memberIds),
  });
  api.delete('/campaign-activities/:id/attendees/:memberId', {
    config: { access },
    schema: {
      tags,
      summary: 'Take a member off the named list',
      params: attendeeParams,
      response: { 200: activityDetail },
    },
    handler: async (request) =>
      service.removeAttendee(actorOf(request), request.params.id, request.params.memberId),
  });
  api.post('/campaign-activities/:id/photos', {
    config: { access },
    schema: {
      tags,
      summary:
        'Attach a photo as evidence (multipart field `file`; JPEG, PNG or WebP, sniffed from the bytes)',
      params: idParams,
      consumes: ['multipart/form-data'],
      response: { 201: activityDetail },
    },
    handler: async (request, reply) => {
      requireMultipart(request);
      // The door before the upload is read: a caller who may not manage the activity never sends her file.
      const opened = await service.getActivity(actorOf(request), request.params.id);
      if (!opened.canManage) throw new AppError('forbidden');
      const data = await readOneFile(request);
      return reply.status(201).send(await service.addPhoto(actorOf(request), request.params.id, data));
    },
  });
  api.get('/campaign-activities/:id/photos/:photoId', {
    config: { access },
    schema: {
      tags,
      summary: 'Download a photo of the activity',
      params: z.object({ id: idSchema, photoId: idSchema }),
    },
    handler: async (request, reply) => {
      const photo = await service.photo(actorOf(request), request.params.id, request.params.photoId);
      return sendDownload(reply, { body: photo.data, name: photo.name, type: photo.mediaType });
    },
  });
}
