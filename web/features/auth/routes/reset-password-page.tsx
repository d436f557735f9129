import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PasswordField } from '../../../components/password-field.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths, tokenFromHash } from '../../../lib/paths.ts';
import { minPasswordLength } from '../../../lib/passwords.ts';
import { useResetPassword } from '../api/auth-api.ts';

/**
 * Sets a new password from a one-time link (`/reset-password#token=…`). The same page serves
 * administrator-initiated resets and invitations of new users.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.reset.title'));
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromHash(location.hash));
  const reset = useResetPassword();
  const form = useForm({
    initialValues: { newPassword: '', confirmPassword: '' },
    validate: {
      newPassword: (value) =>
        value.length >= minPasswordLength ? null : t('validation.passwordLength', { min: minPasswordLength }),
      confirmPassword: (value, values) =>
        value === values.newPassword ? null : t('validation.passwordsDiffer'),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { weak_password: 'newPassword' });

  const submit = form.onSubmit((values) => {
    clearError();
    reset.mutate(
      { token, newPassword: values.newPassword },
      {
        onSuccess: () => {
          notifySuccess(t('auth.reset.done'));
          void navigate(paths.login, { replace: true });
        },
        onError: handleError,
      },
    );
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={1}>{t('auth.reset.title')}</Title>
        {token ? (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Text>{t('auth.reset.intro', { min: minPasswordLength })}</Text>
              <PasswordField
                label={t('fields.newPassword')}
                autoComplete="new-password"
                required
                {...form.getInputProps('newPassword')}
              />
              <PasswordField
                label={t('fields.confirmPassword')}
                autoComplete="new-password"
                required
                {...form.getInputProps('confirmPassword')}
              />
              <ErrorAlert error={error} />
              <Button type="submit" loading={reset.isPending}>
                {t('auth.reset.submit')}
              </Button>
            </Stack>
          </form>
        ) : (
          <Alert color="blue" variant="light">
            {t('auth.reset.noToken')}
          </Alert>
        )}
        <Anchor component={Link} to={paths.login}>
          {t('auth.backToLogin')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
