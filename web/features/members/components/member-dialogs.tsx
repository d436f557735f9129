import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { MemberDetail } from '../../../../shared/contracts/organisation.ts';
import { memberStatuses, type MemberStatus, type Sex } from '../../../../shared/taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { todayIso } from '../../../lib/format.ts';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import {
  useChangeMemberStatus,
  useCreateMember,
  useTransferMember,
  useUpdateMember,
} from '../api/members-api.ts';

interface MemberFormValues {
  memberNumber: string;
  fullName: string;
  /** '' stands for unknown: recorded as null, never guessed. */
  sex: '' | Sex;
  genderSelf: string;
  birthYear: string;
  phone: string;
  email: string;
  unitId: number | null;
  employer: string;
  jobTitle: string;
  joinedOn: string;
  status: MemberStatus;
}

const orNull = (value: string) => value.trim() || null;

function useSexOptions() {
  const { t } = useTranslation();
  return [
    { value: '', label: t('sex.unknown') },
    { value: 'L', label: t('sex.L') },
    { value: 'P', label: t('sex.P') },
  ];
}

export function useStatusOptions() {
  const { t } = useTranslation();
  return memberStatuses.map((status) => ({ value: status, label: t(`memberStatus.${status}`) }));
}

/** Add a member (no `member`) or edit one; number, unit and status change through their own actions. */
export function MemberFormDialog({
  member,
  onClose,
  onSaved,
}: {
  member?: MemberDetail;
  onClose: () => void;
  onSaved?: (member: MemberDetail) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateMember();
  const update = useUpdateMember();
  const sexOptions = useSexOptions();
  const statusOptions = useStatusOptions();
  const isNew = !member;
  const form = useForm<MemberFormValues>({
    initialValues: {
      memberNumber: member?.memberNumber ?? '',
      fullName: member?.fullName ?? '',
      sex: member?.sex ?? '',
      genderSelf: member?.genderSelf ?? '',
      birthYear: member?.birthYear ? String(member.birthYear) : '',
      phone: member?.contact?.phone ?? '',
      email: member?.contact?.email ?? '',
      unitId: member?.unitId ?? null,
      employer: member?.employer ?? '',
      jobTitle: member?.jobTitle ?? '',
      joinedOn: member?.joinedOn ?? '',
      status: member?.status ?? 'aktif',
    },
    validate: {
      memberNumber: (value) => (!isNew || value.trim() ? null : t('validation.required')),
      fullName: (value) => (value.trim() ? null : t('validation.required')),
      unitId: (value) => (!isNew || value ? null : t('validation.required')),
      birthYear: (value) => (!value || /^(19|20)\d{2}$/.test(value) ? null : t('validation.year')),
      email: (value) => (!value.trim() || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { conflict: 'memberNumber' });
  // Contact fields are sent only when the caller can see them; otherwise they would be wiped.
  const showContact = isNew || member.contact !== null;

  const submit = form.onSubmit((values) => {
    clearError();
    const common = {
      fullName: values.fullName.trim(),
      sex: values.sex || null,
      genderSelf: orNull(values.genderSelf),
      birthYear: values.birthYear ? Number(values.birthYear) : null,
      employer: orNull(values.employer),
      jobTitle: orNull(values.jobTitle),
      joinedOn: values.joinedOn || null,
      ...(showContact ? { phone: orNull(values.phone), email: orNull(values.email) } : {}),
    };
    const onSuccess = (saved: MemberDetail) => {
      notifySuccess(isNew ? t('members.created', { name: saved.fullName }) : t('members.saved'));
      onSaved?.(saved);
      onClose();
    };
    if (isNew) {
      create.mutate(
        {
          ...common,
          memberNumber: values.memberNumber.trim(),
          unitId: values.unitId ?? 0,
          status: values.status,
        },
        { onSuccess, onError: handleError },
      );
    } else {
      update.mutate({ id: member.id, ...common }, { onSuccess, onError: handleError });
    }
  });

  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={isNew ? t('members.createTitle') : t('members.editTitle', { name: member.fullName })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {isNew && (
              <TextInput
                label={t('members.fields.memberNumber')}
                required
                data-autofocus
                {...form.getInputProps('memberNumber')}
              />
            )}
            <TextInput label={t('members.fields.fullName')} required {...form.getInputProps('fullName')} />
            <NativeSelect
              label={t('members.fields.sex')}
              description={t('members.fields.sexHint')}
              data={sexOptions}
              {...form.getInputProps('sex')}
            />
            <TextInput label={t('members.fields.genderSelf')} {...form.getInputProps('genderSelf')} />
            <TextInput
              label={t('members.fields.birthYear')}
              inputMode="numeric"
              {...form.getInputProps('birthYear')}
            />
            <TextInput type="date" label={t('members.fields.joinedOn')} {...form.getInputProps('joinedOn')} />
            <TextInput label={t('members.fields.employer')} {...form.getInputProps('employer')} />
            <TextInput label={t('members.fields.jobTitle')} {...form.getInputProps('jobTitle')} />
            {showContact && (
              <>
                <TextInput label={t('members.fields.phone')} type="tel" {...form.getInputProps('phone')} />
                <TextInput label={t('members.fields.email')} type="email" {...form.getInputProps('email')} />
              </>
            )}
            {isNew && (
              <NativeSelect
                label={t('members.fields.status')}
                data={statusOptions}
                {...form.getInputProps('status')}
              />
            )}
          </SimpleGrid>
          {isNew && (
            <UnitPicker
              label={t('members.fields.unit')}
              value={form.values.unitId}
              onChange={(value) => form.setFieldValue('unitId', value)}
              error={form.errors.unitId}
              required
            />
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {isNew ? t('common.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function ChangeStatusDialog({ member, onClose }: { member: MemberDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useChangeMemberStatus();
  const statusOptions = useStatusOptions();
  const form = useForm({
    initialValues: { status: member.status, validFrom: todayIso(), reason: '' },
    validate: {
      status: (value) => (value === member.status ? t('members.status.same') : null),
      validFrom: (value) => (value ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    change.mutate(
      { id: member.id, status: values.status, validFrom: values.validFrom, reason: orNull(values.reason) },
      {
        onSuccess: () => {
          notifySuccess(t('members.status.changed'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('members.status.title', { name: member.fullName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('members.status.intro')}</Text>
          <NativeSelect
            label={t('members.fields.status')}
            data={statusOptions}
            required
            {...form.getInputProps('status')}
          />
          <TextInput
            type="date"
            label={t('members.fields.validFrom')}
            required
            {...form.getInputProps('validFrom')}
          />
          <Textarea
            label={t('members.fields.reason')}
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function TransferDialog({ member, onClose }: { member: MemberDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const transfer = useTransferMember();
  const form = useForm<{ unitId: number | null; validFrom: string; reason: string }>({
    initialValues: { unitId: null, validFrom: todayIso(), reason: '' },
    validate: {
      unitId: (value) => (value ? null : t('validation.required')),
      validFrom: (value) => (value ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.unitId) return;
    clearError();
    transfer.mutate(
      { id: member.id, unitId: values.unitId, validFrom: values.validFrom, reason: orNull(values.reason) },
      {
        onSuccess: (moved) => {
          notifySuccess(t('members.transfer.done', { unit: moved.unitName }));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('members.transfer.title', { name: member.fullName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('members.transfer.intro', { unit: member.unitName })}</Text>
          <UnitPicker
            label={t('members.transfer.unit')}
            value={form.values.unitId}
            onChange={(value) => form.setFieldValue('unitId', value)}
            error={form.errors.unitId}
            excludeIds={[member.unitId]}
            required
          />
          <TextInput
            type="date"
            label={t('members.fields.validFrom')}
            required
            {...form.getInputProps('validFrom')}
          />
          <Textarea
            label={t('members.fields.reason')}
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={transfer.isPending}>
              {t('members.transfer.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
