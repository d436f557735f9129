import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../lib/api.ts';
import { paths } from '../lib/paths.ts';

/**
 * The unread count, under the inbox's query key (`['notifications', 'unread']`), so marking a
 * notification read on the inbox page refreshes the bell. Refreshed every minute: reminders come from a job.
 */
const useUnreadCount = () =>
  useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) => apiFetch<{ unread: number }>('/notifications/unread-count', { signal }),
    refetchInterval: 60_000,
  });

const BellIcon = () => (
  <svg
    width={20}
    height={20}
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth={2}
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden
    focusable={false}
  >
    <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
    <path d="M13.73 21a2 2 0 0 1-3.46 0" />
  </svg>
);

/** The header's link to the inbox, with the number of unread notifications in its name and a dot. */
export function NotificationBell() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data?.unread ?? 0;
  const label = unread > 0 ? t('caseReminders.bell.unread', { count: unread }) : t('caseReminders.bell.none');
  return (
    <Tooltip label={label}>
      <Indicator disabled={unread === 0} label={unread > 99 ? '99+' : unread} size={16} color="red">
        <ActionIcon
          component={Link}
          to={paths.notifications}
          variant="subtle"
          color="dark"
          size="lg"
          aria-label={label}
        >
          <BellIcon />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
