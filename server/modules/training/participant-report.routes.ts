import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  participantReportExportQuery,
  participantReportQuery,
  participantReportResponse,
} from '../../../shared/contracts/training-reports.ts';
import { actorOf, downloadTypes, sendDownload } from '../../platform/http.ts';
import { participantReportPdf, participantReportXlsx } from './participant-report-export.ts';
import type { ParticipantReportService } from './participant-report.ts';

/** The participant report of capacity building: on screen, and as XLSX or PDF (audited). */
export async function participantReportRoutes(
  app: FastifyInstance,
  options: { participantReport: ParticipantReportService },
): Promise<void> {
  const { participantReport: service } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['training'];

  api.get('/training/reports/participants', {
    config: { access: 'dashboard.read' },
    schema: {
      tags,
      summary: 'Nominations, participants and completions by year, track, sending unit and sex',
      querystring: participantReportQuery,
      response: { 200: participantReportResponse },
    },
    handler: async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return service.report(actorOf(request), request.query);
    },
  });

  api.get('/training/reports/participants/export', {
    config: { access: 'dashboard.read' },
    schema: {
      tags,
      summary: 'The participant report as XLSX or PDF (audited)',
      querystring: participantReportExportQuery,
      produces: [downloadTypes.pdf, downloadTypes.xlsx],
    },
    handler: async (request, reply) => {
      const { format, ...query } = request.query;
      const data = await service.exportReport(actorOf(request), query, format);
      const body =
        format === 'pdf'
          ? await participantReportPdf(data, request.language)
          : await participantReportXlsx(data, request.language);
      const stamp = data.generatedAt.toISOString().slice(0, 10);
      return sendDownload(reply, {
        body,
        name: `peserta-pelatihan-${data.unit.id}-${stamp}.${format}`,
        type: downloadTypes[format],
      });
    },
  });
}
