import pg from 'pg';
import pino from 'pino';
import type PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobQueueOf, openJobQueue, queueNames, startJobs } from '../../platform/jobs.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, createUser, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { IMPORT_RUN_LOCK, createImportsRepository } from './imports.repository.ts';
import { createImportsService, type ImportActor, type ImportsService } from './imports.service.ts';
import { actorFor, streamOf } from './imports.test-support.ts';

// Imports on the job queue (pg-boss in the test database): the run is taken by a worker, is safe to
// deliver twice, and a run cut off mid-way (its session gone, as after kill -9) is found by the recovery
// sweep and finished with every row present once.

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let actor: ImportActor;
let boss: PgBoss;
let queued: ImportsService;
const log = pino({ level: 'silent' });

const header = 'No Anggota;Nama Lengkap;Jenis Kelamin;Kode PSP;Status';
const csvOf = (prefix: string, rows: number) =>
  [
    header,
    ...Array.from(
      { length: rows },
      (_, index) => `${prefix}${String(index).padStart(6, '0')};Anggota ${index};P;PSP-3201-001;aktif`,
    ),
  ].join('\n');

function serviceWith(enqueueRun?: (id: string) => Promise<void>): ImportsService {
  return createImportsService({
    db: ctx.db,
    imports: createImportsRepository(),
    clock: ctx.clock,
    levels: ctx.config.SETARA_UNIT_LEVELS,
    connectionString: () => ctx.databaseUrl,
    enqueueRun,
  });
}

/** Waits (polling, no fixed sleep) until the import leaves `running`; fails after `timeoutMs`. */
async function settled(service: ImportsService, id: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await service.getJob(actor, id);
    if (job.status !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`import ${id} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function membersWithPrefix(prefix: string) {
  const row = await ctx.db
    .selectFrom('members')
    .select([
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(DISTINCT member_number)::int`.as('distinct'),
    ])
    .where('member_number', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return row;
}

async function validated(service: ImportsService, prefix: string, rows: number) {
  const uploaded = await service.uploadFile(actor, 'members', 'anggota.csv', streamOf(csvOf(prefix, rows)));
  await service.validateImport(actor, uploaded.id, uploaded.suggestedMapping);
  return uploaded.id;
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  const grants = [{ role: 'org_admin' as const, unitId: tree.root }];
  const userId = await createUser(ctx, { email: 'queue@spn.test', homeUnitId: tree.root, grants });
  actor = await actorFor(ctx, userId, grants);
  boss = await openJobQueue(test.url, log, { workers: true });
  const queue = jobQueueOf(() => boss);
  queued = serviceWith((id) => queue.enqueueImportRun(id));
  await startJobs(
    test.url,
    {
      purgeExpired: async () => ({}),
      deliverMail: async () => 0,
      purgeStaleUploads: async () => 0,
      purgeCases: async () => 0,
      sendCaseReminders: async () => 0,
      sendAgreementReminders: async () => 0,
      refreshQuotaSummary: async () => ({ refreshed: false, reason: 'test' }),
      runImport: (id) => queued.runQueued(id),
      recoverImports: () => queued.recoverRuns(),
      checkpointAudit: async () => null,
    },
    log,
    boss,
  );
});
afterAll(async () => {
  await boss?.stop({ graceful: false, close: true });
  await queued?.close();
  await test.drop();
});

describe('imports on the job queue', () => {
  it('startRun only sends the job; a worker runs it; a second delivery changes nothing', async () => {
    const id = await validated(queued, '3301', 30);
    const started = await queued.startRun(actor, id, 'valid_only');
    expect(started.job.status).toBe('running');
    const job = await settled(queued, id);
    expect(job.status).toBe('done');
    expect(job.summary?.newRows).toBe(30);
    expect(await membersWithPrefix('3301')).toEqual({ n: 30, distinct: 30 });
    // The same job delivered again (a retry after a lost acknowledgement) finds it done.
    expect(await queued.runQueued(id)).toBe('not_running');
    const sent = await boss.fetch(queueNames.importRun);
    expect(sent).toEqual([]);
    expect(await membersWithPrefix('3301')).toEqual({ n: 30, distinct: 30 });
  });

  it('a run whose job was lost (sent by nobody) is found by the recovery sweep and finished', async () => {
    // An instance that claimed the run and died before sending it.
    const lost = serviceWith(async () => undefined);
    const id = await validated(lost, '3302', 25);
    await lost.startRun(actor, id, 'valid_only');
    expect((await lost.getJob(actor, id)).status).toBe('running');
    expect(await queued.recoverRuns()).toContain(id);
    const job = await settled(queued, id);
    expect(job.status).toBe('done');
    expect(await membersWithPrefix('3302')).toEqual({ n: 25, distinct: 25 });
    await lost.close();
  });

  it('a run cut off mid-way (its session killed) rolls back whole and is finished once by the sweep', async () => {
    // Claimed through a service whose queue goes nowhere, then "run" half-way by hand on a raw session
    // that holds the run's lock — as the dying instance did — and killed like a process under kill -9.
    const lost = serviceWith(async () => undefined);
    const id = await validated(lost, '3303', 40);
    await lost.startRun(actor, id, 'valid_only');
    const dying = new pg.Client({ connectionString: test.url });
    await dying.connect();
    dying.on('error', () => undefined);
    await dying.query('BEGIN');
    await dying.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IMPORT_RUN_LOCK, id]);
    await dying.query(
      `INSERT INTO members (member_number, full_name, home_unit_id, status)
       SELECT '3303' || lpad(g::text, 6, '0'), 'Setengah ' || g, $1, 'aktif' FROM generate_series(0, 19) g`,
      [tree.pspA1x],
    );
    await dying.query('UPDATE import_jobs SET processed_rows = 20 WHERE id = $1', [id]);
    const { rows } = await dying.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // While that session lives the run is busy: the sweep leaves it alone, a worker backs off.
    expect(await queued.recoverRuns()).not.toContain(id);
    expect(await queued.runQueued(id)).toBe('busy');
    await ctx.db.executeQuery(sql`SELECT pg_terminate_backend(${rows[0]!.pid})`.compile(ctx.db));
    await dying.end().catch(() => undefined);
    // Its half-written rows are gone with it; the sweep sends the run again and a worker finishes it.
    const deadline = Date.now() + 10_000;
    while (!(await queued.recoverRuns()).includes(id) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const job = await settled(queued, id);
    expect(job.status).toBe('done');
    expect(job.processedRows).toBe(40);
    expect(job.summary?.newRows).toBe(40);
    expect(await membersWithPrefix('3303')).toEqual({ n: 40, distinct: 40 });
    await lost.close();
  });

  it('gives a run up as failed after too many starts instead of retrying it for ever', async () => {
    const lost = serviceWith(async () => undefined);
    const id = await validated(lost, '3304', 5);
    await lost.startRun(actor, id, 'valid_only');
    await ctx.db.updateTable('import_jobs').set({ run_attempts: 3 }).where('id', '=', id).execute();
    expect(await lost.runQueued(id)).toBe('failed');
    expect((await lost.getJob(actor, id)).status).toBe('failed');
    expect(await membersWithPrefix('3304')).toEqual({ n: 0, distinct: 0 });
    await lost.close();
  });
});
