import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import type { Role } from '../../../shared/roles.ts';
import type { TestClient, TestContext } from '../../test/helpers.ts';
import type { ImportActor } from './imports.service.ts';

/** A multipart/form-data body with one file field, as a browser would send it. */
export function multipartBody(
  content: Buffer | string,
  fileName: string,
  contentType = 'text/csv',
): { payload: Buffer; contentType: string } {
  const boundary = `----setara${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Uploads a file through the API with the client's cookies and CSRF token. */
export async function uploadThroughApi(
  app: FastifyInstance,
  client: TestClient,
  kind: 'members' | 'units',
  content: Buffer | string,
  fileName = 'anggota.csv',
): Promise<LightMyRequestResponse> {
  const body = multipartBody(content, fileName);
  const token = await client.ensureCsrf();
  return app.inject({
    method: 'POST',
    url: `/api/v1/imports?kind=${kind}`,
    headers: { cookie: client.cookieHeader(), 'x-csrf-token': token, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** An actor for service calls, with grants at units (paths looked up). */
export async function actorFor(
  ctx: TestContext,
  userId: string,
  grants: { role: Role; unitId: number }[],
  language: 'id' | 'en' = 'en',
): Promise<ImportActor> {
  const withPaths = await Promise.all(
    grants.map(async (grant) => {
      const unit = await ctx.db
        .selectFrom('units')
        .select('path')
        .where('id', '=', grant.unitId)
        .executeTakeFirstOrThrow();
      return { ...grant, unitPath: unit.path };
    }),
  );
  return {
    userId,
    label: `user-${userId.slice(0, 8)}`,
    principal: { userId, grants: withPaths },
    requestId: 'test',
    language,
  };
}

export const streamOf = (content: Buffer | string): Readable =>
  Readable.from([Buffer.isBuffer(content) ? content : Buffer.from(content)]);

/** An XLSX workbook built with ExcelJS from rows of cell values (dates, numbers, text). */
export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Anggota');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Inserts a unit under a parent (test factory). */
export async function insertUnit(
  ctx: TestContext,
  parentId: number,
  code: string,
  level: string,
  name = code,
): Promise<number> {
  const parent = await ctx.db
    .selectFrom('units')
    .select(['path', 'depth'])
    .where('id', '=', parentId)
    .executeTakeFirstOrThrow();
  const { id } = await ctx.db
    .insertInto('units')
    .values({ parent_id: parentId, path: `tmp-${code}`, depth: parent.depth + 1, name, code, level })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('units')
    .set({ path: `${parent.path}${id}/` })
    .where('id', '=', id)
    .execute();
  return id;
}
