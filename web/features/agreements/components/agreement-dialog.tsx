import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  agreementKinds,
  agreementStatuses,
  type AgreementKind,
  type AgreementStatus,
} from '../../../../shared/agreement-taxonomies.ts';
import type { AgreementDetail } from '../../../../shared/contracts/agreements.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCreateAgreement, useUpdateAgreement } from '../api/agreements-api.ts';

interface AgreementFormValues {
  unitId: number | null;
  kind: AgreementKind;
  companyName: string;
  parties: string;
  registrationNumber: string;
  startsOn: string;
  endsOn: string;
  extendedUntil: string;
  status: AgreementStatus;
}

/** Records a PSP's agreement, or (with `agreement`) changes its details; the PSP stays as it was. */
export function AgreementDialog({
  agreement,
  onClose,
  onSaved,
}: {
  agreement?: AgreementDetail;
  onClose: () => void;
  onSaved: (agreement: AgreementDetail) => void;
}) {
  const { t } = useTranslation('agreements');
  const create = useCreateAgreement();
  const update = useUpdateAgreement();
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const form = useForm<AgreementFormValues>({
    initialValues: {
      unitId: agreement?.unitId ?? null,
      kind: agreement?.kind ?? 'pkb',
      companyName: agreement?.companyName ?? '',
      parties: agreement?.parties ?? '',
      registrationNumber: agreement?.registrationNumber ?? '',
      startsOn: agreement?.startsOn ?? '',
      endsOn: agreement?.endsOn ?? '',
      extendedUntil: agreement?.extendedUntil ?? '',
      status: agreement?.status ?? 'in_force',
    },
    validate: {
      unitId: (value) => (value ? null : t('validation.required')),
      companyName: required,
      startsOn: required,
      endsOn: required,
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { agreement_state: 'unitId' });
  const options = <T extends string>(values: readonly T[], group: string) =>
    values.map((value) => ({ value, label: t(`${group}.${value}`) }));
  const submit = form.onSubmit((values) => {
    clearError();
    if (!values.unitId) return;
    const fields = {
      kind: values.kind,
      companyName: values.companyName.trim(),
      parties: values.parties.trim() || null,
      registrationNumber: values.registrationNumber.trim() || null,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      extendedUntil: values.extendedUntil || null,
      status: values.status,
    };
    const done = {
      onSuccess: (saved: AgreementDetail) => {
        notifySuccess(agreement ? t('form.saved') : t('form.created', { company: saved.companyName }));
        onSaved(saved);
      },
      onError: handleError,
    };
    if (agreement) update.mutate({ agreementId: agreement.id, ...fields }, done);
    else create.mutate({ unitId: values.unitId, ...fields }, done);
  });
  return (
    <AppModal
      opened
      onClose={onClose}
      size="lg"
      title={agreement ? t('form.editTitle') : t('form.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {!agreement && (
            <UnitPicker
              label={t('form.psp')}
              description={t('form.pspHint')}
              value={form.values.unitId}
              onChange={(value) => form.setFieldValue('unitId', value)}
              error={form.errors.unitId}
              required
            />
          )}
          <Group grow align="flex-start">
            <NativeSelect
              label={t('form.kind')}
              data={options(agreementKinds, 'kinds')}
              {...form.getInputProps('kind')}
            />
            <NativeSelect
              label={t('form.status')}
              data={options(agreementStatuses, 'status')}
              {...form.getInputProps('status')}
            />
          </Group>
          <TextInput
            label={t('form.company')}
            required
            data-autofocus
            {...form.getInputProps('companyName')}
          />
          <Textarea
            label={t('form.parties')}
            autosize
            minRows={1}
            maxLength={1000}
            {...form.getInputProps('parties')}
          />
          <TextInput
            label={t('form.registration')}
            maxLength={100}
            {...form.getInputProps('registrationNumber')}
          />
          <Group grow align="flex-start">
            <TextInput type="date" label={t('form.startsOn')} required {...form.getInputProps('startsOn')} />
            <TextInput type="date" label={t('form.endsOn')} required {...form.getInputProps('endsOn')} />
          </Group>
          <TextInput
            type="date"
            label={t('form.extendedUntil')}
            description={t('form.extendedHint')}
            {...form.getInputProps('extendedUntil')}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
