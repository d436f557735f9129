import { Alert, Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useFullSession, type Capability } from '../../../lib/session.ts';

interface Destination {
  to: string;
  title: string;
  description: string;
  capability?: Capability;
}

/** Start page: greeting, the TOTP suggestion, the user's roles and the screens they may open. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const session = useFullSession();

  const destinations: Destination[] = [
    { to: paths.units, title: t('nav.units'), description: t('home.links.units') },
    {
      to: paths.members,
      title: t('nav.members'),
      description: t('home.links.members'),
      capability: 'readMembers',
    },
    { to: paths.assemblies, title: t('nav.assemblies'), description: t('home.links.assemblies') },
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
