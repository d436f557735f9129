import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ethicsStatuses,
  rightsItems,
  rightsItemStatuses,
  type EthicsStatus,
  type RightsItem,
  type RightsItemStatus,
} from '../../../../shared/case-taxonomy.ts';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useSaveEthics, useSaveRights, type RightsInput } from '../api/case-protection-api.ts';
import { Fact, useCodeOptions } from './case-labels.tsx';

/** The union-internal ethics process (the named person is a union officer, or a union event). */
export function EthicsSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const format = useFormatters();
  const save = useSaveEthics();
  const form = useForm<{ status: '' | EthicsStatus; note: string }>({
    initialValues: { status: detail.ethics?.status ?? '', note: detail.ethics?.note ?? '' },
    validate: { status: (value) => (value ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.status) return;
    clearError();
    save.mutate(
      { id: detail.id, status: values.status, note: values.note.trim() || null },
      { onSuccess: () => notifySuccess(t('cases.ethics.saved')), onError: handleError },
    );
  });
  return (
    <Stack component="section" aria-labelledby="case-ethics">
      <Title order={2} size="h3" id="case-ethics">
        {t('cases.sections.ethics')}
      </Title>
      <Text size="sm">{t('cases.ethics.intro')}</Text>
      {detail.ethics ? (
        <SimpleGrid cols={{ base: 1, xs: 3 }} component="dl" m={0}>
          <Fact label={t('cases.ethics.status')}>{t(`cases.ethicsStatuses.${detail.ethics.status}`)}</Fact>
          <Fact label={t('cases.ethics.updatedAt')}>{format.dateTime(detail.ethics.updatedAt)}</Fact>
          <Fact label={t('cases.ethics.note')}>{detail.ethics.note ?? '—'}</Fact>
        </SimpleGrid>
      ) : (
        <Text>{t('cases.ethics.none')}</Text>
      )}
      {detail.allowed.recordEthics && (
        <Card withBorder>
          <form onSubmit={submit} noValidate aria-labelledby="case-ethics-form">
            <Stack>
              <Title order={3} size="h4" id="case-ethics-form">
                {t('cases.ethics.record')}
              </Title>
              <NativeSelect
                label={t('cases.ethics.status')}
                required
                maw={360}
                data={codeOptions(ethicsStatuses, 'ethicsStatuses')}
                {...form.getInputProps('status')}
              />
              <Textarea
                label={t('cases.ethics.note')}
                autosize
                minRows={3}
                maxLength={5000}
                {...form.getInputProps('note')}
              />
              <ErrorAlert error={error} />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}

interface RightsRow {
  item: RightsItem;
  status: '' | RightsItemStatus;
  note: string;
}

/** All nine items in the checklist's order, with what has been recorded so far. */
export function rightsRows(detail: CaseDetail): RightsRow[] {
  return rightsItems.map((item) => {
    const recorded = detail.rights.find((right) => right.item === item);
    return { item, status: recorded?.status ?? '', note: recorded?.note ?? '' };
  });
}

/** Only the items with a status go to the server; the server needs at least one. */
export function rightsBodyFromRows(rows: readonly RightsRow[]): RightsInput['items'] {
  return rows.flatMap((row) =>
    row.status ? [{ item: row.item, status: row.status, note: row.note.trim() || null }] : [],
  );
}

/** The rights checklist (UU TPKS Arts. 68–70); every item must be reviewed before the case can close. */
export function RightsSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const save = useSaveRights();
  const [isEmpty, setEmpty] = useState(false);
  const form = useForm<{ rows: RightsRow[] }>({ initialValues: { rows: rightsRows(detail) } });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    const items = rightsBodyFromRows(values.rows);
    setEmpty(items.length === 0);
    if (items.length === 0) return;
    clearError();
    save.mutate(
      { id: detail.id, items },
      { onSuccess: () => notifySuccess(t('cases.rights.saved')), onError: handleError },
    );
  });

  return (
    <Stack component="section" aria-labelledby="case-rights">
      <Group justify="space-between">
        <Title order={2} size="h3" id="case-rights">
          {t('cases.sections.rights')}
        </Title>
        {detail.rightsReviewed ? (
          <Badge variant="light" color="teal">
            {t('cases.rights.reviewed')}
          </Badge>
        ) : (
          <Badge variant="light" color="red">
            {t('cases.rights.notReviewed')}
          </Badge>
        )}
      </Group>
      <Text size="sm">{t('cases.rights.intro')}</Text>
      {detail.allowed.reviewRights ? (
        <form onSubmit={submit} noValidate aria-label={t('cases.sections.rights')}>
          <Stack>
            {form.values.rows.map((row, index) => (
              <Card withBorder key={row.item} padding="sm">
                <Stack gap="xs">
                  <Radio.Group
                    label={t(`cases.rightsItems.${row.item}`)}
                    {...form.getInputProps(`rows.${index}.status`)}
                  >
                    <Group gap="md" mt={4}>
                      {rightsItemStatuses.map((status) => (
                        <Radio key={status} value={status} label={t(`cases.rightsStatuses.${status}`)} />
                      ))}
                    </Group>
                  </Radio.Group>
                  <TextInput
                    label={t('cases.rights.noteFor', { item: t(`cases.rightsItems.${row.item}`) })}
                    size="sm"
                    maxLength={1000}
                    {...form.getInputProps(`rows.${index}.note`)}
                  />
                </Stack>
              </Card>
            ))}
            {isEmpty && (
              <Alert color="blue" variant="light" role="status">
                {t('cases.rights.noneSet')}
              </Alert>
            )}
            <ErrorAlert error={error} />
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('cases.rights.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <ScrollTable label={t('cases.sections.rights')} minWidth={520}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.rights.item')}</Table.Th>
              <Table.Th scope="col">{t('cases.rights.status')}</Table.Th>
              <Table.Th scope="col">{t('cases.rights.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rightsRows(detail).map((row) => (
              <Table.Tr key={row.item}>
                <Table.Td>{t(`cases.rightsItems.${row.item}`)}</Table.Td>
                <Table.Td>
                  {row.status ? t(`cases.rightsStatuses.${row.status}`) : t('cases.rights.open')}
                </Table.Td>
                <Table.Td>{row.note || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
