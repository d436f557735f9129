import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaperListResponse } from '../../../../shared/contracts/commitment.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { todayIso } from '../../../lib/format.ts';
import { useEnterPaperList } from '../api/commitment-api.ts';

/** `number; name; sex` per line (number and sex may be empty); lines without a name are skipped. */
export function parsePaperRows(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(';').map((part) => part.trim()))
    .map(([memberNumber = '', name = '', sex = '']) => ({
      memberNumber: memberNumber || null,
      name,
      sex: sex.toUpperCase() === 'P' ? ('P' as const) : sex.toUpperCase() === 'L' ? ('L' as const) : null,
    }))
    .filter((row) => row.name !== '');
}

/** A signed paper sheet typed in: the server matches each row and reports what became of it. */
export function PaperListDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('commitment');
  const enter = useEnterPaperList();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [signedOn, setSignedOn] = useState(todayIso());
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<PaperListResponse | null>(null);
  return (
    <AppModal opened onClose={onClose} size="lg" title={t('paper.title')}>
      {result ? (
        <Stack>
          <Text role="status">{t('paper.result', result.counts)}</Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('signatures.receiptDone')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const rows = parsePaperRows(text);
            if (!unitId) return setProblem(t('validation.required'));
            if (rows.length === 0) return setProblem(t('paper.noRows'));
            setProblem(null);
            enter.mutate({ unitId, signedOn, rows }, { onSuccess: setResult });
          }}
        >
          <Stack>
            <UnitPicker label={t('paper.unit')} required value={unitId} onChange={setUnitId} />
            <TextInput
              type="date"
              label={t('paper.signedOn')}
              required
              value={signedOn}
              onChange={(event) => setSignedOn(event.currentTarget.value)}
            />
            <Textarea
              label={t('paper.rows')}
              description={t('paper.rowsHint')}
              autosize
              minRows={6}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={problem ?? undefined}
            />
            <ErrorAlert error={enter.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={enter.isPending}>
                {t('paper.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  );
}
