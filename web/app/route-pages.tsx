import { Anchor, Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Link, useRouteError } from 'react-router';
import { paths } from '../lib/paths.ts';
import { usePageTitle } from '../lib/page-title.ts';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <Stack>
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Anchor component={Link} to={paths.home}>
        {t('notFound.home')}
      </Anchor>
    </Stack>
  );
}

/** Last resort when a screen throws (or its code chunk fails to load after a deploy). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('routeError.title'));
  useEffect(() => {
    // Keep the cause visible to whoever opens the browser console (and to the browser tests).
    console.error('Setara: a screen failed', error);
  }, [error]);
  return (
    <Container component="main" size={520} py="xl">
      <Stack>
        <Title order={1}>{t('routeError.title')}</Title>
        <Text>{t('routeError.body')}</Text>
        <div>
          <Button onClick={() => window.location.reload()}>{t('routeError.reload')}</Button>
        </div>
      </Stack>
    </Container>
  );
}
