import { mkdtempSync, rmSync, writeFileSync, createWriteStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { insertUnit, uploadThroughApi } from './imports.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let smallCtx: TestContext;
let smallApp: FastifyInstance;
let tree: Tree;
let dir: string;
let national: TestClient;
let jabar: TestClient;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '10000' } });
  tree = await seedTree(ctx);
  await insertUnit(ctx, tree.dpcB1, 'PSP-3673-001', 'PSP');
  app = await createTestApp(ctx);
  smallCtx = createTestContext(test.db, test.url, { env: { IMPORT_MAX_MB: '1' } });
  smallApp = await createTestApp(smallCtx);
  await createUser(ctx, {
    email: 'dpp@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'org_admin', unitId: tree.root }],
    language: 'en',
  });
  await createUser(ctx, {
    email: 'jabar@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'org_admin', unitId: tree.dpdA }],
  });
  await createUser(ctx, {
    email: 'viewer@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'viewer', unitId: tree.root }],
  });
  national = new TestClient(app, 'en');
  await national.login('dpp@spn.test');
  jabar = new TestClient(app, 'en');
  await jabar.login('jabar@spn.test');
  dir = mkdtempSync(path.join(tmpdir(), 'setara-imports-'));
});
afterAll(async () => {
  await app.close();
  await smallApp.close();
  await ctx.services.importsService.close();
  await smallCtx.services.importsService.close();
  await test.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function waitUntilDone(client: TestClient, id: string) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const job = (await client.get(`/api/v1/imports/${id}`)).json() as { status: string };
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('import did not finish');
}

describe('imports over HTTP', () => {
  it('upload → validate → error report → run → progress, for the uploader only', async () => {
    const csv =
      'No Anggota;Nama;JK;Kode Unit\n7000000000000001;Ani;P;PSP-3201-001\n7000000000000002;Budi;X;PSP-3201-001\n';
    const uploaded = await uploadThroughApi(app, national, 'members', csv);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { id, suggestedMapping, totalRows } = uploaded.json() as {
      id: string;
      suggestedMapping: Record<string, string>;
      totalRows: number;
    };
    expect(totalRows).toBe(2);
    const validated = await national.post(`/api/v1/imports/${id}/validate`, { mapping: suggestedMapping });
    expect(validated.statusCode, validated.body).toBe(200);
    expect(validated.json()).toMatchObject({
      summary: { validRows: 1, errorRows: 1 },
      errors: [{ row: 3, field: 'sex', code: 'bad_sex', value: 'X' }],
    });
    const report = await national.get(`/api/v1/imports/${id}/errors.csv`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.body.split('\n')[0]).toBe('row,field,code,value,message');
    expect(report.body).toContain('3,sex,bad_sex,X,');
    // Another org_admin cannot see, validate or run it.
    expect((await jabar.get(`/api/v1/imports/${id}`)).statusCode).toBe(404);
    expect((await jabar.post(`/api/v1/imports/${id}/run`, { mode: 'valid_only' })).statusCode).toBe(404);
    const refused = await national.post(`/api/v1/imports/${id}/run`, { mode: 'all_or_nothing' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed' });
    const started = await national.post(`/api/v1/imports/${id}/run`, { mode: 'valid_only' });
    expect(started.statusCode, started.body).toBe(202);
    expect(await waitUntilDone(national, id)).toMatchObject({
      status: 'done',
      processedRows: 2,
      summary: { newRows: 1, errorRows: 1 },
    });
    const mine = (await national.get('/api/v1/imports')).json() as { items: { id: string }[] };
    expect(mine.items.map((item) => item.id)).toContain(id);
    const theirs = (await jabar.get('/api/v1/imports')).json() as { items: { id: string }[] };
    expect(theirs.items.map((item) => item.id)).not.toContain(id);
  });

  it('a DPD Jawa Barat org_admin cannot import into a PSP of DPD Banten; a viewer cannot import', async () => {
    const uploaded = await uploadThroughApi(
      app,
      jabar,
      'members',
      'No Anggota,Nama,Kode Unit\n1,A,PSP-3673-001\n',
    );
    const { id, suggestedMapping } = uploaded.json() as {
      id: string;
      suggestedMapping: Record<string, string>;
    };
    const validated = await jabar.post(`/api/v1/imports/${id}/validate`, { mapping: suggestedMapping });
    expect(validated.json()).toMatchObject({ errors: [{ code: 'unit_out_of_scope' }] });
    const viewer = new TestClient(app);
    await viewer.login('viewer@spn.test');
    const refused = await uploadThroughApi(app, viewer, 'members', 'a\n1\n');
    expect(refused.statusCode).toBe(403);
  });

  it('refuses a PNG renamed .csv with 415 and a file over IMPORT_MAX_MB with 413', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    const media = await uploadThroughApi(app, national, 'members', png, 'foto.csv');
    expect(media.statusCode).toBe(415);
    expect(media.json()).toMatchObject({ code: 'unsupported_media_type' });
    const smallClient = new TestClient(smallApp);
    await smallClient.login('dpp@spn.test');
    // The limit is told to the staff app before it sends anything.
    expect((await smallClient.get('/api/v1/imports')).json()).toMatchObject({ maxUploadMb: 1 });
    expect((await national.get('/api/v1/imports')).json()).toMatchObject({ maxUploadMb: 200 });
    const big = Buffer.from(`No Anggota,Nama,Kode Unit\n${'1,Nama Panjang,PSP-3201-001\n'.repeat(60_000)}`);
    const tooLarge = await uploadThroughApi(smallApp, smallClient, 'members', big);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'payload_too_large' });
    const left = await ctx.db
      .selectFrom('import_jobs')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('file_name', '=', 'anggota.csv')
      .where('total_rows', '>', 50_000)
      .executeTakeFirstOrThrow();
    expect(left.n).toBe(0);
  });

  it('accepts and imports a 50 MB file', { timeout: 90_000 }, async () => {
    const file = path.join(dir, 'big.csv');
    const out = createWriteStream(file);
    out.write('No Anggota,Nama Lengkap,Jenis Kelamin,Tahun Lahir,No HP,Email,Kode PSP,Perusahaan,Jabatan\n');
    let rows = 0;
    let bytes = 0;
    while (bytes < 50 * 1024 * 1024) {
      const line = `8${String(rows).padStart(15, '0')},Anggota Nomor ${rows} Binti Sejahtera,${rows % 3 ? 'P' : 'L'},1990,081234567890,anggota${rows}@contoh.org,PSP-3201-001,PT Garmen Sejahtera Abadi,Operator Jahit\n`;
      out.write(line);
      bytes += line.length;
      rows += 1;
    }
    await new Promise((resolve) => out.end(resolve));
    const uploaded = await uploadThroughApi(app, national, 'members', readFileSync(file), 'big.csv');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const { id, suggestedMapping, totalRows } = uploaded.json() as {
      id: string;
      suggestedMapping: Record<string, string>;
      totalRows: number;
    };
    expect(totalRows).toBe(rows);
    const validated = await national.post(`/api/v1/imports/${id}/validate`, { mapping: suggestedMapping });
    expect(validated.json()).toMatchObject({ summary: { validRows: rows, newRows: rows } });
    expect((await national.post(`/api/v1/imports/${id}/run`, { mode: 'all_or_nothing' })).statusCode).toBe(
      202,
    );
    expect(await waitUntilDone(national, id)).toMatchObject({ status: 'done', summary: { newRows: rows } });
  });
});

describe('setara import (CLI)', () => {
  it('imports a file with progress, as an account and as system', () => {
    const file = path.join(dir, 'cli.csv');
    writeFileSync(
      file,
      'No Anggota,Nama,JK,Kode Unit\n9000000000000001,Cli Satu,P,PSP-3201-001\n9000000000000002,Cli Dua,?,PSP-3201-001\n',
    );
    const run = (args: string[]) => {
      const result = spawnSync(
        process.execPath,
        [path.resolve('bin/setara.mjs'), 'import', 'members', file, ...args],
        {
          encoding: 'utf8',
          env: { ...process.env, DATABASE_URL: test.url, SETARA_DATA_DIR: dir, LOG_LEVEL: 'silent' },
          timeout: 60_000,
        },
      );
      // Progress bars go to stderr, results to stdout.
      return { status: result.status, stdout: `${result.stdout}${result.stderr}`, stderr: result.stderr };
    };
    const dry = run(['--dry-run', '--as', 'jabar@spn.test']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/upload \[/);
    expect(dry.stdout).toMatch(/Validation: 2 rows, 1 valid, 1 with errors/);
    expect(dry.stdout).toMatch(/row 3 sex bad_sex/);
    expect(dry.stdout).toContain('Dry run: nothing written.');
    const refused = run(['--mode', 'all_or_nothing']);
    expect(refused.status).toBe(4);
    const done = run([]);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/run \[/);
    expect(done.stdout).toMatch(/Imported: 2 rows, 1 valid, 1 with errors; 1 new/);
  });

  it('the system import is audited as cli', async () => {
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['actor_label', 'actor_id'])
      .where('action', '=', 'import.members')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_label: 'cli', actor_id: null });
  });
});
