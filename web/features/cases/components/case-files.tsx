import { Anchor, Button, Card, Group, Input, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters, type Formatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { caseFileUrl, useUploadCaseFile } from '../api/case-files-api.ts';

export function fileSize(bytes: number, format: Formatters): string {
  if (bytes < 1024) return `${format.number(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format.number(Math.round(bytes / 1024))} KB`;
  return `${format.number(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}

/** Evidence and documents, stored encrypted; downloads are plain links the browser saves. */
export function FilesSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const files = [...(detail.files ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Stack component="section" aria-labelledby="case-files">
      <Title order={2} size="h3" id="case-files">
        {t('cases.sections.files')}
      </Title>
      {detail.files === null ? (
        <Text>{t('cases.files.writeOnly')}</Text>
      ) : files.length === 0 ? (
        <Text>{t('cases.files.none')}</Text>
      ) : (
        <ScrollTable label={t('cases.sections.files')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.files.name')}</Table.Th>
              <Table.Th scope="col">{t('cases.files.from')}</Table.Th>
              <Table.Th scope="col">{t('cases.files.at')}</Table.Th>
              <Table.Th scope="col">{t('cases.files.size')}</Table.Th>
              <Table.Th scope="col">{t('cases.files.type')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((file) => (
              <Table.Tr key={file.id}>
                <Table.Td>
                  <Anchor
                    href={caseFileUrl(detail.id, file.id)}
                    download={file.name}
                    aria-label={t('cases.files.download', { name: file.name })}
                  >
                    {file.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`cases.messages.from.${file.from}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(file.at)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{fileSize(file.size, format)}</Table.Td>
                <Table.Td>{file.mediaType}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {detail.allowed.uploadFile && <UploadForm caseId={detail.id} />}
    </Stack>
  );
}

function UploadForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const upload = useUploadCaseFile();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setProblem(t('cases.files.choose'));
      return;
    }
    setProblem(null);
    upload.mutate(
      { id: caseId, file },
      {
        onSuccess: () => {
          notifySuccess(t('cases.files.uploaded', { name: file.name }));
          setFile(null);
          if (inputRef.current) inputRef.current.value = '';
        },
      },
    );
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} noValidate aria-labelledby="case-upload-title">
        <Stack>
          <Title order={3} size="h4" id="case-upload-title">
            {t('cases.files.upload')}
          </Title>
          <Input.Wrapper
            label={t('cases.files.file')}
            description={t('cases.files.hint')}
            error={problem}
            required
            id={inputId}
          >
            <input
              id={inputId}
              ref={inputRef}
              type="file"
              className="setara-file-input"
              aria-invalid={problem ? true : undefined}
              aria-describedby={
                problem ? `${inputId}-description ${inputId}-error` : `${inputId}-description`
              }
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setProblem(null);
              }}
            />
          </Input.Wrapper>
          <ErrorAlert error={upload.error} />
          <Group>
            <Button type="submit" loading={upload.isPending}>
              {t('cases.files.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
