import type { NotificationKind } from '../../../shared/case-checkins.ts';
import type { ListNotificationsQuery, NotificationView } from '../../../shared/contracts/case-reminders.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Actor, Clock } from '../../platform/context.ts';
import type { Db } from '../../platform/database.ts';
import type { NotificationsRepository } from './notifications.repository.ts';

/**
 * The staff inbox. Each account sees only its own notifications; a notification never carries case
 * content (a kind code and a link), so it needs no case access check to be listed — opening the link
 * does the case's own check.
 */
export function createNotificationsService(deps: {
  db: Db;
  notifications: NotificationsRepository;
  clock: Clock;
}) {
  const { db, notifications, clock } = deps;
  return {
    /** The caller's notifications, newest first, and how many are unread. */
    async list(actor: Actor, query: ListNotificationsQuery) {
      const [rows, unread] = await Promise.all([
        notifications.list(db, actor.userId, { unreadOnly: query.unread ?? false, limit: query.limit }),
        notifications.unreadCount(db, actor.userId),
      ]);
      const items: NotificationView[] = rows.map((row) => ({
        id: row.id,
        kind: row.kind as NotificationKind,
        link: row.link,
        createdAt: row.created_at.toISOString(),
        readAt: row.read_at?.toISOString() ?? null,
      }));
      return { items, unread };
    },

    async unreadCount(actor: Actor) {
      return { unread: await notifications.unreadCount(db, actor.userId) };
    },

    /** Marks one notification read; another user's notification is `not_found`, like a missing one. */
    async markRead(actor: Actor, id: string) {
      if ((await notifications.markRead(db, actor.userId, id, clock.now())) === 0)
        throw new AppError('not_found');
      return { unread: await notifications.unreadCount(db, actor.userId) };
    },

    async markAllRead(actor: Actor) {
      await notifications.markAllRead(db, actor.userId, clock.now());
      return { unread: 0 };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
