import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Radio,
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
import { retaliationKinds, type RetaliationKind } from '../../../../shared/case-checkins.ts';
import type { CheckinView } from '../../../../shared/contracts/case-reminders.ts';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCheckins, useRecordCheckin, useSetContractRenewal } from '../api/case-checkins-api.ts';
import { LateBadge } from './case-labels.tsx';

/**
 * Retaliation watch on the case page (UU TPKS Art. 69): the check-ins after the outcome and the
 * survivor's contract renewal date. Only the case team (coordinator, handlers) sees it.
 */
export function CheckinsCard({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const isTeam = detail.myRoles.includes('coordinator') || detail.myRoles.includes('handler');
  const checkins = useCheckins(detail.id, isTeam);
  const [recording, setRecording] = useState<CheckinView | null>(null);
  if (!isTeam) return null;
  return (
    <Card withBorder component="section" aria-labelledby="case-checkins">
      <Stack>
        <Title order={2} size="h3" id="case-checkins">
          {t('caseReminders.checkins.title')}
        </Title>
        <Text size="sm">{t('caseReminders.checkins.intro')}</Text>
        {checkins.isError && <ErrorAlert error={checkins.error} />}
        {checkins.data && (
          <>
            {checkins.data.items.length === 0 ? (
              <Text>{t('caseReminders.checkins.noOutcome')}</Text>
            ) : (
              <ScrollTable label={t('caseReminders.checkins.listLabel')} minWidth={640}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('caseReminders.checkins.kind')}</Table.Th>
                    <Table.Th scope="col">{t('caseReminders.checkins.dueAt')}</Table.Th>
                    <Table.Th scope="col">{t('caseReminders.checkins.answer')}</Table.Th>
                    {checkins.data.allowed.record && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {checkins.data.items.map((item) => {
                    const kind = t(`cases.deadlineKinds.${item.kind}`);
                    return (
                      <Table.Tr key={item.kind}>
                        <Table.Td>{kind}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Group gap={6} wrap="nowrap">
                            {format.date(item.dueAt)}
                            {item.late && <LateBadge />}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <CheckinAnswer item={item} />
                        </Table.Td>
                        {checkins.data.allowed.record && (
                          <Table.Td>
                            {!item.done && (
                              <Button
                                variant="default"
                                size="xs"
                                aria-label={t('caseReminders.checkins.recordNamed', { kind })}
                                onClick={() => setRecording(item)}
                              >
                                {t('caseReminders.checkins.record')}
                              </Button>
                            )}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </ScrollTable>
            )}
            {checkins.data.allowed.setContractRenewal && (
              <ContractRenewalForm caseId={detail.id} current={checkins.data.contractRenewalOn} />
            )}
            {recording && (
              <RecordCheckinDialog
                caseId={detail.id}
                item={recording}
                canReopen={checkins.data.allowed.reopen}
                onClose={() => setRecording(null)}
              />
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}

function CheckinAnswer({ item }: { item: CheckinView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!item.done) return <Text size="sm">{t('caseReminders.checkins.pending')}</Text>;
  return (
    <Stack gap={2}>
      {item.retaliation ? (
        <Badge color="red" variant="light">
          {t('caseReminders.checkins.retaliationFound', {
            kinds: item.retaliationKinds
              .map((kind) => t(`caseReminders.retaliationKinds.${kind}`))
              .join(', '),
          })}
        </Badge>
      ) : (
        <Text size="sm">{t('caseReminders.checkins.noRetaliation')}</Text>
      )}
      {item.reopened && <Text size="sm">{t('caseReminders.checkins.reopened')}</Text>}
      {item.note && <Text size="sm">{item.note}</Text>}
      <Text size="xs" c="dimmed">
        {item.recordedBy} · {format.dateTime(item.recordedAt)}
      </Text>
    </Stack>
  );
}

function ContractRenewalForm({ caseId, current }: { caseId: string; current: string | null }) {
  const { t } = useTranslation();
  const save = useSetContractRenewal();
  const form = useForm({ initialValues: { contractRenewalOn: current ?? '' } });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const send = (value: string | null) => {
    clearError();
    save.mutate(
      { id: caseId, contractRenewalOn: value },
      {
        onSuccess: () => {
          notifySuccess(t('caseReminders.checkins.contractSaved'));
          form.setValues({ contractRenewalOn: value ?? '' });
        },
        onError: handleError,
      },
    );
  };
  return (
    <form
      noValidate
      aria-labelledby="case-contract"
      onSubmit={form.onSubmit((values) => send(values.contractRenewalOn || null))}
    >
      <Stack gap="xs">
        <Title order={3} size="h4" id="case-contract">
          {t('caseReminders.checkins.contractTitle')}
        </Title>
        <Text size="sm">{t('caseReminders.checkins.contractIntro')}</Text>
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t('caseReminders.checkins.contractDate')}
            {...form.getInputProps('contractRenewalOn')}
          />
          <Button type="submit" loading={save.isPending}>
            {t('caseReminders.checkins.contractSave')}
          </Button>
          {current && (
            <Button variant="default" onClick={() => send(null)} disabled={save.isPending}>
              {t('caseReminders.checkins.contractClear')}
            </Button>
          )}
        </Group>
        <ErrorAlert error={error} />
      </Stack>
    </form>
  );
}

interface CheckinValues {
  retaliation: 'yes' | 'no' | '';
  retaliationKinds: RetaliationKind[];
  note: string;
  reopen: boolean;
  reason: string;
}

export function RecordCheckinDialog({
  caseId,
  item,
  canReopen,
  onClose,
}: {
  caseId: string;
  item: CheckinView;
  canReopen: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordCheckin();
  const form = useForm<CheckinValues>({
    initialValues: { retaliation: '', retaliationKinds: [], note: '', reopen: false, reason: '' },
    validate: {
      retaliation: (value) => (value ? null : t('validation.required')),
      retaliationKinds: (value, values) =>
        values.retaliation === 'yes' && value.length === 0 ? t('validation.required') : null,
      reason: (value, values) => (values.reopen && value.trim().length < 3 ? t('validation.required') : null),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const found = form.values.retaliation === 'yes';
  const submit = form.onSubmit((values) => {
    clearError();
    record.mutate(
      {
        id: caseId,
        kind: item.kind,
        retaliation: values.retaliation === 'yes',
        retaliationKinds: values.retaliation === 'yes' ? values.retaliationKinds : [],
        note: values.note.trim() || null,
        reopen: values.retaliation === 'yes' && values.reopen,
        ...(values.reopen ? { reason: values.reason.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('caseReminders.checkins.recorded'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  const kind = t(`cases.deadlineKinds.${item.kind}`);
  return (
    <AppModal opened onClose={onClose} title={t('caseReminders.checkins.recordTitle', { kind })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group
            label={t('caseReminders.checkins.retaliationQuestion')}
            required
            {...form.getInputProps('retaliation')}
          >
            <Group mt="xs">
              <Radio value="no" label={t('caseReminders.checkins.no')} />
              <Radio value="yes" label={t('caseReminders.checkins.yes')} />
            </Group>
          </Radio.Group>
          {found && (
            <Checkbox.Group
              label={t('caseReminders.checkins.kindsLabel')}
              required
              {...form.getInputProps('retaliationKinds')}
            >
              <Stack gap={4} mt="xs">
                {retaliationKinds.map((code) => (
                  <Checkbox key={code} value={code} label={t(`caseReminders.retaliationKinds.${code}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Textarea
            label={t('caseReminders.checkins.note')}
            autosize
            minRows={2}
            maxLength={5000}
            {...form.getInputProps('note')}
          />
          {found && canReopen && (
            <Checkbox
              label={t('caseReminders.checkins.reopen')}
              {...form.getInputProps('reopen', { type: 'checkbox' })}
            />
          )}
          {found && canReopen && form.values.reopen && (
            <Textarea
              label={t('caseReminders.checkins.reason')}
              required
              autosize
              minRows={2}
              {...form.getInputProps('reason')}
            />
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('caseReminders.checkins.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
