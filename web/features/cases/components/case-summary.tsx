import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { ScrollTable } from '../../../components/scroll-table.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession } from '../../../lib/session.ts';
import { Fact, FormList, LateBadge } from './case-labels.tsx';

/**
 * Coded facts, then each sealed part the caller may read. A part that is null is not this caller's to
 * see, so it is left out entirely (not shown as empty).
 */
export function SummarySection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const yesNo = (value: boolean) => (value ? t('cases.yes') : t('cases.no'));
  return (
    <Stack>
      <Card withBorder component="section" aria-labelledby="case-coded">
        <Title order={2} size="h3" id="case-coded" mb="sm">
          {t('cases.summary.coded')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} component="dl" m={0}>
          <Fact label={t('cases.fields.channel')}>{t(`cases.channels.${detail.channel}`)}</Fact>
          <Fact label={t('cases.fields.reporterRole')}>
            {t(`cases.reporterRoles.${detail.reporterRole}`)}
          </Fact>
          <Fact label={t('cases.fields.receivedAt')}>{format.dateTime(detail.receivedAt)}</Fact>
          <Fact label={t('cases.fields.forms')}>
            <FormList forms={detail.forms} />
          </Fact>
          <Fact label={t('cases.fields.incidentDate')}>
            {detail.incidentDate
              ? detail.incidentDateApproximate
                ? t('cases.summary.approximately', { date: format.date(detail.incidentDate) })
                : format.date(detail.incidentDate)
              : '—'}
          </Fact>
          <Fact label={t('cases.fields.place')}>{t(`cases.places.${detail.place}`)}</Fact>
          <Fact label={t('cases.fields.placeUnit')}>
            {detail.placeUnit?.name ?? t('cases.summary.unknown')}
          </Fact>
          <Fact label={t('cases.fields.relationship')}>
            {t(`cases.relationships.${detail.relationship}`)}
          </Fact>
          <Fact label={t('cases.fields.namedOffice')}>{t(`cases.officeLevels.${detail.namedOffice}`)}</Fact>
          <Fact label={t('cases.fields.wishes')}>
            {detail.wishes.length === 0
              ? '—'
              : detail.wishes.map((wish) => t(`cases.wishes.${wish}`)).join(', ')}
          </Fact>
          <Fact label={t('cases.fields.asksDpp')}>{yesNo(detail.asksDpp)}</Fact>
          <Fact label={t('cases.fields.sameGenderHandler')}>{yesNo(detail.sameGenderHandler)}</Fact>
          <Fact label={t('cases.fields.survivorSex')}>
            {detail.survivorSex ? t(`sex.${detail.survivorSex}`) : t('cases.notStated')}
          </Fact>
          <Fact label={t('cases.fields.survivorAgeBand')}>
            {detail.survivorAgeBand ?? t('cases.notStated')}
          </Fact>
          <Fact label={t('cases.fields.firstContactAt')}>{format.dateTime(detail.firstContactAt)}</Fact>
          {detail.outcome && (
            <Fact label={t('cases.fields.outcome')}>{t(`cases.outcomes.${detail.outcome}`)}</Fact>
          )}
          {detail.closingReason && (
            <Fact label={t('cases.fields.closingReason')}>
              {t(`cases.closingReasons.${detail.closingReason}`)}
            </Fact>
          )}
          {detail.closedAt && (
            <Fact label={t('cases.fields.closedAt')}>{format.dateTime(detail.closedAt)}</Fact>
          )}
          <Fact label={t('cases.fields.ethicsApplicable')}>{yesNo(detail.ethicsApplicable)}</Fact>
        </SimpleGrid>
      </Card>

      <Stack component="section" gap="xs" aria-labelledby="case-deadlines">
        <Title order={2} size="h3" id="case-deadlines">
          {t('cases.summary.deadlines')}
        </Title>
        {detail.deadlines.length === 0 ? (
          <Text>{t('cases.noDeadline')}</Text>
        ) : (
          <ScrollTable label={t('cases.summary.deadlines')} minWidth={480}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.summary.deadlineKind')}</Table.Th>
                <Table.Th scope="col">{t('cases.summary.dueAt')}</Table.Th>
                <Table.Th scope="col">{t('cases.summary.deadlineStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.deadlines.map((deadline) => (
                <Table.Tr key={`${deadline.kind}-${deadline.dueAt}`}>
                  <Table.Td>{t(`cases.deadlineKinds.${deadline.kind}`)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(deadline.dueAt)}</Table.Td>
                  <Table.Td>
                    {deadline.done ? (
                      <Badge variant="light" color="teal">
                        {t('cases.summary.done')}
                      </Badge>
                    ) : deadline.late ? (
                      <LateBadge />
                    ) : (
                      t('cases.summary.open')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Stack>

      {detail.narrative !== null && (
        <Card withBorder component="section" aria-labelledby="case-narrative">
          <Title order={2} size="h3" id="case-narrative" mb="sm">
            {t('cases.fields.narrative')}
          </Title>
          {detail.narrative ? (
            <pre className="setara-pre">{detail.narrative}</pre>
          ) : (
            <Text c="dimmed">{t('cases.summary.noNarrative')}</Text>
          )}
        </Card>
      )}

      {detail.placeDetail !== null && (
        <Card withBorder component="section" aria-labelledby="case-place-detail">
          <Title order={2} size="h3" id="case-place-detail" mb="sm">
            {t('cases.fields.placeDetail')}
          </Title>
          <Text>{detail.placeDetail}</Text>
        </Card>
      )}

      {detail.identity && (
        <Card withBorder component="section" aria-labelledby="case-identity">
          <Title order={2} size="h3" id="case-identity" mb="sm">
            {t('cases.summary.identity')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} component="dl" m={0}>
            <Fact label={t('cases.fields.reporterName')}>
              {detail.identity.reporterName ?? t('cases.summary.anonymous')}
            </Fact>
            <Fact label={t('cases.fields.contactMethod')}>
              {t(`cases.contactMethods.${detail.identity.contactMethod}`)}
            </Fact>
            {detail.identity.contactMethod !== 'none' && (
              <>
                <Fact label={t('cases.fields.contactValue')}>{detail.identity.contactValue ?? '—'}</Fact>
                <Fact label={t('cases.fields.safeTimes')}>{detail.identity.safeTimes ?? '—'}</Fact>
              </>
            )}
            <Fact label={t('cases.fields.consentToContact')}>{yesNo(detail.identity.consentToContact)}</Fact>
          </SimpleGrid>
          {detail.identity.contactMethod !== 'none' && !detail.identity.consentToContact && (
            <Text size="sm" mt="sm" fw={600}>
              {t('cases.summary.noContactConsent')}
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}

/** The named person's identifiers and, once linked, the member record (routing and conflicts use it). */
export function NamedPersonSection({ detail, onLink }: { detail: CaseDetail; onLink: () => void }) {
  const { t } = useTranslation();
  const session = useFullSession();
  const person = detail.namedPerson;
  if (!person) return null;
  return (
    <Card withBorder component="section" aria-labelledby="case-named">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="case-named">
          {t('cases.sections.named')}
        </Title>
        {detail.allowed.reroute && (
          <Button variant="default" size="xs" onClick={onLink}>
            {person.member ? t('cases.named.changeLink') : t('cases.named.link')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2 }} component="dl" m={0}>
        <Fact label={t('cases.fields.namedName')}>{person.name ?? '—'}</Fact>
        <Fact label={t('cases.fields.namedPosition')}>{person.position ?? '—'}</Fact>
        <Fact label={t('cases.fields.namedWorkplace')}>{person.workplace ?? '—'}</Fact>
        {person.phone && <Fact label={t('caseEscrow.named.phone')}>{person.phone}</Fact>}
        {person.employeeNumber && (
          <Fact label={t('caseEscrow.named.employeeNumber')}>{person.employeeNumber}</Fact>
        )}
        <Fact label={t('cases.fields.namedOffice')}>{t(`cases.officeLevels.${detail.namedOffice}`)}</Fact>
        <Fact label={t('cases.fields.relationship')}>{t(`cases.relationships.${detail.relationship}`)}</Fact>
        <Fact label={t('cases.named.member')}>
          {person.member ? (
            session.capabilities.readMembers ? (
              <Anchor component={Link} to={paths.member(person.member.id)}>
                {`${person.member.name} · ${person.member.number}`}
              </Anchor>
            ) : (
              `${person.member.name} · ${person.member.number}`
            )
          ) : (
            t('cases.named.notLinked')
          )}
        </Fact>
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="sm">
        {t('cases.named.hint')}
      </Text>
    </Card>
  );
}
