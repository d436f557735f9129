import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, auditCheckpointKey, writeAuditCheckpoint } from './platform/audit.ts';
import { generateMasterKey, loadOrCreateMasterKey, writeKeyFile } from './platform/crypto.ts';
import { createTestDatabase, type TestDatabase } from './test/database.ts';

let test: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  test = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'setara-cli-'));
});
afterAll(() => test.drop());

function setara(args: string[], options: { input?: string; url?: string; dataDir?: string } = {}) {
  const result = spawnSync(process.execPath, [path.resolve('bin/setara.mjs'), ...args], {
    input: options.input,
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: options.url ?? test.url,
      SETARA_DATA_DIR: options.dataDir ?? dataDir,
      LOG_LEVEL: 'silent',
    },
    timeout: 60_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('setara CLI', () => {
  it('documents every command with --help', () => {
    const help = setara(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['create-admin', 'migrate', 'audit', 'backup', 'restore', 'keys'])
      expect(help.out).toContain(command);
    expect(setara(['keys', 'rotate', '--help']).out).toMatch(/re-wrap/);
  });

  it('migrates, then creates an administrator (refusing a weak password)', async () => {
    expect(setara(['migrate']).out).toMatch(/Database is up to date|Applied/);
    const weak = setara(['create-admin', '--email', 'ops@spn.test', '--name', 'Ops', '--password-stdin'], {
      input: 'password123\n',
    });
    expect(weak.status).toBe(1);
    expect(weak.out).toMatch(/weak_password/);
    const created = setara(['create-admin', '--email', 'Ops@SPN.test', '--name', 'Ops', '--password-stdin'], {
      input: 'Operator-Setara-2026\n',
    });
    expect(created.status, created.out).toBe(0);
    expect(created.out).not.toContain('Operator-Setara-2026');
    const grants = await test.db
      .selectFrom('role_grants')
      .innerJoin('users', 'users.id', 'role_grants.user_id')
      .select(['users.email', 'role_grants.role'])
      .execute();
    expect(grants).toEqual(
      expect.arrayContaining([
        { email: 'ops@spn.test', role: 'admin' },
        { email: 'ops@spn.test', role: 'org_admin' },
      ]),
    );
    expect(existsSync(path.join(dataDir, 'keys', 'master.key'))).toBe(true);
  });

  it('finds the newest audit rows removed once a checkpoint sealed them (exit 2)', async () => {
    const { masterKey } = await loadOrCreateMasterKey({
      keyFile: path.join(dataDir, 'keys', 'master.key'),
      db: test.db,
    });
    await test.db
      .transaction()
      .execute((tx) =>
        appendAudit(tx, { actorId: null, actorLabel: 'test', action: 'test.newest', objectType: 'test' }),
      );
    const sealed = await writeAuditCheckpoint(test.db, auditCheckpointKey(masterKey.key), new Date());
    const ok = setara(['audit', 'verify']);
    expect(ok.status, ok.out).toBe(0);
    expect(ok.out).toMatch(/Audit chain intact: \d+ rows verified/);
    expect(ok.out).toContain(`seals row ${sealed!.auditId}`);
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(test.db);
    await sql`DELETE FROM audit_log WHERE id = ${sealed!.auditId}::bigint`.execute(test.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(test.db);
    const cut = setara(['audit', 'verify']);
    expect(cut.status).toBe(2);
    expect(cut.out).toContain(`BROKEN at row id ${sealed!.auditId} (checkpoint_missing`);
  });

  it('verifies the audit chain and reports a broken link', async () => {
    const { id } = await test.db.selectFrom('audit_log').select('id').orderBy('id').executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(test.db);
    await sql`UPDATE audit_log SET actor_label = 'someone else' WHERE id = ${id}`.execute(test.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(test.db);
    const broken = setara(['audit', 'verify']);
    expect(broken.status).toBe(2);
    expect(broken.out).toContain(`BROKEN at row id ${id}`);
  });

  // One backup in each format, then restores of them: several CLI processes each, so split in three steps
  // that each stay far inside the time limit (the steps run in order and share the two files).
  const file = () => path.join(dataDir, 'backup.dump');
  const builtinFile = () => path.join(dataDir, 'backup-builtin.dump');

  it('backs up in the pg_dump or the built-in format and names the key to keep apart', () => {
    // pg_dump custom format when a pg_dump of the server's major version is found, else the built-in one.
    const backup = setara(['backup', file()]);
    expect(backup.status, backup.out).toBe(0);
    expect(backup.out).toContain(path.join(dataDir, 'keys', 'master.key'));
    expect(backup.out).toMatch(/keep a copy of it separately/);
    const magic = readFileSync(file()).subarray(0, 5);
    if (/pg_dump custom format/.test(backup.out)) expect(magic.toString()).toBe('PGDMP');
    else {
      expect(backup.out).toMatch(/Setara built-in format/);
      expect([magic[0], magic[1]]).toEqual([0x1f, 0x8b]);
    }
    // The built-in format on demand, so both paths run wherever the tests run.
    const builtin = setara(['backup', builtinFile(), '--format', 'builtin']);
    expect(builtin.status, builtin.out).toBe(0);
    expect(builtin.out).toMatch(/Setara built-in format/);
    expect(builtin.out).toMatch(/keep a copy of it separately/);
  });

  it('restores either backup elsewhere when the master key matches', async () => {
    expect(existsSync(builtinFile()), 'the backups of the step before').toBe(true);
    const target = await createTestDatabase();
    try {
      for (const dump of [file(), builtinFile()]) {
        const restored = setara(['restore', dump, '--yes'], { url: target.url });
        expect(restored.status, restored.out).toBe(0);
        expect(restored.out).toMatch(/master key matches/);
        const users = await target.db.selectFrom('users').select('email').execute();
        expect(users.map((user) => user.email)).toContain('ops@spn.test');
      }
    } finally {
      await target.drop();
    }
  });

  it('restores, and says plainly when the master key is missing or wrong (exit code 3)', async () => {
    expect(existsSync(builtinFile()), 'the backups of the step before').toBe(true);
    const target = await createTestDatabase();
    try {
      const noKeyDir = mkdtempSync(path.join(tmpdir(), 'setara-nokey-'));
      for (const dump of [file(), builtinFile()]) {
        const missing = setara(['restore', dump, '--yes'], { url: target.url, dataDir: noKeyDir });
        expect(missing.status, missing.out).toBe(3);
        expect(missing.out).toMatch(/is MISSING/);
      }

      const otherKeyDir = mkdtempSync(path.join(tmpdir(), 'setara-otherkey-'));
      await writeKeyFile(path.join(otherKeyDir, 'keys', 'master.key'), generateMasterKey());
      const wrong = setara(['restore', builtinFile(), '--yes'], { url: target.url, dataDir: otherKeyDir });
      expect(wrong.status, wrong.out).toBe(3);
      expect(wrong.out).toMatch(/is NOT the key of this backup/);
    } finally {
      await target.drop();
    }
  });

  it('rotates the master key: data keys re-wrapped, old key retired, fingerprint updated', async () => {
    const before = readFileSync(path.join(dataDir, 'keys', 'master.key'), 'utf8');
    const client = new pg.Client({ connectionString: test.url });
    await client.connect();
    const fingerprintBefore = (
      await client.query<{ value: string }>(
        "SELECT value FROM system_settings WHERE key = 'master_key_fingerprint'",
      )
    ).rows[0]?.value;
    const rotated = setara(['keys', 'rotate']);
    expect(rotated.status, rotated.out).toBe(0);
    expect(rotated.out).toMatch(/Re-wrapped \d+ data keys/);
    const after = readFileSync(path.join(dataDir, 'keys', 'master.key'), 'utf8');
    expect(after).not.toBe(before);
    expect(
      readdirSync(path.join(dataDir, 'keys')).some((name) => name.startsWith('master.key.retired-')),
    ).toBe(true);
    const fingerprintAfter = (
      await client.query<{ value: string }>(
        "SELECT value FROM system_settings WHERE key = 'master_key_fingerprint'",
      )
    ).rows[0]?.value;
    await client.end();
    expect(fingerprintAfter).not.toBe(fingerprintBefore);
    expect(setara(['migrate']).status).toBe(0);
  });
});
