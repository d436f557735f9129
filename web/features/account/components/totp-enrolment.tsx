import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useApiFormErrors } from '../../../lib/forms.ts';
import { useConfirmTotpEnrolment, useStartTotpEnrolment, type TotpEnrolStart } from '../api/account-api.ts';

interface TotpEnrolmentProps {
  /** Heading level of this section's title, so it fits the page it sits on. */
  headingOrder?: 1 | 2;
  /** Called when the first code was accepted and the recovery codes are on screen. */
  onConfirmed?: () => void;
  /** Called once the user confirms the recovery codes are saved. */
  onDone: () => void;
}

/** Groups the base32 secret in fours so it can be typed into an authenticator app by hand. */
const groupSecret = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * TOTP enrolment in three steps: start (the server makes a secret and its QR code), confirm with a
 * first code, then show the recovery codes once and ask the user to confirm they saved them.
 */
export function TotpEnrolment({ headingOrder = 2, onConfirmed, onDone }: TotpEnrolmentProps) {
  const { t } = useTranslation();
  const start = useStartTotpEnrolment();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes)
    return <RecoveryCodes codes={recoveryCodes} headingOrder={headingOrder} onDone={onDone} />;
  if (start.data) {
    return (
      <ScanAndConfirm
        enrolment={start.data}
        headingOrder={headingOrder}
        onConfirmed={(codes) => {
          setRecoveryCodes(codes);
          onConfirmed?.();
        }}
        onRestart={() => start.mutate()}
        isRestarting={start.isPending}
      />
    );
  }
  return (
    <Stack>
      <Text>{t('totp.intro')}</Text>
      <ErrorAlert error={start.error} />
      <Group>
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t('totp.start')}
        </Button>
      </Group>
    </Stack>
  );
}

interface ScanAndConfirmProps {
  enrolment: TotpEnrolStart;
  headingOrder: 1 | 2;
  onConfirmed: (codes: string[]) => void;
  onRestart: () => void;
  isRestarting: boolean;
}

function ScanAndConfirm({
  enrolment,
  headingOrder,
  onConfirmed,
  onRestart,
  isRestarting,
}: ScanAndConfirmProps) {
  const { t } = useTranslation();
  const confirm = useConfirmTotpEnrolment();
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(value.trim()) ? null : t('validation.totpCode')) },
  });
  const { error, handleError, clearError } = useApiFormErrors(form, { invalid_totp: 'code' });
  // The QR code is an SVG made by the server; an <img> renders it without running anything inside it.
  const qrSource = `data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`;

  const submit = form.onSubmit((values) => {
    clearError();
    confirm.mutate(
      { code: values.code.trim() },
      { onSuccess: (result) => onConfirmed(result.recoveryCodes), onError: handleError },
    );
  });

  return (
    <Stack>
      <Title order={(headingOrder + 1) as 2 | 3}>{t('totp.scanTitle')}</Title>
      <List type="ordered" spacing="xs">
        <List.Item>{t('totp.stepApp')}</List.Item>
        <List.Item>{t('totp.stepScan')}</List.Item>
        <List.Item>{t('totp.stepCode')}</List.Item>
      </List>
      <img className="setara-qr" src={qrSource} alt={t('totp.qrAlt')} width={200} height={200} />
      <div>
        <Text id="totp-secret-label" size="sm">
          {t('totp.secretLabel')}
        </Text>
        <Code block data-testid="totp-secret" fz="md">
          {groupSecret(enrolment.secret)}
        </Code>
      </div>
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label={t('fields.totpCode')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            required
            {...form.getInputProps('code')}
          />
          <ErrorAlert error={error} />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              {t('totp.confirm')}
            </Button>
            <Button variant="default" onClick={onRestart} loading={isRestarting}>
              {t('totp.restart')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

interface RecoveryCodesProps {
  codes: string[];
  headingOrder: 1 | 2;
  onDone: () => void;
}

function RecoveryCodes({ codes, headingOrder, onDone }: RecoveryCodesProps) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);

  const download = () => {
    const blob = new Blob([`${t('totp.recoveryFileHeader')}\n\n${codes.join('\n')}\n`], {
      type: 'text/plain;charset=utf-8',
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'setara-recovery-codes.txt';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Stack>
      <Title order={(headingOrder + 1) as 2 | 3}>{t('totp.recoveryTitle')}</Title>
      <Alert color="blue" variant="light">
        {t('totp.recoveryIntro')}
      </Alert>
      <SimpleGrid
        cols={{ base: 1, xs: 2 }}
        spacing="xs"
        component="ul"
        data-testid="recovery-codes"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {codes.map((code) => (
          <li key={code}>
            <Code fz="md">{code}</Code>
          </li>
        ))}
      </SimpleGrid>
      <Group>
        <Button variant="default" onClick={download}>
          {t('totp.download')}
        </Button>
      </Group>
      <Checkbox
        label={t('totp.savedConfirm')}
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Group>
        <Button onClick={onDone} disabled={!saved}>
          {t('totp.finish')}
        </Button>
      </Group>
    </Stack>
  );
}
