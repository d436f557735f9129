import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths, safeNextPath } from '../../../lib/paths.ts';
import { useSession } from '../../../lib/session.ts';
import { PasswordStep } from '../components/password-step.tsx';
import { TotpStep } from '../components/totp-step.tsx';

/**
 * Login in up to two steps. The page renders from the session's stage, so a reload in the middle
 * (password accepted, code still needed) lands on the right step.
 */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.login.title'));
  const session = useSession();
  const [params] = useSearchParams();

  if (session.isPending) return <PageLoader />;
  const stage = session.data?.stage;
  if (stage === 'full') return <Navigate to={safeNextPath(params.get('next'))} replace />;
  if (stage === 'enrol') return <Navigate to={paths.enrol} replace />;

  return (
    <Paper withBorder p="lg" radius="md">
      {session.isError && <ErrorAlert error={session.error} />}
      {stage === 'mfa' ? <TotpStep /> : <PasswordStep />}
    </Paper>
  );
}
