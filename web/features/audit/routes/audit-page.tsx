import { Button, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { dateInputToIso, useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useAudit, type AuditFilters } from '../api/audit-api.ts';
import { AuditDetails } from '../components/audit-details.tsx';

interface FilterValues {
  action: string;
  objectType: string;
  objectId: string;
  from: string;
  to: string;
}

const emptyFilters: FilterValues = { action: '', objectType: '', objectId: '', from: '', to: '' };

function toApiFilters(values: FilterValues): AuditFilters {
  const trimmed = (value: string) => value.trim() || undefined;
  return {
    action: trimmed(values.action),
    objectType: trimmed(values.objectType),
    objectId: trimmed(values.objectId),
    from: dateInputToIso(values.from),
    to: dateInputToIso(values.to, true),
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  // A label in the reader's language; an action without one (a new module's) shows its code.
  const actionLabel = (action: string) =>
    t(`audit.actions.${action.replaceAll('.', '_')}`, { defaultValue: action });
  usePageTitle(t('audit.title'));
  const format = useFormatters();
  const [filters, setFilters] = useState<AuditFilters>({});
  const audit = useAudit(filters);
  const form = useForm<FilterValues>({
    initialValues: emptyFilters,
    validate: {
      to: (value, values) =>
        value && values.from && value < values.from ? t('audit.filters.rangeInvalid') : null,
    },
  });
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={1}>{t('audit.title')}</Title>
      <Text>{t('audit.intro')}</Text>
      <form
        onSubmit={form.onSubmit((values) => setFilters(toApiFilters(values)))}
        onReset={() => {
          form.reset();
          setFilters({});
        }}
        aria-label={t('audit.filters.label')}
        noValidate
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <TextInput label={t('audit.filters.action')} {...form.getInputProps('action')} />
          <TextInput label={t('audit.filters.objectType')} {...form.getInputProps('objectType')} />
          <TextInput label={t('audit.filters.objectId')} {...form.getInputProps('objectId')} />
          <TextInput type="date" label={t('audit.filters.from')} {...form.getInputProps('from')} />
          <TextInput type="date" label={t('audit.filters.to')} {...form.getInputProps('to')} />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit">{t('audit.filters.apply')}</Button>
          <Button type="reset" variant="default">
            {t('audit.filters.reset')}
          </Button>
        </Group>
      </form>
      {audit.isPending ? (
        <PageLoader />
      ) : audit.isError ? (
        <ErrorAlert error={audit.error} />
      ) : entries.length === 0 ? (
        <Text>{t('audit.none')}</Text>
      ) : (
        <ScrollTable label={t('audit.tableLabel')} minWidth={880}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('audit.columns.at')}</Table.Th>
              <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
              <Table.Th scope="col">{t('audit.columns.action')}</Table.Th>
              <Table.Th scope="col">{t('audit.columns.object')}</Table.Th>
              <Table.Th scope="col">{t('audit.columns.details')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(entry.at)}</Table.Td>
                <Table.Td>{entry.actorLabel}</Table.Td>
                <Table.Td title={entry.action}>{actionLabel(entry.action)}</Table.Td>
                <Table.Td title={entry.objectType}>
                  {t(`audit.objectTypes.${entry.objectType}`, { defaultValue: entry.objectType })}
                  {entry.objectId ? ` · ${entry.objectId}` : ''}
                </Table.Td>
                <Table.Td>
                  <AuditDetails details={entry.details} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {audit.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
          >
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
