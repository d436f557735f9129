import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PasswordField } from '../../../components/password-field.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { minPasswordLength } from '../../../lib/passwords.ts';
import { sessionQueryKey, useFullSession, useLogoutEverywhere, useUpdateMe } from '../../../lib/session.ts';
import { useChangePassword, useDisableTotp } from '../api/account-api.ts';
import { TotpEnrolment } from '../components/totp-enrolment.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  return (
    <Stack maw={720}>
      <Title order={1}>{t('account.title')}</Title>
      <ProfileSection />
      <PasswordSection />
      <TotpSection />
      <SessionsSection />
    </Stack>
  );
}

function ProfileSection() {
  const { t } = useTranslation();
  const session = useFullSession();
  const updateMe = useUpdateMe();
  const form = useForm({
    initialValues: { displayName: session.user.displayName },
    validate: { displayName: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form);
  const submit = form.onSubmit((values) => {
    clearError();
    updateMe.mutate(
      { displayName: values.displayName.trim() },
      { onSuccess: () => notifySuccess(t('account.profile.saved')), onError: handleError },
    );
  });
  return (
    <Card withBorder component="section" aria-labelledby="profile-heading">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} id="profile-heading" size="h3">
            {t('account.profile.title')}
          </Title>
          <Text>
            {t('fields.email')}: {session.user.email}
          </Text>
          <TextInput label={t('fields.displayName')} required {...form.getInputProps('displayName')} />
          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" loading={updateMe.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('validation.required')),
      newPassword: (value) =>
        value.length >= minPasswordLength ? null : t('validation.passwordLength', { min: minPasswordLength }),
      confirmPassword: (value, values) =>
        value === values.newPassword ? null : t('validation.passwordsDiffer'),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, {
    wrong_password: 'currentPassword',
    weak_password: 'newPassword',
  });
  const submit = form.onSubmit((values) => {
    clearError();
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('account.password.changed'));
        },
        onError: handleError,
      },
    );
  });
  return (
    <Card withBorder component="section" aria-labelledby="password-heading">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} id="password-heading" size="h3">
            {t('account.password.title')}
          </Title>
          <PasswordField
            label={t('fields.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label={t('fields.newPassword')}
            description={t('fields.passwordRule', { min: minPasswordLength })}
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
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function TotpSection() {
  const { t } = useTranslation();
  const session = useFullSession();
  const queryClient = useQueryClient();
  const { totpEnabled, totpRequired } = session.user;
  // Stays true from the start of an enrolment until the user has saved the recovery codes, even if the
  // session is refreshed meanwhile and already says TOTP is on.
  const [isEnrolling, setEnrolling] = useState(false);
  const showEnrolment = isEnrolling || !totpEnabled;

  return (
    <Card withBorder component="section" aria-labelledby="totp-heading">
      <Stack>
        <Group justify="space-between">
          <Title order={2} id="totp-heading" size="h3">
            {t('totp.title')}
          </Title>
          <Badge color={totpEnabled ? 'teal' : 'gray'} variant="filled">
            {totpEnabled ? t('totp.statusOn') : t('totp.statusOff')}
          </Badge>
        </Group>
        {showEnrolment ? (
          <TotpEnrolment
            onConfirmed={() => setEnrolling(true)}
            onDone={() => {
              setEnrolling(false);
              notifySuccess(t('totp.enabled'));
              void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
            }}
          />
        ) : totpRequired ? (
          <Alert color="blue" variant="light">
            {t('totp.mandatory')}
          </Alert>
        ) : (
          <DisableTotpForm />
        )}
      </Stack>
    </Card>
  );
}

function DisableTotpForm() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t('validation.required')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, {
    wrong_password: 'password',
    invalid_credentials: 'password',
  });
  const submit = form.onSubmit((values) => {
    clearError();
    disable.mutate(
      { password: values.password },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess(t('totp.disabled'));
        },
        onError: handleError,
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('totp.disableIntro')}</Text>
        <PasswordField
          label={t('fields.currentPassword')}
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <ErrorAlert error={error} />
        <Group>
          <Button type="submit" color="red" variant="outline" loading={disable.isPending}>
            {t('totp.disable')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SessionsSection() {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const logoutAll = useLogoutEverywhere();
  return (
    <Card withBorder component="section" aria-labelledby="sessions-heading">
      <Stack>
        <Title order={2} id="sessions-heading" size="h3">
          {t('account.sessions.title')}
        </Title>
        <Text>{t('account.sessions.intro')}</Text>
        <Group>
          <Button variant="outline" color="red" onClick={() => setConfirming(true)}>
            {t('account.sessions.logoutAll')}
          </Button>
        </Group>
      </Stack>
      <AppModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('account.sessions.confirmTitle')}
      >
        <Stack>
          <Text>{t('account.sessions.confirmBody')}</Text>
          <ErrorAlert error={logoutAll.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={logoutAll.isPending}
              onClick={() =>
                // On success the session is cleared and the route guard moves to the login page.
                logoutAll.mutate(undefined, { onSuccess: () => notifySuccess(t('auth.loggedOut')) })
              }
            >
              {t('account.sessions.logoutAll')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Card>
  );
}
