import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseStatsQuery, caseStatsResponse } from '../../../shared/contracts/case-stats.ts';
import { actorOf } from '../../platform/http.ts';
import { simfoniCsv, statisticsCsv, statisticsXlsx } from './case-stats.export.ts';
import type { CaseStatsService } from './case-stats.service.ts';

/**
 * Case statistics: coded aggregates only, small cells hidden, for gender officers and case coordinators
 * in the subtree of their grant. Answers carry `Cache-Control: no-store` like the rest of the case area.
 */
export async function caseStatsRoutes(
  app: FastifyInstance,
  options: { caseStatsService: CaseStatsService },
): Promise<void> {
  const { caseStatsService } = options;
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['case statistics'];
  const access = { access: 'case.statistics.read' } as const;
  // Months are validated `YYYY-MM`, so the file name needs no escaping.
  const stamp = (report: { page: { from: string; to: string } }) => `${report.page.from}_${report.page.to}`;

  api.get('/case-statistics', {
    config: access,
    schema: {
      tags,
      summary: 'Case statistics of a period and subtree; cells below 5 hidden with complementary suppression',
      querystring: caseStatsQuery,
      response: { 200: caseStatsResponse },
    },
    handler: async (request) => (await caseStatsService.report(actorOf(request), request.query)).page,
  });
  api.get('/case-statistics/export.xlsx', {
    config: access,
    schema: { tags, summary: 'The statistics as an XLSX workbook', querystring: caseStatsQuery },
    handler: async (request, reply) => {
      const report = await caseStatsService.exportReport(actorOf(request), request.query, 'xlsx');
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="case-statistics-${stamp(report)}.xlsx"`)
        .send(await statisticsXlsx(report, request.language));
    },
  });
  api.get('/case-statistics/export.csv', {
    config: access,
    schema: { tags, summary: 'The statistics as CSV (one figure a line)', querystring: caseStatsQuery },
    handler: async (request, reply) => {
      const report = await caseStatsService.exportReport(actorOf(request), request.query, 'csv');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="case-statistics-${stamp(report)}.csv"`)
        .send(statisticsCsv(report, request.language));
    },
  });
  api.get('/case-statistics/simfoni.csv', {
    config: access,
    schema: {
      tags,
      summary:
        'SIMFONI-PPA compatible CSV: counts by SIMFONI form, place, relationship, service, age band, sex',
      querystring: caseStatsQuery,
    },
    handler: async (request, reply) => {
      const report = await caseStatsService.exportReport(actorOf(request), request.query, 'simfoni');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="simfoni-ppa-${stamp(report)}.csv"`)
        .send(simfoniCsv(report));
    },
  });
}
