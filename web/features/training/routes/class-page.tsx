import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ClassDetail, ParticipantView } from '../../../../shared/contracts/training.ts';
import { participantMoves } from '../../../../shared/training-taxonomies.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { QuotaPanel, StatusBadge } from '../../../components/quota-panel.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { notifySuccess } from '../../../lib/notify.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import {
  certificatePdfUrl,
  useClass,
  useIssueCertificate,
  useReissueCertificate,
  useRunCompletion,
  useTracks,
} from '../api/training-api.ts';
import {
  AllocationDialog,
  DecideDialog,
  FacilitatorDialog,
  HistoryDialog,
  NominateDialog,
  ReturnUnitDialog,
  RevokeDialog,
  SessionDialog,
  TrainerDialog,
} from '../components/class-dialogs.tsx';
import { trackLabel } from '../components/program-dialogs.tsx';
import { participantStatusColour, percent, useJakartaFormat } from '../components/training-format.ts';

type Allocation = ClassDetail['allocations'][number];
type Dialog =
  | { kind: 'session' }
  | { kind: 'allocation'; allocation: Allocation | null }
  | { kind: 'returnUnit'; allocation: Allocation }
  | { kind: 'trainer' }
  | { kind: 'facilitator' }
  | { kind: 'nominate' }
  | { kind: 'decide'; participant: ParticipantView }
  | { kind: 'history'; participant: ParticipantView }
  | { kind: 'revoke'; code: string };

function Section({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {action}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

function Facts({ detail }: { detail: ClassDetail }) {
  const { t } = useTranslation('training');
  const format = useFormatters();
  const tracks = useTracks();
  const rule = [
    t('class.attendanceRule', { percent: Math.round(detail.minAttendance * 100) }),
    ...(detail.minPostScore === null
      ? []
      : [t('class.postScoreRule', { percent: Math.round(detail.minPostScore * 100) })]),
  ].join(', ');
  const facts: [string, string][] = [
    [t('class.track'), trackLabel(tracks.data?.items, detail.track)],
    [t('class.level'), t(`level.${detail.level}`)],
    [t('class.dates'), `${format.date(detail.startsOn)} – ${format.date(detail.endsOn)}`],
    [
      t('class.seats'),
      t('class.seatsTaken', { taken: detail.seatsTaken, seats: detail.seats, nominated: detail.nominated }),
    ],
    [
      t('class.eligibility'),
      [
        detail.womenOnly ? t('class.womenOnly') : t('class.mixed'),
        ...(detail.maxAge === null ? [] : [t('class.maxAge', { age: detail.maxAge })]),
      ].join(', '),
    ],
    [
      t('class.prerequisites'),
      detail.prerequisites.length === 0
        ? t('class.none')
        : detail.prerequisites
            .map(
              (item) =>
                `${trackLabel(tracks.data?.items, item.track)}${item.level ? ` (${t(`level.${item.level}`)})` : ''}`,
            )
            .join(', '),
    ],
    [t('class.completionRule'), rule],
    [t('class.hours'), detail.hours === null ? '—' : format.number(detail.hours)],
    [
      t('class.certificateValidity'),
      detail.certificateValidYears === null
        ? t('class.noLimit')
        : t('class.years', { count: detail.certificateValidYears }),
    ],
  ];
  return (
    <SimpleGrid
      component="dl"
      cols={{ base: 1, sm: 2, lg: 3 }}
      spacing="xs"
      m={0}
      aria-label={t('class.facts')}
    >
      {facts.map(([term, value]) => (
        <div key={term}>
          <Text component="dt" size="xs" c="dimmed">
            {term}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

export function ClassPage() {
  const { t } = useTranslation('training');
  const { classId } = useParams();
  const id = Number(classId);
  const detail = useClass(id);
  const jakarta = useJakartaFormat();
  const completion = useRunCompletion(id);
  const issue = useIssueCertificate(id);
  const reissue = useReissueCertificate(id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  usePageTitle(detail.data?.title ?? t('title'));
  if (detail.isPending) return <PageLoader />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const data = detail.data;
  const { can } = data;
  const mayRun = can.run || can.organise;
  const close = () => setDialog(null);
  const actionError = completion.error ?? issue.error ?? reissue.error;

  return (
    <Stack>
      <Anchor component={Link} to={paths.trainingProgram(data.programId)} size="sm">
        {t('class.backToProgram', { name: data.programName })}
      </Anchor>
      <div>
        <Title order={1}>{data.title}</Title>
        <Text c="dimmed" size="sm">
          {data.programName}
        </Text>
      </div>
      <Facts detail={data} />
      {data.quota && <QuotaPanel evaluation={data.quota} title={t('class.quotaTitle')} />}

      <Section
        id="class-call"
        title={t('call.title')}
        action={
          can.organise && (
            <Button size="xs" onClick={() => setDialog({ kind: 'allocation', allocation: null })}>
              {t('call.add')}
            </Button>
          )
        }
      >
        <Text size="sm">{t('call.intro')}</Text>
        {data.allocations.length === 0 ? (
          <Text size="sm">{t('call.none')}</Text>
        ) : (
          <ScrollTable label={t('call.tableLabel')} minWidth={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('call.unit')}</Table.Th>
                <Table.Th scope="col">{t('call.seats')}</Table.Th>
                <Table.Th scope="col">{t('call.nominated')}</Table.Th>
                <Table.Th scope="col">{t('call.quota')}</Table.Th>
                {can.organise && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.allocations.map((allocation) => (
                <Table.Tr key={allocation.unitId}>
                  <Table.Td>{allocation.unitName}</Table.Td>
                  <Table.Td>{allocation.seats}</Table.Td>
                  <Table.Td>{allocation.nominated}</Table.Td>
                  <Table.Td>
                    {allocation.judgement ? (
                      <Group gap="xs" wrap="nowrap">
                        <StatusBadge status={allocation.judgement.status} />
                        <Text size="xs">
                          {t('call.women', {
                            women: allocation.judgement.women,
                            required: allocation.judgement.required,
                          })}
                        </Text>
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  {can.organise && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          variant="subtle"
                          size="xs"
                          aria-label={t('call.changeNamed', { unit: allocation.unitName })}
                          onClick={() => setDialog({ kind: 'allocation', allocation })}
                        >
                          {t('call.change')}
                        </Button>
                        {allocation.nominated > 0 && (
                          <Button
                            variant="subtle"
                            color="red"
                            size="xs"
                            aria-label={t('call.returnNamed', { unit: allocation.unitName })}
                            onClick={() => setDialog({ kind: 'returnUnit', allocation })}
                          >
                            {t('call.return')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Section>

      <Section
        id="class-sessions"
        title={t('sessions.title')}
        action={
          mayRun && (
            <Button size="xs" onClick={() => setDialog({ kind: 'session' })}>
              {t('sessions.add')}
            </Button>
          )
        }
      >
        {data.sessions.length === 0 ? (
          <Text size="sm">{t('sessions.none')}</Text>
        ) : (
          <ScrollTable label={t('sessions.tableLabel')} minWidth={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sessions.when')}</Table.Th>
                <Table.Th scope="col">{t('sessions.what')}</Table.Th>
                <Table.Th scope="col">{t('sessions.venue')}</Table.Th>
                <Table.Th scope="col">{t('sessions.marked')}</Table.Th>
                {mayRun && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.sessions.map((session) => {
                const when = jakarta.range(session.startsAt, session.endsAt);
                return (
                  <Table.Tr key={session.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{when}</Table.Td>
                    <Table.Td>{session.title ?? '—'}</Table.Td>
                    <Table.Td>
                      {[session.venue, session.online ? t('sessions.online') : null]
                        .filter(Boolean)
                        .join(' · ') || '—'}
                    </Table.Td>
                    <Table.Td>
                      {session.marked}
                      {session.tally && (
                        <Text size="xs" c="dimmed">
                          {t('sessions.tally', session.tally)}
                        </Text>
                      )}
                    </Table.Td>
                    {mayRun && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Anchor
                            component={Link}
                            to={paths.trainingAttendance(data.id, session.id)}
                            size="sm"
                            aria-label={t('sessions.attendanceNamed', { when })}
                          >
                            {t('sessions.attendance')}
                          </Anchor>
                          <Anchor
                            component={Link}
                            to={paths.trainingRoom(data.id, session.id)}
                            size="sm"
                            aria-label={t('sessions.roomNamed', { when })}
                          >
                            {t('sessions.room')}
                          </Anchor>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section
          id="class-trainers"
          title={t('people.trainers')}
          action={
            can.organise && (
              <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'trainer' })}>
                {t('people.addTrainer')}
              </Button>
            )
          }
        >
          {data.trainers.length === 0 ? (
            <Text size="sm">{t('people.noTrainers')}</Text>
          ) : (
            <List size="sm">
              {data.trainers.map((trainer) => (
                <List.Item key={trainer.userId}>{trainer.email}</List.Item>
              ))}
            </List>
          )}
        </Section>
        <Section
          id="class-facilitators"
          title={t('people.facilitators')}
          action={
            can.organise && (
              <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'facilitator' })}>
                {t('people.addFacilitator')}
              </Button>
            )
          }
        >
          {data.facilitators.length === 0 ? (
            <Text size="sm">{t('people.noFacilitators')}</Text>
          ) : (
            <List size="sm">
              {data.facilitators.map((facilitator) => (
                <List.Item key={facilitator.id}>
                  {facilitator.name}
                  {facilitator.organisation ? ` (${facilitator.organisation})` : ''}
                  {facilitator.external && (
                    <Badge ml="xs" variant="light" color="gray">
                      {t('people.external')}
                    </Badge>
                  )}
                </List.Item>
              ))}
            </List>
          )}
        </Section>
      </SimpleGrid>

      <Section id="class-tests" title={t('tests.classSection.title')}>
        <Text size="sm">{mayRun ? t('tests.classSection.intro') : t('tests.classSection.introReport')}</Text>
        <Anchor component={Link} to={paths.trainingTests(data.id)} size="sm">
          {mayRun ? t('tests.classSection.open') : t('tests.classSection.openReport')}
        </Anchor>
      </Section>

      <Section
        id="class-participants"
        title={t('participants.title')}
        action={
          <Group gap="xs">
            {can.nominate && (
              <Button size="xs" onClick={() => setDialog({ kind: 'nominate' })}>
                {t('participants.nominate')}
              </Button>
            )}
            {can.run && (
              <Button
                size="xs"
                variant="default"
                loading={completion.isPending}
                onClick={() =>
                  completion.mutate(undefined, {
                    onSuccess: (result) => notifySuccess(t('completion.done', result)),
                  })
                }
              >
                {t('completion.run')}
              </Button>
            )}
          </Group>
        }
      >
        {can.run && (
          <Text size="xs" c="dimmed">
            {t('completion.intro')}
          </Text>
        )}
        <ErrorAlert error={actionError} />
        {data.participants.length === 0 ? (
          <Text size="sm">{t('participants.none')}</Text>
        ) : (
          <ScrollTable label={t('participants.tableLabel')} minWidth={880}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('participants.name')}</Table.Th>
                <Table.Th scope="col">{t('participants.nominatingUnit')}</Table.Th>
                <Table.Th scope="col">{t('participants.status')}</Table.Th>
                <Table.Th scope="col">{t('participants.attendance')}</Table.Th>
                <Table.Th scope="col">{t('participants.certificate')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.participants.map((participant) => {
                const certificate = participant.certificate;
                const canDecide = can.organise && participantMoves[participant.status].length > 0;
                const canIssue = mayRun && participant.status === 'completed' && !certificate;
                const named = { name: participant.name };
                return (
                  <Table.Tr key={participant.id}>
                    <Table.Td>
                      <Text size="sm">
                        {participant.memberId ? (
                          <Anchor component={Link} to={paths.member(participant.memberId)} size="sm">
                            {participant.name}
                          </Anchor>
                        ) : (
                          participant.name
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {participant.memberId
                          ? [participant.memberNumber, participant.unitName].filter(Boolean).join(' · ')
                          : t('participants.guest')}
                        {participant.sex ? ` · ${t(`sex.${participant.sex}`)}` : ''}
                      </Text>
                      {participant.enrolmentCode && (
                        <Text size="xs" c="dimmed">
                          {t('participants.enrolmentCode', { code: participant.enrolmentCode })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{participant.nominatingUnitName ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={participantStatusColour[participant.status]}>
                        {t(`status.${participant.status}`)}
                      </Badge>
                      {participant.reason && (
                        <Text size="xs" c="dimmed">
                          {participant.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{percent(participant.attendance)}</Table.Td>
                    <Table.Td>
                      {certificate ? (
                        <>
                          <Text size="sm" ff="monospace">
                            {certificate.code}
                          </Text>
                          <Badge
                            variant="light"
                            color={
                              certificate.state === 'valid'
                                ? 'teal'
                                : certificate.state === 'revoked'
                                  ? 'red'
                                  : 'gray'
                            }
                          >
                            {t(`certificate.state.${certificate.state}`)}
                          </Badge>
                          {mayRun && certificate.state !== 'revoked' && (
                            <Anchor
                              size="sm"
                              display="block"
                              href={certificatePdfUrl(certificate.code)}
                              download
                              aria-label={t('certificate.pdfNamed', named)}
                            >
                              {t('certificate.pdf')}
                            </Anchor>
                          )}
                        </>
                      ) : (
                        t('certificate.none')
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {canDecide && (
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={t('participants.decideNamed', named)}
                            onClick={() => setDialog({ kind: 'decide', participant })}
                          >
                            {t('participants.decide')}
                          </Button>
                        )}
                        {canIssue && (
                          <Button
                            size="xs"
                            variant="light"
                            aria-label={t('certificate.issueNamed', named)}
                            loading={issue.isPending && issue.variables === participant.id}
                            onClick={() =>
                              issue.mutate(participant.id, {
                                onSuccess: (view) =>
                                  notifySuccess(t('certificate.issued', { code: view.code })),
                              })
                            }
                          >
                            {t('certificate.issue')}
                          </Button>
                        )}
                        {can.organise && certificate?.state === 'valid' && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={t('certificate.revokeNamed', named)}
                            onClick={() => setDialog({ kind: 'revoke', code: certificate.code })}
                          >
                            {t('certificate.revoke')}
                          </Button>
                        )}
                        {can.organise && certificate && certificate.state !== 'valid' && (
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={t('certificate.reissueNamed', named)}
                            loading={reissue.isPending && reissue.variables === certificate.code}
                            onClick={() =>
                              reissue.mutate(certificate.code, {
                                onSuccess: (view) =>
                                  notifySuccess(t('certificate.reissued', { code: view.code })),
                              })
                            }
                          >
                            {t('certificate.reissue')}
                          </Button>
                        )}
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={t('participants.historyNamed', named)}
                          onClick={() => setDialog({ kind: 'history', participant })}
                        >
                          {t('participants.history')}
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

      {dialog?.kind === 'session' && <SessionDialog detail={data} onClose={close} />}
      {dialog?.kind === 'returnUnit' && (
        <ReturnUnitDialog classId={data.id} allocation={dialog.allocation} onClose={close} />
      )}
      {dialog?.kind === 'allocation' && (
        <AllocationDialog detail={data} allocation={dialog.allocation} onClose={close} />
      )}
      {dialog?.kind === 'trainer' && <TrainerDialog detail={data} onClose={close} />}
      {dialog?.kind === 'facilitator' && <FacilitatorDialog detail={data} onClose={close} />}
      {dialog?.kind === 'nominate' && <NominateDialog detail={data} onClose={close} />}
      {dialog?.kind === 'decide' && <DecideDialog participant={dialog.participant} onClose={close} />}
      {dialog?.kind === 'history' && <HistoryDialog participant={dialog.participant} onClose={close} />}
      {dialog?.kind === 'revoke' && <RevokeDialog classId={data.id} code={dialog.code} onClose={close} />}
    </Stack>
  );
}
