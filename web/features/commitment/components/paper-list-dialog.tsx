import { Anchor, Button, Group, Input, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaperListPhoto, PaperListResponse } from '../../../../shared/contracts/commitment.ts';
import { AppModal } from '../../../components/app-modal.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { todayIso, useFormatters } from '../../../lib/format.ts';
import { paperListPhotoUrl, useEnterPaperList, useUploadPaperListPhoto } from '../api/commitment-api.ts';

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
          <SheetPhotos paperListId={result.paperListId} />
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

/**
 * The photo (or scan) of the signed sheet, kept with the list just entered: the server sniffs the type
 * from the bytes and limits the size; the photos attached so far are listed as downloads.
 */
function SheetPhotos({ paperListId }: { paperListId: number }) {
  const { t } = useTranslation('commitment');
  const format = useFormatters();
  const upload = useUploadPaperListPhoto();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [photos, setPhotos] = useState<PaperListPhoto[]>([]);
  return (
    <Stack component="section" gap="xs" aria-labelledby={`${inputId}-title`}>
      <Title order={2} size="h4" id={`${inputId}-title`}>
        {t('paper.photo.title')}
      </Title>
      {photos.length === 0 ? (
        <Text size="sm">{t('paper.photo.none')}</Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {photos.map((photo, index) => (
            <li key={photo.id}>
              <Anchor href={paperListPhotoUrl(paperListId, photo.id)} download>
                {t('paper.photo.item', { number: index + 1, at: format.dateTime(photo.uploadedAt) })}
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return setMissing(true);
          upload.mutate(
            { paperListId, file },
            {
              onSuccess: (detail) => {
                setPhotos(detail.photos);
                setFile(null);
                notifySuccess(t('paper.photo.added'));
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <Input.Wrapper
            label={t('paper.photo.file')}
            description={t('paper.photo.hint')}
            error={missing ? t('paper.photo.required') : undefined}
            id={inputId}
          >
            <input
              id={inputId}
              type="file"
              accept="image/jpeg,image/png,image/webp,application/pdf"
              className="setara-file-input"
              aria-invalid={missing ? true : undefined}
              aria-describedby={
                missing ? `${inputId}-description ${inputId}-error` : `${inputId}-description`
              }
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setMissing(false);
              }}
            />
          </Input.Wrapper>
          <ErrorAlert error={upload.error} />
          <div>
            <Button type="submit" variant="default" loading={upload.isPending}>
              {t('paper.photo.submit')}
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
