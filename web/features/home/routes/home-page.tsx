import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { useFormatters } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession, type Capability } from '../../../lib/session.ts';
import { useHomeWork, type HomeWork } from '../api/home-api.ts';

interface Destination {
  to: string;
  title: string;
  description: string;
  capability?: Capability;
}

/**
 * What the caller must act on now (issue 18): the administrators' blocking warnings first, then the case
 * team's cards. Counts and dates only, from GET /home/work.
 */
function WorkSection({ work }: { work: HomeWork }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { admin, unitCases, assignedCases } = work;
  if (!admin && !unitCases && !assignedCases) return null;
  return (
    <section aria-labelledby="work-heading">
      <Title order={2} size="h3" id="work-heading" mb="xs">
        {t('home.work.title')}
      </Title>
      <Stack>
        {admin && !admin.topUnitStaffed && (
          <Alert color="red" variant="light" title={t('home.work.noCoordinator.title')}>
            <Stack gap="xs">
              <Text inherit>{t('home.work.noCoordinator.body')}</Text>
              {admin.casesWithoutTeam > 0 && (
                <Text inherit fw={700}>
                  {t('home.work.casesWithoutTeam', { count: admin.casesWithoutTeam })}
                </Text>
              )}
              <Anchor component={Link} to={paths.users} fw={700}>
                {t('home.work.noCoordinator.action')}
              </Anchor>
            </Stack>
          </Alert>
        )}
        {admin && admin.topUnitStaffed && admin.casesWithoutTeam > 0 && (
          <Alert color="yellow" variant="light" title={t('home.work.withoutTeam.title')}>
            {t('home.work.casesWithoutTeam', { count: admin.casesWithoutTeam })}
          </Alert>
        )}
        {admin && admin.heldMail > 0 && (
          <Alert color="yellow" variant="light" title={t('home.work.heldMail.title')}>
            <Stack gap="xs">
              <Text inherit>{t('home.work.heldMail.body', { count: admin.heldMail })}</Text>
              <Anchor component={Link} to={paths.outbox} fw={700}>
                {t('home.work.heldMail.action')}
              </Anchor>
            </Stack>
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {unitCases && (
            <Card withBorder padding="md" component="article" aria-labelledby="unit-cases-heading">
              <Title order={3} size="h4" id="unit-cases-heading">
                {t('home.work.unitCases.title')}
              </Title>
              <Text mt={4}>{t('home.work.unitCases.waiting', { count: unitCases.waiting })}</Text>
              <Text size="sm">{t('home.work.openCount', { count: unitCases.open })}</Text>
              {unitCases.firstContactDueAt && (
                <Text size="sm" fw={700}>
                  {t('home.work.unitCases.firstContactDue', {
                    date: format.dateTime(unitCases.firstContactDueAt),
                  })}
                </Text>
              )}
              {unitCases.late > 0 && (
                <Text size="sm" c="red.9" fw={700}>
                  {t('home.work.lateCount', { count: unitCases.late })}
                </Text>
              )}
              <Anchor component={Link} to={`${paths.cases}?scope=unit`} fw={700} mt="xs" display="block">
                {t('home.work.unitCases.action')}
              </Anchor>
            </Card>
          )}
          {assignedCases && (
            <Card withBorder padding="md" component="article" aria-labelledby="assigned-cases-heading">
              <Title order={3} size="h4" id="assigned-cases-heading">
                {t('home.work.assignedCases.title')}
              </Title>
              <Text mt={4}>{t('home.work.openCount', { count: assignedCases.open })}</Text>
              {assignedCases.nextDeadlineAt && (
                <Text size="sm" fw={700}>
                  {t('home.work.assignedCases.nextDeadline', {
                    date: format.dateTime(assignedCases.nextDeadlineAt),
                  })}
                </Text>
              )}
              {assignedCases.late > 0 && (
                <Text size="sm" c="red.9" fw={700}>
                  {t('home.work.lateCount', { count: assignedCases.late })}
                </Text>
              )}
              <Anchor component={Link} to={`${paths.cases}?scope=mine`} fw={700} mt="xs" display="block">
                {t('home.work.assignedCases.action')}
              </Anchor>
            </Card>
          )}
        </SimpleGrid>
      </Stack>
    </section>
  );
}

/** Start page: greeting, what to act on now, the TOTP suggestion, the user's roles and the screens. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const session = useFullSession();
  const work = useHomeWork();

  const destinations: Destination[] = [
    {
      to: paths.units,
      title: t('nav.units'),
      // Read-only roles see the structure; only those who may change it are told they can manage it.
      description: session.capabilities.manageUnits ? t('home.links.units') : t('home.links.unitsRead'),
    },
    {
      to: paths.cases,
      title: t('nav.cases'),
      description: t('home.links.cases'),
      capability: 'workCases',
    },
    {
      to: paths.quotaDashboard,
      title: t('quotaDashboard.nav'),
      description: t('home.links.quotaDashboard'),
      capability: 'readDashboards',
    },
    {
      to: paths.members,
      title: t('nav.members'),
      description: t('home.links.members'),
      capability: 'readMembers',
    },
    { to: paths.assemblies, title: t('nav.assemblies'), description: t('home.links.assemblies') },
    {
      to: paths.training,
      title: t('nav.training'),
      description: t('home.links.training'),
      capability: 'training',
    },
    {
      to: paths.campaigns,
      title: t('nav.campaigns'),
      description: t('home.links.campaigns'),
      capability: 'campaigns',
    },
    {
      to: paths.commitment,
      title: t('nav.commitment'),
      description: t('home.links.commitment'),
      capability: 'commitment',
    },
    { to: paths.users, title: t('nav.users'), description: t('home.links.users'), capability: 'manageUsers' },
    { to: paths.audit, title: t('nav.audit'), description: t('home.links.audit'), capability: 'readAudit' },
    {
      to: paths.outbox,
      title: t('nav.outbox'),
      description: t('home.links.outbox'),
      capability: 'readOutbox',
    },
    { to: paths.account, title: t('nav.account'), description: t('home.links.account') },
  ];

  return (
    <Stack maw={960}>
      <Title order={1}>{t('home.greeting', { name: session.user.displayName })}</Title>
      <Text>{t('home.intro')}</Text>

      {work.isError ? <ErrorAlert error={work.error} /> : work.data && <WorkSection work={work.data} />}

      {!session.user.totpEnabled && (
        <Alert color="blue" variant="light" title={t('home.totpNotice.title')} role="note">
          <Stack gap="xs">
            <Text inherit>{t('home.totpNotice.body')}</Text>
            <Anchor component={Link} to={paths.account} fw={700}>
              {t('home.totpNotice.action')}
            </Anchor>
          </Stack>
        </Alert>
      )}

      <section aria-labelledby="grants-heading">
        <Title order={2} size="h3" id="grants-heading" mb="xs">
          {t('home.grants.title')}
        </Title>
        {session.grants.length === 0 ? (
          <Text>{t('home.grants.none')}</Text>
        ) : (
          <List spacing="xs" listStyleType="none">
            {session.grants.map((grant) => (
              <List.Item key={grant.id}>
                <Group gap="xs" wrap="wrap">
                  <Badge variant="light" color="blue">
                    {t(`roles.${grant.role}`)}
                  </Badge>
                  <Text span>{t('home.grants.at', { unit: grant.unitName, level: grant.unitLevel })}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </section>

      <section aria-labelledby="links-heading">
        <Title order={2} size="h3" id="links-heading" mb="xs">
          {t('home.links.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {destinations
            .filter((destination) => !destination.capability || session.capabilities[destination.capability])
            .map((destination) => (
              <Card key={destination.to} withBorder padding="md">
                <Anchor component={Link} to={destination.to} fw={700}>
                  {destination.title}
                </Anchor>
                <Text size="sm" mt={4}>
                  {destination.description}
                </Text>
              </Card>
            ))}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
