import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CaseStatsQuery,
  CaseStatsResponse,
  DurationStats,
  StatCell,
  StatList,
  StatTable,
} from '../../../../shared/contracts/case-stats.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { usePageTitle } from '../../../lib/page-title.ts';
import { caseStatsExportUrl, useCaseStats } from '../api/case-stats-api.ts';

type Label = (key: string) => string;

/** A published cell as text: the count, "< 5" for a small cell, "×" for one hidden to protect it. */
function CellText({ cell }: { cell: StatCell }) {
  const { t, i18n } = useTranslation();
  if (cell.status === 'shown') return <>{(cell.value ?? 0).toLocaleString(i18n.language)}</>;
  if (cell.status === 'small') return <span title={t('caseStats.small')}>{'< 5'}</span>;
  return (
    <span title={t('caseStats.complement')} aria-label={t('caseStats.complement')}>
      ×
    </span>
  );
}

function ListTable({ title, list, label }: { title: string; list: StatList; label: Label }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <ScrollTable label={title} minWidth={280}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseStats.category')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('caseStats.cases')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw="normal">
                {label(row.key)}
              </Table.Th>
              <Table.Td ta="right">
                <CellText cell={row.cell} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('caseStats.total')}</Table.Th>
            <Table.Td ta="right" fw={700}>
              <CellText cell={list.total} />
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </ScrollTable>
    </Card>
  );
}

function CrossTable({
  title,
  table,
  rowLabel,
  columnLabel,
  rateLabel,
}: {
  title: string;
  table: StatTable;
  rowLabel: Label;
  columnLabel: Label;
  rateLabel: string;
}) {
  const { t, i18n } = useTranslation();
  const percent = (rate: number | null) =>
    rate === null ? '—' : rate.toLocaleString(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <ScrollTable label={title} minWidth={280}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseStats.category')}</Table.Th>
            {table.columns.map((column) => (
              <Table.Th scope="col" ta="right" key={column}>
                {columnLabel(column)}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {t('caseStats.total')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {rateLabel}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw="normal">
                {rowLabel(row.key)}
              </Table.Th>
              {row.cells.map((cell, index) => (
                <Table.Td ta="right" key={table.columns[index]}>
                  <CellText cell={cell} />
                </Table.Td>
              ))}
              <Table.Td ta="right">
                <CellText cell={row.total} />
              </Table.Td>
              <Table.Td ta="right">{percent(row.rate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('caseStats.total')}</Table.Th>
            {table.columnTotals.map((cell, index) => (
              <Table.Td ta="right" key={table.columns[index]}>
                <CellText cell={cell} />
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={700}>
              <CellText cell={table.total} />
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </ScrollTable>
    </Card>
  );
}

function DurationTable({
  title,
  unit,
  rows,
  label,
}: {
  title: string;
  unit: string;
  rows: DurationStats[];
  label: Label;
}) {
  const { t, i18n } = useTranslation();
  const number = (value: number | null) => (value === null ? '—' : value.toLocaleString(i18n.language));
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <Text size="sm" mb="xs">
        {t('caseStats.durationsHint', { unit })}
      </Text>
      <ScrollTable label={title} minWidth={280}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseStats.unit')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('caseStats.cases')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              P25
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('caseStats.median')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              P75
            </Table.Th>
            <Table.Th scope="col" ta="right">
              P90
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw="normal">
                {row.key === 'all' ? t('caseStats.allUnits') : label(row.key)}
              </Table.Th>
              <Table.Td ta="right">
                <CellText cell={row.count} />
              </Table.Td>
              <Table.Td ta="right">{number(row.p25)}</Table.Td>
              <Table.Td ta="right">{number(row.median)}</Table.Td>
              <Table.Td ta="right">{number(row.p75)}</Table.Td>
              <Table.Td ta="right">{number(row.p90)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Card>
  );
}

/** Bars for the shown cells only: a hidden cell is a gap, never a made-up height. */
function ListChart({ list, label, title }: { list: StatList; label: Label; title: string }) {
  const { t } = useTranslation();
  const data = list.rows.map((row) => ({
    key: label(row.key),
    cases: row.cell.status === 'shown' ? row.cell.value : null,
  }));
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      {/* The bars repeat the table below for the eye; hidden from screen readers, so recharts' keyboard
          layer (a focusable "application") is switched off: focus must never land inside aria-hidden. */}
      <div aria-hidden="true">
        <BarChart
          h={240}
          data={data}
          dataKey="key"
          series={[{ name: 'cases', label: t('caseStats.cases'), color: 'grape.6' }]}
          barChartProps={{ accessibilityLayer: false }}
          withTooltip={false}
        />
      </div>
      <Text size="xs" c="dimmed" mt="xs">
        {t('caseStats.chartHint')}
      </Text>
    </Card>
  );
}

interface FilterValues {
  from: string;
  to: string;
  unitId: string;
}

export function CaseStatsPage() {
  const { t } = useTranslation();
  usePageTitle(t('caseStats.title'));
  const [query, setQuery] = useState<CaseStatsQuery>({});
  const stats = useCaseStats(query);
  const form = useForm<FilterValues>({
    initialValues: { from: '', to: '', unitId: '' },
    validate: {
      to: (value, values) =>
        value && values.from && value < values.from ? t('caseStats.rangeInvalid') : null,
    },
  });

  return (
    <Stack>
      <Title order={1}>{t('caseStats.title')}</Title>
      <Text>{t('caseStats.intro')}</Text>
      <form
        aria-label={t('caseStats.filters')}
        noValidate
        onSubmit={form.onSubmit((values) =>
          setQuery({
            from: values.from || undefined,
            to: values.to || undefined,
            unitId: values.unitId ? Number(values.unitId) : undefined,
          }),
        )}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="month" label={t('caseStats.from')} {...form.getInputProps('from')} />
          <TextInput type="month" label={t('caseStats.to')} {...form.getInputProps('to')} />
          <Select
            label={t('caseStats.unit')}
            placeholder={stats.data?.unit.name}
            data={unitOptions(stats.data)}
            clearable
            {...form.getInputProps('unitId')}
          />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit">{t('caseStats.apply')}</Button>
        </Group>
      </form>
      {stats.isPending ? (
        <PageLoader />
      ) : stats.isError ? (
        <ErrorAlert error={stats.error} />
      ) : (
        <Report data={stats.data} query={query} />
      )}
    </Stack>
  );
}

function unitOptions(data: CaseStatsResponse | undefined) {
  if (!data) return [];
  const seen = new Map<number, string>();
  for (const unit of [...data.scopeUnits, data.unit, ...data.childUnits])
    seen.set(unit.id, `${unit.name} (${unit.level})`);
  return [...seen].map(([id, label]) => ({ value: String(id), label }));
}

function Report({ data, query }: { data: CaseStatsResponse; query: CaseStatsQuery }) {
  const { t } = useTranslation();
  const unitNames = new Map(data.childUnits.map((unit) => [String(unit.id), unit.name]));
  const unitLabel: Label = (key) =>
    key === 'self' ? t('caseStats.selfUnit', { name: data.unit.name }) : (unitNames.get(key) ?? key);
  const from =
    (list: string): Label =>
    (key) =>
      t(`${list}.${key}`, { defaultValue: key });
  const sexLabel: Label = (key) => t(`caseStats.sex.${key}`, { defaultValue: key });
  const ageLabel: Label = (key) => (key === 'unknown' ? t('caseStats.unknown') : key);
  const outcomeLabel: Label = (key) =>
    key === 'none' ? t('caseStats.noOutcome') : t(`cases.outcomes.${key}`, { defaultValue: key });
  const exportQuery = { ...query, from: data.from, to: data.to, unitId: data.unit.id };

  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={700} size="lg">
              {t('caseStats.heading', { unit: data.unit.name, from: data.from, to: data.to })}
            </Text>
            <Text>
              {t('caseStats.totalCases')}: <CellText cell={data.total} />
            </Text>
            <Text size="sm" c="dimmed" mt="xs">
              {t('caseStats.legend')}
            </Text>
          </div>
          <Group>
            <Button
              component="a"
              variant="default"
              href={caseStatsExportUrl('export.xlsx', exportQuery)}
              download
            >
              {t('caseStats.exportXlsx')}
            </Button>
            <Button
              component="a"
              variant="default"
              href={caseStatsExportUrl('export.csv', exportQuery)}
              download
            >
              {t('caseStats.exportCsv')}
            </Button>
            <Button
              component="a"
              variant="default"
              href={caseStatsExportUrl('simfoni.csv', exportQuery)}
              download
            >
              {t('caseStats.exportSimfoni')}
            </Button>
          </Group>
        </Group>
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ListChart title={t('caseStats.byMonth')} list={data.byMonth} label={(key) => key} />
        <ListChart title={t('caseStats.byUnit')} list={data.byUnit} label={unitLabel} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
        <ListTable title={t('caseStats.byMonth')} list={data.byMonth} label={(key) => key} />
        <ListTable title={t('caseStats.byUnit')} list={data.byUnit} label={unitLabel} />
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">
            {t('caseStats.byForm')}
          </Title>
          <Text size="sm" mb="xs">
            {t('caseStats.byFormHint')}
          </Text>
          <ScrollTable label={t('caseStats.byForm')} minWidth={280}>
            <Table.Tbody>
              {data.byForm.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw="normal">
                    {from('cases.forms')(row.key)}
                  </Table.Th>
                  <Table.Td ta="right">
                    <CellText cell={row.cell} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </Card>
        <ListTable title={t('caseStats.byPlace')} list={data.byPlace} label={from('cases.places')} />
        <ListTable
          title={t('caseStats.byRelationship')}
          list={data.byRelationship}
          label={from('cases.relationships')}
        />
        <ListTable title={t('caseStats.byOutcome')} list={data.byOutcome} label={outcomeLabel} />
        <ListTable title={t('caseStats.bySex')} list={data.bySex} label={sexLabel} />
        <ListTable title={t('caseStats.byAgeBand')} list={data.byAgeBand} label={ageLabel} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <DurationTable
          title={t('caseStats.timeToFirstContact')}
          unit={t('caseStats.hours')}
          rows={data.timeToFirstContact}
          label={unitLabel}
        />
        <DurationTable
          title={t('caseStats.timeToClose')}
          unit={t('caseStats.days')}
          rows={data.timeToClose}
          label={unitLabel}
        />
      </SimpleGrid>
      <CrossTable
        title={t('caseStats.deadlines')}
        table={data.deadlines}
        rowLabel={from('cases.deadlineKinds')}
        columnLabel={(key) => t(`caseStats.deadlineColumns.${key}`)}
        rateLabel={t('caseStats.metShare')}
      />
      <CrossTable
        title={t('caseStats.referrals')}
        table={data.referrals}
        rowLabel={from('cases.services')}
        columnLabel={(key) => t(`caseStats.referralColumns.${key}`)}
        rateLabel={t('caseStats.completion')}
      />
      <CrossTable
        title={t('caseStats.consents')}
        table={data.consents}
        rowLabel={from('cases.consentRoutes')}
        columnLabel={from('cases.consentStatuses')}
        rateLabel={t('caseStats.consentRate')}
      />
    </Stack>
  );
}
