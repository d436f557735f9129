import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../shared/contracts/users.ts';
import { languages, type Language } from '../../../../shared/roles.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { currentLanguage, isLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { useCreateUser } from '../api/users-api.ts';

interface CreateUserDialogProps {
  onClose: () => void;
  onCreated: (user: UserView) => void;
}

/** Invites a new staff user: the server emails them a link to set their own password. */
export function CreateUserDialog({ onClose, onCreated }: CreateUserDialogProps) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const form = useForm<{ email: string; displayName: string; language: Language; homeUnitId: number | null }>(
    {
      initialValues: { email: '', displayName: '', language: currentLanguage(), homeUnitId: null },
      validate: {
        email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : t('validation.email')),
        displayName: (value) => (value.trim() ? null : t('validation.required')),
        homeUnitId: (value) => (value ? null : t('validation.required')),
      },
    },
  );
  const { error, handleError, clearError } = useApiFormErrors(form, { conflict: 'email' });

  const submit = form.onSubmit((values) => {
    if (!values.homeUnitId) return;
    clearError();
    create.mutate(
      {
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        language: values.language,
        homeUnitId: values.homeUnitId,
      },
      {
        onSuccess: (user) => {
          notifySuccess(t('users.invited', { email: user.email }));
          onCreated(user);
        },
        onError: handleError,
      },
    );
  });

  return (
    <AppModal opened onClose={onClose} title={t('users.createTitle')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t('users.createIntro')}</Text>
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="off"
            required
            data-autofocus
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('fields.displayName')}
            autoComplete="off"
            required
            {...form.getInputProps('displayName')}
          />
          <NativeSelect
            label={t('fields.language')}
            data={languages.map((language) => ({ value: language, label: t(`language.names.${language}`) }))}
            value={form.values.language}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isLanguage(value)) form.setFieldValue('language', value);
            }}
          />
          <UnitPicker
            label={t('users.fields.homeUnit')}
            description={t('users.fields.homeUnitHint')}
            value={form.values.homeUnitId}
            onChange={(value) => form.setFieldValue('homeUnitId', value)}
            error={form.errors.homeUnitId}
            required
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.invite')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
