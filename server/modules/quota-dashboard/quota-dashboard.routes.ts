import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  proportionalityQuery,
  proportionalityResponse,
  quotaDashboardQuery,
  quotaDashboardResponse,
  quotaReportQuery,
} from '../../../shared/contracts/quota-dashboard.ts';
import { actorOf, downloadTypes, sendDownload } from '../../platform/http.ts';
import type { Clock } from '../../platform/context.ts';
import type { QuotaDashboardService } from './quota-dashboard.service.ts';
import { buildPdfReport, buildXlsxReport } from './quota-report.ts';

/**
 * Quota dashboards (`dashboard.read`: admin, org_admin, gender_officer, viewer — aggregates only, no
 * names of members), scoped to the caller's subtrees; a unit outside them answers 404.
 */
export async function quotaDashboardRoutes(
  app: FastifyInstance,
  options: { quotaDashboardService: QuotaDashboardService; clock: Clock },
): Promise<void> {
  const { quotaDashboardService: service, clock } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['quota dashboard'];

  api.get('/quota-dashboard', {
    config: { access: 'dashboard.read' },
    schema: {
      tags,
      summary:
        "Women's representation at a unit and below: members, bodies by kind/level/province, top posts, delegates, trend, units below, bodies needing action",
      querystring: quotaDashboardQuery,
      response: { 200: quotaDashboardResponse },
    },
    handler: async (request) => service.getDashboard(actorOf(request), request.query.unitId),
  });

  api.get('/quota-dashboard/proportionality', {
    config: { access: 'dashboard.read' },
    schema: {
      tags,
      summary: "Bodies whose women's share is below k × the women's share of the membership they represent",
      querystring: proportionalityQuery,
      response: { 200: proportionalityResponse },
    },
    handler: async (request) => service.getProportionality(actorOf(request), request.query),
  });

  api.get('/quota-dashboard/report', {
    config: { access: 'dashboard.read' },
    schema: {
      tags,
      summary: 'Compliance report per level (XLSX or PDF) with the rule text and version',
      querystring: quotaReportQuery,
      produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const { format, unitId } = request.query;
      const data = await service.reportData(actor, unitId, format);
      const report = { ...data, generatedAt: clock.now() };
      const name = `kuota-${data.dashboard.unit.level.toLowerCase()}-${data.dashboard.unit.id}-${report.generatedAt.toISOString().slice(0, 10)}`;
      const body =
        format === 'pdf'
          ? await buildPdfReport(report, request.language)
          : await buildXlsxReport(report, request.language);
      return sendDownload(reply, { body, name: `${name}.${format}`, type: downloadTypes[format] });
    },
  });
}
