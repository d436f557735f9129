import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { useMember, useMemberTraining } from '../api/members-api.ts';
import { currentLanguage } from '../../../lib/i18n.ts';
import { ChangeStatusDialog, MemberFormDialog, TransferDialog } from '../components/member-dialogs.tsx';
import { MemberStages } from '../components/member-stages.tsx';

type Dialog = 'edit' | 'status' | 'transfer' | null;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {children}
      </Text>
    </div>
  );
}

export function MemberPage() {
  const { t } = useTranslation();
  const { memberId = '' } = useParams();
  const format = useFormatters();
  const session = useFullSession();
  const canManage = session.capabilities.manageMembers;
  const member = useMember(memberId);
  const [dialog, setDialog] = useState<Dialog>(null);
  usePageTitle(member.data?.fullName ?? t('members.member'));

  if (member.isPending) return <PageLoader />;
  if (member.isError) return <ErrorAlert error={member.error} />;
  const data = member.data;
  const close = () => setDialog(null);

  return (
    <Stack>
      <Anchor component={Link} to={paths.members} size="sm">
        {t('members.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{data.fullName}</Title>
          <Group gap="xs" mt={4}>
            <Badge variant="light" color={data.status === 'aktif' ? 'teal' : 'gray'}>
              {t(`memberStatus.${data.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('members.numberLabel', { number: data.memberNumber })}
            </Text>
          </Group>
        </div>
        {canManage && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setDialog('edit')}>
              {t('members.edit')}
            </Button>
            <Button variant="default" onClick={() => setDialog('status')}>
              {t('members.status.action')}
            </Button>
            <Button variant="default" onClick={() => setDialog('transfer')}>
              {t('members.transfer.action')}
            </Button>
          </Group>
        )}
      </Group>

      <Card withBorder component="section" aria-labelledby="member-identity">
        <Title order={2} size="h3" id="member-identity" mb="sm">
          {t('members.identity')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="dl" m={0}>
          <Fact label={t('members.fields.memberNumber')}>{data.memberNumber}</Fact>
          <Fact label={t('members.fields.sex')}>{t(`sex.${data.sex ?? 'unknown'}`)}</Fact>
          <Fact label={t('members.fields.genderSelf')}>{data.genderSelf ?? '—'}</Fact>
          <Fact label={t('members.fields.birthYear')}>{data.birthYear ?? '—'}</Fact>
          <Fact label={t('members.fields.unit')}>
            <Anchor component={Link} to={paths.unit(data.unitId)}>
              {data.unitName}
            </Anchor>
          </Fact>
          <Fact label={t('members.fields.joinedOn')}>{format.date(data.joinedOn)}</Fact>
          <Fact label={t('members.fields.employer')}>{data.employer ?? '—'}</Fact>
          <Fact label={t('members.fields.jobTitle')}>{data.jobTitle ?? '—'}</Fact>
        </SimpleGrid>
      </Card>

      {data.contact && (
        <Card withBorder component="section" aria-labelledby="member-contact">
          <Title order={2} size="h3" id="member-contact" mb="sm">
            {t('members.contact')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} component="dl" m={0}>
            <Fact label={t('members.fields.phone')}>{data.contact.phone ?? '—'}</Fact>
            <Fact label={t('members.fields.email')}>{data.contact.email ?? '—'}</Fact>
          </SimpleGrid>
        </Card>
      )}

      <Stack component="section" gap="xs" aria-labelledby="member-positions">
        <Title order={2} size="h3" id="member-positions">
          {t('members.positions')}
        </Title>
        {data.appointments.length === 0 ? (
          <Text>{t('members.noPositions')}</Text>
        ) : (
          <ScrollTable label={t('members.positions')} minWidth={720}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('bodies.fields.position')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.body')}</Table.Th>
                <Table.Th scope="col">{t('members.fields.unit')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.term')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.basis')}</Table.Th>
                <Table.Th scope="col">{t('bodies.fields.decreeNumber')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.appointments.map((appointment) => (
                <Table.Tr key={appointment.id}>
                  <Table.Td>
                    {appointment.positionTitle}{' '}
                    <Text span size="sm" c="dimmed">
                      ({t(`positionCategory.${appointment.category}`)})
                    </Text>
                  </Table.Td>
                  <Table.Td>{appointment.bodyName}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={paths.unit(appointment.unitId)}>
                      {appointment.unitName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {format.date(appointment.termStart)} –{' '}
                    {appointment.termEnd ? format.date(appointment.termEnd) : t('bodies.ongoing')}
                  </Table.Td>
                  <Table.Td>
                    {appointment.basis === 'acting' ? (
                      <Badge color="grape" variant="light">
                        {t('basis.acting')}
                      </Badge>
                    ) : (
                      t(`basis.${appointment.basis}`)
                    )}
                  </Table.Td>
                  <Table.Td>{appointment.decreeNumber ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Stack>

      <MemberTraining memberId={memberId} />

      <MemberStages memberId={memberId} />

      <Stack component="section" gap="xs" aria-labelledby="member-history">
        <Title order={2} size="h3" id="member-history">
          {t('members.history')}
        </Title>
        {data.history.length === 0 ? (
          <Text>{t('members.noHistory')}</Text>
        ) : (
          <ScrollTable label={t('members.history')} minWidth={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('members.fields.validFrom')}</Table.Th>
                <Table.Th scope="col">{t('members.fields.status')}</Table.Th>
                <Table.Th scope="col">{t('members.fields.unit')}</Table.Th>
                <Table.Th scope="col">{t('members.fields.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.history.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.date(entry.validFrom)}</Table.Td>
                  <Table.Td>{t(`memberStatus.${entry.status}`)}</Table.Td>
                  <Table.Td>{entry.unitName}</Table.Td>
                  <Table.Td>{entry.reason ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Stack>

      {dialog === 'edit' && <MemberFormDialog member={data} onClose={close} />}
      {dialog === 'status' && <ChangeStatusDialog member={data} onClose={close} />}
      {dialog === 'transfer' && <TransferDialog member={data} onClose={close} />}
    </Stack>
  );
}

/** Her classes (capacity building) and certificates, beside her positions (training.md, cadre stages). */
function MemberTraining({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const training = useMemberTraining(memberId);
  return (
    <Stack component="section" gap="xs" aria-labelledby="member-training">
      <Title order={2} size="h3" id="member-training">
        {t('members.training.title')}
      </Title>
      {training.isPending ? (
        <PageLoader />
      ) : training.isError ? (
        <ErrorAlert error={training.error} />
      ) : training.data.items.length === 0 ? (
        <Text>{t('members.training.none')}</Text>
      ) : (
        <ScrollTable label={t('members.training.title')} minWidth={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('members.training.class')}</Table.Th>
              <Table.Th scope="col">{t('members.training.program')}</Table.Th>
              <Table.Th scope="col">{t('members.training.dates')}</Table.Th>
              <Table.Th scope="col">{t('members.training.status')}</Table.Th>
              <Table.Th scope="col">{t('members.training.certificate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {training.data.items.map((item) => (
              <Table.Tr key={item.participantId}>
                <Table.Td>
                  {item.classTitle}{' '}
                  <Text span size="sm" c="dimmed">
                    ({item.trackLabels[currentLanguage()]}, {t(`members.training.levels.${item.level}`)})
                  </Text>
                </Table.Td>
                <Table.Td>{item.programName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {format.date(item.startsOn)} – {format.date(item.endsOn)}
                </Table.Td>
                <Table.Td>{t(`members.training.statuses.${item.status}`)}</Table.Td>
                <Table.Td>
                  {item.certificate
                    ? `${item.certificate.code} (${t(`members.training.certificateStates.${item.certificate.state}`)})`
                    : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Stack>
  );
}
