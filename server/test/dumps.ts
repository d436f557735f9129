import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../platform/database.ts';

const run = promisify(execFile);

/**
 * Helpers for canary tests (a value planted in case content must appear nowhere in a dump of the
 * database): the forms a canary could take in a dump, pg_dump when available, and a row dump.
 */

/** The canary as it could appear in a dump: plain, as bytea hex, and base64 at each of the 3 alignments. */
export function canaryForms(canary: string): string[] {
  const bytes = Buffer.from(canary, 'utf8');
  const base64 = [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]).toString('base64');
    // Drop the characters that depend on the padding bytes and on what follows.
    return encoded.slice(Math.ceil((shift * 4) / 3) + 1, -4);
  });
  return [
    canary,
    bytes.toString('hex'),
    ...base64,
    ...base64.map((form) => form.replace(/\+/g, '-').replace(/\//g, '_')),
  ];
}

/** pg_dump of the test database when a pg_dump of the server's major version is on this machine. */
export async function pgDump(url: string, serverMajor: number): Promise<string | null> {
  const candidates = [`/usr/lib/postgresql/${serverMajor}/bin/pg_dump`, 'pg_dump'];
  for (const binary of candidates) {
    if (binary.startsWith('/') && !existsSync(binary)) continue;
    try {
      const { stdout: version } = await run(binary, ['--version']);
      if (!version.includes(` ${serverMajor}.`)) continue;
      const { stdout } = await run(binary, ['--format=plain', '--no-owner', url], {
        maxBuffer: 512 * 1024 * 1024,
      });
      return stdout;
    } catch {
      continue;
    }
  }
  return null;
}

/** Every row of every table of the database as text: what a dump holds, on any server version. */
export async function rowDump(db: Db): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name
    FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`.execute(db);
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.raw(table.name)} t`.execute(
      db,
    );
    parts.push(`-- ${table.name}\n${rows.map((row) => row.row).join('\n')}`);
  }
  return parts.join('\n');
}
