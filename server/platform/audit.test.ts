import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { randomBytes } from 'node:crypto';
import {
  appendAudit,
  auditCheckpointKey,
  canonicalJson,
  verifyAuditChain,
  writeAuditCheckpoint,
} from './audit.ts';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const entry = (n: number) => ({
  actorId: null,
  actorLabel: 'tester',
  action: `test.action_${n}`,
  objectType: 'thing',
  objectId: String(n),
  details: { n, nested: { b: 2, a: 1 } },
});

describe('audit chain', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('verifies an intact chain, including rows written concurrently', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => test.db.transaction().execute((tx) => appendAudit(tx, entry(n)))),
    );
    const result = await verifyAuditChain(test.db, { batchSize: 7 });
    expect(result).toEqual({ ok: true, rows: 20, checkpoints: 0, newestCheckpoint: null });
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x'`.execute(test.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(test.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(test.db)).rejects.toThrow(/append-only/);
  });

  it('a rolled-back change leaves no audit row', async () => {
    const before = await verifyAuditChain(test.db);
    await expect(
      test.db.transaction().execute(async (tx) => {
        await appendAudit(tx, entry(99));
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await verifyAuditChain(test.db)).toEqual(before);
  });

  it('reports the first broken link when a row is altered behind the trigger', async () => {
    const rows = await test.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const victim = rows[5]!.id;
    // A superuser with the trigger disabled: exactly what the hash chain exists to catch.
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(test.db);
    await sql`UPDATE audit_log SET details = '{"n": 1000}'::jsonb WHERE id = ${victim}`.execute(test.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(test.db);
    const result = await verifyAuditChain(test.db);
    expect(result).toMatchObject({ ok: false, brokenAtId: String(victim), reason: 'hash_mismatch' });
  });

  it('reports a deleted row as a broken link at the next row', async () => {
    const own = await createTestDatabase();
    try {
      for (let n = 0; n < 5; n += 1) await own.db.transaction().execute((tx) => appendAudit(tx, entry(n)));
      const rows = await own.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(own.db);
      await sql`DELETE FROM audit_log WHERE id = ${rows[2]!.id}`.execute(own.db);
      expect(await verifyAuditChain(own.db)).toMatchObject({
        ok: false,
        brokenAtId: String(rows[3]!.id),
        reason: 'prev_hash_mismatch',
      });
    } finally {
      await own.drop();
    }
  });
});

describe('audit checkpoints', () => {
  const key = auditCheckpointKey(randomBytes(32));
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 8, 1, minutes));
  async function chainWithCheckpoints(own: TestDatabase) {
    for (let n = 0; n < 4; n += 1) await own.db.transaction().execute((tx) => appendAudit(tx, entry(n)));
    const first = await writeAuditCheckpoint(own.db, key, at(0));
    // No row since: nothing to seal.
    expect(await writeAuditCheckpoint(own.db, key, at(5))).toBeNull();
    for (let n = 4; n < 8; n += 1) await own.db.transaction().execute((tx) => appendAudit(tx, entry(n)));
    const second = await writeAuditCheckpoint(own.db, key, at(60));
    return { first: first!, second: second! };
  }
  const removeRows = async (own: TestDatabase, fromId: string) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(own.db);
    await sql`DELETE FROM audit_log WHERE id >= ${fromId}::bigint`.execute(own.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(own.db);
  };

  it('an intact chain passes and names its newest sealed head', async () => {
    const own = await createTestDatabase();
    try {
      const { second } = await chainWithCheckpoints(own);
      expect(await verifyAuditChain(own.db, { checkpointKey: key })).toEqual({
        ok: true,
        rows: 8,
        checkpoints: 2,
        newestCheckpoint: second,
      });
    } finally {
      await own.drop();
    }
  });

  it('finds the newest rows deleted, which the chain alone cannot see', async () => {
    const own = await createTestDatabase();
    try {
      const { second } = await chainWithCheckpoints(own);
      const rows = await own.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      await removeRows(own, rows[5]!.id);
      // The chain up to row 5 is whole: without the checkpoints nothing looks wrong.
      expect(await verifyAuditChain(own.db)).toMatchObject({ ok: true, rows: 5 });
      expect(await verifyAuditChain(own.db, { checkpointKey: key })).toEqual({
        ok: false,
        rows: 5,
        brokenAtId: second.auditId,
        reason: 'checkpoint_missing',
      });
    } finally {
      await own.drop();
    }
  });

  it('refuses a checkpoint written without the master key, or one whose predecessor was removed', async () => {
    const own = await createTestDatabase();
    try {
      const { first } = await chainWithCheckpoints(own);
      // Someone with the database only: deletes the newest rows and forges a checkpoint of the new head.
      const rows = await own.db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute();
      await removeRows(own, rows[6]!.id);
      await sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_no_update`.execute(own.db);
      await sql`DELETE FROM audit_checkpoints WHERE audit_id > ${first.auditId}::bigint`.execute(own.db);
      await sql`ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_no_update`.execute(own.db);
      await writeAuditCheckpoint(own.db, auditCheckpointKey(randomBytes(32)), at(90));
      expect(await verifyAuditChain(own.db, { checkpointKey: key })).toMatchObject({
        ok: false,
        brokenAtId: rows[5]!.id,
        reason: 'checkpoint_forged',
      });
    } finally {
      await own.drop();
    }
  });

  it('checkpoints are append-only like the log', async () => {
    const own = await createTestDatabase();
    try {
      await chainWithCheckpoints(own);
      await expect(sql`DELETE FROM audit_checkpoints`.execute(own.db)).rejects.toThrow(/append-only/);
      await expect(sql`UPDATE audit_checkpoints SET made_at = now()`.execute(own.db)).rejects.toThrow(
        /append-only/,
      );
    } finally {
      await own.drop();
    }
  });
});
