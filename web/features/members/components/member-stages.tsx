import {
  Button,
  Group,
  List,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberStagesResponse, StageRecordView } from '../../../../shared/contracts/cadre.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { todayIso, useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useMemberStages, useRecordStage, useWithdrawStage } from '../api/members-api.ts';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

/**
 * Her cadre stage, what she lacks for the next one, and her stage history with date, confirmer and
 * evidence (training.md "Cadre stages"), beside her training and positions. Officers of the level above
 * her unit record a stage by hand or withdraw one; the server checks again.
 */
export function MemberStages({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const stages = useMemberStages(memberId);
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<StageRecordView | null>(null);
  const language = currentLanguage();
  return (
    <Stack component="section" gap="xs" aria-labelledby="member-stages">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="member-stages">
          {t('cadreStages.member.title')}
        </Title>
        {stages.data?.canDecide && stages.data.recordable.length > 0 && (
          <Button variant="default" size="xs" onClick={() => setRecording(true)}>
            {t('cadreStages.member.record')}
          </Button>
        )}
      </Group>
      {stages.isPending ? (
        <PageLoader />
      ) : stages.isError ? (
        <ErrorAlert error={stages.error} />
      ) : (
        <>
          <Summary stages={stages.data} />
          {stages.data.records.length === 0 ? (
            <Text>{t('cadreStages.member.none')}</Text>
          ) : (
            <ScrollTable label={t('cadreStages.member.history')} minWidth={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('cadreStages.member.columns.stage')}</Table.Th>
                  <Table.Th scope="col">{t('cadreStages.member.columns.achievedOn')}</Table.Th>
                  <Table.Th scope="col">{t('cadreStages.member.columns.confirmedBy')}</Table.Th>
                  <Table.Th scope="col">{t('cadreStages.member.columns.evidence')}</Table.Th>
                  <Table.Th scope="col">{t('cadreStages.member.columns.state')}</Table.Th>
                  {stages.data.canDecide && (
                    <Table.Th scope="col">{t('cadreStages.member.columns.actions')}</Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stages.data.records.map((record) => (
                  <Table.Tr key={record.id}>
                    <Table.Td>{record.stageLabels[language]}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(record.achievedOn)}</Table.Td>
                    <Table.Td>
                      {record.confirmedUnitName
                        ? t('cadreStages.member.byUnit', {
                            name: record.confirmedBy ?? '—',
                            unit: record.confirmedUnitName,
                          })
                        : (record.confirmedBy ?? '—')}
                    </Table.Td>
                    <Table.Td>
                      <List size="sm" spacing={0}>
                        {record.evidence.classes.map((item) => (
                          <List.Item key={item.participantId}>
                            {t('cadreStages.member.classAttendance', {
                              title: item.classTitle,
                              attendance: percent(item.attendance),
                            })}
                          </List.Item>
                        ))}
                        {record.evidence.facilitated.map((item) => (
                          <List.Item key={`f-${item.classId}`}>
                            {t('cadreStages.member.facilitated', { title: item.classTitle })}
                          </List.Item>
                        ))}
                      </List>
                      {record.manual && (
                        <Text size="xs" c="dimmed">
                          {t('cadreStages.member.manual')}
                        </Text>
                      )}
                      {record.evidenceNote && <Text size="sm">{record.evidenceNote}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {record.withdrawnAt
                        ? t('cadreStages.member.withdrawn', {
                            date: format.date(record.withdrawnAt),
                            name: record.withdrawnBy ?? '—',
                            reason: record.withdrawnReason ?? '',
                          })
                        : t('cadreStages.member.valid')}
                    </Table.Td>
                    {stages.data.canDecide && (
                      <Table.Td>
                        {!record.withdrawnAt && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('cadreStages.member.withdrawLabel', {
                              stage: record.stageLabels[language],
                            })}
                            onClick={() => setWithdrawing(record)}
                          >
                            {t('cadreStages.member.withdraw')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
          {recording && (
            <RecordStageDialog memberId={memberId} stages={stages.data} onClose={() => setRecording(false)} />
          )}
          {withdrawing && (
            <WithdrawDialog memberId={memberId} record={withdrawing} onClose={() => setWithdrawing(null)} />
          )}
        </>
      )}
    </Stack>
  );
}

function Summary({ stages }: { stages: MemberStagesResponse }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const language = currentLanguage();
  const { current, next, openProposal } = stages;
  return (
    <Stack gap={4}>
      <Text>
        <Text span fw={500}>
          {t('cadreStages.member.current')}:
        </Text>{' '}
        {current.stageLabels[language]}
        {current.achievedOn &&
          ` (${t('cadreStages.member.since', { date: format.date(current.achievedOn) })})`}
      </Text>
      <Text size="sm">
        <Text span fw={500}>
          {t('cadreStages.member.next')}:
        </Text>{' '}
        {next
          ? `${next.stageLabels[language]} — ${
              next.met
                ? t('cadreStages.member.nextMet')
                : t('cadreStages.member.nextMissing', {
                    list: next.failures.map((failure) => t(`cadreStages.failures.${failure}`)).join('; '),
                  })
            }`
          : t('cadreStages.member.top')}
      </Text>
      {openProposal && next && (
        <Text size="sm" c="dimmed">
          {t('cadreStages.member.openProposal', { stage: next.stageLabels[language] })}
        </Text>
      )}
    </Stack>
  );
}

function DialogButtons({
  onClose,
  loading,
  submit,
}: {
  onClose: () => void;
  loading: boolean;
  submit: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('cadreStages.member.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submit}
      </Button>
    </Group>
  );
}

function RecordStageDialog({
  memberId,
  stages,
  onClose,
}: {
  memberId: string;
  stages: MemberStagesResponse;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordStage(memberId);
  const language = currentLanguage();
  const form = useForm({
    initialValues: { stage: stages.recordable[0]?.code ?? '', achievedOn: todayIso(), evidenceNote: '' },
    validate: {
      achievedOn: (value) => (value ? null : t('cadreStages.member.required')),
      evidenceNote: (value) => (value.trim() ? null : t('cadreStages.member.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    record.mutate(
      { stage: values.stage, achievedOn: values.achievedOn, evidenceNote: values.evidenceNote.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('cadreStages.member.recorded'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('cadreStages.member.recordTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('cadreStages.member.recordHint')}</Text>
          <NativeSelect
            label={t('cadreStages.member.stage')}
            data-autofocus
            data={stages.recordable.map((stage) => ({ value: stage.code, label: stage.labels[language] }))}
            {...form.getInputProps('stage')}
          />
          <TextInput
            type="date"
            label={t('cadreStages.member.achievedOn')}
            required
            {...form.getInputProps('achievedOn')}
          />
          <Textarea
            label={t('cadreStages.member.evidenceNote')}
            required
            maxLength={2000}
            {...form.getInputProps('evidenceNote')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={record.isPending} submit={t('cadreStages.member.save')} />
        </Stack>
      </form>
    </AppModal>
  );
}

function WithdrawDialog({
  memberId,
  record,
  onClose,
}: {
  memberId: string;
  record: StageRecordView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdrawStage(memberId);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : t('cadreStages.member.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    withdraw.mutate(
      { recordId: record.id, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('cadreStages.member.withdrawnDone'));
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
      title={t('cadreStages.member.withdrawTitle', { stage: record.stageLabels[currentLanguage()] })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea
            label={t('cadreStages.member.reason')}
            required
            maxLength={1000}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <DialogButtons
            onClose={onClose}
            loading={withdraw.isPending}
            submit={t('cadreStages.member.confirmWithdraw')}
          />
        </Stack>
      </form>
    </AppModal>
  );
}
