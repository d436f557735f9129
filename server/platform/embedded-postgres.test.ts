import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

/** A port nobody listens on right now (asked from the OS, not guessed). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('embedded PostgreSQL', () => {
  it(
    'initialises a UTF-8 cluster, and recovers after the owning process is killed with SIGKILL',
    { timeout: 90_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-embedded-'));
      const port = await freePort();
      // A separate Node process starts the database, writes a row, then dies without cleaning up.
      const script = `
      const { startEmbeddedPostgres } = await import(${JSON.stringify(path.resolve('server/platform/embedded-postgres.ts'))});
      const pg = (await import('pg')).default;
      const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.query("CREATE TABLE survivors (note text)");
      await client.query("INSERT INTO survivors VALUES ('tetap ada — ✓')");
      await client.end();
      process.stdout.write('READY\\n');
      setInterval(() => {}, 1000);
    `;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let childErrors = '';
      child.stderr.on('data', (chunk: Buffer) => (childErrors += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
        child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${childErrors}`)));
      });
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
      expect(existsSync(pidFile)).toBe(true);
      const orphan = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      expect(() => process.kill(orphan, 0)).not.toThrow();

      const started = Date.now();
      const db = await startEmbeddedPostgres({ dataDir, port });
      const restartMs = Date.now() - started;
      try {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        const rows = await client.query<{ note: string }>('SELECT note FROM survivors');
        const encoding = await client.query<{ server_encoding: string }>('SHOW server_encoding');
        await client.end();
        expect(rows.rows).toEqual([{ note: 'tetap ada — ✓' }]);
        expect(encoding.rows[0]?.server_encoding).toBe('UTF8');
        expect(restartMs).toBeLessThan(20_000);
      } finally {
        await db.stop();
      }
      expect(existsSync(pidFile)).toBe(false);
    },
  );
});
