import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema, idSchema } from '../../../shared/contracts/common.ts';
import {
  addFacilitatorBody,
  addTrainerBody,
  attendanceResponse,
  certificateView,
  classDetail,
  completionResponse,
  createClassBody,
  createProgramBody,
  createSessionBody,
  decideBody,
  listProgramsResponse,
  listTracksResponse,
  memberTrainingResponse,
  nominateBody,
  programDetail,
  recordAttendanceBody,
  returnUnitBody,
  revokeBody,
  setAllocationBody,
  tallyBody,
} from '../../../shared/contracts/training.ts';
import { canAnywhere, type Action } from '../../platform/access.ts';
import { actorOf, downloadTypes, sendDownload } from '../../platform/http.ts';
import { readOneFile, registerMultipart, requireMultipart } from '../../platform/multipart.ts';
import type { TrainingService } from './training.service.ts';

const idParams = z.object({ id: idSchema });
const participantParams = z.object({ id: bigIdSchema });
const codeParams = z.object({ code: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{12}$/) });

/** Anyone who takes part in capacity building; the class gate (training-access.ts) decides per class. */
const anyTraining = [
  'training.organise',
  'training.nominate',
  'training.manage',
] as const satisfies readonly [Action, ...Action[]];
/** Running a class: its organisers (training.organise) and its assigned trainers (training.manage). */
const runClass = ['training.organise', 'training.manage'] as const satisfies readonly [Action, ...Action[]];

/** Capacity building (issue 12): programs, classes, the call, nominations, attendance, certificates. */
export async function trainingRoutes(
  app: FastifyInstance,
  options: { trainingService: TrainingService; maxPhotoBytes: number },
): Promise<void> {
  const { trainingService: service } = options;
  await registerMultipart(app, {
    limits: { fileSize: options.maxPhotoBytes, files: 1, fields: 1, parts: 2 },
    throwFileSizeLimit: true,
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];

  api.get('/training/tracks', {
    config: { access: anyTraining },
    schema: {
      tags,
      summary: 'Training tracks (configuration) with their labels',
      response: { 200: listTracksResponse },
    },
    handler: async () => ({ items: await service.listTracks() }),
  });
  api.get('/training/members/:id', {
    config: { access: 'member.read' },
    schema: {
      tags,
      summary: "A member's classes and certificates (for her member page)",
      params: participantParams,
      response: { 200: memberTrainingResponse },
    },
    handler: async (request) => ({ items: await service.memberHistory(actorOf(request), request.params.id) }),
  });
  api.get('/training/programs', {
    config: { access: anyTraining },
    schema: {
      tags,
      summary: 'Programs the caller organises, or that hold a class she runs or nominates to',
      response: { 200: listProgramsResponse },
    },
    handler: async (request) => ({
      items: await service.listPrograms(actorOf(request)),
      canCreate: canAnywhere(actorOf(request).principal, 'training.organise'),
    }),
  });
  api.post('/training/programs', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Create a program at a unit',
      body: createProgramBody,
      response: { 201: programDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createProgram(actorOf(request), request.body)),
  });
  api.get('/training/programs/:id', {
    config: { access: anyTraining },
    schema: {
      tags,
      summary: 'A program with the classes the caller may see',
      params: idParams,
      response: { 200: programDetail },
    },
    handler: async (request) => service.getProgram(actorOf(request), request.params.id),
  });
  api.post('/training/programs/:id/classes', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Add a thematic class to a program',
      params: idParams,
      body: createClassBody,
      response: { 201: classDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.createClass(actorOf(request), request.params.id, request.body)),
  });
  api.get('/training/classes/:id', {
    config: { access: anyTraining },
    schema: {
      tags,
      summary:
        'A class: sessions, the call, trainers, facilitators, the participants the caller may see, quota',
      params: idParams,
      response: { 200: classDetail },
    },
    handler: async (request) => service.getClass(actorOf(request), request.params.id),
  });
  api.post('/training/classes/:id/sessions', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Add a session',
      params: idParams,
      body: createSessionBody,
      response: { 201: classDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.addSession(actorOf(request), request.params.id, request.body)),
  });
  api.put('/training/classes/:id/allocations', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Set the seats of a unit in the call (0 removes the unit)',
      params: idParams,
      body: setAllocationBody,
      response: { 200: classDetail },
    },
    handler: async (request) => service.setAllocation(actorOf(request), request.params.id, request.body),
  });
  api.post('/training/classes/:id/allocations/:unitId/return', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: "Return a unit's undecided nominations as one list, with one reason",
      params: z.object({ id: idSchema, unitId: idSchema }),
      body: returnUnitBody,
      response: { 200: classDetail },
    },
    handler: async (request) =>
      service.returnUnit(actorOf(request), request.params.id, request.params.unitId, request.body),
  });
  api.post('/training/classes/:id/trainers', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Assign a trainer (an account holding the trainer role) to the class',
      params: idParams,
      body: addTrainerBody,
      response: { 200: classDetail },
    },
    handler: async (request) => service.addTrainer(actorOf(request), request.params.id, request.body.email),
  });
  api.post('/training/classes/:id/facilitators', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Add a facilitator: a member, or a person from outside the membership',
      params: idParams,
      body: addFacilitatorBody,
      response: { 200: classDetail },
    },
    handler: async (request) => service.addFacilitator(actorOf(request), request.params.id, request.body),
  });
  api.post('/training/classes/:id/nominations', {
    config: { access: ['training.nominate', 'training.organise'] },
    schema: {
      tags,
      summary: 'Nominate a member of the caller subtree (422 not_eligible names each failing rule)',
      params: idParams,
      body: nominateBody,
      response: { 201: classDetail },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await service.nominate(actorOf(request), request.params.id, request.body.memberId)),
  });
  api.post('/training/classes/:id/completion', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Apply the completion rule to every participant holding a seat',
      params: idParams,
      response: { 200: completionResponse },
    },
    handler: async (request) => service.complete(actorOf(request), request.params.id),
  });
  api.post('/training/participants/:id/decision', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Accept, waitlist, return (with reason), decline… a participant',
      params: participantParams,
      body: decideBody,
      response: { 200: classDetail },
    },
    handler: async (request) => service.decide(actorOf(request), request.params.id, request.body),
  });
  api.post('/training/participants/:id/certificate', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Issue the certificate of a participant who completed the class',
      params: participantParams,
      response: { 201: certificateView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.issueCertificate(actorOf(request), request.params.id)),
  });
  api.get('/training/certificates/:code/pdf', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'The certificate as a PDF with a QR code to its public verification page',
      params: codeParams,
      produces: ['application/pdf'],
    },
    handler: async (request, reply) => {
      const { pdf, name } = await service.certificatePdf(
        actorOf(request),
        request.params.code,
        request.language,
      );
      return sendDownload(reply, { body: pdf, name: `${name}.pdf`, type: downloadTypes.pdf });
    },
  });
  api.post('/training/certificates/:code/revoke', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Revoke a certificate with a reason',
      params: codeParams,
      body: revokeBody,
      response: { 200: certificateView },
    },
    handler: async (request) =>
      service.revokeCertificate(actorOf(request), request.params.code, request.body.reason),
  });
  api.post('/training/certificates/:code/reissue', {
    config: { access: 'training.organise' },
    schema: {
      tags,
      summary: 'Reissue a certificate under a new code (the old one is revoked and linked)',
      params: codeParams,
      response: { 201: certificateView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await service.reissueCertificate(actorOf(request), request.params.code)),
  });
  api.get('/training/sessions/:id/sign-in-sheet', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'The printable sign-in sheet (PDF): accepted participants with signature boxes and blank rows',
      params: idParams,
      produces: ['application/pdf'],
    },
    handler: async (request, reply) => {
      const { pdf, name } = await service.signInSheet(actorOf(request), request.params.id, request.language);
      return sendDownload(reply, { body: pdf, name: `${name}.pdf`, type: downloadTypes.pdf });
    },
  });
  api.post('/training/sessions/:id/sheet-photos', {
    config: { access: runClass },
    schema: {
      tags,
      summary:
        'Attach a photo or scan of the signed sheet (multipart field `file`; JPEG, PNG, WebP or PDF, sniffed)',
      params: idParams,
      consumes: ['multipart/form-data'],
      response: { 201: attendanceResponse },
    },
    handler: async (request, reply) => {
      requireMultipart(request);
      // The door before the upload is read: a caller who may not run the class never sends us her file.
      await service.attendance(actorOf(request), request.params.id);
      const data = await readOneFile(request);
      return reply.status(201).send(await service.addSheetPhoto(actorOf(request), request.params.id, data));
    },
  });
  api.get('/training/sessions/:id/sheet-photos/:photoId', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Download a photo of the signed sheet',
      params: z.object({ id: idSchema, photoId: idSchema }),
    },
    handler: async (request, reply) => {
      const photo = await service.sheetPhoto(actorOf(request), request.params.id, request.params.photoId);
      return sendDownload(reply, { body: photo.data, name: photo.name, type: photo.mediaType });
    },
  });
  api.get('/training/sessions/:id/attendance', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Attendance marks of a session',
      params: idParams,
      response: { 200: attendanceResponse },
    },
    handler: async (request) => service.attendance(actorOf(request), request.params.id),
  });
  api.put('/training/sessions/:id/attendance', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Record marks by roll call or from a paper sheet (idempotent; corrections keep history)',
      params: idParams,
      body: recordAttendanceBody,
      response: { 200: attendanceResponse },
    },
    handler: async (request) => service.recordAttendance(actorOf(request), request.params.id, request.body),
  });
  api.put('/training/sessions/:id/tally', {
    config: { access: runClass },
    schema: {
      tags,
      summary: 'Head counts of an open session (women, men, unknown)',
      params: idParams,
      body: tallyBody,
      response: { 200: attendanceResponse },
    },
    handler: async (request) => service.recordTally(actorOf(request), request.params.id, request.body),
  });
}
