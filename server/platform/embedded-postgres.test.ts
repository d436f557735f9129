import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

const port = 56000 + Math.floor(Math.random() * 2000);

describe('embedded PostgreSQL', () => {
  it(
    'initialises a UTF-8 cluster, and recovers after the owning process is killed with SIGKILL',
    { timeout: 90_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-embedded-'));
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
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
        child.on('exit', (code) => reject(new Error(`child exited with ${code}`)));
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
