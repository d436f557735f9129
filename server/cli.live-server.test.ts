import { existsSync, mkdtempSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { generateMasterKey, writeKeyFile } from './platform/crypto.ts';
import { freePort, runNode, runSetara, startServer } from './test/processes.ts';

/**
 * Operator commands beside a live server on the embedded PostgreSQL (issue 17): the server started as
 * `npm start` does, every command run next to it, and `/readyz` and `/lapor` polled the whole time.
 */

interface Poll {
  url: string;
  status: number | string;
}

function startPolling(base: string) {
  const failures: Poll[] = [];
  let answered = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      for (const url of [`${base}/readyz`, `${base}/lapor`]) {
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
          await response.arrayBuffer();
          if (response.status === 200) answered += 1;
          else failures.push({ url, status: response.status });
        } catch (error) {
          failures.push({ url, status: error instanceof Error ? error.message : String(error) });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    failures,
    answered: () => answered,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

describe('operator commands beside a live server (embedded PostgreSQL)', () => {
  it(
    'never stop the server: every command runs beside it, restore and keys rotate refuse plainly; exit codes hold',
    { timeout: 900_000 },
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-live-'));
      const [pgPort, httpPort] = [await freePort(), await freePort()];
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        SETARA_DATA_DIR: dataDir,
        SETARA_EMBEDDED_PG_PORT: String(pgPort),
        PORT: String(httpPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      };
      // The embedded database, not the test server's.
      delete env.DATABASE_URL;
      const keyFile = path.join(dataDir, 'keys', 'master.key');
      const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
      const superuser = () =>
        `postgres://postgres:${encodeURIComponent(readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim())}@127.0.0.1:${pgPort}/setara`;

      const server = await startServer(env);
      onTestFinished(() => {
        // Whatever happened, leave no process behind (a no-op when they have stopped already).
        server.child.kill('SIGKILL');
        if (existsSync(pidFile)) {
          const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
          if (pid > 0) process.kill(pid, 'SIGINT');
        }
      });
      const postmaster = readFileSync(pidFile, 'utf8').split('\n')[0];
      const polling = startPolling(`http://127.0.0.1:${httpPort}`);
      const backup = path.join(dataDir, 'backup.dump');
      try {
        const expectations: Array<[string[], number, RegExp, string?]> = [
          [['migrate'], 0, /up to date/],
          [
            ['create-admin', '--email', 'ops@spn.test', '--name', 'Ops', '--password-stdin'],
            0,
            /Administrator ops@spn\.test created/,
            'Operator-Setara-2026\n',
          ],
          [['audit', 'verify'], 0, /Audit chain intact/],
          [['backup', backup, '--format', 'builtin'], 0, /Setara built-in format/],
          [['purge-cases'], 0, /Purged 0 case/],
          [['restore', backup, '--yes'], 1, /a Setara server is running on this database/],
          [['keys', 'rotate'], 1, /a Setara server is running on this database/],
        ];
        for (const [args, status, output, input] of expectations) {
          const result = await runSetara(args, env, { input });
          expect(result.status, `${args.join(' ')}: ${result.out}`).toBe(status);
          expect(result.out, args.join(' ')).toMatch(output);
          expect(result.out).not.toMatch(/orphan/i);
        }
        // The postmaster the server started is still the one running.
        expect(readFileSync(pidFile, 'utf8').split('\n')[0]).toBe(postmaster);

        // A broken audit row is named, with exit code 2 (the embedded path used to exit 0).
        const client = new pg.Client({ connectionString: superuser() });
        await client.connect();
        try {
          await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
          await client.query(
            "UPDATE audit_log SET actor_label = 'someone else' WHERE id = (SELECT min(id) FROM audit_log)",
          );
          await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
        } finally {
          await client.end();
        }
        const broken = await runSetara(['audit', 'verify'], env);
        expect(broken.status, broken.out).toBe(2);
        expect(broken.out).toMatch(/BROKEN at row id/);

        expect(polling.answered()).toBeGreaterThan(20);
      } finally {
        await polling.stop();
      }
      expect(polling.failures).toEqual([]);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toMatch(/stopped cleanly/);
      expect(existsSync(pidFile)).toBe(false);

      // With no server: restore says plainly that the key is missing (exit 3) and writes no key file.
      renameSync(keyFile, `${keyFile}.away`);
      const missing = await runSetara(['restore', backup, '--yes'], env);
      expect(missing.status, missing.out).toBe(3);
      expect(missing.out).toMatch(/is MISSING/);
      expect(existsSync(keyFile)).toBe(false);

      // The server refuses to start without the key, writing nothing.
      const refused = await runNode(['--import', 'tsx', path.resolve('server/main.ts')], env);
      expect(refused.status, refused.out).toBe(1);
      expect(refused.out).toMatch(/No master key/);
      expect(existsSync(keyFile)).toBe(false);
      expect(existsSync(pidFile)).toBe(false);

      // A different key: exit 3 as well.
      await writeKeyFile(keyFile, generateMasterKey());
      const wrong = await runSetara(['restore', backup, '--yes'], env);
      expect(wrong.status, wrong.out).toBe(3);
      expect(wrong.out).toMatch(/is NOT the key of this backup/);

      // The right key back: restore succeeds; the cluster is stopped again afterwards.
      renameSync(`${keyFile}.away`, keyFile);
      const restored = await runSetara(['restore', backup, '--yes'], env);
      expect(restored.status, restored.out).toBe(0);
      expect(restored.out).toMatch(/master key matches/);
      expect(existsSync(pidFile)).toBe(false);

      // A server killed with SIGKILL leaves an orphaned postmaster: the next command stops it and runs.
      const killed = await startServer(env);
      onTestFinished(() => void killed.child.kill('SIGKILL'));
      killed.child.kill('SIGKILL');
      await killed.exited;
      expect(existsSync(pidFile)).toBe(true);
      const afterKill = await runSetara(['audit', 'verify'], env);
      expect(afterKill.status, afterKill.out).toBe(0);
      expect(afterKill.out).toMatch(/orphaned embedded PostgreSQL/);
      expect(existsSync(pidFile)).toBe(false);
    },
  );
});
