import { Button, Group, NativeSelect, NumberInput, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { AssemblyDetail } from '../../../../shared/contracts/organisation.ts';
import {
  assemblyKinds,
  credentialStatuses,
  delegationCategories,
  type AssemblyKind,
} from '../../../../shared/taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { MemberPicker } from '../../../components/member-picker.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import {
  useAddDelegate,
  useCreateAllocation,
  useCreateAssembly,
  useUpdateDelegate,
} from '../api/assemblies-api.ts';

type Allocation = AssemblyDetail['allocations'][number];
type Delegate = Allocation['delegates'][number];
type CredentialStatus = (typeof credentialStatuses)[number];
type DelegationCategory = (typeof delegationCategories)[number];

function Buttons({ onClose, loading, submit }: { onClose: () => void; loading: boolean; submit: string }) {
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

export function CreateAssemblyDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (assembly: AssemblyDetail) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateAssembly();
  const form = useForm<{
    unitId: number | null;
    kind: AssemblyKind;
    name: string;
    startsOn: string;
    endsOn: string;
  }>({
    initialValues: { unitId: null, kind: 'kongres', name: '', startsOn: '', endsOn: '' },
    validate: {
      unitId: (value) => (value ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      startsOn: (value) => (value ? null : t('validation.required')),
      endsOn: (value, values) => (value && value < values.startsOn ? t('validation.endBeforeStart') : null),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.unitId) return;
    clearError();
    create.mutate(
      {
        unitId: values.unitId,
        kind: values.kind,
        name: values.name.trim(),
        startsOn: values.startsOn,
        endsOn: values.endsOn || null,
      },
      {
        onSuccess: (assembly) => {
          notifySuccess(t('assemblies.created', { name: assembly.name }));
          onCreated(assembly);
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('assemblies.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('assemblies.fields.name')}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <NativeSelect
            label={t('assemblies.fields.kind')}
            data={assemblyKinds.map((kind) => ({ value: kind, label: t(`assemblyKind.${kind}`) }))}
            required
            {...form.getInputProps('kind')}
          />
          <UnitPicker
            label={t('assemblies.fields.unit')}
            description={t('assemblies.fields.unitHint')}
            value={form.values.unitId}
            onChange={(value) => form.setFieldValue('unitId', value)}
            error={form.errors.unitId}
            required
          />
          <Group grow align="flex-start">
            <TextInput
              type="date"
              label={t('assemblies.fields.startsOn')}
              required
              {...form.getInputProps('startsOn')}
            />
            <TextInput type="date" label={t('assemblies.fields.endsOn')} {...form.getInputProps('endsOn')} />
          </Group>
          <ErrorAlert error={error} />
          <Buttons onClose={onClose} loading={create.isPending} submit={t('common.create')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function CreateAllocationDialog({
  assembly,
  onClose,
}: {
  assembly: AssemblyDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateAllocation();
  const form = useForm<{ unitId: number | null; category: DelegationCategory; seats: number | string }>({
    initialValues: { unitId: null, category: 'executive', seats: 1 },
    validate: {
      unitId: (value) => (value ? null : t('validation.required')),
      seats: (value) => (typeof value === 'number' && value >= 0 ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.unitId) return;
    clearError();
    create.mutate(
      {
        assemblyId: assembly.id,
        unitId: values.unitId,
        category: values.category,
        seats: Number(values.seats),
      },
      {
        onSuccess: () => {
          notifySuccess(t('assemblies.allocationCreated'));
          onClose();
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} title={t('assemblies.allocationTitle', { name: assembly.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <UnitPicker
            label={t('assemblies.fields.delegatingUnit')}
            value={form.values.unitId}
            onChange={(value) => form.setFieldValue('unitId', value)}
            error={form.errors.unitId}
            required
          />
          <NativeSelect
            label={t('assemblies.fields.category')}
            description={t('assemblies.fields.categoryHint')}
            data={delegationCategories.map((category) => ({
              value: category,
              label: t(`delegationCategory.${category}`),
            }))}
            required
            {...form.getInputProps('category')}
          />
          <NumberInput
            label={t('assemblies.fields.seats')}
            min={0}
            max={10000}
            allowDecimal={false}
            required
            {...form.getInputProps('seats')}
          />
          <ErrorAlert error={error} />
          <Buttons onClose={onClose} loading={create.isPending} submit={t('common.create')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function AddDelegateDialog({ allocation, onClose }: { allocation: Allocation; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddDelegate();
  const form = useForm<{ memberId: string | null }>({
    initialValues: { memberId: null },
    validate: { memberId: (value) => (value ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    if (!values.memberId) return;
    clearError();
    add.mutate(
      { allocationId: allocation.id, memberId: values.memberId },
      {
        onSuccess: () => {
          notifySuccess(t('assemblies.delegateAdded'));
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
      title={t('assemblies.delegateTitle', {
        unit: allocation.unitName,
        category: t(`delegationCategory.${allocation.category}`),
      })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <MemberPicker
            label={t('assemblies.fields.delegate')}
            value={form.values.memberId}
            onChange={(value) => form.setFieldValue('memberId', value)}
            error={form.errors.memberId}
            unitId={allocation.unitId}
            required
          />
          <ErrorAlert error={error} />
          <Buttons onClose={onClose} loading={add.isPending} submit={t('assemblies.addDelegate')} />
        </Stack>
      </form>
    </AppModal>
  );
}

export function CredentialDialog({ delegate, onClose }: { delegate: Delegate; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateDelegate();
  const form = useForm<{ credentialStatus: CredentialStatus; note: string }>({
    initialValues: { credentialStatus: delegate.credentialStatus, note: delegate.note ?? '' },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    update.mutate(
      { id: delegate.id, credentialStatus: values.credentialStatus, note: values.note.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t('assemblies.credentialSaved'));
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
      title={t('assemblies.credentialTitle', { name: delegate.memberName ?? t('common.hiddenName') })}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <NativeSelect
            label={t('assemblies.fields.credentialStatus')}
            data={credentialStatuses.map((status) => ({
              value: status,
              label: t(`credentialStatus.${status}`),
            }))}
            required
            data-autofocus
            {...form.getInputProps('credentialStatus')}
          />
          <Textarea
            label={t('assemblies.fields.note')}
            autosize
            minRows={2}
            {...form.getInputProps('note')}
          />
          <ErrorAlert error={error} />
          <Buttons onClose={onClose} loading={update.isPending} submit={t('common.save')} />
        </Stack>
      </form>
    </AppModal>
  );
}
