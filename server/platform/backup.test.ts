import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServices } from '../app.ts';
import { reportAt } from '../modules/cases/cases.test-support.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import {
  createMember,
  createTestContext,
  createUser,
  seedTree,
  type TestContext,
  type Tree,
} from '../test/helpers.ts';
import { appendAudit, verifyAuditChain } from './audit.ts';
import {
  detectBackupFormat,
  readDumpHeader,
  restoreLogicalDump,
  writeLogicalDump,
  type DumpHeader,
} from './backup.ts';
import { checkMasterKeyFingerprint, createKeyring } from './crypto.ts';
import { createDatabase, createMigrator, type Db } from './database.ts';
import { migrations } from './migrations/index.ts';

/** A database with no migrations at all, like a freshly created one. */
async function createEmptyDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('serverUrl');
  const name = `${inject('templateDatabase').replace('setara_template_', 'setara_t_')}_e${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), 2);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

const tableCounts = async (db: Db) => {
  const counts: Record<string, number> = {};
  for (const table of ['units', 'users', 'role_grants', 'members', 'audit_log', 'cases', 'data_keys']) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
};

/** Rewrites the header line of a built-in backup (small files only: this reads it whole). */
function withHeader(file: string, target: string, change: (header: DumpHeader) => DumpHeader): void {
  const text = gunzipSync(readFileSync(file));
  const newline = text.indexOf(10);
  const header = JSON.parse(text.subarray(0, newline).toString('utf8')) as DumpHeader;
  writeFileSync(
    target,
    gzipSync(Buffer.concat([Buffer.from(JSON.stringify(change(header))), text.subarray(newline)])),
  );
}

const dayKey = randomBytes(32);
let source: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let dir: string;
let file: string;
let caseId: string;
let receipt: string;
const trickyName = 'Unit dengan\nbaris baru\n\\.\n\ttab dan "kutip" \\ garis miring';

beforeAll(async () => {
  source = await createTestDatabase();
  ctx = createTestContext(source.db, source.url);
  await checkMasterKeyFingerprint(ctx.db, ctx.masterKey, 'test');
  tree = await seedTree(ctx);
  await createUser(ctx, {
    email: 'koordinator@spn.test',
    homeUnitId: tree.dpdA,
    grants: [{ role: 'case_coordinator', unitId: tree.dpdA }],
  });
  await createMember(ctx, { number: 'M-0001', name: 'Siti Aminah', unitId: tree.pspA1x });
  // COPY text escapes these; a value holding a `\.` line must not end its table.
  await ctx.db
    .insertInto('units')
    .values({
      parent_id: tree.root,
      path: 'tmp-tricky',
      depth: 1,
      name: trickyName,
      code: 'X-1',
      level: 'DPD',
    })
    .execute();
  for (let index = 0; index < 3; index += 1)
    await appendAudit(ctx.db, {
      actorId: null,
      actorLabel: 'test',
      action: 'test.event',
      objectType: 'test',
      objectId: String(index),
      details: { index, text: 'tab\there' },
    });
  ({ caseId, receipt } = await ctx.services.casesService.submitReport(reportAt(tree.pspA1x), []));
  await ctx.services.casesService.addReporterMessage(caseId, 'Pesan rahasia dari pelapor', []);
  // The public counters' key of the day (public/throttle.ts) must die with its day: never in a backup.
  await ctx.db.insertInto('public_throttle_day_keys').values({ day: '2026-11-22', key: dayKey }).execute();
  dir = mkdtempSync(path.join(tmpdir(), 'setara-backup-'));
  file = path.join(dir, 'setara.dump');
  await writeLogicalDump(source.url, file);
});
afterAll(() => source.drop());

describe('built-in backup', () => {
  it('writes a gzip file whose header records migrations, key fingerprint and sequences', async () => {
    expect(await detectBackupFormat(file)).toBe('builtin');
    const header = await readDumpHeader(file);
    expect(header.format).toBe('setara-dump');
    expect(header.migrations).toEqual(Object.keys(migrations));
    expect(header.masterKeyFingerprint).toBe(ctx.masterKey.fingerprint);
    expect(header.tables).toEqual(expect.arrayContaining(['units', 'users', 'audit_log', 'cases']));
    expect(header.tables).not.toContain('schema_migrations');
    expect(header.tables).not.toContain('public_throttle_day_keys');
    expect(gunzipSync(readFileSync(file)).toString('latin1')).not.toContain(dayKey.toString('hex'));
    const reference = header.sequences.find((sequence) => sequence.name === 'case_reference_seq');
    expect(reference?.lastValue).not.toBeNull();
  });

  it('restores into a migrated database: same rows, intact audit chain, cases open with the same key', async () => {
    const target = await createTestDatabase();
    try {
      // Rows already in the target are replaced, not merged.
      await target.db
        .insertInto('system_settings')
        .values({ key: 'leftover', value: JSON.stringify('x') })
        .execute();
      const { tables } = await restoreLogicalDump(target.db, target.url, file);
      expect(tables).toBe((await readDumpHeader(file)).tables.length);
      expect(await tableCounts(target.db)).toEqual(await tableCounts(source.db));
      expect(
        await target.db.selectFrom('system_settings').select('key').where('key', '=', 'leftover').execute(),
      ).toEqual([]);
      const tricky = await target.db
        .selectFrom('units')
        .select('name')
        .where('code', '=', 'X-1')
        .executeTakeFirstOrThrow();
      expect(tricky.name).toBe(trickyName);

      const chain = await verifyAuditChain(target.db);
      expect(chain.ok).toBe(true);
      expect(chain.rows).toBe((await tableCounts(source.db)).audit_log);

      await checkMasterKeyFingerprint(target.db, ctx.masterKey, 'test');
      const restored = createServices({
        config: ctx.config,
        db: target.db,
        databaseUrl: target.url,
        keyring: createKeyring(target.db, ctx.masterKey),
        mailer: ctx.mailer,
        clock: ctx.clock,
      }).casesService;
      expect(await restored.findCaseByReceipt(receipt)).toBe(caseId);
      const view = await restored.reporterView(caseId);
      expect(view.messages.map((message) => message.body)).toContain('Pesan rahasia dari pelapor');

      // Sequences continue where the source left off: no id or reference collides.
      const { id } = await target.db
        .insertInto('units')
        .values({ parent_id: tree.root, path: 'tmp-new', depth: 1, name: 'Baru', code: 'X-2', level: 'DPD' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const maxSourceUnit = await source.db
        .selectFrom('units')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirstOrThrow();
      expect(id).toBeGreaterThan(Number(maxSourceUnit.max));
      await appendAudit(target.db, {
        actorId: null,
        actorLabel: 'test',
        action: 'test.after_restore',
        objectType: 'test',
        objectId: null,
      });
      expect((await verifyAuditChain(target.db)).ok).toBe(true);
      const second = await restored.submitReport(reportAt(tree.pspA1x), []);
      const references = await target.db
        .selectFrom('cases')
        .select(['id', 'reference'])
        .where('id', 'in', [caseId, second.caseId])
        .execute();
      expect(new Set(references.map((row) => row.reference)).size).toBe(2);
      const { rows } = await sql<{
        last_value: string;
      }>`SELECT last_value::text AS last_value FROM case_reference_seq`.execute(source.db);
      const { rows: after } = await sql<{
        last_value: string;
      }>`SELECT last_value::text AS last_value FROM case_reference_seq`.execute(target.db);
      expect(Number(after[0]?.last_value)).toBe(Number(rows[0]?.last_value) + 1);
    } finally {
      await target.drop();
    }
  });

  it('restores into an empty database after migrating it to the backup’s migrations', async () => {
    const target = await createEmptyDatabase();
    try {
      await restoreLogicalDump(target.db, target.url, file);
      expect(await tableCounts(target.db)).toEqual(await tableCounts(source.db));
      expect((await verifyAuditChain(target.db)).ok).toBe(true);
      const { rows: applied } = await sql<{
        name: string;
      }>`SELECT name FROM schema_migrations ORDER BY name`.execute(target.db);
      expect(applied.map((row) => row.name)).toEqual(Object.keys(migrations));
    } finally {
      await target.drop();
    }
  });

  it('refuses a backup made by a newer Setara, changing nothing', async () => {
    const newer = path.join(dir, 'newer.dump');
    withHeader(file, newer, (header) => ({
      ...header,
      migrations: [...header.migrations, '2099-01-01T0000-future'],
    }));
    const target = await createTestDatabase();
    try {
      await expect(restoreLogicalDump(target.db, target.url, newer)).rejects.toThrow(
        /newer Setara.*2099-01-01T0000-future/,
      );
      expect((await tableCounts(target.db)).units).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it('refuses a non-empty target whose migrations differ, and leaves its rows alone', async () => {
    const target = await createEmptyDatabase();
    try {
      const [first, second] = Object.keys(migrations);
      expect((await createMigrator(target.db).migrateTo(second ?? first ?? '')).error).toBeUndefined();
      await target.db
        .insertInto('system_settings')
        .values({ key: 'keep-me', value: JSON.stringify(true) })
        .execute();
      await expect(restoreLogicalDump(target.db, target.url, file)).rejects.toThrow(
        /other migrations applied/,
      );
      expect(
        await target.db.selectFrom('system_settings').select('key').where('key', '=', 'keep-me').execute(),
      ).toHaveLength(1);
    } finally {
      await target.drop();
    }
  });

  it('refuses a truncated file and rolls back', async () => {
    const whole = gunzipSync(readFileSync(file));
    const truncated = path.join(dir, 'truncated.dump');
    writeFileSync(truncated, gzipSync(whole.subarray(0, Math.floor(whole.length * 0.8))));
    const target = await createTestDatabase();
    try {
      await target.db
        .insertInto('system_settings')
        .values({ key: 'keep-me', value: JSON.stringify(true) })
        .execute();
      await expect(restoreLogicalDump(target.db, target.url, truncated)).rejects.toThrow(
        /incomplete|damaged/,
      );
      expect(
        await target.db.selectFrom('system_settings').select('key').where('key', '=', 'keep-me').execute(),
      ).toHaveLength(1);
    } finally {
      await target.drop();
    }
  });
});
