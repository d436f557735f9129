import { Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PasswordField } from '../../../components/password-field.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { useLogin } from '../api/auth-api.ts';

/** First login step: email and password. The session query tells the page which step comes next. */
export function PasswordStep() {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);

  const submit = form.onSubmit((values) => {
    clearError();
    login.mutate({ email: values.email.trim(), password: values.password }, { onError: handleError });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1}>{t('auth.login.title')}</Title>
        <Text>{t('auth.login.intro')}</Text>
        <TextInput
          label={t('fields.email')}
          type="email"
          autoComplete="username"
          required
          {...form.getInputProps('email')}
        />
        <PasswordField
          label={t('fields.password')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <ErrorAlert error={error} />
        <Button type="submit" loading={login.isPending}>
          {t('auth.login.submit')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('auth.login.forgot')}
        </Text>
      </Stack>
    </form>
  );
}
