import type { DbOrTx } from '../../platform/database.ts';

/** SQL of the staff inbox. Every query is keyed by the owner: a notification is per user. */
export function createNotificationsRepository() {
  return {
    async insert(
      db: DbOrTx,
      notification: { userId: string; kind: string; caseId: string | null; link: string; at: Date },
    ): Promise<void> {
      await db
        .insertInto('notifications')
        .values({
          user_id: notification.userId,
          kind: notification.kind,
          case_id: notification.caseId,
          link: notification.link,
          created_at: notification.at,
        })
        .execute();
    },
    async list(db: DbOrTx, userId: string, options: { unreadOnly: boolean; limit: number }) {
      let query = db
        .selectFrom('notifications')
        .select(['id', 'kind', 'link', 'created_at', 'read_at'])
        .where('user_id', '=', userId);
      if (options.unreadOnly) query = query.where('read_at', 'is', null);
      return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    },
    async unreadCount(db: DbOrTx, userId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    /** Marks one of the user's notifications read; 0 when it is not hers (or does not exist). */
    async markRead(db: DbOrTx, userId: string, id: string, at: Date): Promise<number> {
      const result = await db
        .updateTable('notifications')
        .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(at)) }))
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async markAllRead(db: DbOrTx, userId: string, at: Date): Promise<number> {
      const result = await db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>;
