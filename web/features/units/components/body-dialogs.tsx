import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { BodyView } from '../../../../shared/contracts/organisation.ts';
import {
  appointmentBases,
  bodyKinds,
  positionCategories,
  type AppointmentBasis,
  type BodyKind,
  type PositionCategory,
} from '../../../../shared/taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { todayIso } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import {
  useAppoint,
  useCreateBody,
  useCreatePosition,
  useEndAppointment,
  useUpdateBody,
} from '../api/bodies-api.ts';

type Position = BodyView['positions'][number];
type Appointment = Position['holders'][number];

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
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submit}
      </Button>
    </Group>
  );
}

export function CreateBodyDialog({
  unitId,
  unitName,
  onClose,
}: {
  unitId: number;
  unitName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateBody();
  const form = useForm<{ kind: BodyKind; name: string; statutorySeats: number | string }>({
    initialValues: { kind: 'executive', name: '', statutorySeats: '' },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    create.mutate(
      {
        unitId,
        kind: values.kind,
        name: values.name.trim(),
        statutorySeats: typeof values.statutorySeats === 'number' ? values.statutorySeats : null,
      },
      {
        onSuccess: (body) => {
          notifySuccess(t('bodies.created', { name: body.name }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('bodies.createTitle', { unit: unitName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <NativeSelect
            label={t('bodies.fields.kind')}
            data={bodyKinds.map((kind) => ({ value: kind, label: t(`bodyKind.${kind}`) }))}
            required
            {...form.getInputProps('kind')}
          />
          <TextInput
            label={t('bodies.fields.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <NumberInput
            label={t('bodies.fields.statutorySeats')}
            description={t('bodies.fields.statutorySeatsHint')}
            min={0}
            max={1000}
            allowDecimal={false}
            {...form.getInputProps('statutorySeats')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={create.isPending} submit={t('common.create')} />
        </Stack>
      </form>
    </AppModal>
  );
}

/** Rename a body, change its statutory seats, or mark it dissolved (positions and history stay). */
export function EditBodyDialog({ body, onClose }: { body: BodyView; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateBody();
  const form = useForm<{ name: string; statutorySeats: number | string; active: boolean }>({
    initialValues: { name: body.name, statutorySeats: body.statutorySeats ?? '', active: body.active },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    update.mutate(
      {
        id: body.id,
        name: values.name.trim(),
        statutorySeats: typeof values.statutorySeats === 'number' ? values.statutorySeats : null,
        active: values.active,
      },
      {
        onSuccess: (saved) => {
          notifySuccess(t('bodies.updated', { name: saved.name }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('bodies.editTitle', { name: body.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('bodies.fields.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <NumberInput
            label={t('bodies.fields.statutorySeats')}
            description={t('bodies.fields.statutorySeatsHint')}
            min={0}
            max={1000}
            allowDecimal={false}
            {...form.getInputProps('statutorySeats')}
          />
          <Checkbox
            label={t('bodies.activeField')}
            description={t('bodies.activeHint')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={update.isPending} submit={t('common.save')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function CreatePositionDialog({ body, onClose }: { body: BodyView; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreatePosition();
  const nextOrder = Math.max(0, ...body.positions.map((position) => position.sortOrder)) + 10;
  const form = useForm<{
    title: string;
    category: PositionCategory;
    seats: number | string;
    sortOrder: number | string;
  }>({
    initialValues: { title: '', category: 'strategic', seats: 1, sortOrder: nextOrder },
    validate: {
      title: (value) => (value.trim() ? null : t('validation.required')),
      seats: (value) => (typeof value === 'number' && value >= 1 ? null : t('validation.seats')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    create.mutate(
      {
        bodyId: body.id,
        title: values.title.trim(),
        category: values.category,
        seats: Number(values.seats),
        sortOrder: typeof values.sortOrder === 'number' ? values.sortOrder : nextOrder,
      },
      {
        onSuccess: () => {
          notifySuccess(t('bodies.positionCreated', { title: values.title.trim() }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('bodies.positionTitle', { body: body.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('bodies.fields.title')}
            required
            data-autofocus
            {...form.getInputProps('title')}
          />
          <NativeSelect
            label={t('bodies.fields.category')}
            description={t('bodies.fields.categoryHint')}
            data={positionCategories.map((category) => ({
              value: category,
              label: t(`positionCategory.${category}`),
            }))}
            required
            {...form.getInputProps('category')}
          />
          <NumberInput
            label={t('bodies.fields.seats')}
            min={1}
            max={500}
            allowDecimal={false}
            required
            {...form.getInputProps('seats')}
          />
          <NumberInput
            label={t('bodies.fields.sortOrder')}
            description={t('bodies.fields.sortOrderHint')}
            min={0}
            max={10000}
            allowDecimal={false}
            {...form.getInputProps('sortOrder')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={create.isPending} submit={t('common.create')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function AppointDialog({
  body,
  position,
  onClose,
}: {
  body: BodyView;
  position: Position;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const appoint = useAppoint();
  const form = useForm<{
    memberId: string | null;
    termStart: string;
    termEnd: string;
    basis: AppointmentBasis;
    decreeNumber: string;
  }>({
    initialValues: { memberId: null, termStart: todayIso(), termEnd: '', basis: 'elected', decreeNumber: '' },
    validate: {
      memberId: (value) => (value ? null : t('validation.required')),
      termStart: (value) => (value ? null : t('validation.required')),
      termEnd: (value, values) => (value && value < values.termStart ? t('validation.endBeforeStart') : null),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.memberId) return;
    clearError();
    appoint.mutate(
      {
        positionId: position.id,
        memberId: values.memberId,
        termStart: values.termStart,
        termEnd: values.termEnd || null,
        basis: values.basis,
        decreeNumber: values.decreeNumber.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t('bodies.appointed', { position: position.title }));
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
      title={t('bodies.appointTitle', { position: position.title, body: body.name })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <MemberPicker
            label={t('bodies.fields.member')}
            value={form.values.memberId}
            onChange={(value) => form.setFieldValue('memberId', value)}
            error={form.errors.memberId}
            required
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('bodies.fields.termStart')}
              required
              {...form.getInputProps('termStart')}
            />
            <TextInput type="date" label={t('bodies.fields.termEnd')} {...form.getInputProps('termEnd')} />
          </Group>
          <NativeSelect
            label={t('bodies.fields.basis')}
            description={t('bodies.actingHint')}
            data={appointmentBases.map((basis) => ({ value: basis, label: t(`basis.${basis}`) }))}
            required
            {...form.getInputProps('basis')}
          />
          <TextInput
            label={t('bodies.fields.decreeNumber')}
            description={t('bodies.fields.decreeNumberHint')}
            {...form.getInputProps('decreeNumber')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={appoint.isPending} submit={t('bodies.appoint')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function EndAppointmentDialog({
  position,
  appointment,
  onClose,
}: {
  position: Position;
  appointment: Appointment;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const end = useEndAppointment();
  const form = useForm({
    initialValues: { termEnd: todayIso() },
    validate: {
      termEnd: (value) =>
        !value
          ? t('validation.required')
          : value < appointment.termStart
            ? t('validation.endBeforeStart')
            : null,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    end.mutate(
      { id: appointment.id, termEnd: values.termEnd },
      {
        onSuccess: () => {
          notifySuccess(t('bodies.ended'));
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
      title={t('bodies.endTitle', { name: appointment.memberName, position: position.title })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('bodies.endIntro')}</Text>
          <TextInput
            type="date"
            label={t('bodies.fields.termEnd')}
            required
            data-autofocus
            {...form.getInputProps('termEnd')}
          />
          <ErrorAlert error={error} />
          <DialogButtons onClose={onClose} loading={end.isPending} submit={t('bodies.end')} />
        </Stack>
      </form>
    </AppModal>
  );
}
