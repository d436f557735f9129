import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useOutbox, type OutboxMessage } from '../api/outbox-api.ts';

const urlPattern = /(https?:\/\/[^\s<>"]+)/g;

/** Plain-text email body with its links made clickable, so an administrator can pass an invitation on. */
function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(urlPattern);
  return (
    <pre className="setara-pre">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <Anchor key={index} href={part} rel="noreferrer" style={{ wordBreak: 'break-all' }}>
            {part}
          </Anchor>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

const statusColor: Record<OutboxMessage['status'], string> = {
  queued: 'blue',
  sent: 'teal',
  failed: 'red',
  held: 'gray',
};

export function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('outbox.title'));
  const format = useFormatters();
  const outbox = useOutbox();

  return (
    <Stack maw={960}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('outbox.title')}</Title>
        <Button variant="default" onClick={() => void outbox.refetch()} loading={outbox.isFetching}>
          {t('common.refresh')}
        </Button>
      </Group>
      <Text>{t('outbox.intro')}</Text>
      {outbox.isPending ? (
        <PageLoader />
      ) : outbox.isError ? (
        <ErrorAlert error={outbox.error} />
      ) : outbox.data.items.length === 0 ? (
        <Text>{t('outbox.none')}</Text>
      ) : (
        <Stack component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('outbox.listLabel')}>
          {outbox.data.items.map((message) => (
            <Card key={message.id} component="li" withBorder>
              <Group justify="space-between" align="flex-start" wrap="wrap">
                <Stack gap={2}>
                  {/* Subject and body are in the recipient's language, not necessarily the page's: `lang`
                      tells screen readers (and the page sweep) which. */}
                  <Title order={2} size="h4" lang={message.language ?? undefined}>
                    {message.subject}
                  </Title>
                  <Text size="sm">
                    {t('outbox.to', { recipient: message.recipient })} · {format.dateTime(message.createdAt)}
                  </Text>
                </Stack>
                <Badge color={statusColor[message.status]} variant="filled">
                  {t(`outbox.status.${message.status}`)}
                </Badge>
              </Group>
              <details style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
                <summary style={{ cursor: 'pointer' }}>{t('outbox.showBody')}</summary>
                <div style={{ marginTop: 'var(--mantine-spacing-xs)' }} lang={message.language ?? undefined}>
                  <LinkifiedText text={message.body} />
                </div>
              </details>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
