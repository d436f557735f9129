import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { useLogout } from '../../../lib/session.ts';
import { useVerifyTotp } from '../api/auth-api.ts';

/** Second login step: the six-digit code from the authenticator app, or one recovery code. */
export function TotpStep() {
  const { t } = useTranslation();
  const verify = useVerifyTotp();
  const logout = useLogout();
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useForm({
    initialValues: { code: '', recoveryCode: '' },
    validate: {
      code: (value) => (useRecovery || /^\d{6}$/.test(value.trim()) ? null : t('validation.totpCode')),
      recoveryCode: (value) =>
        !useRecovery || value.trim().length >= 8 ? null : t('validation.recoveryCode'),
    },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, {
    invalid_totp: useRecovery ? 'recoveryCode' : 'code',
  });

  const submit = form.onSubmit((values) => {
    clearError();
    const body = useRecovery ? { recoveryCode: values.recoveryCode.trim() } : { code: values.code.trim() };
    verify.mutate(body, { onError: handleError });
  });

  const toggle = () => {
    form.clearErrors();
    clearError();
    setUseRecovery((value) => !value);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={1}>{t('auth.totp.title')}</Title>
        <Text>{useRecovery ? t('auth.totp.recoveryIntro') : t('auth.totp.intro')}</Text>
        {useRecovery ? (
          <TextInput
            key="recovery"
            label={t('fields.recoveryCode')}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            required
            data-autofocus
            {...form.getInputProps('recoveryCode')}
          />
        ) : (
          <TextInput
            key="code"
            label={t('fields.totpCode')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            {...form.getInputProps('code')}
          />
        )}
        <ErrorAlert error={error} />
        <Button type="submit" loading={verify.isPending}>
          {t('auth.totp.submit')}
        </Button>
        <Group justify="space-between">
          <Anchor component="button" type="button" onClick={toggle}>
            {useRecovery ? t('auth.totp.useCode') : t('auth.totp.useRecovery')}
          </Anchor>
          <Anchor component="button" type="button" onClick={() => logout.mutate()}>
            {t('auth.totp.cancel')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
