import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TestItemView, TestReport, TestsView } from '../../../../shared/contracts/training-tests.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useClass } from '../api/training-api.ts';
import { useRemoveTestItem, useSetTestSettings, useTestReport, useTests } from '../api/training-tests-api.ts';
import { ItemDialog, PaperDialog, textIn, type TestParticipant } from '../components/test-dialogs.tsx';
import { percent, useJakartaFormat } from '../components/training-format.ts';

type Participant = TestParticipant;
type Cell = TestReport['overall']['n'];
type Dialog =
  | { kind: 'item'; item: TestItemView | null }
  | { kind: 'paper'; participant: Participant; phase: 'pre' | 'post' };

/**
 * How a protected cell reads (the server's suppression decides which cells are hidden, see
 * case-stats/suppression.ts): the number, "< 5" for a small group, "×" for one hidden to protect it.
 */
const cellText = (cell: Cell) =>
  cell.status === 'small' ? '< 5' : cell.status === 'complement' ? '×' : String(cell.value);

function Section(props: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={props.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3" id={props.id}>
            {props.title}
          </Title>
          {props.action}
        </Group>
        {props.children}
      </Stack>
    </Card>
  );
}

function Settings({ view }: { view: TestsView }) {
  const { t } = useTranslation('training');
  const settings = useSetTestSettings();
  const phaseLabel = useId();
  return (
    <Section id="tests-settings" title={t('tests.settings.title')}>
      <Text size="sm">{t('tests.settings.intro')}</Text>
      <Switch
        label={t('tests.settings.parallelForms')}
        description={view.formsLocked ? t('tests.settings.formsLocked') : t('tests.settings.parallelHint')}
        checked={view.parallelForms}
        disabled={view.formsLocked || settings.isPending}
        onChange={(event) =>
          settings.mutate({ classId: view.classId, parallelForms: event.currentTarget.checked })
        }
      />
      <Text size="sm" fw={600} id={phaseLabel}>
        {t('tests.settings.open')}
      </Text>
      <SegmentedControl
        aria-labelledby={phaseLabel}
        value={view.openPhase ?? 'closed'}
        disabled={!view.hasTest || settings.isPending}
        data={[
          { value: 'closed', label: t('tests.settings.closed') },
          { value: 'pre', label: t('tests.phase.pre') },
          { value: 'post', label: t('tests.phase.post') },
        ]}
        onChange={(value) =>
          settings.mutate(
            { classId: view.classId, openPhase: value === 'closed' ? null : value },
            { onSuccess: () => notifySuccess(t('tests.settings.saved')) },
          )
        }
      />
      <Text size="xs" c="dimmed">
        {view.hasTest ? t('tests.settings.publicPage') : t('tests.settings.noItems')}
      </Text>
      <ErrorAlert error={settings.error} />
    </Section>
  );
}

function ItemBank({ view, onEdit }: { view: TestsView; onEdit: (item: TestItemView | null) => void }) {
  const { t } = useTranslation('training');
  const remove = useRemoveTestItem();
  return (
    <Section
      id="tests-items"
      title={t('tests.items.title')}
      action={
        <Button size="xs" onClick={() => onEdit(null)}>
          {t('tests.items.add')}
        </Button>
      }
    >
      <ErrorAlert error={remove.error} />
      {view.items.length === 0 ? (
        <Text size="sm">{t('tests.items.none')}</Text>
      ) : (
        <ScrollTable label={t('tests.items.tableLabel')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tests.items.number')}</Table.Th>
              {view.parallelForms && <Table.Th scope="col">{t('tests.items.form')}</Table.Th>}
              <Table.Th scope="col">{t('tests.items.stem')}</Table.Th>
              <Table.Th scope="col">{t('tests.items.correct')}</Table.Th>
              <Table.Th scope="col">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.items.map((item, index) => {
              const named = { number: index + 1 };
              const key = item.options[item.correct]!;
              return (
                <Table.Tr key={item.id}>
                  <Table.Td>{index + 1}</Table.Td>
                  {view.parallelForms && <Table.Td>{item.form}</Table.Td>}
                  <Table.Td>
                    {textIn(item.stemId, item.stemEn)}
                    {item.answered && (
                      <Badge ml="xs" variant="light" color="gray">
                        {t('tests.items.answered')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{textIn(key.id, key.en)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={t('tests.items.editNamed', named)}
                        onClick={() => onEdit(item)}
                      >
                        {t('tests.items.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('tests.items.removeNamed', named)}
                        loading={remove.isPending && remove.variables === item.id}
                        onClick={() => remove.mutate(item.id)}
                      >
                        {t('tests.items.remove')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Section>
  );
}

function AttemptCell({
  participant,
  phase,
  onEnter,
}: {
  participant: Participant;
  phase: 'pre' | 'post';
  onEnter: () => void;
}) {
  const { t } = useTranslation('training');
  const jakarta = useJakartaFormat();
  const attempt = participant[phase];
  const named = { name: participant.name, phase: t(`tests.phase.${phase}`) };
  return (
    <Stack gap={2}>
      {attempt ? (
        <>
          <Text size="sm">{t('tests.participants.score', { score: attempt.score, max: attempt.max })}</Text>
          <Text size="xs" c="dimmed">
            {t('tests.participants.recorded', {
              form: attempt.form,
              via: t(`tests.via.${attempt.via}`),
              at: jakarta.dateTime(attempt.recordedAt),
              by: attempt.recordedBy ?? t('tests.participants.herself'),
            })}
          </Text>
          {attempt.history.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('tests.participants.corrections', { count: attempt.history.length })}:{' '}
              {attempt.history
                .map((entry) =>
                  t('tests.participants.earlier', {
                    score: entry.score,
                    max: entry.max,
                    by: entry.replacedBy ?? '—',
                    at: jakarta.dateTime(entry.replacedAt),
                  }),
                )
                .join('; ')}
            </Text>
          )}
        </>
      ) : (
        <Text size="xs" c="dimmed">
          {t('tests.participants.notTaken', {
            form: phase === 'pre' ? participant.preForm : participant.postForm,
          })}
        </Text>
      )}
      <Anchor
        component="button"
        type="button"
        size="sm"
        ta="left"
        aria-label={t('tests.participants.enterNamed', named)}
        onClick={onEnter}
      >
        {attempt ? t('tests.participants.correct') : t('tests.participants.enter')}
      </Anchor>
    </Stack>
  );
}

function Participants({
  view,
  onEnter,
}: {
  view: TestsView;
  onEnter: (participant: Participant, phase: 'pre' | 'post') => void;
}) {
  const { t } = useTranslation('training');
  return (
    <Section id="tests-participants" title={t('tests.participants.title')}>
      <Text size="sm">
        {view.parallelForms ? t('tests.participants.introForms') : t('tests.participants.intro')}
      </Text>
      {view.participants.length === 0 ? (
        <Text size="sm">{t('tests.participants.none')}</Text>
      ) : (
        <ScrollTable label={t('tests.participants.tableLabel')} minWidth={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tests.participants.name')}</Table.Th>
              {view.parallelForms && <Table.Th scope="col">{t('tests.participants.half')}</Table.Th>}
              <Table.Th scope="col">{t('tests.phase.pre')}</Table.Th>
              <Table.Th scope="col">{t('tests.phase.post')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.participants.map((participant) => (
              <Table.Tr key={participant.participantId}>
                <Table.Td>{participant.name}</Table.Td>
                {view.parallelForms && <Table.Td>{participant.half}</Table.Td>}
                {(['pre', 'post'] as const).map((phase) => (
                  <Table.Td key={phase}>
                    <AttemptCell
                      participant={participant}
                      phase={phase}
                      onEnter={() => onEnter(participant, phase)}
                    />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Section>
  );
}

function Report({ classId }: { classId: number }) {
  const { t } = useTranslation('training');
  const report = useTestReport(classId);
  if (report.isPending) return <PageLoader />;
  if (report.isError) return <ErrorAlert error={report.error} />;
  const data = report.data;
  const rows: { label: string; row: TestReport['overall'] }[] = [
    { label: t('tests.report.overall'), row: data.overall },
    ...data.bySex.map((row) => ({
      label: row.key === null ? t('tests.report.sexUnknown') : t(`sex.${row.key}`),
      row,
    })),
    ...data.byUnit.map((row) => ({ label: row.key ?? t('tests.report.unitUnknown'), row })),
  ];
  return (
    <Section id="tests-report" title={t('tests.report.title')}>
      <Text size="sm">{t('tests.report.intro')}</Text>
      <Text size="sm">
        {t('tests.report.takers', { pre: cellText(data.takers.pre), post: cellText(data.takers.post) })}
      </Text>
      <ScrollTable label={t('tests.report.tableLabel')} minWidth={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('tests.report.group')}</Table.Th>
            <Table.Th scope="col">{t('tests.report.pairs')}</Table.Th>
            <Table.Th scope="col">{t('tests.report.meanPre')}</Table.Th>
            <Table.Th scope="col">{t('tests.report.meanPost')}</Table.Th>
            <Table.Th scope="col">{t('tests.report.meanGain')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ label, row }, index) => (
            <Table.Tr key={`${index}-${label}`}>
              <Table.Th scope="row">{label}</Table.Th>
              <Table.Td>{cellText(row.n)}</Table.Td>
              <Table.Td>{percent(row.meanPre)}</Table.Td>
              <Table.Td>{percent(row.meanPost)}</Table.Td>
              <Table.Td>{row.meanGain === null ? '—' : row.meanGain.toFixed(2)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <Text size="sm">
        {t('tests.report.bands', {
          low: cellText(data.bands.low),
          medium: cellText(data.bands.medium),
          high: cellText(data.bands.high),
          ceiling: cellText(data.bands.ceiling),
        })}
      </Text>
      <Text size="xs" c="dimmed">
        {t('tests.report.legend')}
      </Text>
      {data.items.length > 0 && (
        <ScrollTable label={t('tests.report.itemsLabel')} minWidth={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tests.items.stem')}</Table.Th>
              <Table.Th scope="col">{t('tests.items.form')}</Table.Th>
              <Table.Th scope="col">{t('tests.report.difficultyPre')}</Table.Th>
              <Table.Th scope="col">{t('tests.report.difficultyPost')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((item) => (
              <Table.Tr key={item.itemId}>
                <Table.Th scope="row">{textIn(item.stemId, item.stemEn)}</Table.Th>
                <Table.Td>{item.form}</Table.Td>
                {(['pre', 'post'] as const).map((phase) => (
                  <Table.Td key={phase}>
                    {item[phase].difficulty === null
                      ? cellText(item[phase].takers)
                      : `${percent(item[phase].difficulty)} (${cellText(item[phase].takers)})`}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Section>
  );
}

/** Pre/post tests of a class: settings, item bank and paper entry for those who run it; the report for all. */
export function TestsPage() {
  const { t } = useTranslation('training');
  const { classId } = useParams();
  const id = Number(classId);
  const detail = useClass(id);
  const mayRun = Boolean(detail.data && (detail.data.can.run || detail.data.can.organise));
  const view = useTests(id, mayRun);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  usePageTitle(detail.data ? t('tests.pageTitle', { title: detail.data.title }) : t('tests.title'));
  if (detail.isPending || (mayRun && view.isPending)) return <PageLoader />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  if (view.isError) return <ErrorAlert error={view.error} />;
  const close = () => setDialog(null);
  return (
    <Stack>
      <Anchor component={Link} to={paths.trainingClass(id)} size="sm">
        {t('tests.back', { title: detail.data.title })}
      </Anchor>
      <Title order={1}>{t('tests.pageTitle', { title: detail.data.title })}</Title>
      {mayRun && view.data && (
        <>
          <Settings view={view.data} />
          <ItemBank view={view.data} onEdit={(item) => setDialog({ kind: 'item', item })} />
          <Participants
            view={view.data}
            onEnter={(participant, phase) => setDialog({ kind: 'paper', participant, phase })}
          />
        </>
      )}
      <Report classId={id} />
      {dialog?.kind === 'item' && view.data && (
        <ItemDialog view={view.data} item={dialog.item} onClose={close} />
      )}
      {dialog?.kind === 'paper' && view.data && (
        <PaperDialog view={view.data} participant={dialog.participant} phase={dialog.phase} onClose={close} />
      )}
    </Stack>
  );
}
