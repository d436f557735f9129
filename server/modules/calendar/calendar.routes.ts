import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addHolidayBody,
  holidayDateParams,
  listHolidaysQuery,
  listHolidaysResponse,
} from '../../../shared/contracts/case-reminders.ts';
import { actorOf } from '../../platform/http.ts';
import type { CalendarService } from './calendar.service.ts';

/** The working-day calendar: read by any staff session, edited by an administrator of the top unit. */
export async function calendarRoutes(
  app: FastifyInstance,
  options: { calendarService: CalendarService },
): Promise<void> {
  const { calendarService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  api.get('/calendar/holidays', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'National holidays and cuti bersama of one year (deadlines skip them)',
      querystring: listHolidaysQuery,
      response: { 200: listHolidaysResponse },
    },
    handler: async (request) => calendarService.listYear(request.query.year),
  });
  api.post('/calendar/holidays', {
    config: { access: 'settings.manage' },
    schema: {
      tags,
      summary: 'Add a non-working date with its name (administrator)',
      body: addHolidayBody,
      response: { 201: listHolidaysResponse },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await calendarService.add(actorOf(request), request.body)),
  });
  api.delete('/calendar/holidays/:date', {
    config: { access: 'settings.manage' },
    schema: {
      tags,
      summary: 'Remove a date from the calendar (administrator)',
      params: holidayDateParams,
      response: { 200: listHolidaysResponse },
    },
    handler: async (request) => calendarService.remove(actorOf(request), request.params.date),
  });
}
