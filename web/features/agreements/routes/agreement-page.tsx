import { Alert, Anchor, Badge, Button, Group, Input, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AgreementDetail, ChecklistItemView } from '../../../../shared/contracts/agreements.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { fileUrl, gapListUrl, useAgreement, useUploadDocument } from '../api/agreements-api.ts';
import { AgreementDialog } from '../components/agreement-dialog.tsx';
import { agreementStatusColour, answerColour, gapColour } from '../components/agreement-format.ts';
import { CodingDialog } from '../components/coding-dialog.tsx';

/** An item's title in the reader's language. */
function useItemTitle() {
  const { i18n } = useTranslation('agreements');
  return (item: ChecklistItemView) => (i18n.language === 'en' ? item.titleEn : item.titleId);
}

export function AgreementPage() {
  const { t } = useTranslation('agreements');
  const { agreementId } = useParams();
  const agreement = useAgreement(Number(agreementId));
  const [isEditing, setEditing] = useState(false);
  usePageTitle(agreement.data ? `${agreement.data.unitName} · ${agreement.data.companyName}` : t('title'));
  if (agreement.isPending) return <PageLoader />;
  if (agreement.isError) return <ErrorAlert error={agreement.error} />;
  const data = agreement.data;
  return (
    <Stack>
      <Anchor component={Link} to={paths.agreements} size="sm">
        {t('agreement.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{data.unitName}</Title>
          <Text c="dimmed" size="sm">
            {t(`kinds.${data.kind}`)} · {data.companyName}{' '}
            <Badge variant="light" color={agreementStatusColour[data.statusToday]}>
              {t(`status.${data.statusToday}`)}
            </Badge>
          </Text>
        </div>
        <Button variant="outline" onClick={() => setEditing(true)}>
          {t('agreement.edit')}
        </Button>
      </Group>
      {data.expiringSoon && <Alert color="orange">{t('agreement.expiringSoon')}</Alert>}
      <Facts agreement={data} />
      <Documents agreement={data} />
      <Sheet agreement={data} />
      <Gaps agreement={data} />
      {isEditing && (
        <AgreementDialog
          agreement={data}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
    </Stack>
  );
}

function Facts({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation('agreements');
  const format = useFormatters();
  const end = format.date(agreement.endsOn);
  const rows = [
    [
      t('agreement.period'),
      `${t('agreement.periodValue', { start: format.date(agreement.startsOn), end })}${
        agreement.extendedUntil
          ? ` (${t('agreement.extended', { date: format.date(agreement.extendedUntil) })})`
          : ''
      }`,
    ],
    [t('agreement.registration'), agreement.registrationNumber ?? '—'],
    [t('agreement.parties'), agreement.parties ?? '—'],
    [t('agreement.recorded'), t(`status.${agreement.status}`)],
  ];
  return (
    <Stack component="section" gap="xs" aria-label={t('agreement.facts')}>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w={200}>
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The document: the newest upload first; a new one is sniffed and size-limited by the server. */
function Documents({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation('agreements');
  const format = useFormatters();
  const upload = useUploadDocument();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  return (
    <Stack component="section" gap="xs" aria-labelledby={`${inputId}-title`}>
      <Title order={2} size="h3" id={`${inputId}-title`}>
        {t('agreement.files.title')}
      </Title>
      {agreement.files.length === 0 ? (
        <Text size="sm">{t('agreement.files.none')}</Text>
      ) : (
        agreement.files.map((entry) => (
          <div key={entry.id}>
            <Anchor href={fileUrl(agreement.id, entry.id)} download>
              {entry.fileName}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed">
              {t('agreement.files.uploaded', { date: format.dateTime(entry.uploadedAt) })}
            </Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {t('agreement.files.sha256', { hash: entry.sha256 })}
            </Text>
          </div>
        ))
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return setMissing(true);
          upload.mutate(
            { agreementId: agreement.id, file },
            {
              onSuccess: () => {
                setFile(null);
                // A fresh input: the chosen file's name does not linger after the upload.
                setInputKey((key) => key + 1);
                notifySuccess(t('agreement.files.added'));
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <Input.Wrapper
            label={t('agreement.files.file')}
            description={t('agreement.files.hint')}
            error={missing ? t('agreement.files.required') : undefined}
            id={inputId}
          >
            <input
              key={inputKey}
              id={inputId}
              type="file"
              accept=".pdf,.jpg,.jpeg,.png,.docx,.odt"
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
          <Group>
            <Button type="submit" variant="outline" loading={upload.isPending}>
              {t('agreement.files.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function Sheet({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation('agreements');
  const format = useFormatters();
  const titleOf = useItemTitle();
  const titleId = useId();
  const [coding, setCoding] = useState<string | null>(null);
  const open = agreement.sheet.find((row) => row.item.code === coding);
  return (
    <Stack component="section" gap="xs" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {t('agreement.sheet.title')}
      </Title>
      <Text size="sm">{t('agreement.sheet.intro')}</Text>
      <Text size="sm" c="dimmed">
        {agreement.codedAgainstVersion === null
          ? t('agreement.checklistNone', { version: agreement.checklistVersion })
          : t('agreement.checklist', {
              against: agreement.codedAgainstVersion,
              version: agreement.checklistVersion,
            })}
      </Text>
      <ScrollTable label={t('agreement.sheet.tableLabel')} minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('agreement.sheet.item')}</Table.Th>
            <Table.Th scope="col">{t('agreement.sheet.answer')}</Table.Th>
            <Table.Th scope="col">{t('agreement.sheet.article')}</Table.Th>
            <Table.Th scope="col">{t('agreement.sheet.codedBy')}</Table.Th>
            <Table.Th scope="col">
              <span className="setara-visually-hidden">{t('agreement.sheet.code')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agreement.sheet.map((row) => (
            <Table.Tr key={row.item.code}>
              <Table.Td>
                {titleOf(row.item)}{' '}
                {row.isNew && (
                  <Badge variant="light" color="blue">
                    {t('agreement.sheet.new')}
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  {t(`groups.${row.item.group}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={answerColour[row.answer]}>
                  {t(`answers.${row.answer}`)}
                </Badge>
                {row.history.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('agreement.sheet.history', { count: row.history.length })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{row.current?.article ?? '—'}</Table.Td>
              <Table.Td>
                {row.current
                  ? `${row.current.codedByName ?? t('agreement.sheet.nobody')}, ${format.date(row.current.codedAt)}`
                  : '—'}
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`${t('agreement.sheet.code')}: ${titleOf(row.item)}`}
                  onClick={() => setCoding(row.item.code)}
                >
                  {t('agreement.sheet.code')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {open && (
        <CodingDialog
          agreementId={agreement.id}
          row={open}
          title={titleOf(open.item)}
          onClose={() => setCoding(null)}
        />
      )}
    </Stack>
  );
}

/** The gap list (DIM) with its downloads for the negotiating team. */
function Gaps({ agreement }: { agreement: AgreementDetail }) {
  const { t } = useTranslation('agreements');
  const titleOf = useItemTitle();
  const titleId = useId();
  return (
    <Stack component="section" gap="xs" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id={titleId}>
          {t('agreement.gaps.title')}
        </Title>
        <Group gap="xs">
          <Button component="a" href={gapListUrl(agreement.id, 'xlsx')} download variant="outline" size="sm">
            {t('agreement.gaps.xlsx')}
          </Button>
          <Button component="a" href={gapListUrl(agreement.id, 'pdf')} download variant="outline" size="sm">
            {t('agreement.gaps.pdf')}
          </Button>
        </Group>
      </Group>
      <Text size="sm">{t('agreement.gaps.intro')}</Text>
      {agreement.gaps.length === 0 ? (
        <Text size="sm">{t('agreement.gaps.none')}</Text>
      ) : (
        <ScrollTable label={t('agreement.gaps.tableLabel')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('agreement.sheet.item')}</Table.Th>
              <Table.Th scope="col">{t('agreement.gaps.reason')}</Table.Th>
              <Table.Th scope="col">{t('agreement.sheet.article')}</Table.Th>
              <Table.Th scope="col">{t('agreement.coding.excerpt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {agreement.gaps.map((gap) => (
              <Table.Tr key={gap.item.code}>
                <Table.Td>{titleOf(gap.item)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={gapColour[gap.reason]}>
                    {t(`reasons.${gap.reason}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{gap.current?.article ?? '—'}</Table.Td>
                <Table.Td>{gap.current?.excerpt ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
