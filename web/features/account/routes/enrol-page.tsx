import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { PageLoader } from '../../../components/page-loader.tsx';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { sessionQueryKey, useLogout, useSession } from '../../../lib/session.ts';
import { TotpEnrolment } from '../components/totp-enrolment.tsx';

/**
 * Forced enrolment: an account that holds a case role must set up TOTP before anything else (the server
 * only answers the enrolment endpoints and logout until then).
 */
export function EnrolPage() {
  const { t } = useTranslation();
  usePageTitle(t('enrol.title'));
  const session = useSession();
  const queryClient = useQueryClient();
  const logout = useLogout();
  const navigate = useNavigate();
  // Once the code is accepted the server may already report stage `full`; stay until codes are saved.
  const [isShowingCodes, setShowingCodes] = useState(false);

  if (session.isPending) return <PageLoader />;
  if (!session.data || session.data.stage === 'mfa') return <Navigate to={paths.login} replace />;
  if (session.data.stage === 'full' && !isShowingCodes) return <Navigate to={paths.home} replace />;

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={1}>{t('enrol.title')}</Title>
        <Text>{t('enrol.intro')}</Text>
        <TotpEnrolment
          headingOrder={1}
          onConfirmed={() => setShowingCodes(true)}
          onDone={() => {
            setShowingCodes(false);
            void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
          }}
        />
        <Anchor
          component="button"
          type="button"
          onClick={() => logout.mutate(undefined, { onSettled: () => void navigate(paths.login) })}
        >
          {t('auth.logout')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
