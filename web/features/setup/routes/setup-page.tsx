import {
  Alert,
  Anchor,
  Button,
  Fieldset,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { languages } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { PasswordField } from '../../../components/password-field.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { currentLanguage, isLanguage } from '../../../lib/i18n.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { minPasswordLength } from '../../../lib/passwords.ts';
import { paths, tokenFromHash } from '../../../lib/paths.ts';
import { useRunSetup, useSetupStatus } from '../api/setup-api.ts';

/**
 * First run: the server prints a one-time link `/setup#token=…`; this page creates the first
 * administrator with it. Once setup is done the link stops working and the page says so.
 */
export function SetupPage() {
  const { t } = useTranslation();
  usePageTitle(t('setup.title'));
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  const status = useSetupStatus();

  let content;
  if (status.isPending) content = <PageLoader />;
  else if (status.isError) content = <ErrorAlert error={status.error} />;
  else if (!status.data.needed) {
    content = (
      <Alert color="blue" variant="light" title={t('setup.doneTitle')}>
        {t('setup.doneBody')}
      </Alert>
    );
  } else if (!token) {
    content = (
      <Alert color="blue" variant="light" title={t('setup.noTokenTitle')}>
        {t('setup.noTokenBody')}
      </Alert>
    );
  } else content = <SetupForm token={token} />;

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={1}>{t('setup.title')}</Title>
        {content}
        <Anchor component={Link} to={paths.login}>
          {t('auth.backToLogin')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function SetupForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setup = useRunSetup();
  const form = useForm({
    initialValues: {
      email: '',
      displayName: '',
      password: '',
      confirmPassword: '',
      language: currentLanguage(),
      coordinatorEmail: '',
      coordinatorName: '',
    },
    validate: {
      // The top unit's case coordinator is optional here, but named whole: an address and a name.
      coordinatorEmail: (value, values) =>
        !value.trim() && !values.coordinatorName.trim()
          ? null
          : !/^\S+@\S+$/.test(value.trim())
            ? t('validation.email')
            : value.trim().toLowerCase() === values.email.trim().toLowerCase()
              ? t('setup.coordinator.notYourself')
              : null,
      coordinatorName: (value, values) =>
        values.coordinatorEmail.trim() && !value.trim() ? t('validation.required') : null,
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : t('validation.email')),
      displayName: (value) => (value.trim() ? null : t('validation.required')),
      password: (value) =>
        value.length >= minPasswordLength ? null : t('validation.passwordLength', { min: minPasswordLength }),
      confirmPassword: (value, values) =>
        value === values.password ? null : t('validation.passwordsDiffer'),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { weak_password: 'password' });

  const submit = form.onSubmit((values) => {
    clearError();
    setup.mutate(
      {
        token,
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
        language: values.language,
        ...(values.coordinatorEmail.trim()
          ? {
              coordinator: {
                email: values.coordinatorEmail.trim(),
                displayName: values.coordinatorName.trim(),
              },
            }
          : {}),
      },
      {
        onSuccess: (result) => {
          notifySuccess(
            result.coordinatorInvited
              ? `${t('setup.created')} ${t('setup.coordinator.invited')}`
              : t('setup.created'),
          );
          void navigate(paths.login, { replace: true });
        },
        onError: handleError,
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('setup.intro')}</Text>
        <TextInput
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          required
          {...form.getInputProps('email')}
        />
        <TextInput
          label={t('fields.displayName')}
          autoComplete="name"
          required
          {...form.getInputProps('displayName')}
        />
        <PasswordField
          label={t('fields.password')}
          description={t('fields.passwordRule', { min: minPasswordLength })}
          autoComplete="new-password"
          required
          {...form.getInputProps('password')}
        />
        <PasswordField
          label={t('fields.confirmPassword')}
          autoComplete="new-password"
          required
          {...form.getInputProps('confirmPassword')}
        />
        <NativeSelect
          label={t('fields.language')}
          data={languages.map((language) => ({ value: language, label: t(`language.names.${language}`) }))}
          {...form.getInputProps('language')}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (isLanguage(value)) form.setFieldValue('language', value);
          }}
        />
        <Fieldset legend={t('setup.coordinator.title')}>
          <Stack>
            <Text size="sm">{t('setup.coordinator.hint')}</Text>
            <TextInput
              label={t('setup.coordinator.email')}
              type="email"
              autoComplete="off"
              {...form.getInputProps('coordinatorEmail')}
            />
            <TextInput
              label={t('setup.coordinator.name')}
              autoComplete="off"
              {...form.getInputProps('coordinatorName')}
            />
          </Stack>
        </Fieldset>
        <ErrorAlert error={error} />
        <Button type="submit" loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
