import {
  Alert,
  Checkbox,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ClassDetail, ParticipantView } from '../../../../shared/contracts/training.ts';
import {
  eligibilityFailures,
  movesNeedingReason,
  participantMoves,
  type EligibilityFailure,
  type ParticipantStatus,
} from '../../../../shared/training-taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { ApiError } from '../../../lib/api.ts';
import { useFormatters } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import {
  useAddFacilitator,
  useAddTrainer,
  useCreateSession,
  useDecide,
  useNominate,
  useReturnUnit,
  useRevokeCertificate,
  useSetAllocation,
} from '../api/training-api.ts';
import { jakartaInstant, problemCodeOf } from './training-format.ts';
import { DialogButtons } from './program-dialogs.tsx';

type Allocation = ClassDetail['allocations'][number];

export function SessionDialog({ detail, onClose }: { detail: ClassDetail; onClose: () => void }) {
  const { t } = useTranslation('training');
  const create = useCreateSession();
  const form = useForm({
    initialValues: {
      title: '',
      date: detail.startsOn,
      startTime: '08:00',
      endTime: '12:00',
      venue: '',
      online: false,
    },
    validate: {
      date: (value) => (value ? null : t('validation.required')),
      startTime: (value) => (value ? null : t('validation.required')),
      endTime: (value, values) =>
        !value ? t('validation.required') : value <= values.startTime ? t('sessions.endBeforeStart') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    const startsAt = jakartaInstant(values.date, values.startTime);
    const endsAt = jakartaInstant(values.date, values.endTime);
    if (!startsAt || !endsAt) return;
    clearError();
    create.mutate(
      {
        classId: detail.id,
        title: values.title.trim() || null,
        startsAt,
        endsAt,
        venue: values.venue.trim() || null,
        online: values.online,
      },
      {
        onSuccess: () => {
          notifySuccess(t('sessions.created'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('sessions.dialogTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('sessions.fields.title')} data-autofocus {...form.getInputProps('title')} />
          <TextInput type="date" label={t('sessions.fields.date')} required {...form.getInputProps('date')} />
          <Text size="sm" c="dimmed" id="session-time-zone">
            {t('sessions.timezoneHint')}
          </Text>
          <Group grow align="flex-start">
            <TextInput
              type="time"
              label={t('sessions.fields.startTime')}
              aria-describedby="session-time-zone"
              required
              {...form.getInputProps('startTime')}
            />
            <TextInput
              type="time"
              label={t('sessions.fields.endTime')}
              aria-describedby="session-time-zone"
              required
              {...form.getInputProps('endTime')}
            />
          </Group>
          <TextInput label={t('sessions.fields.venue')} {...form.getInputProps('venue')} />
          <Checkbox
            label={t('sessions.fields.online')}
            {...form.getInputProps('online', { type: 'checkbox' })}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={create.isPending} submit={t('common.create')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function AllocationDialog({
  detail,
  allocation,
  onClose,
}: {
  detail: ClassDetail;
  allocation: Allocation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('training');
  const save = useSetAllocation();
  const form = useForm<{ unitId: number | null; seats: number | string }>({
    initialValues: { unitId: allocation?.unitId ?? null, seats: allocation?.seats ?? 1 },
    validate: {
      unitId: (value) => (value ? null : t('validation.required')),
      seats: (value) => (value !== '' && Number(value) >= 0 ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.unitId) return;
    clearError();
    save.mutate(
      { classId: detail.id, unitId: values.unitId, seats: Number(values.seats) },
      {
        onSuccess: () => {
          notifySuccess(t('call.saved'));
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
      title={allocation ? t('call.changeNamed', { unit: allocation.unitName }) : t('call.dialogTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {!allocation && (
            <UnitPicker
              label={t('call.unit')}
              value={form.values.unitId}
              onChange={(value) => form.setFieldValue('unitId', value)}
              error={form.errors.unitId}
              required
            />
          )}
          <NumberInput
            label={t('call.seats')}
            description={t('call.seatsHint')}
            min={0}
            max={1000}
            allowDecimal={false}
            required
            data-autofocus
            {...form.getInputProps('seats')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={save.isPending} submit={t('common.save')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function TrainerDialog({ detail, onClose }: { detail: ClassDetail; onClose: () => void }) {
  const { t } = useTranslation('training');
  const add = useAddTrainer();
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    add.mutate(
      { classId: detail.id, email: values.email.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('people.trainerAdded'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('people.trainerTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            type="email"
            label={t('people.trainerEmail')}
            description={t('people.trainerEmailHint')}
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={add.isPending} submit={t('people.addTrainer')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function FacilitatorDialog({ detail, onClose }: { detail: ClassDetail; onClose: () => void }) {
  const { t } = useTranslation('training');
  const add = useAddFacilitator();
  const form = useForm<{
    kind: 'member' | 'external';
    memberId: string | null;
    fullName: string;
    organisation: string;
    sex: '' | 'L' | 'P';
  }>({
    initialValues: { kind: 'external', memberId: null, fullName: '', organisation: '', sex: '' },
    validate: {
      memberId: (value, values) => (values.kind === 'member' && !value ? t('validation.required') : null),
      fullName: (value, values) =>
        values.kind === 'external' && !value.trim() ? t('validation.required') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    const body =
      values.kind === 'member'
        ? { memberId: values.memberId ?? '' }
        : {
            external: {
              fullName: values.fullName.trim(),
              organisation: values.organisation.trim() || null,
              sex: values.sex || null,
            },
          };
    add.mutate(
      { classId: detail.id, body },
      {
        onSuccess: () => {
          notifySuccess(t('people.facilitatorAdded'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('people.facilitatorTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group label={t('people.facilitatorKind')} {...form.getInputProps('kind')}>
            <Stack gap="xs" mt="xs">
              <Radio value="external" label={t('people.kindExternal')} />
              <Radio value="member" label={t('people.kindMember')} />
            </Stack>
          </Radio.Group>
          {form.values.kind === 'member' ? (
            <MemberPicker
              label={t('people.member')}
              value={form.values.memberId}
              onChange={(value) => form.setFieldValue('memberId', value)}
              error={form.errors.memberId}
              required
            />
          ) : (
            <>
              <TextInput label={t('people.fullName')} required {...form.getInputProps('fullName')} />
              <TextInput label={t('people.organisation')} {...form.getInputProps('organisation')} />
              <NativeSelect
                label={t('people.sex')}
                data={[
                  { value: '', label: t('sex.unknown') },
                  { value: 'P', label: t('sex.P') },
                  { value: 'L', label: t('sex.L') },
                ]}
                {...form.getInputProps('sex')}
              />
            </>
          )}
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={add.isPending} submit={t('people.addFacilitator')} />
        </Stack>
      </form>
    </AppModal>
  );
}

/** The failing rules of a refused nomination (422 `not_eligible`), each named in the user's language. */
export function eligibilityFailuresOf(error: unknown): EligibilityFailure[] {
  if (!(error instanceof ApiError) || problemCodeOf(error) !== 'not_eligible') return [];
  const failures = error.details.failures;
  return Array.isArray(failures)
    ? failures.filter((failure): failure is EligibilityFailure =>
        (eligibilityFailures as readonly unknown[]).includes(failure),
      )
    : [];
}

export function NominateDialog({ detail, onClose }: { detail: ClassDetail; onClose: () => void }) {
  const { t } = useTranslation('training');
  const nominate = useNominate();
  const form = useForm<{ memberId: string | null }>({
    initialValues: { memberId: null },
    validate: { memberId: (value) => (value ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const failures = eligibilityFailuresOf(error);
  const submit = form.onSubmit((values) => {
    if (!values.memberId) return;
    clearError();
    nominate.mutate(
      { classId: detail.id, memberId: values.memberId },
      {
        onSuccess: () => {
          notifySuccess(t('participants.nominated'));
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
      title={t('participants.nominateTitle', { name: detail.title })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <MemberPicker
            label={t('participants.member')}
            value={form.values.memberId}
            onChange={(value) => {
              clearError();
              form.setFieldValue('memberId', value);
            }}
            error={form.errors.memberId}
            required
          />
          {failures.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title={t('participants.notEligible')}>
              <List size="sm">
                {failures.map((failure) => (
                  <List.Item key={failure}>{t(`eligibility.${failure}`)}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <ErrorAlert error={error} />
          )}
          <DialogButtons onClose={onClose} loading={nominate.isPending} submit={t('participants.nominate')} />
        </Stack>
      </form>
    </AppModal>
  );
}

/** 422 `training_below_quota`: what the quota rule needs, from the problem's details. */
function BelowQuota({ error }: { error: unknown }) {
  const { t } = useTranslation('training');
  if (!(error instanceof ApiError) || problemCodeOf(error) !== 'training_below_quota') {
    return <ErrorAlert error={error} />;
  }
  const number = (value: unknown) => (typeof value === 'number' ? value : '?');
  return (
    <Alert color="red" variant="light" role="alert" title={t('participants.belowQuotaTitle')}>
      {t('participants.belowQuota', {
        required: number(error.details.required),
        women: number(error.details.women),
        seatsLeft: number(error.details.seatsLeft),
      })}
    </Alert>
  );
}

export function DecideDialog({
  participant,
  onClose,
}: {
  participant: ParticipantView;
  onClose: () => void;
}) {
  const { t } = useTranslation('training');
  const decide = useDecide();
  const moves = participantMoves[participant.status];
  const form = useForm<{ status: ParticipantStatus; reason: string }>({
    initialValues: { status: moves[0] ?? participant.status, reason: '' },
    validate: {
      reason: (value, values) =>
        movesNeedingReason.includes(values.status) && !value.trim() ? t('participants.reasonRequired') : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const needsReason = movesNeedingReason.includes(form.values.status);
  const submit = form.onSubmit((values) => {
    clearError();
    decide.mutate(
      { participantId: participant.id, status: values.status, reason: values.reason.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t('participants.decided'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('participants.decideTitle', { name: participant.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Radio.Group label={t('participants.decision')} required {...form.getInputProps('status')}>
            <Stack gap="xs" mt="xs">
              {moves.map((move) => (
                <Radio key={move} value={move} label={t(`move.${move}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('participants.reason')}
            description={t('participants.reasonHint')}
            required={needsReason}
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('reason')}
          />
          <BelowQuota error={error} />
          <DialogButtons onClose={onClose} loading={decide.isPending} submit={t('common.save')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function RevokeDialog({
  classId,
  code,
  onClose,
}: {
  classId: number;
  code: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('training');
  const revoke = useRevokeCertificate(classId);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    revoke.mutate(
      { code, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('certificate.revoked'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('certificate.revokeTitle', { code })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('certificate.revokeIntro')}</Text>
          <Textarea
            label={t('certificate.revokeReason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={revoke.isPending} submit={t('certificate.revoke')} />
        </Stack>
      </form>
    </AppModal>
  );
}

/** Returns a unit's undecided nominations as one list, with one reason (a quota rule's `return`). */
export function ReturnUnitDialog({
  classId,
  allocation,
  onClose,
}: {
  classId: number;
  allocation: ClassDetail['allocations'][number];
  onClose: () => void;
}) {
  const { t } = useTranslation('training');
  const returnUnit = useReturnUnit();
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    returnUnit.mutate(
      { classId, unitId: allocation.unitId, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('call.returned', { unit: allocation.unitName }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('call.returnTitle', { unit: allocation.unitName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('call.returnIntro')}</Text>
          <Textarea
            label={t('call.returnReason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={returnUnit.isPending} submit={t('call.return')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function HistoryDialog({
  participant,
  onClose,
}: {
  participant: ParticipantView;
  onClose: () => void;
}) {
  const { t } = useTranslation('training');
  const format = useFormatters();
  return (
    <AppModal opened onClose={onClose} title={t('participants.historyTitle', { name: participant.name })}>
      {participant.history.length === 0 ? (
        <Text>{t('participants.historyEmpty')}</Text>
      ) : (
        <List spacing="xs">
          {participant.history.map((entry, index) => (
            <List.Item key={`${entry.at}-${index}`}>
              <Text size="sm" fw={600}>
                {t(`status.${entry.status}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {format.dateTime(entry.at)} ·{' '}
                {t('participants.by', { actor: entry.actor ?? t('participants.system') })}
              </Text>
              {entry.reason && <Text size="sm">{entry.reason}</Text>}
            </List.Item>
          ))}
        </List>
      )}
    </AppModal>
  );
}
