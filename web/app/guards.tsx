import { Alert, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageLoader } from '../components/page-loader.tsx';
import { loginPathWithNext, paths } from '../lib/paths.ts';
import { useSession, wasSessionEndedByUser, type Capability } from '../lib/session.ts';

/**
 * Lets only a fully logged-in user through. Half-logged-in sessions go where they can finish:
 * `mfa` back to the login page (its code step), `enrol` to the forced TOTP enrolment.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <PageLoader />;
  if (session.isError && session.data === undefined) return <ErrorAlert error={session.error} />;
  const data = session.data;
  if (!data || data.stage === 'mfa') {
    const next = data || !wasSessionEndedByUser() ? location.pathname + location.search : paths.home;
    return <Navigate to={loginPathWithNext(next)} replace />;
  }
  if (data.stage === 'enrol') return <Navigate to={paths.enrol} replace />;
  return <>{children}</>;
}

/** Shows a plain "not allowed" page when the session lacks the capability a screen needs. */
export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const { t } = useTranslation();
  const { data } = useSession();
  if (!data?.capabilities[capability]) {
    return (
      <Stack>
        <Title order={1}>{t('forbidden.title')}</Title>
        <Alert color="blue" variant="light">
          {t('forbidden.body')}
        </Alert>
      </Stack>
    );
  }
  return <>{children}</>;
}
