import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/database.ts';

export type SessionStage = 'full' | 'mfa' | 'enrol';
export interface SessionRow {
  id_hash: Buffer;
  user_id: string;
  stage: SessionStage;
  created_at: Date;
  last_seen_at: Date;
  absolute_expires_at: Date;
}

export interface ThrottleRow {
  key: string;
  failures: number;
  window_started_at: Date;
  blocked_until: Date | null;
  owner_notified_at: Date | null;
}

/** SQL for sessions, login throttles and one-time tokens. */
export function createAuthRepository() {
  return {
    async insertSession(db: DbOrTx, session: SessionRow): Promise<void> {
      await db.insertInto('sessions').values(session).execute();
    },
    async findSession(db: DbOrTx, idHash: Buffer): Promise<SessionRow | undefined> {
      return (await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .executeTakeFirst()) as SessionRow | undefined;
    },
    async touchSession(db: DbOrTx, idHash: Buffer, at: Date): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
    },
    /** Replaces the session id (new cookie) when its stage rises, so a fixed id never gains rights. */
    async promoteSession(
      db: DbOrTx,
      oldHash: Buffer,
      newHash: Buffer,
      stage: SessionStage,
      at: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('sessions')
        .set({ id_hash: newHash, stage, last_seen_at: at })
        .where('id_hash', '=', oldHash)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async deleteSession(db: DbOrTx, idHash: Buffer): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteSessionsOf(db: DbOrTx, userId: string, exceptHash?: Buffer): Promise<number> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptHash) query = query.where('id_hash', '!=', exceptHash);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async deleteExpiredSessions(db: DbOrTx, now: Date, idleMinutes: number): Promise<number> {
      const result = await db
        .deleteFrom('sessions')
        .where((eb) =>
          eb.or([
            eb('absolute_expires_at', '<=', now),
            eb('last_seen_at', '<=', new Date(now.getTime() - idleMinutes * 60_000)),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async findThrottles(db: DbOrTx, keys: string[]): Promise<ThrottleRow[]> {
      return db.selectFrom('auth_throttle').selectAll().where('key', 'in', keys).execute();
    },
    /**
     * Counts one failure atomically (concurrent attempts from several instances all count) and returns
     * the updated row. A window older than `windowMinutes` starts over.
     */
    async recordFailure(db: DbOrTx, key: string, now: Date, windowMinutes: number): Promise<ThrottleRow> {
      const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
      const row = await sql<ThrottleRow>`
        INSERT INTO auth_throttle AS t (key, failures, window_started_at)
        VALUES (${key}, 1, ${now})
        ON CONFLICT (key) DO UPDATE SET
          failures = CASE WHEN t.window_started_at < ${windowStart} THEN 1 ELSE t.failures + 1 END,
          window_started_at = CASE WHEN t.window_started_at < ${windowStart} THEN ${now} ELSE t.window_started_at END
        RETURNING *`.execute(db);
      const updated = row.rows[0];
      if (!updated) throw new Error('throttle upsert returned nothing');
      return updated;
    },
    async setBlockedUntil(db: DbOrTx, key: string, until: Date | null, notifiedAt?: Date): Promise<void> {
      await db
        .updateTable('auth_throttle')
        .set(notifiedAt ? { blocked_until: until, owner_notified_at: notifiedAt } : { blocked_until: until })
        .where('key', '=', key)
        .execute();
    },
    async clearThrottle(db: DbOrTx, key: string): Promise<void> {
      await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
    },
    /** Every throttle row whose key starts with `prefix` (an account's rows from each address). */
    async clearThrottlesWithPrefix(db: DbOrTx, prefix: string): Promise<void> {
      await db
        .deleteFrom('auth_throttle')
        .where(sql<boolean>`left(key, ${prefix.length}) = ${prefix}`)
        .execute();
    },
    async markOwnerNotified(db: DbOrTx, key: string, at: Date): Promise<void> {
      await db.updateTable('auth_throttle').set({ owner_notified_at: at }).where('key', '=', key).execute();
    },
    async deleteStaleThrottles(db: DbOrTx, before: Date): Promise<number> {
      const result = await db
        .deleteFrom('auth_throttle')
        .where('window_started_at', '<', before)
        .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async insertToken(
      db: DbOrTx,
      token: {
        idHash: Buffer;
        purpose: 'setup' | 'reset' | 'invite';
        userId: string | null;
        expiresAt: Date;
      },
    ): Promise<void> {
      await db
        .insertInto('one_time_tokens')
        .values({
          id_hash: token.idHash,
          purpose: token.purpose,
          user_id: token.userId,
          expires_at: token.expiresAt,
        })
        .execute();
    },
    /** Consumes a token atomically: the second use of the same token finds nothing. */
    async consumeToken(db: DbOrTx, idHash: Buffer, purposes: string[], now: Date) {
      return db
        .updateTable('one_time_tokens')
        .set({ used_at: now })
        .where('id_hash', '=', idHash)
        .where('purpose', 'in', purposes)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['user_id', 'purpose'])
        .executeTakeFirst();
    },
    async isTokenUsable(db: DbOrTx, idHash: Buffer, purpose: string, now: Date): Promise<boolean> {
      const row = await db
        .selectFrom('one_time_tokens')
        .select('purpose')
        .where('id_hash', '=', idHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Boolean(row);
    },
    async revokeTokens(db: DbOrTx, purpose: string, userId?: string): Promise<void> {
      let query = db
        .deleteFrom('one_time_tokens')
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null);
      if (userId) query = query.where('user_id', '=', userId);
      await query.execute();
    },
    async deleteExpiredTokens(db: DbOrTx, now: Date): Promise<number> {
      const result = await db.deleteFrom('one_time_tokens').where('expires_at', '<', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type AuthRepository = ReturnType<typeof createAuthRepository>;
