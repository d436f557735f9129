import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { SlateCheckView, SubjectEvaluationView } from '../../../../shared/contracts/quota.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { todayIso, useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { useBodyQuota, useCheckSlate } from '../api/quota-api.ts';
import { QuotaPanel, useQuotaMessage } from '../../../components/quota-panel.tsx';

const splitNumbers = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);

function SeatTable({ evaluation }: { evaluation: SubjectEvaluationView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <ScrollTable label={t('quota.body.seatsTitle', { date: format.date(evaluation.asOf) })} minWidth={560}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('bodies.fields.title')}</Table.Th>
          <Table.Th scope="col">{t('members.fields.fullName')}</Table.Th>
          <Table.Th scope="col">{t('members.fields.sex')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {evaluation.seats.map((seat, index) => (
          <Table.Tr key={index}>
            <Table.Td>{seat.positionTitle ?? '—'}</Table.Td>
            <Table.Td>
              {seat.filled ? seat.memberName : <Text c="dimmed">{t('quota.body.vacantSeat')}</Text>}
              {seat.acting && (
                <Badge ml="xs" variant="outline" size="sm">
                  {t('quota.body.actingBadge')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>{seat.filled ? t(`sex.${seat.sex ?? 'unknown'}`) : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function SlateCheck({ bodyId, evaluation }: { bodyId: number; evaluation: SubjectEvaluationView }) {
  const { t } = useTranslation();
  const message = useQuotaMessage();
  const seats = evaluation.seats.map((seat) => ({
    title: seat.positionTitle ?? '—',
    category: seat.positionCategory,
  }));
  const [candidates, setCandidates] = useState<string[]>(() => seats.map(() => ''));
  const check = useCheckSlate();
  const result: SlateCheckView | undefined = check.data;
  const submit = () =>
    check.mutate({
      bodyId,
      body: {
        seats: seats.map((seat, index) => ({
          positionTitle: seat.title,
          positionCategory: seat.category,
          candidates: splitNumbers(candidates[index] ?? '').map((memberNumber) => ({ memberNumber })),
        })),
      },
    });
  if (seats.length === 0) return null;
  return (
    <Card withBorder component="section" aria-labelledby="slate-title">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="slate-title">
            {t('quota.slate.title')}
          </Title>
          <Text size="sm">{t('quota.slate.intro')}</Text>
          {seats.map((seat, index) => (
            <Group key={index} align="flex-end" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                label={t('quota.slate.candidates', { title: seat.title, index: index + 1 })}
                value={candidates[index]}
                autosize
                minRows={1}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setCandidates((current) => current.map((item, at) => (at === index ? value : item)));
                }}
              />
              {result?.seats[index]?.mustGoToWoman && (
                <Badge color="grape" variant="light">
                  {t('quota.slate.mustGoToWoman')}
                </Badge>
              )}
            </Group>
          ))}
          <Group>
            <Button type="submit" loading={check.isPending}>
              {t('quota.slate.check')}
            </Button>
          </Group>
          <ErrorAlert error={check.error} />
          {result && (
            <Alert color={result.couldComply ? 'teal' : 'red'} variant="light" data-testid="slate-result">
              <Text fw={600}>
                {t(result.couldComply ? 'quota.slate.couldComply' : 'quota.slate.cannotComply')}
              </Text>
              <List size="sm">
                {result.results.map((rule) => (
                  <List.Item key={rule.ruleId}>
                    {rule.ruleName} (v{rule.ruleVersion}):{' '}
                    {rule.messages.map((item) => message('slate', item)).join(' ')}
                  </List.Item>
                ))}
              </List>
              {result.seats.some((seat) => seat.candidates.some((candidate) => !candidate.found)) && (
                <Text size="sm">
                  {result.seats
                    .flatMap((seat) => seat.candidates.filter((candidate) => !candidate.found))
                    .map((candidate) => `${candidate.label} (${t('quota.slate.notFound')})`)
                    .join(', ')}
                </Text>
              )}
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/** A body's quota panel as of any date, its seats that day, and the slate check before an election. */
export function BodyQuotaPage() {
  const { t } = useTranslation();
  const { bodyId } = useParams();
  const id = Number(bodyId);
  const [asOf, setAsOf] = useState(todayIso());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const quota = useBodyQuota(id, valid ? asOf : undefined);
  usePageTitle(quota.data ? t('quota.body.title', { name: quota.data.subject.name }) : t('quota.nav'));
  if (quota.isPending) return <PageLoader />;
  if (quota.isError) return <ErrorAlert error={quota.error} />;
  const data = quota.data;
  return (
    <Stack>
      <Title order={1}>{t('quota.body.title', { name: data.subject.name })}</Title>
      <Text c="dimmed" size="sm">
        {t(`quota.subjectKind.${data.subject.kind}`)} · {data.subject.unitName}
      </Text>
      <TextInput
        type="date"
        label={t('quota.fields.asOf')}
        value={asOf}
        onChange={(event) => setAsOf(event.currentTarget.value)}
        maw={220}
      />
      <QuotaPanel evaluation={data} />
      <SeatTable evaluation={data} />
      <SlateCheck key={data.subject.id} bodyId={id} evaluation={data} />
    </Stack>
  );
}
