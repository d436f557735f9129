import { Anchor, Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isRoleNotification } from '../../../../shared/case-checkins.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications-api.ts';

/** The staff inbox: what needs attention, each with a link to the case and nothing of its content. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('caseReminders.inbox.title'));
  const format = useFormatters();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();

  return (
    <Stack maw={960}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('caseReminders.inbox.title')}</Title>
        <Button
          variant="default"
          disabled={!list.data || list.data.unread === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: () => notifySuccess(t('caseReminders.inbox.markedAllRead')),
            })
          }
        >
          {t('caseReminders.inbox.markAllRead')}
        </Button>
      </Group>
      <Text>{t('caseReminders.inbox.intro')}</Text>
      <Switch
        label={t('caseReminders.inbox.unreadOnly')}
        checked={unreadOnly}
        onChange={(event) => setUnreadOnly(event.currentTarget.checked)}
      />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('caseReminders.inbox.none')}</Text>
      ) : (
        <Stack
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('caseReminders.inbox.listLabel')}
        >
          {list.data.items.map((item) => (
            <Card key={item.id} component="li" withBorder>
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <Stack gap={4}>
                  <Text fw={item.readAt ? 400 : 700}>{t(`caseReminders.kinds.${item.kind}`)}</Text>
                  <Text size="sm" c="dimmed">
                    {format.dateTime(item.createdAt)}
                  </Text>
                  <Anchor
                    component={Link}
                    to={item.link}
                    onClick={() => {
                      if (!item.readAt) markRead.mutate(item.id);
                    }}
                  >
                    {isRoleNotification(item.kind)
                      ? t('caseReminders.inbox.openRoles')
                      : t('caseReminders.inbox.open')}
                  </Anchor>
                </Stack>
                <Group gap="xs">
                  {!item.readAt && (
                    <>
                      <Badge color="red" variant="filled">
                        {t('caseReminders.inbox.unread')}
                      </Badge>
                      <Button variant="default" size="xs" onClick={() => markRead.mutate(item.id)}>
                        {t('caseReminders.inbox.markRead')}
                      </Button>
                    </>
                  )}
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
