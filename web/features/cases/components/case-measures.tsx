import {
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  measureKinds,
  measureStatuses,
  type MeasureKind,
  type MeasureStatus,
} from '../../../../shared/case-taxonomy.ts';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useAddMeasure, useUpdateMeasure } from '../api/case-measures-api.ts';
import { useCodeOptions } from './case-labels.tsx';
import { CaseFormCard } from './case-form-card.tsx';

export type Measure = CaseDetail['measures'][number];

export function MeasuresSection({
  detail,
  onUpdate,
}: {
  detail: CaseDetail;
  onUpdate: (measure: Measure) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Stack component="section" aria-labelledby="case-measures">
      <Title order={2} size="h3" id="case-measures">
        {t('cases.sections.measures')}
      </Title>
      <Text size="sm">{t('cases.measures.intro')}</Text>
      {detail.measures.length === 0 ? (
        <Text>{t('cases.measures.none')}</Text>
      ) : (
        <ScrollTable label={t('cases.sections.measures')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.measures.kind')}</Table.Th>
              <Table.Th scope="col">{t('cases.measures.status')}</Table.Th>
              <Table.Th scope="col">{t('cases.measures.description')}</Table.Th>
              <Table.Th scope="col">{t('cases.measures.startedOn')}</Table.Th>
              {detail.allowed.recordMeasure && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {detail.measures.map((measure) => {
              const kind = t(`cases.measureKinds.${measure.kind}`);
              return (
                <Table.Tr key={measure.id}>
                  <Table.Td>{kind}</Table.Td>
                  <Table.Td>{t(`cases.measureStatuses.${measure.status}`)}</Table.Td>
                  <Table.Td>{measure.description ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(measure.startedOn)}</Table.Td>
                  {detail.allowed.recordMeasure && (
                    <Table.Td>
                      <Button
                        variant="default"
                        size="xs"
                        onClick={() => onUpdate(measure)}
                        aria-label={t('cases.measures.updateNamed', { kind })}
                      >
                        {t('cases.measures.update')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ScrollTable>
      )}
      {detail.allowed.recordMeasure && <AddMeasureForm detail={detail} />}
    </Stack>
  );
}

interface MeasureValues {
  kind: '' | MeasureKind;
  status: MeasureStatus;
  description: string;
  startedOn: string;
}

function AddMeasureForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const codeOptions = useCodeOptions();
  const add = useAddMeasure();
  const form = useForm<MeasureValues>({
    initialValues: { kind: '', status: 'diminta', description: '', startedOn: '' },
    validate: { kind: (value) => (value ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.kind) return;
    clearError();
    add.mutate(
      {
        id: detail.id,
        kind: values.kind,
        status: values.status,
        description: values.description.trim() || null,
        startedOn: values.startedOn || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('cases.measures.added'));
          form.reset();
        },
        onError: handleError,
      },
    );
  });
  return (
    <CaseFormCard
      id="case-measure-form"
      title={t('cases.measures.add')}
      submitLabel={t('cases.measures.submit')}
      pending={add.isPending}
      onSubmit={submit}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NativeSelect
          label={t('cases.measures.kind')}
          required
          data={codeOptions(measureKinds, 'measureKinds')}
          {...form.getInputProps('kind')}
        />
        <NativeSelect
          label={t('cases.measures.status')}
          data={measureStatuses.map((status) => ({
            value: status,
            label: t(`cases.measureStatuses.${status}`),
          }))}
          {...form.getInputProps('status')}
        />
        <TextInput type="date" label={t('cases.measures.startedOn')} {...form.getInputProps('startedOn')} />
      </SimpleGrid>
      <Textarea
        label={t('cases.measures.description')}
        autosize
        minRows={2}
        maxLength={2000}
        {...form.getInputProps('description')}
      />
      <ErrorAlert error={error} />
    </CaseFormCard>
  );
}

export function UpdateMeasureDialog({
  detail,
  measure,
  onClose,
}: {
  detail: CaseDetail;
  measure: Measure;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateMeasure();
  const form = useForm<{ status: MeasureStatus }>({ initialValues: { status: measure.status } });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    update.mutate(
      { id: detail.id, itemId: measure.id, status: values.status },
      {
        onSuccess: () => {
          notifySuccess(t('cases.measures.updated'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal
      opened
      onClose={onClose}
      title={t('cases.measures.updateTitle', { kind: t(`cases.measureKinds.${measure.kind}`) })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <NativeSelect
            label={t('cases.measures.status')}
            data-autofocus
            data={measureStatuses.map((status) => ({
              value: status,
              label: t(`cases.measureStatuses.${status}`),
            }))}
            {...form.getInputProps('status')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
