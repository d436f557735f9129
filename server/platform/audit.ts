import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, Clock } from './context.ts';
import type { Db, DbOrTx } from './database.ts';

/**
 * Append-only, hash-chained audit log. Each row's hash covers the previous row's hash and the row's own
 * fields, so changing or removing any row breaks the chain from there on. Rows are written inside the
 * transaction of the change they record (CONVENTIONS habit 4). Never put secrets or case content here.
 */
export interface AuditEntry {
  actorId: string | null;
  /** Who acted, readable: an email, `system`, `cli`, `setup`. */
  actorLabel: string;
  /** Verb-noun, e.g. `user.create`, `role.grant`, `auth.login_failed`. */
  action: string;
  objectType: string;
  objectId?: string | null;
  unitId?: number | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  object_type: string;
  object_id: string | null;
  unit_id: number | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: Buffer;
  hash: Buffer;
}

const GENESIS = Buffer.alloc(32);

/** JSON with object keys sorted at every depth, so the text is the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export function hashAuditRow(prevHash: Buffer, row: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): Buffer {
  const body = canonicalJson({
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    unitId: row.unit_id,
    requestId: row.request_id,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest();
}

/** Appends one row. Call inside the transaction of the change; it serialises writers with a lock. */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('setara.audit-chain'))`.execute(tx);
  const last = await tx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: now,
    actor_id: entry.actorId,
    actor_label: entry.actorLabel,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId ?? null,
    unit_id: entry.unitId ?? null,
    request_id: entry.requestId ?? null,
    details: entry.details ?? {},
  };
  await tx
    .insertInto('audit_log')
    .values({
      ...row,
      details: JSON.stringify(row.details),
      prev_hash: prevHash,
      hash: hashAuditRow(prevHash, row),
    })
    .execute();
}

/**
 * The audit writer of a service: what `actor` did to one object, at the service clock's time, with the
 * request id that ties it to the log line. Every service records its changes through this one shape.
 */
export function actorAudit(clock: Clock) {
  return (
    handle: DbOrTx,
    actor: Actor,
    action: string,
    objectType: string,
    objectId: string,
    unitId: number | null,
    details?: Record<string, unknown>,
  ): Promise<void> =>
    appendAudit(
      handle,
      {
        actorId: actor.userId,
        actorLabel: actor.label,
        action,
        objectType,
        objectId,
        unitId,
        requestId: actor.requestId,
        details,
      },
      clock.now(),
    );
}

export type AuditBreak =
  /** A row's link to the one before it, or its own hash, does not match: a row was changed or removed. */
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  /** A sealed head is no longer in the chain: rows up to it were removed or rewritten. */
  | 'checkpoint_missing'
  /** A checkpoint's seal does not match: written or changed without the master key. */
  | 'checkpoint_forged';

export interface AuditCheckpointView {
  madeAt: Date;
  auditId: string;
  /** The head's hash as hex: what `setara backup` prints to keep elsewhere. */
  auditHash: string;
}

export type AuditVerification =
  | { ok: true; rows: number; checkpoints: number; newestCheckpoint: AuditCheckpointView | null }
  | { ok: false; rows: number; brokenAtId: string; reason: AuditBreak };

/** The key that seals checkpoints: derived from the master key, which the database never holds. */
export const auditCheckpointKey = (masterKey: Buffer) =>
  createHmac('sha256', masterKey).update('setara-audit-checkpoint').digest();

function checkpointMac(
  key: Buffer,
  checkpoint: { madeAt: Date; auditId: string; auditHash: Buffer },
  previousMac: Buffer,
): Buffer {
  return createHmac('sha256', key)
    .update(previousMac)
    .update(
      `${checkpoint.madeAt.toISOString()}\n${checkpoint.auditId}\n${checkpoint.auditHash.toString('hex')}`,
    )
    .digest();
}

/**
 * Seals the chain's head in a checkpoint (an hourly job): the newest row's id and hash, under the
 * checkpoint key and the previous checkpoint's seal. Nothing is written when no row came since the last.
 */
export async function writeAuditCheckpoint(
  db: Db,
  key: Buffer,
  now: Date,
): Promise<AuditCheckpointView | null> {
  return db.transaction().execute(async (tx) => {
    // The same lock as writers: the head read here is the head.
    await sql`SELECT pg_advisory_xact_lock(hashtext('setara.audit-chain'))`.execute(tx);
    const head = await tx
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!head) return null;
    const previous = await tx
      .selectFrom('audit_checkpoints')
      .select(['audit_id', 'mac'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (previous && String(previous.audit_id) === String(head.id)) return null;
    const checkpoint = { madeAt: now, auditId: String(head.id), auditHash: head.hash };
    await tx
      .insertInto('audit_checkpoints')
      .values({
        made_at: now,
        audit_id: checkpoint.auditId,
        audit_hash: head.hash,
        mac: checkpointMac(key, checkpoint, previous?.mac ?? GENESIS),
      })
      .execute();
    return { madeAt: now, auditId: checkpoint.auditId, auditHash: head.hash.toString('hex') };
  });
}

/**
 * Walks the whole chain in id order and reports the first broken link. With the checkpoint key it also
 * checks every checkpoint's seal and that each sealed head is still in the chain with its hash, so
 * removing the newest rows is found as far back as the newest checkpoint.
 */
export async function verifyAuditChain(
  db: Db,
  options: { checkpointKey?: Buffer; batchSize?: number } = {},
): Promise<AuditVerification> {
  const batchSize = options.batchSize ?? 5000;
  const sealed = new Map<string, Buffer>();
  let newestCheckpoint: AuditCheckpointView | null = null;
  if (options.checkpointKey) {
    const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
    let previousMac: Buffer = GENESIS;
    for (const row of checkpoints) {
      const checkpoint = { madeAt: row.made_at, auditId: String(row.audit_id), auditHash: row.audit_hash };
      const expected = checkpointMac(options.checkpointKey, checkpoint, previousMac);
      if (expected.length !== row.mac.length || !timingSafeEqual(expected, row.mac))
        return { ok: false, rows: 0, brokenAtId: checkpoint.auditId, reason: 'checkpoint_forged' };
      sealed.set(checkpoint.auditId, row.audit_hash);
      previousMac = row.mac;
      newestCheckpoint = { ...checkpoint, auditHash: row.audit_hash.toString('hex') };
    }
  }
  const checkpoints = sealed.size;
  let prevHash: Buffer = GENESIS;
  let lastId = '0';
  let rows = 0;
  for (;;) {
    const batch = (await db
      .selectFrom('audit_log')
      .selectAll()
      .where(sql<boolean>`id > ${lastId}::bigint`)
      .orderBy('id')
      .limit(batchSize)
      .execute()) as AuditRow[];
    if (batch.length === 0) break;
    for (const row of batch) {
      rows += 1;
      if (!row.prev_hash.equals(prevHash)) {
        return { ok: false, rows, brokenAtId: String(row.id), reason: 'prev_hash_mismatch' };
      }
      if (!hashAuditRow(prevHash, row).equals(row.hash)) {
        return { ok: false, rows, brokenAtId: String(row.id), reason: 'hash_mismatch' };
      }
      const head = sealed.get(String(row.id));
      if (head) {
        if (!head.equals(row.hash))
          return { ok: false, rows, brokenAtId: String(row.id), reason: 'checkpoint_missing' };
        sealed.delete(String(row.id));
      }
      prevHash = row.hash;
      lastId = String(row.id);
    }
  }
  // A sealed head the walk never met: the rows up to it are gone.
  const [missing] = [...sealed.keys()].sort((a, b) => Number(a) - Number(b));
  if (missing !== undefined) return { ok: false, rows, brokenAtId: missing, reason: 'checkpoint_missing' };
  return { ok: true, rows, checkpoints, newestCheckpoint };
}
