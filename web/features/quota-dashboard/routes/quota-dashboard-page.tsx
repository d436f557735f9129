import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { BodyAttention, QuotaDashboardResponse } from '../../../../shared/contracts/quota-dashboard.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { reportUrl, useProportionality, useQuotaDashboard } from '../api/quota-dashboard-api.ts';
import { useShareFormat } from '../components/share-format.ts';

type Dashboard = QuotaDashboardResponse;
type Counted = { women: number; men: number; unknown: number; total: number; womenShareBp: number | null };
type Represented = Counted & { gapBp: number | null; parityPercent: number | null };

const statusColor: Record<BodyAttention['status'], string> = {
  compliant: 'teal',
  at_risk: 'yellow',
  non_compliant: 'red',
  not_applicable: 'gray',
  unknown: 'grape',
};

function unitIdFrom(params: URLSearchParams): number | undefined {
  const value = Number(params.get('unitId'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** "needs 1 more woman among 7 seats", from the engine's required count and shortfall. */
export function useNeedsText() {
  const { t } = useTranslation();
  // Plural keys (`…_one`, `…_other`): i18next picks the form from `count`.
  const plural = (key: 'needs' | 'needsRecord', options: { count: number; seats?: number }) =>
    t(`quotaDashboard.${key}`, options);
  return (body: BodyAttention) => {
    if (body.status === 'unknown') return plural('needsRecord', { count: body.unknown });
    if (body.shortfall > 0) return plural('needs', { count: body.shortfall, seats: body.filled });
    if (body.status === 'at_risk')
      return t('quotaDashboard.noSpare', { required: body.requiredWomen, seats: body.filled });
    return t(`quotaDashboard.status.${body.status}`);
  };
}

function CountCells({ row }: { row: Represented }) {
  const format = useFormatters();
  const share = useShareFormat();
  return (
    <>
      <Table.Td>{format.number(row.total)}</Table.Td>
      <Table.Td>{format.number(row.women)}</Table.Td>
      <Table.Td>{format.number(row.men)}</Table.Td>
      <Table.Td>{format.number(row.unknown)}</Table.Td>
      <Table.Td>{share.share(row.womenShareBp)}</Table.Td>
      <Table.Td>{share.gap(row.gapBp)}</Table.Td>
      <Table.Td>{share.parity(row.parityPercent)}</Table.Td>
    </>
  );
}

function CountHeaders() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th scope="col">{t('quotaDashboard.columns.filled')}</Table.Th>
      <Table.Th scope="col">{t('quotaDashboard.columns.women')}</Table.Th>
      <Table.Th scope="col">{t('quotaDashboard.columns.men')}</Table.Th>
      <Table.Th scope="col">{t('quotaDashboard.columns.unknown')}</Table.Th>
      <Table.Th scope="col">{t('quotaDashboard.columns.share')}</Table.Th>
      <Table.Th scope="col">{t('quotaDashboard.columns.gap')}</Table.Th>
      <Table.Th scope="col">{t('quotaDashboard.columns.parity')}</Table.Th>
    </>
  );
}

function MembersCards({ members }: { members: Counted }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const share = useShareFormat();
  const cards: [string, string][] = [
    [t('quotaDashboard.members.share'), share.share(members.womenShareBp)],
    [t('quotaDashboard.members.women'), format.number(members.women)],
    [t('quotaDashboard.members.men'), format.number(members.men)],
    [t('quotaDashboard.members.unknown'), format.number(members.unknown)],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }}>
      {cards.map(([label, value]) => (
        <Card key={label} withBorder padding="sm">
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fw={700} fz="xl">
            {value}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function Overview({ data, onOpen }: { data: Dashboard; onOpen: (unitId: number) => string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const share = useShareFormat();
  const executive = data.bodies.filter((row) => row.kind === 'executive');
  const chartData = executive.map((row) => ({
    level: row.level,
    share: row.womenShareBp === null ? 0 : row.womenShareBp / 100,
    members: data.members.womenShareBp === null ? 0 : data.members.womenShareBp / 100,
  }));
  const years = [...new Set(data.trends.map((row) => row.year))].sort();
  const trendSubjects = ['body:executive', 'body:komite_perempuan', 'post:ketua'];
  const trendData = years.map((year) => {
    const point: Record<string, number | string> = { year: String(year) };
    for (const subject of trendSubjects) {
      const row = data.trends.find((candidate) => candidate.year === year && candidate.subject === subject);
      if (row && row.womenShareBp !== null) point[subject] = row.womenShareBp / 100;
    }
    return point;
  });
  return (
    <Stack gap="xl">
      <Section title={t('quotaDashboard.members.title')}>
        <MembersCards members={data.members} />
      </Section>

      <Section title={t('quotaDashboard.bodiesTitle')}>
        {chartData.length > 0 && (
          <figure style={{ margin: 0 }}>
            <figcaption>
              <Text size="sm">{t('quotaDashboard.bodiesChart')}</Text>
            </figcaption>
            <BarChart
              h={220}
              data={chartData}
              dataKey="level"
              unit="%"
              yAxisProps={{ domain: [0, 100] }}
              series={[
                { name: 'share', label: t('quotaDashboard.columns.executiveShare'), color: 'teal.7' },
                { name: 'members', label: t('quotaDashboard.columns.membersShare'), color: 'gray.5' },
              ]}
              withLegend
            />
          </figure>
        )}
        {data.bodies.length === 0 ? (
          <Text>{t('quotaDashboard.noBodies')}</Text>
        ) : (
          <ScrollTable label={t('quotaDashboard.bodiesTitle')} minWidth={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('quotaDashboard.columns.kind')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.level')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.bodies')}</Table.Th>
                <CountHeaders />
                <Table.Th scope="col">{t('quotaDashboard.columns.nonCompliant')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.atRisk')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.bodies.map((row) => (
                <Table.Tr key={`${row.kind}-${row.level}`}>
                  <Table.Td>{t(`bodyKind.${row.kind}`, { defaultValue: row.kind })}</Table.Td>
                  <Table.Td>{row.level}</Table.Td>
                  <Table.Td>{format.number(row.status.bodies)}</Table.Td>
                  <CountCells row={row} />
                  <Table.Td>{format.number(row.status.nonCompliant)}</Table.Td>
                  <Table.Td>{format.number(row.status.atRisk)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Section>

      <Section title={t('quotaDashboard.topPostsTitle')}>
        <ScrollTable label={t('quotaDashboard.topPostsTitle')} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('quotaDashboard.columns.post')}</Table.Th>
              <CountHeaders />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.topPosts.map((row) => (
              <Table.Tr key={row.post}>
                <Table.Th scope="row">
                  {t(`quotaDashboard.posts.${row.post}`, { defaultValue: row.post })}
                </Table.Th>
                <CountCells row={row} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      </Section>

      <Section title={t('quotaDashboard.delegatesTitle')}>
        {data.delegates.assembly ? (
          <>
            <Text>{t('quotaDashboard.delegatesOf', { name: data.delegates.assembly.name })}</Text>
            <ScrollTable label={t('quotaDashboard.delegatesTitle')} minWidth={640}>
              <Table.Thead>
                <Table.Tr>
                  <CountHeaders />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <CountCells row={data.delegates} />
                </Table.Tr>
              </Table.Tbody>
            </ScrollTable>
          </>
        ) : (
          <Text>{t('quotaDashboard.noKongres')}</Text>
        )}
      </Section>

      {data.regions.length > 0 && (
        <Section title={t('quotaDashboard.regionsTitle')}>
          <ScrollTable label={t('quotaDashboard.regionsTitle')} minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('quotaDashboard.columns.province')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.membersShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.executiveShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.gap')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.komiteShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.nonCompliant')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.regions.map((region) => {
                const board = region.bodies.find((row) => row.kind === 'executive');
                const komite = region.bodies.find((row) => row.kind === 'komite_perempuan');
                return (
                  <Table.Tr key={region.provinceCode}>
                    <Table.Th scope="row">{region.provinceName}</Table.Th>
                    <Table.Td>{share.share(region.members.womenShareBp)}</Table.Td>
                    <Table.Td>{share.share(board?.womenShareBp ?? null)}</Table.Td>
                    <Table.Td>{share.gap(board?.gapBp ?? null)}</Table.Td>
                    <Table.Td>{share.share(komite?.womenShareBp ?? null)}</Table.Td>
                    <Table.Td>{format.number(board?.status.nonCompliant ?? 0)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        </Section>
      )}

      {years.length > 0 && (
        <Section title={t('quotaDashboard.trendsTitle')}>
          <Text size="sm">{t('quotaDashboard.trendsIntro')}</Text>
          <LineChart
            h={220}
            data={trendData}
            dataKey="year"
            unit="%"
            yAxisProps={{ domain: [0, 100] }}
            withLegend
            series={[
              {
                name: 'body:executive',
                label: t('quotaDashboard.trendSubjects.body_executive'),
                color: 'teal.7',
              },
              {
                name: 'body:komite_perempuan',
                label: t('quotaDashboard.trendSubjects.body_komite_perempuan'),
                color: 'grape.6',
              },
              { name: 'post:ketua', label: t('quotaDashboard.trendSubjects.post_ketua'), color: 'orange.7' },
            ]}
          />
          <ScrollTable label={t('quotaDashboard.trendsTitle')} minWidth={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('quotaDashboard.columns.year')}</Table.Th>
                {trendSubjects.map((subject) => (
                  <Table.Th scope="col" key={subject}>
                    {t(`quotaDashboard.trendSubjects.${subject.replace(':', '_')}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {years.map((year) => (
                <Table.Tr key={year}>
                  <Table.Th scope="row">{year}</Table.Th>
                  {trendSubjects.map((subject) => {
                    const row = data.trends.find(
                      (candidate) => candidate.year === year && candidate.subject === subject,
                    );
                    return (
                      <Table.Td key={subject}>
                        {row
                          ? `${share.share(row.womenShareBp)} (${format.number(row.women)}/${format.number(row.total)})`
                          : '—'}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </Section>
      )}

      <Section title={t('quotaDashboard.childrenTitle')}>
        {data.children.length === 0 ? (
          <Text>{t('quotaDashboard.noChildren')}</Text>
        ) : (
          <ScrollTable label={t('quotaDashboard.childrenTitle')} minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('quotaDashboard.columns.unit')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.membersShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.executiveShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.gap')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.komiteShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.nonCompliant')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.atRisk')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.children.map((child) => (
                <Table.Tr key={child.unit.id}>
                  <Table.Th scope="row">
                    <Anchor
                      component={Link}
                      to={onOpen(child.unit.id)}
                      aria-label={t('quotaDashboard.drillDown', { name: child.unit.name })}
                    >
                      {child.unit.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{share.share(child.members.womenShareBp)}</Table.Td>
                  <Table.Td>{share.share(child.executive.womenShareBp)}</Table.Td>
                  <Table.Td>{share.gap(child.executive.gapBp)}</Table.Td>
                  <Table.Td>{share.share(child.komitePerempuan.womenShareBp)}</Table.Td>
                  <Table.Td>
                    {format.number(
                      child.executive.status.nonCompliant + child.komitePerempuan.status.nonCompliant,
                    )}
                  </Table.Td>
                  <Table.Td>
                    {format.number(child.executive.status.atRisk + child.komitePerempuan.status.atRisk)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Section>
    </Stack>
  );
}

function StatusBadge({ status }: { status: BodyAttention['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" style={{ whiteSpace: 'nowrap' }}>
      {t(`quotaDashboard.status.${status}`)}
    </Badge>
  );
}

function Attention({ data, onOpen }: { data: Dashboard; onOpen: (unitId: number) => string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const needs = useNeedsText();
  if (data.attention.total === 0) return <Text>{t('quotaDashboard.noAttention')}</Text>;
  return (
    <Stack gap="xs">
      <Text>{t('quotaDashboard.attentionCount', { count: data.attention.total })}</Text>
      <ScrollTable label={t('quotaDashboard.attentionTitle')} minWidth={820}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('quotaDashboard.columns.unit')}</Table.Th>
            <Table.Th scope="col">{t('quotaDashboard.columns.body')}</Table.Th>
            <Table.Th scope="col">{t('quotaDashboard.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('quotaDashboard.columns.women')}</Table.Th>
            <Table.Th scope="col">{t('quotaDashboard.columns.filled')}</Table.Th>
            <Table.Th scope="col">{t('quotaDashboard.columns.needs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.attention.items.map((body) => (
            <Table.Tr key={body.bodyId}>
              <Table.Td>
                <Anchor component={Link} to={onOpen(body.unit.id)}>
                  {body.unit.name}
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  ({body.unit.level})
                </Text>
              </Table.Td>
              <Table.Td>
                {body.bodyName}
                <Text size="sm" c="dimmed">
                  {t(`bodyKind.${body.kind}`, { defaultValue: body.kind })}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={body.status} />
              </Table.Td>
              <Table.Td>
                {format.number(body.women)}
                {body.unknown > 0 ? ` (+${format.number(body.unknown)} ?)` : ''}
              </Table.Td>
              <Table.Td>{format.number(body.filled)}</Table.Td>
              <Table.Td>{needs(body)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

function Proportionality({ unitId, onOpen }: { unitId: number; onOpen: (unitId: number) => string }) {
  const { t } = useTranslation();
  const share = useShareFormat();
  const [kPercent, setKPercent] = useState<number | string>('');
  const [applied, setApplied] = useState<number | undefined>(undefined);
  const query = useProportionality(unitId, applied);
  const kShown = query.data ? query.data.kBp / 100 : undefined;
  return (
    <Stack gap="sm">
      <Text>{t('quotaDashboard.proportionality.intro')}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const value = typeof kPercent === 'number' ? kPercent : Number(kPercent);
          setApplied(Number.isFinite(value) && value > 0 ? Math.round(value * 100) : undefined);
        }}
      >
        <Group align="flex-end">
          <NumberInput
            label={t('quotaDashboard.proportionality.k')}
            placeholder={kShown === undefined ? undefined : String(kShown)}
            value={kPercent}
            onChange={setKPercent}
            min={1}
            max={200}
            w={200}
          />
          <Button type="submit" variant="light">
            {t('quotaDashboard.proportionality.apply')}
          </Button>
        </Group>
      </form>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : query.data.total === 0 ? (
        <Text>{t('quotaDashboard.proportionality.none')}</Text>
      ) : (
        <>
          <Text>{t('quotaDashboard.proportionality.count', { count: query.data.total })}</Text>
          <ScrollTable label={t('quotaDashboard.proportionality.title')} minWidth={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('quotaDashboard.columns.unit')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.body')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.bodyShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.membershipShare')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.bar')}</Table.Th>
                <Table.Th scope="col">{t('quotaDashboard.columns.gap')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((item) => (
                <Table.Tr key={item.bodyId}>
                  <Table.Td>
                    <Anchor component={Link} to={onOpen(item.unit.id)}>
                      {item.unit.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{item.bodyName}</Table.Td>
                  <Table.Td>{share.share(item.bodyShareBp)}</Table.Td>
                  <Table.Td>{share.share(item.membership.womenShareBp)}</Table.Td>
                  <Table.Td>{share.share(item.bodyShareBp - item.gapBp)}</Table.Td>
                  <Table.Td>{share.gap(item.plainGapBp)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}

/** "As of 14:02, refreshed 3 minutes ago", measured at the last fetch (the page refetches every minute). */
function Freshness({ data, fetchedAt }: { data: Dashboard; fetchedAt: number }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const share = useShareFormat();
  if (!data.freshness) return <Alert color="yellow">{t('quotaDashboard.notBuilt')}</Alert>;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {t('quotaDashboard.freshness', {
          time: share.time(data.freshness.refreshedAt),
          ago: share.ago(data.freshness.refreshedAt, fetchedAt),
        })}{' '}
        {t('quotaDashboard.freshnessAsOf', { date: format.date(data.freshness.asOf) })}
      </Text>
      {data.freshness.changesPending && (
        <Text size="sm" c="dimmed">
          {t('quotaDashboard.pending')}
        </Text>
      )}
      {data.rule && (
        <Text size="sm">
          {t('quotaDashboard.rule', { name: data.rule.name, version: data.rule.version })}
        </Text>
      )}
    </Stack>
  );
}

/** Women's representation at a unit and below, with drill-down along the tree (DPP → DPD → DPC → PSP). */
export function QuotaDashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t('quotaDashboard.title'));
  const [params] = useSearchParams();
  const unitId = unitIdFrom(params);
  const dashboard = useQuotaDashboard(unitId);
  const open = (id: number) => `${paths.quotaDashboard}?unitId=${id}`;
  return (
    <Stack>
      <Title order={1}>{t('quotaDashboard.title')}</Title>
      <Text>{t('quotaDashboard.intro')}</Text>
      {dashboard.isPending ? (
        <PageLoader />
      ) : dashboard.isError ? (
        <ErrorAlert error={dashboard.error} />
      ) : (
        <>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <nav aria-label={t('quotaDashboard.trail')}>
                <Breadcrumbs separator="›">
                  {dashboard.data.trail.map((unit) =>
                    unit.id === dashboard.data.unit.id ? (
                      <Text key={unit.id} fw={700} aria-current="page">
                        {unit.name}
                      </Text>
                    ) : (
                      <Anchor key={unit.id} component={Link} to={open(unit.id)}>
                        {unit.name}
                      </Anchor>
                    ),
                  )}
                </Breadcrumbs>
              </nav>
              <Freshness data={dashboard.data} fetchedAt={dashboard.dataUpdatedAt} />
            </Stack>
            <Group gap="xs">
              <Button component="a" variant="light" href={reportUrl('xlsx', dashboard.data.unit.id)} download>
                {t('quotaDashboard.export.xlsx')}
              </Button>
              <Button component="a" variant="light" href={reportUrl('pdf', dashboard.data.unit.id)} download>
                {t('quotaDashboard.export.pdf')}
              </Button>
            </Group>
          </Group>
          <Tabs defaultValue="overview" keepMounted={false}>
            <Tabs.List aria-label={t('quotaDashboard.tabs.label')}>
              <Tabs.Tab value="overview">{t('quotaDashboard.tabs.overview')}</Tabs.Tab>
              <Tabs.Tab value="attention">
                {t('quotaDashboard.tabs.attention')} ({dashboard.data.attention.total})
              </Tabs.Tab>
              <Tabs.Tab value="proportionality">{t('quotaDashboard.tabs.proportionality')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="overview" pt="md">
              <Overview data={dashboard.data} onOpen={open} />
            </Tabs.Panel>
            <Tabs.Panel value="attention" pt="md">
              <Title order={2} size="h3" mb="xs">
                {t('quotaDashboard.attentionTitle')}
              </Title>
              <Attention data={dashboard.data} onOpen={open} />
            </Tabs.Panel>
            <Tabs.Panel value="proportionality" pt="md">
              <Title order={2} size="h3" mb="xs">
                {t('quotaDashboard.proportionality.title')}
              </Title>
              <Proportionality unitId={dashboard.data.unit.id} onOpen={open} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
