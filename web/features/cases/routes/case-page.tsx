import { Anchor, Button, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageLoader } from '../../../components/page-loader.tsx';
import { isApiError } from '../../../lib/api.ts';
import { usePageTitle } from '../../../lib/page-title.ts';
import { paths } from '../../../lib/paths.ts';
import { useCase } from '../api/cases-api.ts';
import { CheckinsCard } from '../components/case-checkins.tsx';
import { ConsentSection } from '../components/case-consents.tsx';
import { FilesSection } from '../components/case-files.tsx';
import { LinkedCases } from '../components/case-links.tsx';
import { DeadlineInfo, Fact, FormList, StateBadge } from '../components/case-labels.tsx';
import { MeasuresSection, UpdateMeasureDialog, type Measure } from '../components/case-measures.tsx';
import { MessagesSection, NotesSection } from '../components/case-conversation.tsx';
import { EthicsSection, RightsSection } from '../components/case-protection.tsx';
import { ReferralsSection, UpdateReferralDialog, type Referral } from '../components/case-referrals.tsx';
import { NamedPersonSection, SummarySection } from '../components/case-summary.tsx';
import {
  AssignDialog,
  EndAssignmentDialog,
  RecuseDialog,
  RoutedPastNotice,
  SameGenderBanner,
  TeamSection,
} from '../components/case-team.tsx';
import { AccessLogSection, TimelineSection } from '../components/case-timeline.tsx';
import { CaseRetentionNotice } from '../components/case-retention-notice.tsx';
import { RoutingDialog, TransitionDialog } from '../components/case-workflow-dialogs.tsx';

type Dialog =
  | { kind: 'transition' }
  | { kind: 'routing' }
  | { kind: 'assign' }
  | { kind: 'recuse' }
  | { kind: 'end'; assignment: CaseDetail['assignments'][number] }
  | { kind: 'referral'; referral: Referral }
  | { kind: 'measure'; measure: Measure };

export type CaseTab =
  | 'summary'
  | 'named'
  | 'team'
  | 'consent'
  | 'referrals'
  | 'measures'
  | 'ethics'
  | 'rights'
  | 'notes'
  | 'messages'
  | 'files'
  | 'timeline'
  | 'accessLog';

/**
 * The tabs this caller gets. A part the server sent as null is not the caller's to see, so its tab is
 * left out, unless the caller may still add to it (legal aid writes notes it cannot read back); the
 * ethics track only exists where it applies, the access log only for those who may read it.
 */
export function visibleTabs(detail: CaseDetail): CaseTab[] {
  const tabs: (CaseTab | false)[] = [
    'summary',
    detail.namedPerson !== null && 'named',
    'team',
    'consent',
    'referrals',
    'measures',
    detail.ethicsApplicable && 'ethics',
    'rights',
    (detail.notes !== null || detail.allowed.addNote) && 'notes',
    (detail.messages !== null || detail.allowed.sendMessage) && 'messages',
    (detail.files !== null || detail.allowed.uploadFile) && 'files',
    'timeline',
    detail.allowed.readAccessLog && 'accessLog',
  ];
  return tabs.filter((tab): tab is CaseTab => tab !== false);
}

export function CaseNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('cases.notFound.title'));
  return (
    <Stack>
      <Title order={1}>{t('cases.notFound.title')}</Title>
      <Text>{t('cases.notFound.body')}</Text>
      <Anchor component={Link} to={paths.cases}>
        {t('cases.back')}
      </Anchor>
    </Stack>
  );
}

export function CasePage() {
  const { t } = useTranslation();
  const { caseId = '' } = useParams();
  const detail = useCase(caseId);
  usePageTitle(detail.data?.reference ?? t('cases.case'));
  const [tab, setTab] = useState<CaseTab>('summary');
  const [dialog, setDialog] = useState<Dialog | null>(null);

  if (detail.isPending) return <PageLoader />;
  if (detail.isError) {
    return isApiError(detail.error, 'not_found') ? <CaseNotFound /> : <ErrorAlert error={detail.error} />;
  }
  const data = detail.data;
  const close = () => setDialog(null);
  const tabs = visibleTabs(data);
  const activeTab = tabs.includes(tab) ? tab : 'summary';

  const panel = (name: CaseTab) => {
    switch (name) {
      case 'summary':
        return <SummarySection detail={data} />;
      case 'named':
        return <NamedPersonSection detail={data} onLink={() => setDialog({ kind: 'routing' })} />;
      case 'team':
        return (
          <TeamSection
            detail={data}
            onAssign={() => setDialog({ kind: 'assign' })}
            onEnd={(assignment) => setDialog({ kind: 'end', assignment })}
            onRecuse={() => setDialog({ kind: 'recuse' })}
          />
        );
      case 'consent':
        return <ConsentSection detail={data} />;
      case 'referrals':
        return (
          <ReferralsSection
            detail={data}
            onUpdate={(referral) => setDialog({ kind: 'referral', referral })}
          />
        );
      case 'measures':
        return (
          <MeasuresSection detail={data} onUpdate={(measure) => setDialog({ kind: 'measure', measure })} />
        );
      case 'ethics':
        return <EthicsSection detail={data} />;
      case 'rights':
        return <RightsSection detail={data} />;
      case 'notes':
        return <NotesSection detail={data} />;
      case 'messages':
        return <MessagesSection detail={data} />;
      case 'files':
        return <FilesSection detail={data} />;
      case 'timeline':
        return <TimelineSection detail={data} />;
      case 'accessLog':
        return <AccessLogSection caseId={data.id} />;
    }
  };

  return (
    <Stack>
      <Anchor component={Link} to={paths.cases} size="sm">
        {t('cases.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('cases.caseTitle', { reference: data.reference })}</Title>
          <Group gap="xs" mt={4}>
            <StateBadge state={data.state} />
          </Group>
        </div>
        <Group gap="xs">
          {data.allowed.transitions.length > 0 && (
            <Button onClick={() => setDialog({ kind: 'transition' })}>{t('cases.transition.action')}</Button>
          )}
          {data.allowed.reroute && (
            <Button variant="default" onClick={() => setDialog({ kind: 'routing' })}>
              {t('cases.routing.action')}
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} component="dl" m={0}>
        <Fact label={t('cases.columns.nextDeadline')}>
          <DeadlineInfo deadline={data.nextDeadline} />
        </Fact>
        <Fact label={t('cases.columns.unit')}>{data.handlingUnit.name}</Fact>
        <Fact label={t('cases.columns.forms')}>
          <FormList forms={data.forms} />
        </Fact>
        <Fact label={t('cases.columns.myRole')}>
          {data.myRoles.length === 0
            ? '—'
            : data.myRoles.map((role) => t(`cases.caseRoles.${role}`)).join(', ')}
        </Fact>
      </SimpleGrid>
      {data.sameGenderHandler && <SameGenderBanner />}
      <RoutedPastNotice detail={data} />
      <CaseRetentionNotice caseId={data.id} state={data.state} />
      <LinkedCases caseId={data.id} />
      <CheckinsCard detail={data} />

      <Tabs value={activeTab} onChange={(value) => value && setTab(value as CaseTab)} keepMounted={false}>
        <Tabs.List aria-label={t('cases.sections.label')}>
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`cases.sections.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((name) => (
          <Tabs.Panel key={name} value={name} pt="md">
            {panel(name)}
          </Tabs.Panel>
        ))}
      </Tabs>

      {dialog?.kind === 'transition' && <TransitionDialog detail={data} onClose={close} />}
      {dialog?.kind === 'routing' && <RoutingDialog detail={data} onClose={close} />}
      {dialog?.kind === 'assign' && <AssignDialog detail={data} onClose={close} />}
      {dialog?.kind === 'recuse' && <RecuseDialog detail={data} onClose={close} />}
      {dialog?.kind === 'end' && (
        <EndAssignmentDialog detail={data} assignment={dialog.assignment} onClose={close} />
      )}
      {dialog?.kind === 'referral' && (
        <UpdateReferralDialog detail={data} referral={dialog.referral} onClose={close} />
      )}
      {dialog?.kind === 'measure' && (
        <UpdateMeasureDialog detail={data} measure={dialog.measure} onClose={close} />
      )}
    </Stack>
  );
}
