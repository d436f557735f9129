import { Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionCaseItem } from '../../../../shared/contracts/case-retention.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import {
  useReleaseLegalHold,
  useRetentionCases,
  useRetentionSettings,
  type RetentionStatus,
} from '../api/case-retention-api.ts';
import { LegalHoldDialog } from '../components/legal-hold-dialog.tsx';
import { RetentionSettingsForm } from '../components/retention-settings-form.tsx';

const statuses: RetentionStatus[] = ['pending', 'due', 'held', 'purged'];

/**
 * The administrator's retention screen: periods per closing reason, and closed cases by reference number
 * with coded data only (closing reason, dates, hold), to place or release a legal hold.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  usePageTitle(t('caseRetention.title'));
  const format = useFormatters();
  const settings = useRetentionSettings();
  const [status, setStatus] = useState<RetentionStatus>('pending');
  const list = useRetentionCases(status);
  const release = useReleaseLegalHold();
  const [holding, setHolding] = useState<RetentionCaseItem | null>(null);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={1}>{t('caseRetention.title')}</Title>
      <Text>{t('caseRetention.intro')}</Text>
      {settings.isPending ? (
        <PageLoader />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} />
      ) : (
        <RetentionSettingsForm settings={settings.data} />
      )}

      <Title order={2} size="h3">
        {t('caseRetention.list.title')}
      </Title>
      <NativeSelect
        label={t('caseRetention.list.status')}
        value={status}
        onChange={(event) => setStatus(event.currentTarget.value as RetentionStatus)}
        data={statuses.map((value) => ({ value, label: t(`caseRetention.list.statuses.${value}`) }))}
        maw={320}
      />
      <ErrorAlert error={release.error} />
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : items.length === 0 ? (
        <Text>{t('caseRetention.list.none')}</Text>
      ) : (
        <ScrollTable label={t('caseRetention.list.tableLabel')} minWidth={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('caseRetention.list.columns.reference')}</Table.Th>
              <Table.Th scope="col">{t('caseRetention.list.columns.unit')}</Table.Th>
              <Table.Th scope="col">{t('caseRetention.list.columns.closingReason')}</Table.Th>
              <Table.Th scope="col">{t('caseRetention.list.columns.closedAt')}</Table.Th>
              <Table.Th scope="col">{t('caseRetention.list.columns.purgeDueAt')}</Table.Th>
              <Table.Th scope="col">{t('caseRetention.list.columns.hold')}</Table.Th>
              <Table.Th scope="col">{t('caseRetention.list.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Th scope="row" fw={600}>
                  {item.reference}
                </Table.Th>
                <Table.Td>{item.handlingUnit.name}</Table.Td>
                <Table.Td>
                  {item.closingReason ? t(`cases.closingReasons.${item.closingReason}`) : '—'}
                </Table.Td>
                <Table.Td>{format.date(item.closedAt)}</Table.Td>
                <Table.Td>
                  {item.purgedAt ? (
                    t('caseRetention.list.purgedOn', { date: format.date(item.purgedAt) })
                  ) : (
                    <Group gap="xs">
                      {format.date(item.purgeDueAt)}
                      {item.isDue && (
                        <Badge color="orange" variant="light">
                          {t('caseRetention.list.due')}
                        </Badge>
                      )}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  {item.hold
                    ? t('caseRetention.hold.since', {
                        reason: t(`caseRetention.holdReasons.${item.hold.reason}`),
                        date: format.date(item.hold.placedAt),
                      })
                    : t('caseRetention.list.noHold')}
                </Table.Td>
                <Table.Td>
                  {item.purgedAt ? null : item.hold ? (
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('caseRetention.hold.releaseFor', { reference: item.reference })}
                      loading={release.isPending && release.variables === item.id}
                      onClick={() =>
                        release.mutate(item.id, {
                          onSuccess: () =>
                            notifySuccess(t('caseRetention.hold.released', { reference: item.reference })),
                        })
                      }
                    >
                      {t('caseRetention.hold.release')}
                    </Button>
                  ) : (
                    <Button
                      size="xs"
                      aria-label={t('caseRetention.hold.placeFor', { reference: item.reference })}
                      onClick={() => setHolding(item)}
                    >
                      {t('caseRetention.hold.place')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {list.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      {holding && <LegalHoldDialog item={holding} onClose={() => setHolding(null)} />}
    </Stack>
  );
}
