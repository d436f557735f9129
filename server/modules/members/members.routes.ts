import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bigIdSchema } from '../../../shared/contracts/common.ts';
import {
  changeMemberStatusBody,
  createMemberBody,
  exportMembersQuery,
  listMembersQuery,
  listMembersResponse,
  memberCountsQuery,
  memberCountsResponse,
  memberDetail,
  transferMemberBody,
  updateMemberBody,
} from '../../../shared/contracts/organisation.ts';
import type { Language } from '../../../shared/roles.ts';
import { safeRow } from '../../platform/exports.ts';
import { actorOf } from '../../platform/http.ts';
import { translator, webTranslator } from '../../platform/i18n.ts';
import type { MembersService } from './members.service.ts';

const params = z.object({ id: bigIdSchema });

/**
 * Export columns, headed in the reader's language. The headers are ones the import recognises
 * (import-mapping.ts), so an export can be corrected and imported again.
 */
const exportHeaders = (language: Language) => {
  const web = webTranslator(language);
  const exports = translator(language, 'exports');
  return [
    web('members.fields.memberNumber'),
    web('members.fields.fullName'),
    web('members.fields.sex'),
    web('members.fields.status'),
    exports('members.unitCode'),
    exports('members.unitName'),
    web('members.fields.joinedOn'),
    web('members.fields.phone'),
    web('members.fields.email'),
  ];
};

/** Members: list and search within scope, detail, create, edit, dated status changes, transfers, export. */
export async function membersRoutes(
  app: FastifyInstance,
  options: { membersService: MembersService },
): Promise<void> {
  const { membersService } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];

  api.get('/members', {
    config: { access: 'member.read' },
    schema: {
      tags,
      summary: 'Members in scope: typo-tolerant search, filters, sort, keyset pages',
      querystring: listMembersQuery,
      response: { 200: listMembersResponse },
    },
    handler: async (request) => membersService.listMembers(actorOf(request), request.query),
  });

  api.get('/members/counts', {
    config: { access: 'member.read' },
    schema: {
      tags,
      summary: 'Member counts by status and sex as of a date',
      querystring: memberCountsQuery,
      response: { 200: memberCountsResponse },
    },
    handler: async (request) => membersService.countMembers(actorOf(request), request.query),
  });

  api.get('/members/export', {
    config: { access: 'member.read' },
    schema: {
      tags,
      summary:
        'Export the filtered list (CSV or XLSX), scoped and audited; contact columns only where allowed',
      querystring: exportMembersQuery,
    },
    handler: async (request, reply) => {
      const { format, ...filters } = request.query;
      const batches = await membersService.exportMembers(actorOf(request), filters, format);
      const stamp = new Date().toISOString().slice(0, 10);
      void reply
        .header('content-disposition', `attachment; filename="members-${stamp}.${format}"`)
        .header('cache-control', 'no-store');
      const web = webTranslator(request.language);
      const headers = exportHeaders(request.language);
      // Labels as on screen; unknown sex stays empty (as recorded), dates stay ISO for re-import.
      // Every text cell goes through safeRow: a name such as "=HYPERLINK(…)" must not run as a formula.
      const rowsOf = async function* () {
        for await (const batch of batches) {
          for (const item of batch) {
            yield safeRow([
              item.memberNumber,
              item.fullName,
              item.sex ? web(`sex.${item.sex}`) : '',
              web(`memberStatus.${item.status}`),
              item.row.unit_code,
              item.unitName,
              item.joinedOn ?? '',
              item.seesContact ? item.row.phone : '',
              item.seesContact ? item.row.email : '',
            ]);
          }
        }
      };
      if (format === 'csv') {
        const csv = stringify({ header: true, columns: headers, bom: true });
        void (async () => {
          try {
            for await (const row of rowsOf())
              if (!csv.write(row)) await new Promise((resolve) => csv.once('drain', resolve));
            csv.end();
          } catch (error) {
            csv.destroy(error instanceof Error ? error : new Error('export failed'));
          }
        })();
        return reply.type('text/csv; charset=utf-8').send(csv);
      }
      const stream = new PassThrough();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream,
        useStyles: false,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(translator(request.language, 'exports')('members.sheet'));
      void (async () => {
        try {
          sheet.addRow(headers).commit();
          for await (const row of rowsOf()) sheet.addRow(row).commit();
          sheet.commit();
          await workbook.commit();
        } catch (error) {
          stream.destroy(error instanceof Error ? error : new Error('export failed'));
        }
      })();
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(stream);
    },
  });

  api.get('/members/:id', {
    config: { access: 'member.read' },
    schema: {
      tags,
      summary: 'One member with status history and positions',
      params,
      response: { 200: memberDetail },
    },
    handler: async (request) => membersService.getMember(actorOf(request), request.params.id),
  });

  api.post('/members', {
    config: { access: 'member.manage' },
    schema: {
      tags,
      summary: 'Register a member at a workplace unit',
      body: createMemberBody,
      response: { 201: memberDetail },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await membersService.createMember(actorOf(request), request.body)),
  });

  api.patch('/members/:id', {
    config: { access: 'member.manage' },
    schema: {
      tags,
      summary: 'Edit a member',
      params,
      body: updateMemberBody,
      response: { 200: memberDetail },
    },
    handler: async (request) =>
      membersService.updateMember(actorOf(request), request.params.id, request.body),
  });

  api.post('/members/:id/status', {
    config: { access: 'member.manage' },
    schema: {
      tags,
      summary: 'Record a dated status change',
      params,
      body: changeMemberStatusBody,
      response: { 200: memberDetail },
    },
    handler: async (request) =>
      membersService.changeStatus(actorOf(request), request.params.id, request.body),
  });

  api.post('/members/:id/transfer', {
    config: { access: 'member.manage' },
    schema: {
      tags,
      summary: 'Move a member to another workplace unit from a date',
      params,
      body: transferMemberBody,
      response: { 200: memberDetail },
    },
    handler: async (request) =>
      membersService.transferMember(actorOf(request), request.params.id, request.body),
  });
}
