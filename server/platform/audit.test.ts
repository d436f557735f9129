import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { appendAudit, canonicalJson, verifyAuditChain } from './audit.ts';

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
    const result = await verifyAuditChain(test.db, 7);
    expect(result).toEqual({ ok: true, rows: 20 });
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
