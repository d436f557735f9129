import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { StatCell } from '../../../../shared/contracts/case-stats.ts';
import {
  pipelineSteps,
  type PipelineResponse,
  type ReadyPoolResponse,
} from '../../../../shared/contracts/training-pipeline.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { currentLocale } from '../../../lib/i18n.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { usePipeline, usePipelineProportionality, useReadyPool } from '../api/pipeline-api.ts';
import { tracksQueryOptions } from '../api/training-api.ts';

const positiveInt = (value: string | null): number | undefined => {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : undefined;
};

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

/** A published count: the number, "< 5" for a small cell, "×" for one hidden to protect another. */
function Count({ cell }: { cell: StatCell }) {
  const { t } = useTranslation('training');
  const format = useFormatters();
  if (cell.status === 'shown') return <>{format.number(cell.value ?? 0)}</>;
  if (cell.status === 'small') return <span title={t('pipeline.small')}>{'< 5'}</span>;
  return (
    <span title={t('pipeline.complement')} aria-label={t('pipeline.complement')}>
      ×
    </span>
  );
}

/** Basis points as a percentage with one decimal in the UI language; a dash when unknown. */
function useShare() {
  return useMemo(() => {
    const percent = new Intl.NumberFormat(currentLocale(), {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
    const signed = new Intl.NumberFormat(currentLocale(), {
      signDisplay: 'exceptZero',
      maximumFractionDigits: 1,
    });
    return {
      share: (bp: number | null) => (bp === null ? '—' : percent.format(bp / 10000)),
      gap: (bp: number | null) => (bp === null ? '—' : signed.format(bp / 100)),
    };
  }, []);
}

function Funnel({ data, open }: { data: PipelineResponse; open: (unitId: number) => string }) {
  const { t } = useTranslation('training');
  const total = data.funnel.total;
  const chartData = pipelineSteps.map((step) => ({
    step: t(`pipeline.steps.${step}`),
    women: total.path[step].women.value ?? 0,
    men: total.path[step].men.value ?? 0,
  }));
  return (
    <Section title={t('pipeline.funnelTitle')}>
      <Text size="sm">{t('pipeline.funnelHint')}</Text>
      <figure style={{ margin: 0 }}>
        <figcaption>
          <Text size="sm">{t('pipeline.chartCaption')}</Text>
        </figcaption>
        <BarChart
          h={220}
          data={chartData}
          dataKey="step"
          type="stacked"
          series={[
            { name: 'women', label: t('pipeline.columns.women'), color: 'teal.7' },
            { name: 'men', label: t('pipeline.columns.men'), color: 'gray.6' },
          ]}
          withLegend
        />
      </figure>
      <ScrollTable label={t('pipeline.funnelTitle')} minWidth={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" rowSpan={2}>
              {t('pipeline.columns.unit')}
            </Table.Th>
            {pipelineSteps.map((step) => (
              <Table.Th key={step} scope="colgroup" colSpan={2}>
                {t(`pipeline.steps.${step}`)}
              </Table.Th>
            ))}
          </Table.Tr>
          <Table.Tr>
            {pipelineSteps.map((step) => [
              <Table.Th key={`${step}-w`} scope="col">
                {t('pipeline.columns.women')}
              </Table.Th>,
              <Table.Th key={`${step}-t`} scope="col">
                {t('pipeline.columns.total')}
              </Table.Th>,
            ])}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...data.funnel.rows, { unit: undefined, ...total }].map((row) => (
            <Table.Tr key={row.unit === undefined ? 'total' : (row.unit?.id ?? 'own')}>
              <Table.Th scope="row">
                {row.unit === undefined ? (
                  t('pipeline.total')
                ) : row.unit === null ? (
                  t('pipeline.ownMembers', { unit: data.unit.name })
                ) : (
                  <Anchor component={Link} to={open(row.unit.id)}>
                    {row.unit.name}
                  </Anchor>
                )}
              </Table.Th>
              {pipelineSteps.map((step) => [
                <Table.Td key={`${step}-w`}>
                  <Count cell={row.outcomes[step].women} />
                </Table.Td>,
                <Table.Td key={`${step}-t`}>
                  <Count cell={row.outcomes[step].total} />
                </Table.Td>,
              ])}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Section>
  );
}

function Posts({ data }: { data: PipelineResponse }) {
  const { t } = useTranslation('training');
  const share = useShare();
  const format = useFormatters();
  return (
    <Section title={t('pipeline.postsTitle')}>
      <Text size="sm">{t('pipeline.postsHint', { today: format.date(data.today) })}</Text>
      <ScrollTable label={t('pipeline.postsTitle')} minWidth={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('pipeline.columns.dpd')}</Table.Th>
            <Table.Th scope="col">{t('pipeline.columns.graduates')}</Table.Th>
            <Table.Th scope="col">{t('pipeline.columns.due12')}</Table.Th>
            <Table.Th scope="col">{t('pipeline.columns.holds12')}</Table.Th>
            <Table.Th scope="col">{t('pipeline.columns.share12')}</Table.Th>
            <Table.Th scope="col">{t('pipeline.columns.due24')}</Table.Th>
            <Table.Th scope="col">{t('pipeline.columns.holds24')}</Table.Th>
            <Table.Th scope="col">{t('pipeline.columns.share24')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...data.posts.rows, { unit: null, ...data.posts.total }].map((row) => (
            <Table.Tr key={row.unit?.id ?? 'total'}>
              <Table.Th scope="row">{row.unit?.name ?? t('pipeline.total')}</Table.Th>
              <Table.Td>
                <Count cell={row.graduates} />
              </Table.Td>
              <Table.Td>
                <Count cell={row.due12} />
              </Table.Td>
              <Table.Td>
                <Count cell={row.holds12} />
              </Table.Td>
              <Table.Td>{share.share(row.share12Bp)}</Table.Td>
              <Table.Td>
                <Count cell={row.due24} />
              </Table.Td>
              <Table.Td>
                <Count cell={row.holds24} />
              </Table.Td>
              <Table.Td>{share.share(row.share24Bp)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Text>
        {data.firstAppointment.medianDays === null
          ? t('pipeline.medianNone')
          : t('pipeline.median', {
              days: format.number(data.firstAppointment.medianDays),
              count: data.firstAppointment.appointed.value ?? 0,
            })}
      </Text>
    </Section>
  );
}

function ReadyPool({ unitId }: { unitId: number | undefined }) {
  const { t } = useTranslation('training');
  const format = useFormatters();
  const session = useFullSession();
  // The ready pool names members: gender officers and org admins (member.read) only.
  const allowed = session.capabilities.readMembers;
  const [months, setMonths] = useState(6);
  const [offset, setOffset] = useState(0);
  const pool = useReadyPool(unitId, months, offset, allowed);
  if (!allowed)
    return (
      <Section title={t('pipeline.poolTitle')}>
        <Text>{t('pipeline.poolNotAllowed')}</Text>
      </Section>
    );
  const reasonColor: Record<ReadyPoolResponse['items'][number]['reasons'][number], string> = {
    non_compliant: 'red',
    at_risk: 'yellow',
    term_ending: 'blue',
  };
  return (
    <Section title={t('pipeline.poolTitle')}>
      <Text size="sm">{t('pipeline.poolHint')}</Text>
      <NumberInput
        label={t('pipeline.months')}
        min={1}
        max={36}
        value={months}
        onChange={(value) => {
          const next = Number(value);
          if (Number.isInteger(next) && next >= 1 && next <= 36) {
            setMonths(next);
            setOffset(0);
          }
        }}
        w={220}
      />
      {pool.isPending ? (
        <PageLoader />
      ) : pool.isError ? (
        <ErrorAlert error={pool.error} />
      ) : pool.data.items.length === 0 ? (
        <Text>{t('pipeline.poolNone')}</Text>
      ) : (
        <>
          <Text size="sm">
            {t('pipeline.poolCount', {
              from: offset + 1,
              to: offset + pool.data.items.length,
              total: pool.data.total,
            })}
            {pool.data.judgedOn && ` ${t('pipeline.judgedOn', { date: format.date(pool.data.judgedOn) })}`}
          </Text>
          {pool.data.items.map((body) => (
            <Card key={body.bodyId} withBorder component="article">
              <Stack gap="xs">
                <Group justify="space-between">
                  <Title order={3} size="h4">
                    {body.bodyName} · {body.unit.name}
                  </Title>
                  <Group gap="xs">
                    {body.reasons.map((reason) => (
                      <Badge key={reason} color={reasonColor[reason]} variant="light">
                        {reason === 'term_ending' && body.termEndsOn
                          ? t('pipeline.reasons.term_ending', { date: format.date(body.termEndsOn) })
                          : t(`pipeline.reasons.${reason}`, { count: body.shortfall })}
                      </Badge>
                    ))}
                  </Group>
                </Group>
                {body.candidates.items.length === 0 ? (
                  <Text size="sm">{t('pipeline.noCandidates')}</Text>
                ) : (
                  <ScrollTable label={t('pipeline.candidatesOf', { body: body.bodyName })} minWidth={700}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('pipeline.columns.name')}</Table.Th>
                        <Table.Th scope="col">{t('pipeline.columns.homeUnit')}</Table.Th>
                        <Table.Th scope="col">{t('pipeline.columns.stage')}</Table.Th>
                        <Table.Th scope="col">{t('pipeline.columns.classes')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {body.candidates.items.map((candidate) => (
                        <Table.Tr key={candidate.memberId}>
                          <Table.Td>
                            <Anchor component={Link} to={paths.member(candidate.memberId)}>
                              {candidate.fullName}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{candidate.unit.name}</Table.Td>
                          <Table.Td>{candidate.stage?.label ?? '—'}</Table.Td>
                          <Table.Td>
                            {candidate.classes
                              .map((item) => `${item.title} (${format.date(item.endsOn)})`)
                              .join('; ')}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </ScrollTable>
                )}
                {body.candidates.total > body.candidates.items.length && (
                  <Text size="sm" c="dimmed">
                    {t('pipeline.moreCandidates', {
                      shown: body.candidates.items.length,
                      total: body.candidates.total,
                    })}
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
          <Group>
            <Button
              variant="default"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - 20))}
            >
              {t('pipeline.previous')}
            </Button>
            <Button
              variant="default"
              disabled={offset + pool.data.items.length >= pool.data.total}
              onClick={() => setOffset(offset + 20)}
            >
              {t('pipeline.next')}
            </Button>
          </Group>
        </>
      )}
    </Section>
  );
}

function Proportionality({
  unitId,
  trackLabel,
}: {
  unitId: number | undefined;
  trackLabel: (code: string) => string;
}) {
  const { t } = useTranslation('training');
  const share = useShare();
  const format = useFormatters();
  const view = usePipelineProportionality(unitId);
  return (
    <Section title={t('pipeline.proportionalityTitle')}>
      <Text size="sm">{t('pipeline.proportionalityHint')}</Text>
      {view.isPending ? (
        <PageLoader />
      ) : view.isError ? (
        <ErrorAlert error={view.error} />
      ) : view.data.rows.length === 0 ? (
        <Text>{t('pipeline.proportionalityNone')}</Text>
      ) : (
        <ScrollTable label={t('pipeline.proportionalityTitle')} minWidth={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pipeline.columns.year')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.track')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.traineeWomen')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.trainees')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.traineeShare')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.facilitators')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.facilitatorShare')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.membershipShare')}</Table.Th>
              <Table.Th scope="col">{t('pipeline.columns.traineeGap')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.data.rows.map((row) => (
              <Table.Tr key={`${row.year}-${row.track}`}>
                <Table.Td>{row.year}</Table.Td>
                <Table.Td>{trackLabel(row.track)}</Table.Td>
                <Table.Td>
                  <Count cell={row.trainees.women} />
                </Table.Td>
                <Table.Td>
                  <Count cell={row.trainees.total} />
                </Table.Td>
                <Table.Td>{share.share(row.traineeShareBp)}</Table.Td>
                <Table.Td>
                  {format.number(row.facilitators.women)} / {format.number(row.facilitators.total)}
                </Table.Td>
                <Table.Td>{share.share(row.facilitatorShareBp)}</Table.Td>
                <Table.Td>{share.share(row.membership.womenShareBp)}</Table.Td>
                <Table.Td>{share.gap(row.traineeGapBp)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Section>
  );
}

/**
 * "Jalur kepemimpinan": whether trained women reach posts (training.md "The leadership pipeline"), at a
 * unit chosen by drilling down as on the quota dashboard (`?unitId=`), for a cohort (track, year).
 */
export function PipelinePage() {
  const { t, i18n } = useTranslation('training');
  usePageTitle(t('pipeline.title'));
  const [params, setParams] = useSearchParams();
  const unitId = positiveInt(params.get('unitId'));
  const track = params.get('track') ?? 'perempuan';
  const year = positiveInt(params.get('year'));
  const pipeline = usePipeline({ unitId, track, year });
  // Track labels come from the training configuration, which viewers (aggregates only) do not read.
  const tracks = useQuery({ ...tracksQueryOptions(), enabled: useFullSession().capabilities.training });
  const language = i18n.language === 'en' ? 'en' : 'id';
  const trackLabel = (code: string) =>
    tracks.data?.items.find((item) => item.code === code)?.labels[language] ?? code;
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes))
      if (value === undefined) next.delete(name);
      else next.set(name, value);
    setParams(next);
  };
  const open = (id: number) => {
    const next = new URLSearchParams(params);
    next.set('unitId', String(id));
    return `${paths.trainingPipeline}?${next.toString()}`;
  };
  const trackOptions = (tracks.data?.items ?? [{ code: track, labels: { id: track, en: track } }]).map(
    (item) => ({ value: item.code, label: item.labels[language] }),
  );
  return (
    <Stack>
      <Title order={1}>{t('pipeline.title')}</Title>
      <Text>{t('pipeline.intro')}</Text>
      {pipeline.isPending ? (
        <PageLoader />
      ) : pipeline.isError ? (
        <ErrorAlert error={pipeline.error} />
      ) : (
        <>
          <nav aria-label={t('pipeline.trail')}>
            <Breadcrumbs separator="›">
              {pipeline.data.trail.map((unit) =>
                unit.id === pipeline.data.unit.id ? (
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
          <Group align="flex-end">
            <Select
              label={t('pipeline.track')}
              data={trackOptions}
              value={track}
              allowDeselect={false}
              onChange={(value) => value && set({ track: value, year: undefined })}
              w={260}
            />
            <Select
              label={t('pipeline.cohort')}
              data={pipeline.data.years.map((item) => ({ value: String(item), label: String(item) }))}
              value={pipeline.data.year === null ? null : String(pipeline.data.year)}
              allowDeselect={false}
              onChange={(value) => value && set({ year: value })}
              disabled={pipeline.data.years.length === 0}
              w={160}
            />
          </Group>
          {pipeline.data.year === null ? (
            <Alert color="gray">{t('pipeline.noCohort', { track: trackLabel(track) })}</Alert>
          ) : (
            <>
              <Funnel data={pipeline.data} open={open} />
              <Posts data={pipeline.data} />
            </>
          )}
          <ReadyPool unitId={pipeline.data.unit.id} />
          <Proportionality unitId={pipeline.data.unit.id} trackLabel={trackLabel} />
        </>
      )}
    </Stack>
  );
}
