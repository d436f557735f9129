import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { MaterialDetail } from '../../../../shared/contracts/materials.ts';
import {
  materialAudiences,
  materialKinds,
  materialLanguages,
  materialLicences,
  type MaterialAudience,
  type MaterialKind,
  type MaterialLanguage,
  type MaterialLicence,
} from '../../../../shared/material-taxonomies.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCreateMaterial } from '../api/materials-api.ts';

interface MaterialFormValues {
  unitId: number | null;
  title: string;
  summary: string;
  kind: MaterialKind;
  language: MaterialLanguage;
  audience: MaterialAudience;
  licence: MaterialLicence;
}

/** A new draft material at a unit whose campaigns the caller manages; versions are added on its page. */
export function MaterialDialog({
  onClose,
  onSaved,
}: {
  onClose: () => void;
  onSaved: (material: MaterialDetail) => void;
}) {
  const { t } = useTranslation('materials');
  const create = useCreateMaterial();
  const form = useForm<MaterialFormValues>({
    initialValues: {
      unitId: null,
      title: '',
      summary: '',
      kind: 'flyer',
      language: 'id',
      audience: 'members',
      licence: 'cc_by_sa',
    },
    validate: {
      unitId: (value) => (value ? null : t('validation.required')),
      title: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const options = <T extends string>(values: readonly T[], group: string) =>
    values.map((value) => ({ value, label: t(`${group}.${value}`) }));
  const submit = form.onSubmit((values) => {
    clearError();
    if (!values.unitId) return;
    create.mutate(
      {
        ownerUnitId: values.unitId,
        title: values.title.trim(),
        summary: values.summary.trim() || null,
        kind: values.kind,
        language: values.language,
        audience: values.audience,
        licence: values.licence,
      },
      {
        onSuccess: (saved) => {
          notifySuccess(t('form.created', { title: saved.title }));
          onSaved(saved);
        },
        onError: handleError,
      },
    );
  });
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('form.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label={t('form.title')} required data-autofocus {...form.getInputProps('title')} />
          <Textarea label={t('form.summary')} autosize minRows={2} {...form.getInputProps('summary')} />
          <UnitPicker
            label={t('form.unit')}
            description={t('form.unitHint')}
            value={form.values.unitId}
            onChange={(value) => form.setFieldValue('unitId', value)}
            error={form.errors.unitId}
            required
          />
          <Group grow align="flex-start">
            <NativeSelect
              label={t('form.kind')}
              data={options(materialKinds, 'kinds')}
              {...form.getInputProps('kind')}
            />
            <NativeSelect
              label={t('form.language')}
              data={options(materialLanguages, 'languages')}
              {...form.getInputProps('language')}
            />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('form.audience')}
              data={options(materialAudiences, 'audiences')}
              {...form.getInputProps('audience')}
            />
            <NativeSelect
              label={t('form.licence')}
              data={options(materialLicences, 'licences')}
              {...form.getInputProps('licence')}
            />
          </Group>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('form.createTitle')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
