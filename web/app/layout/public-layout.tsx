import { Anchor, Box, Container, Group } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageMenu } from '../../components/language-menu.tsx';
import { PageLoader } from '../../components/page-loader.tsx';
import { changeLanguage } from '../../lib/i18n.ts';
import { paths } from '../../lib/paths.ts';

/** Frame for the pages used before login: login, first-run setup, password reset, TOTP enrolment. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <>
      <a href="#main-content" className="setara-skip-link">
        {t('nav.skipToContent')}
      </a>
      <Box
        component="header"
        px="md"
        py="xs"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group justify="space-between" wrap="nowrap">
          <Anchor component={Link} to={paths.login} fw={800} fz="xl" c="dark" underline="never">
            Setara
          </Anchor>
          <LanguageMenu onSelect={(language) => void changeLanguage(language)} />
        </Group>
      </Box>
      <Container component="main" id="main-content" tabIndex={-1} size={520} py="xl" px="md">
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </Container>
    </>
  );
}
