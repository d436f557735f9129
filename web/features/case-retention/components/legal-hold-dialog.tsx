import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  legalHoldReasons,
  type LegalHoldReason,
  type RetentionCaseItem,
} from '../../../../shared/contracts/case-retention.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePlaceLegalHold } from '../api/case-retention-api.ts';

/** Places a legal hold with a coded reason (never free text: administrators have no case access). */
export function LegalHoldDialog({ item, onClose }: { item: RetentionCaseItem; onClose: () => void }) {
  const { t } = useTranslation();
  const place = usePlaceLegalHold();
  const [reason, setReason] = useState<LegalHoldReason>('proses_pidana');
  return (
    <AppModal
      opened
      onClose={onClose}
      title={t('caseRetention.hold.dialogTitle', { reference: item.reference })}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          place.mutate(
            { id: item.id, reason },
            {
              onSuccess: () => {
                notifySuccess(t('caseRetention.hold.placed', { reference: item.reference }));
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm">{t('caseRetention.hold.dialogIntro')}</Text>
          <NativeSelect
            label={t('caseRetention.hold.reason')}
            data-autofocus
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value as LegalHoldReason)}
            data={legalHoldReasons.map((code) => ({
              value: code,
              label: t(`caseRetention.holdReasons.${code}`),
            }))}
          />
          <ErrorAlert error={place.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={place.isPending}>
              {t('caseRetention.hold.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
