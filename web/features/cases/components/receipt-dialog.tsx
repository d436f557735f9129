import { Alert, Button, Checkbox, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal.tsx';
import { formatReceipt } from './case-labels.tsx';

/**
 * Shows the reporter's receipt the one time it exists in clear (domain/cases.md: only about half of
 * reporters come back with theirs, so saving it is made unmissable). The dialog cannot be dismissed by
 * accident: only the button, after the staff member confirms the receipt was handed over.
 */
export function ReceiptDialog({
  receipt,
  reference,
  onDone,
}: {
  receipt: string;
  reference: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [isConfirmed, setConfirmed] = useState(false);
  const formatted = formatReceipt(receipt);
  return (
    <AppModal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={t('cases.receipt.title')}
      size="lg"
    >
      <Stack>
        <Alert color="red" variant="light" title={t('cases.receipt.onceTitle')}>
          {t('cases.receipt.once')}
        </Alert>
        <Text>{t('cases.receipt.intro', { reference })}</Text>
        <Text
          component="p"
          m={0}
          ta="center"
          fz={{ base: 26, sm: 34 }}
          fw={800}
          ff="monospace"
          style={{ letterSpacing: '0.05em', wordSpacing: '0.3em' }}
          data-testid="case-receipt"
        >
          {formatted}
        </Text>
        <Group justify="center">
          <CopyButton value={formatted}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('cases.receipt.copied') : t('cases.receipt.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">{t('cases.receipt.howToUse')}</Text>
        <Checkbox
          data-autofocus
          label={t('cases.receipt.confirm')}
          checked={isConfirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button onClick={onDone} disabled={!isConfirmed}>
            {t('cases.receipt.done')}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
