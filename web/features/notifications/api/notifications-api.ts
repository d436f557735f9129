import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  listNotificationsResponse,
  unreadCountResponse,
} from '../../../../shared/contracts/case-reminders.ts';
import { apiFetch } from '../../../lib/api.ts';

export type NotificationsResponse = z.infer<typeof listNotificationsResponse>;
export type UnreadCount = z.infer<typeof unreadCountResponse>;

const notificationsKey = ['notifications'] as const;

export const listNotifications = (unreadOnly: boolean, signal?: AbortSignal) =>
  apiFetch<NotificationsResponse>('/notifications', {
    query: unreadOnly ? { unread: 'true' } : {},
    signal,
  });
export const markNotificationRead = (id: string) =>
  apiFetch<UnreadCount>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
export const markAllNotificationsRead = () =>
  apiFetch<UnreadCount>('/notifications/read-all', { method: 'POST' });

export const notificationsQueryOptions = (unreadOnly: boolean) =>
  queryOptions({
    queryKey: [...notificationsKey, 'list', unreadOnly],
    queryFn: ({ signal }) => listNotifications(unreadOnly, signal),
  });

export const useNotifications = (unreadOnly: boolean) => useQuery(notificationsQueryOptions(unreadOnly));

function useNotificationMutation<Variables>(mutationFn: (variables: Variables) => Promise<UnreadCount>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
export const useMarkRead = () => useNotificationMutation(markNotificationRead);
export const useMarkAllRead = () => useNotificationMutation(markAllNotificationsRead);
