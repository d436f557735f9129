import { Anchor, Button, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type {
  ParticipantReportQuery,
  ParticipantReportResponse,
  SexCounts,
} from '../../../../shared/contracts/training-reports.ts';
import { womenShareOf } from '../../../../shared/contracts/training-reports.ts';
import type { Language } from '../../../../shared/roles.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { UnitPicker } from '../../../components/unit-picker.tsx';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { participantReportFileUrl, useParticipantReport } from '../api/report-api.ts';
import { percent } from '../components/training-format.ts';

const stages = ['nominated', 'participants', 'completed'] as const;

const positive = (value: string | null) => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
};

/** Participants by year, track, sending unit and sex (issue 12, "Reports and exports"). */
export function ReportPage() {
  const { t, i18n } = useTranslation('training');
  usePageTitle(t('report.title'));
  const [search, setSearch] = useSearchParams();
  const query: ParticipantReportQuery = {
    unitId: positive(search.get('unit')),
    year: positive(search.get('year')),
    track: search.get('track') ?? undefined,
  };
  const report = useParticipantReport(query);
  const set = (key: string, value: string | null) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const language = (i18n.resolvedLanguage === 'en' ? 'en' : 'id') satisfies Language;

  return (
    <Stack>
      <Anchor component={Link} to={paths.training} size="sm">
        {t('report.back')}
      </Anchor>
      <Title order={1}>{t('report.title')}</Title>
      <Text>{t('report.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <UnitPicker
          label={t('report.unit')}
          description={report.data ? report.data.unit.name : undefined}
          value={query.unitId ?? null}
          onChange={(value) => set('unit', value === null ? null : String(value))}
        />
        <Select
          label={t('report.year')}
          placeholder={t('report.allYears')}
          clearable
          data={(report.data?.years ?? []).map((year) => String(year))}
          value={query.year ? String(query.year) : null}
          onChange={(value) => set('year', value)}
        />
        <Select
          label={t('report.track')}
          placeholder={t('report.allTracks')}
          clearable
          data={(report.data?.tracks ?? []).map((track) => ({
            value: track.code,
            label: track.labels[language],
          }))}
          value={query.track ?? null}
          onChange={(value) => set('track', value)}
        />
      </SimpleGrid>
      {report.isPending ? (
        <PageLoader />
      ) : report.isError ? (
        <ErrorAlert error={report.error} />
      ) : (
        <ReportTable data={report.data} language={language} query={query} />
      )}
    </Stack>
  );
}

function ReportTable({
  data,
  language,
  query,
}: {
  data: ParticipantReportResponse;
  language: Language;
  query: ParticipantReportQuery;
}) {
  const { t } = useTranslation('training');
  const tracks = new Map(data.tracks.map((track) => [track.code, track.labels[language]]));
  const fileQuery = { ...query, unitId: data.unit.id };
  const cells = (row: Pick<ParticipantReportResponse['totals'], (typeof stages)[number]>) =>
    stages.flatMap((stage) => [
      <Table.Td key={`${stage}-women`}>{row[stage].women}</Table.Td>,
      <Table.Td key={`${stage}-men`}>{row[stage].men}</Table.Td>,
      <Table.Td key={`${stage}-total`}>{row[stage].total}</Table.Td>,
    ]);
  const shareText = (counts: SexCounts) => {
    const value = womenShareOf(counts);
    return value === null ? '—' : percent(value);
  };
  return (
    <Stack>
      <Group>
        <Button component="a" variant="light" href={participantReportFileUrl('xlsx', fileQuery)} download>
          {t('report.xlsx')}
        </Button>
        <Button component="a" variant="light" href={participantReportFileUrl('pdf', fileQuery)} download>
          {t('report.pdf')}
        </Button>
      </Group>
      {data.rows.length === 0 ? (
        <Text>{t('report.none')}</Text>
      ) : (
        <ScrollTable label={t('report.tableLabel', { unit: data.unit.name })} minWidth={960}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" rowSpan={2}>
                {t('report.year')}
              </Table.Th>
              <Table.Th scope="col" rowSpan={2}>
                {t('report.track')}
              </Table.Th>
              <Table.Th scope="col" rowSpan={2}>
                {t('report.sendingUnit')}
              </Table.Th>
              {stages.map((stage) => (
                <Table.Th scope="colgroup" colSpan={3} key={stage}>
                  {t(`report.${stage}`)}
                </Table.Th>
              ))}
              <Table.Th scope="col" rowSpan={2}>
                {t('report.womenShare')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              {stages.flatMap((stage) =>
                (['women', 'men', 'total'] as const).map((sex) => (
                  <Table.Th scope="col" key={`${stage}-${sex}`}>
                    {t(`report.${sex}`)}
                  </Table.Th>
                )),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((row) => (
              <Table.Tr key={`${row.year}-${row.track}-${row.unitId}`}>
                <Table.Td>{row.year}</Table.Td>
                <Table.Td>{tracks.get(row.track) ?? row.track}</Table.Td>
                <Table.Td>{row.unitName}</Table.Td>
                {cells(row)}
                <Table.Td>{shareText(row.participants)}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td />
              <Table.Td>{t('report.totals')}</Table.Td>
              <Table.Td />
              {cells(data.totals)}
              <Table.Td>{shareText(data.totals.participants)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </ScrollTable>
      )}
      <Text size="sm" c="dimmed">
        {t('report.legend')}
      </Text>
    </Stack>
  );
}
