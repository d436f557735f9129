import { BarChart } from '@mantine/charts';
import { Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReachView, SexTally } from '../../../../shared/contracts/campaigns.ts';
import { defaultLanguage, localeOf } from '../../../../shared/roles.ts';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { isLanguage } from '../../../lib/i18n.ts';

/** Shares (basis points) as percentages and gaps as signed points, as the proportionality view shows them. */
export function useReachFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const locale = localeOf[isLanguage(i18n.language) ? i18n.language : defaultLanguage];
    const percent = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const signed = new Intl.NumberFormat(locale, {
      signDisplay: 'exceptZero',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const number = new Intl.NumberFormat(locale);
    return {
      share: (bp: number | null) => (bp === null ? '—' : percent.format(bp / 10000)),
      gap: (bp: number | null) => (bp === null ? '—' : signed.format(bp / 100)),
      tally: (tally: SexTally) =>
        `${number.format(tally.women)} / ${number.format(tally.men)} / ${number.format(tally.unknown)}`,
    };
  }, [i18n.language]);
}

export interface ReachRow {
  key: string | number;
  label: string;
  reach: ReachView;
}

function ReachCells({ reach }: { reach: ReachView }) {
  const format = useReachFormat();
  return (
    <>
      <Table.Td>{format.tally(reach.reached)}</Table.Td>
      <Table.Td>{format.tally(reach.addressed)}</Table.Td>
      <Table.Td>{format.share(reach.reachedWomenShareBp)}</Table.Td>
      <Table.Td>{format.share(reach.addressedWomenShareBp)}</Table.Td>
      <Table.Td c={reach.gapBp !== null && reach.gapBp < 0 ? 'red.9' : undefined}>
        {format.gap(reach.gapBp)}
      </Table.Td>
      <Table.Td>{format.share(reach.coverageBp)}</Table.Td>
    </>
  );
}

/**
 * Reach against the membership addressed: a chart of the women's share reached beside the women's share
 * of the members addressed, per host unit, and the table with the gap in points (negative in red).
 */
export function ReachPanel({ total, rows }: { total: ReachView; rows: readonly ReachRow[] }) {
  const { t } = useTranslation('campaigns');
  const chartData = rows
    .filter((row) => row.reach.reachedWomenShareBp !== null || row.reach.addressedWomenShareBp !== null)
    .map((row) => ({
      unit: row.label,
      reached: (row.reach.reachedWomenShareBp ?? 0) / 100,
      members: (row.reach.addressedWomenShareBp ?? 0) / 100,
    }));
  const nobody = total.reached.women + total.reached.men + total.reached.unknown === 0;
  return (
    <Stack gap="sm" component="section" aria-labelledby="reach-title">
      <Title order={2} size="h3" id="reach-title">
        {t('reach.title')}
      </Title>
      <Text size="sm">{t('reach.intro')}</Text>
      {nobody ? (
        <Text>{t('reach.none')}</Text>
      ) : (
        <>
          {chartData.length > 0 && (
            <figure style={{ margin: 0 }}>
              <figcaption>
                <Text size="sm">{t('reach.chart')}</Text>
              </figcaption>
              <BarChart
                h={220}
                data={chartData}
                dataKey="unit"
                unit="%"
                yAxisProps={{ domain: [0, 100] }}
                series={[
                  { name: 'reached', label: t('reach.reachedShare'), color: 'teal.7' },
                  { name: 'members', label: t('reach.addressedShare'), color: 'gray.5' },
                ]}
                withLegend
              />
            </figure>
          )}
          <ScrollTable label={t('reach.tableLabel')} minWidth={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('reach.columns.unit')}</Table.Th>
                <Table.Th scope="col">{t('reach.columns.reached')}</Table.Th>
                <Table.Th scope="col">{t('reach.columns.addressed')}</Table.Th>
                <Table.Th scope="col">{t('reach.columns.reachedShare')}</Table.Th>
                <Table.Th scope="col">{t('reach.columns.addressedShare')}</Table.Th>
                <Table.Th scope="col">{t('reach.columns.gap')}</Table.Th>
                <Table.Th scope="col">{t('reach.columns.coverage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row">{row.label}</Table.Th>
                  <ReachCells reach={row.reach} />
                </Table.Tr>
              ))}
              {rows.length !== 1 && (
                <Table.Tr>
                  <Table.Th scope="row">{t('reach.total')}</Table.Th>
                  <ReachCells reach={total} />
                </Table.Tr>
              )}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}
