import {
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  NumberInput,
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
import { Link } from 'react-router';
import type { EvidenceView, ProposalView, StageView } from '../../../../shared/contracts/cadre.ts';
import { classLevels, type ClassLevel } from '../../../../shared/training-taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import {
  useConfirmProposal,
  useDeclineProposal,
  useLadder,
  useProposals,
  useRefreshProposals,
  useUpdateStage,
} from '../api/cadre-api.ts';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

/** Cadre stage proposals for officers of the level above, and the ladder's rules (training.md "Cadre stages"). */
export function CadrePage() {
  const { t } = useTranslation('cadre');
  usePageTitle(t('title'));
  return (
    <Stack>
      <Title order={1}>{t('title')}</Title>
      <Text>{t('intro')}</Text>
      <RefreshProposals />
      <ProposalsTable />
      <LadderTable />
    </Stack>
  );
}

/** Judges the members of one of the caller's units again (new completions, time passed). */
function RefreshProposals() {
  const { t } = useTranslation('cadre');
  const session = useFullSession();
  const units = [
    ...new Map(
      session.grants
        .filter((grant) => grant.role === 'gender_officer' || grant.role === 'org_admin')
        .map((grant) => [grant.unitId, grant.unitName]),
    ),
  ];
  const [unitId, setUnitId] = useState<string>(String(units[0]?.[0] ?? ''));
  const refresh = useRefreshProposals();
  if (units.length === 0) return null;
  return (
    <Group align="flex-end">
      <NativeSelect
        label={t('refresh.unit')}
        value={unitId}
        onChange={(event) => setUnitId(event.currentTarget.value)}
        data={units.map(([id, name]) => ({ value: String(id), label: name }))}
      />
      <Button
        loading={refresh.isPending}
        onClick={() =>
          refresh.mutate(
            { unitId: Number(unitId) },
            { onSuccess: (result) => notifySuccess(t('refresh.done', result)) },
          )
        }
      >
        {t('refresh.button')}
      </Button>
      <ErrorAlert error={refresh.error} />
    </Group>
  );
}

function Evidence({ evidence }: { evidence: EvidenceView }) {
  const { t } = useTranslation('cadre');
  const format = useFormatters();
  const ladder = useLadder();
  const previous = ladder.data?.items.find((stage) => stage.code === evidence.previousStage);
  return (
    <Stack gap={2}>
      <List size="sm" spacing={0}>
        {evidence.classes.map((item) => (
          <List.Item key={item.participantId}>
            {item.classTitle} ({t(`levels.${item.level}`)}, {format.date(item.endsOn)},{' '}
            {percent(item.attendance)})
          </List.Item>
        ))}
        {evidence.facilitated.map((item) => (
          <List.Item key={`f-${item.classId}`}>{t('facilitated', { title: item.classTitle })}</List.Item>
        ))}
      </List>
      {evidence.previousStage && (
        <Text size="xs" c="dimmed">
          {t('previous', {
            stage: previous ? previous.labels[currentLanguage()] : evidence.previousStage,
            date: format.date(evidence.previousAchievedOn),
          })}
        </Text>
      )}
    </Stack>
  );
}

type Decision = { kind: 'confirm' | 'decline'; proposal: ProposalView } | null;

function ProposalsTable() {
  const { t } = useTranslation('cadre');
  const format = useFormatters();
  const proposals = useProposals();
  const [decision, setDecision] = useState<Decision>(null);
  const language = currentLanguage();
  return (
    <Stack component="section" gap="xs" aria-labelledby="cadre-proposals">
      <Title order={2} size="h3" id="cadre-proposals">
        {t('tableLabel')}
      </Title>
      {proposals.isPending ? (
        <PageLoader />
      ) : proposals.isError ? (
        <ErrorAlert error={proposals.error} />
      ) : proposals.data.items.length === 0 ? (
        <Text>{t('none')}</Text>
      ) : (
        <ScrollTable label={t('tableLabel')} minWidth={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('columns.member')}</Table.Th>
              <Table.Th scope="col">{t('columns.unit')}</Table.Th>
              <Table.Th scope="col">{t('columns.stage')}</Table.Th>
              <Table.Th scope="col">{t('columns.evidence')}</Table.Th>
              <Table.Th scope="col">{t('columns.proposedAt')}</Table.Th>
              <Table.Th scope="col">{t('columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {proposals.data.items.map((proposal) => {
              const names = { stage: proposal.stageLabels[language], name: proposal.memberName };
              return (
                <Table.Tr key={proposal.id}>
                  <Table.Td>
                    <Anchor component={Link} to={paths.member(proposal.memberId)}>
                      {proposal.memberName}
                    </Anchor>{' '}
                    <Text span size="sm" c="dimmed">
                      {proposal.memberNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>{proposal.unitName}</Table.Td>
                  <Table.Td>{proposal.stageLabels[language]}</Table.Td>
                  <Table.Td>
                    <Evidence evidence={proposal.evidence} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(proposal.proposedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        aria-label={t('confirmLabel', names)}
                        onClick={() => setDecision({ kind: 'confirm', proposal })}
                      >
                        {t('confirm')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('declineLabel', names)}
                        onClick={() => setDecision({ kind: 'decline', proposal })}
                      >
                        {t('decline')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ScrollTable>
      )}
      {decision?.kind === 'confirm' && (
        <ConfirmDialog proposal={decision.proposal} onClose={() => setDecision(null)} />
      )}
      {decision?.kind === 'decline' && (
        <DeclineDialog proposal={decision.proposal} onClose={() => setDecision(null)} />
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
  const { t } = useTranslation('cadre');
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submit}
      </Button>
    </Group>
  );
}

function ConfirmDialog({ proposal, onClose }: { proposal: ProposalView; onClose: () => void }) {
  const { t } = useTranslation('cadre');
  const confirm = useConfirmProposal();
  const form = useForm({ initialValues: { achievedOn: '', evidenceNote: '' } });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const names = { stage: proposal.stageLabels[currentLanguage()], name: proposal.memberName };
  const submit = form.onSubmit((values) => {
    clearError();
    confirm.mutate(
      {
        id: proposal.id,
        ...(values.achievedOn ? { achievedOn: values.achievedOn } : {}),
        ...(values.evidenceNote.trim() ? { evidenceNote: values.evidenceNote.trim() } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('confirmed'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('confirmTitle', names)}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            type="date"
            label={t('achievedOn')}
            description={t('achievedOnHint')}
            data-autofocus
            {...form.getInputProps('achievedOn')}
          />
          <Textarea label={t('evidenceNote')} maxLength={2000} {...form.getInputProps('evidenceNote')} />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={confirm.isPending} submit={t('confirm')} />
        </Stack>
      </form>
    </AppModal>
  );
}

function DeclineDialog({ proposal, onClose }: { proposal: ProposalView; onClose: () => void }) {
  const { t } = useTranslation('cadre');
  const decline = useDeclineProposal();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : t('required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const names = { stage: proposal.stageLabels[currentLanguage()], name: proposal.memberName };
  const submit = form.onSubmit((values) => {
    clearError();
    decline.mutate(
      { id: proposal.id, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('declined'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('declineTitle', names)}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea
            label={t('reason')}
            required
            maxLength={1000}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={decline.isPending} submit={t('decline')} />
        </Stack>
      </form>
    </AppModal>
  );
}

/** The ladder as configuration: everyone here reads it, national officers edit a stage's rule. */
function LadderTable() {
  const { t } = useTranslation('cadre');
  const ladder = useLadder();
  const [editing, setEditing] = useState<StageView | null>(null);
  const language = currentLanguage();
  return (
    <Stack component="section" gap="xs" aria-labelledby="cadre-ladder">
      <Title order={2} size="h3" id="cadre-ladder">
        {t('ladder.title')}
      </Title>
      <Text size="sm">{t('ladder.intro')}</Text>
      {ladder.isPending ? (
        <PageLoader />
      ) : ladder.isError ? (
        <ErrorAlert error={ladder.error} />
      ) : (
        <ScrollTable label={t('ladder.tableLabel')} minWidth={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('ladder.columns.rank')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.stage')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.classes')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.tracks')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.level')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.attendance')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.months')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.facilitated')}</Table.Th>
              <Table.Th scope="col">{t('ladder.columns.active')}</Table.Th>
              {ladder.data.canEdit && <Table.Th scope="col">{t('ladder.columns.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ladder.data.items.map((stage) => (
              <Table.Tr key={stage.code}>
                <Table.Td>{stage.rank}</Table.Td>
                <Table.Td>{stage.labels[language]}</Table.Td>
                <Table.Td>{stage.minCompletedClasses}</Table.Td>
                <Table.Td>{stage.requiredTracks.join(', ') || t('ladder.none')}</Table.Td>
                <Table.Td>{stage.minLevel ? t(`levels.${stage.minLevel}`) : t('ladder.none')}</Table.Td>
                <Table.Td>{percent(stage.minAttendance)}</Table.Td>
                <Table.Td>{stage.minMonthsSincePrevious}</Table.Td>
                <Table.Td>{stage.minFacilitatedClasses}</Table.Td>
                <Table.Td>{stage.active ? t('ladder.yes') : t('ladder.no')}</Table.Td>
                {ladder.data.canEdit && (
                  <Table.Td>
                    {stage.rank > 0 && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('ladder.editLabel', { stage: stage.labels[language] })}
                        onClick={() => setEditing(stage)}
                      >
                        {t('ladder.edit')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {editing && <EditStageDialog stage={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function EditStageDialog({ stage, onClose }: { stage: StageView; onClose: () => void }) {
  const { t } = useTranslation('cadre');
  const update = useUpdateStage();
  const form = useForm<{
    labelId: string;
    labelEn: string;
    minCompletedClasses: number | string;
    requiredTracks: string;
    minLevel: ClassLevel | '';
    minAttendance: number | string;
    minMonthsSincePrevious: number | string;
    minFacilitatedClasses: number | string;
    active: boolean;
  }>({
    initialValues: {
      labelId: stage.labels.id,
      labelEn: stage.labels.en,
      minCompletedClasses: stage.minCompletedClasses,
      requiredTracks: stage.requiredTracks.join(', '),
      minLevel: stage.minLevel ?? '',
      minAttendance: stage.minAttendance === null ? '' : Math.round(stage.minAttendance * 100),
      minMonthsSincePrevious: stage.minMonthsSincePrevious,
      minFacilitatedClasses: stage.minFacilitatedClasses,
      active: stage.active,
    },
    validate: {
      labelId: (value) => (value.trim() ? null : t('required')),
      labelEn: (value) => (value.trim() ? null : t('required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    update.mutate(
      {
        code: stage.code,
        labels: { id: values.labelId.trim(), en: values.labelEn.trim() },
        minCompletedClasses: Number(values.minCompletedClasses || 0),
        requiredTracks: values.requiredTracks
          .split(',')
          .map((track) => track.trim())
          .filter(Boolean),
        minLevel: values.minLevel || null,
        minAttendance: values.minAttendance === '' ? null : Number(values.minAttendance) / 100,
        minMonthsSincePrevious: Number(values.minMonthsSincePrevious || 0),
        minFacilitatedClasses: Number(values.minFacilitatedClasses || 0),
        active: values.active,
      },
      {
        onSuccess: () => {
          notifySuccess(t('ladder.saved'));
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
      size="lg"
      title={t('ladder.editTitle', { stage: stage.labels[currentLanguage()] })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label={t('ladder.labelId')}
              required
              data-autofocus
              {...form.getInputProps('labelId')}
            />
            <TextInput label={t('ladder.labelEn')} required {...form.getInputProps('labelEn')} />
          </Group>
          <Group grow align="flex-start">
            <NumberInput
              label={t('ladder.columns.classes')}
              min={0}
              max={100}
              {...form.getInputProps('minCompletedClasses')}
            />
            <NativeSelect
              label={t('ladder.columns.level')}
              data={[
                { value: '', label: t('ladder.noLevel') },
                ...classLevels.map((level) => ({ value: level, label: t(`levels.${level}`) })),
              ]}
              {...form.getInputProps('minLevel')}
            />
          </Group>
          <TextInput
            label={t('ladder.columns.tracks')}
            description={t('ladder.tracksHint')}
            {...form.getInputProps('requiredTracks')}
          />
          <Group grow align="flex-start">
            <NumberInput
              label={`${t('ladder.columns.attendance')} (%)`}
              min={0}
              max={100}
              {...form.getInputProps('minAttendance')}
            />
            <NumberInput
              label={t('ladder.columns.months')}
              min={0}
              max={240}
              {...form.getInputProps('minMonthsSincePrevious')}
            />
            <NumberInput
              label={t('ladder.columns.facilitated')}
              min={0}
              max={100}
              {...form.getInputProps('minFacilitatedClasses')}
            />
          </Group>
          <Checkbox
            label={t('ladder.columns.active')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={update.isPending} submit={t('ladder.save')} />
        </Stack>
      </form>
    </AppModal>
  );
}
