import { createHash } from 'node:crypto';
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

export type AuditVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtId: string; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/** Walks the whole chain in id order and reports the first broken link. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
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
    if (batch.length === 0) return { ok: true, rows };
    for (const row of batch) {
      rows += 1;
      if (!row.prev_hash.equals(prevHash)) {
        return { ok: false, rows, brokenAtId: String(row.id), reason: 'prev_hash_mismatch' };
      }
      if (!hashAuditRow(prevHash, row).equals(row.hash)) {
        return { ok: false, rows, brokenAtId: String(row.id), reason: 'hash_mismatch' };
      }
      prevHash = row.hash;
      lastId = String(row.id);
    }
  }
}
