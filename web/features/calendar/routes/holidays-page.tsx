import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { holidayKinds, type HolidayKind } from '../../../../shared/case-checkins.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useAddHoliday, useHolidays, useRemoveHoliday } from '../api/holidays-api.ts';

/** The working-day calendar, per year; an administrator adds and removes dates. */
export function HolidaysPage() {
  const { t } = useTranslation();
  usePageTitle(t('caseReminders.holidays.title'));
  const session = useFullSession();
  const format = useFormatters();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(Math.min(Math.max(thisYear, 2025), 2027));
  const years = [...new Set([2025, 2026, 2027, thisYear - 1, thisYear, thisYear + 1])].sort();
  const holidays = useHolidays(year);
  const remove = useRemoveHoliday();
  const canEdit = session.capabilities.manageCalendar;

  return (
    <Stack maw={960}>
      <Title order={1}>{t('caseReminders.holidays.title')}</Title>
      <Text>{t('caseReminders.holidays.intro')}</Text>
      <NativeSelect
        label={t('caseReminders.holidays.year')}
        maw={160}
        value={String(year)}
        data={years.map((value) => String(value))}
        onChange={(event) => setYear(Number(event.currentTarget.value))}
      />
      {remove.error && <ErrorAlert error={remove.error} />}
      {holidays.isPending ? (
        <PageLoader />
      ) : holidays.isError ? (
        <ErrorAlert error={holidays.error} />
      ) : holidays.data.items.length === 0 ? (
        <Text>{t('caseReminders.holidays.none')}</Text>
      ) : (
        <ScrollTable label={t('caseReminders.holidays.listLabel', { year })} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('caseReminders.holidays.date')}</Table.Th>
              <Table.Th scope="col">{t('caseReminders.holidays.name')}</Table.Th>
              <Table.Th scope="col">{t('caseReminders.holidays.kind')}</Table.Th>
              <Table.Th scope="col">{t('caseReminders.holidays.source')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {holidays.data.items.map((holiday) => (
              <Table.Tr key={holiday.date}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(holiday.date)}</Table.Td>
                <Table.Td>{holiday.name}</Table.Td>
                <Table.Td>{t(`caseReminders.holidays.kinds.${holiday.kind}`)}</Table.Td>
                <Table.Td>{holiday.source ?? '—'}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button
                      variant="default"
                      size="xs"
                      color="red"
                      loading={remove.isPending && remove.variables === holiday.date}
                      aria-label={t('caseReminders.holidays.removeNamed', {
                        name: holiday.name,
                        date: format.date(holiday.date),
                      })}
                      onClick={() =>
                        remove.mutate(holiday.date, {
                          onSuccess: () => notifySuccess(t('caseReminders.holidays.removed')),
                        })
                      }
                    >
                      {t('caseReminders.holidays.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {canEdit && <AddHolidayForm onAdded={(date) => setYear(Number(date.slice(0, 4)))} />}
    </Stack>
  );
}

function AddHolidayForm({ onAdded }: { onAdded: (date: string) => void }) {
  const { t } = useTranslation();
  const add = useAddHoliday();
  const form = useForm<{ date: string; name: string; kind: HolidayKind }>({
    initialValues: { date: '', name: '', kind: 'libur_nasional' },
    validate: {
      date: (value) => (value ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    add.mutate(
      { date: values.date, name: values.name.trim(), kind: values.kind },
      {
        onSuccess: () => {
          notifySuccess(t('caseReminders.holidays.added'));
          onAdded(values.date);
          form.reset();
        },
        onError: handleError,
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="holiday-add">
      <Stack>
        <Title order={2} size="h3" id="holiday-add">
          {t('caseReminders.holidays.add')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            type="date"
            required
            label={t('caseReminders.holidays.date')}
            {...form.getInputProps('date')}
          />
          <TextInput
            required
            maxLength={200}
            label={t('caseReminders.holidays.name')}
            {...form.getInputProps('name')}
          />
          <NativeSelect
            label={t('caseReminders.holidays.kind')}
            data={holidayKinds.map((kind) => ({
              value: kind,
              label: t(`caseReminders.holidays.kinds.${kind}`),
            }))}
            {...form.getInputProps('kind')}
          />
        </SimpleGrid>
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('caseReminders.holidays.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
