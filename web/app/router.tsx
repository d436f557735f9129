import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { loadNamespace } from '../lib/i18n.ts';
import type { LazyNamespace } from '../lib/messages.ts';
import { paths } from '../lib/paths.ts';
import { RequireCapability, RequireSession } from './guards.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { PublicLayout } from './layout/public-layout.tsx';
import { RootLayout } from './layout/root-layout.tsx';
import { NotFoundPage, RouteErrorPage } from './route-pages.tsx';
import { PageLoader } from '../components/page-loader.tsx';

/**
 * Every feature screen is its own chunk, so the first load carries only the shell. A module with its own
 * lazy translation namespace (web/lib/messages.ts `namespaceLoaders`) names it: the namespace's texts in
 * the current language load together with the code chunk, and the page renders only when both are in.
 */
function lazyPage<Module, Name extends keyof Module>(
  load: () => Promise<Module>,
  name: Name,
  options: { namespace?: LazyNamespace } = {},
) {
  return lazy(async () => {
    const [module] = await Promise.all([
      load(),
      options.namespace ? loadNamespace(options.namespace) : Promise.resolve(),
    ]);
    return { default: module[name] as ComponentType };
  });
}

const LoginPage = lazyPage(() => import('../features/auth/routes/login-page.tsx'), 'LoginPage');
const ResetPasswordPage = lazyPage(
  () => import('../features/auth/routes/reset-password-page.tsx'),
  'ResetPasswordPage',
);
const SetupPage = lazyPage(() => import('../features/setup/routes/setup-page.tsx'), 'SetupPage');
const EnrolPage = lazyPage(() => import('../features/account/routes/enrol-page.tsx'), 'EnrolPage');
const AccountPage = lazyPage(() => import('../features/account/routes/account-page.tsx'), 'AccountPage');
const HomePage = lazyPage(() => import('../features/home/routes/home-page.tsx'), 'HomePage');
const UnitsPage = lazyPage(() => import('../features/units/routes/units-page.tsx'), 'UnitsPage');
const UnitPage = lazyPage(() => import('../features/units/routes/unit-page.tsx'), 'UnitPage');
const MembersPage = lazyPage(() => import('../features/members/routes/members-page.tsx'), 'MembersPage');
const MemberPage = lazyPage(() => import('../features/members/routes/member-page.tsx'), 'MemberPage');
const AssembliesPage = lazyPage(
  () => import('../features/assemblies/routes/assemblies-page.tsx'),
  'AssembliesPage',
);
const AssemblyPage = lazyPage(
  () => import('../features/assemblies/routes/assembly-page.tsx'),
  'AssemblyPage',
);
const MembersImportPage = lazyPage(
  () => import('../features/imports/routes/import-page.tsx'),
  'MembersImportPage',
);
const UnitsImportPage = lazyPage(
  () => import('../features/imports/routes/import-page.tsx'),
  'UnitsImportPage',
);
const UsersPage = lazyPage(() => import('../features/users/routes/users-page.tsx'), 'UsersPage');
const UserDetailPage = lazyPage(
  () => import('../features/users/routes/user-detail-page.tsx'),
  'UserDetailPage',
);
// Case roles waiting for a second person (issue 17); texts in the lazy `role-confirmations` namespace.
const RoleConfirmationsPage = lazyPage(
  () => import('../features/users/routes/role-confirmations-page.tsx'),
  'RoleConfirmationsPage',
  { namespace: 'role-confirmations' },
);
const CasesPage = lazyPage(() => import('../features/cases/routes/cases-page.tsx'), 'CasesPage');
const CaseIntakePage = lazyPage(
  () => import('../features/cases/routes/case-intake-page.tsx'),
  'CaseIntakePage',
);
const CasePage = lazyPage(() => import('../features/cases/routes/case-page.tsx'), 'CasePage');
const RetentionPage = lazyPage(
  () => import('../features/case-retention/routes/retention-page.tsx'),
  'RetentionPage',
);
const CaseStatsPage = lazyPage(
  () => import('../features/case-stats/routes/case-stats-page.tsx'),
  'CaseStatsPage',
);
const NotificationsPage = lazyPage(
  () => import('../features/notifications/routes/notifications-page.tsx'),
  'NotificationsPage',
);
const HolidaysPage = lazyPage(() => import('../features/calendar/routes/holidays-page.tsx'), 'HolidaysPage');
const AuditPage = lazyPage(() => import('../features/audit/routes/audit-page.tsx'), 'AuditPage');
const QuotaRulesPage = lazyPage(
  () => import('../features/quota/routes/quota-rules-page.tsx'),
  'QuotaRulesPage',
);
const BodyQuotaPage = lazyPage(() => import('../features/quota/routes/body-quota-page.tsx'), 'BodyQuotaPage');
const CredentialsPage = lazyPage(
  () => import('../features/quota/routes/credentials-page.tsx'),
  'CredentialsPage',
);
const QuotaDashboardPage = lazyPage(
  () => import('../features/quota-dashboard/routes/quota-dashboard-page.tsx'),
  'QuotaDashboardPage',
);
// Capacity building: its texts are the lazy `training` namespace, loaded with these chunks.
const training = { namespace: 'training' } as const;
const ProgramsPage = lazyPage(
  () => import('../features/training/routes/programs-page.tsx'),
  'ProgramsPage',
  training,
);
const ProgramPage = lazyPage(
  () => import('../features/training/routes/program-page.tsx'),
  'ProgramPage',
  training,
);
const CadrePage = lazyPage(() => import('../features/cadre/routes/cadre-page.tsx'), 'CadrePage', {
  namespace: 'cadre',
});
const ClassPage = lazyPage(() => import('../features/training/routes/class-page.tsx'), 'ClassPage', training);
const AttendancePage = lazyPage(
  () => import('../features/training/routes/attendance-page.tsx'),
  'AttendancePage',
  training,
);
const TestsPage = lazyPage(() => import('../features/training/routes/tests-page.tsx'), 'TestsPage', training);
const PipelinePage = lazyPage(
  () => import('../features/training/routes/pipeline-page.tsx'),
  'PipelinePage',
  training,
);
const RoomDisplayPage = lazyPage(
  () => import('../features/training/routes/room-display-page.tsx'),
  'RoomDisplayPage',
  training,
);
const ReportPage = lazyPage(
  () => import('../features/training/routes/report-page.tsx'),
  'ReportPage',
  training,
);
// Education campaigns: their texts are the lazy `campaigns` namespace, loaded with these chunks.
const campaigns = { namespace: 'campaigns' } as const;
const CampaignsPage = lazyPage(
  () => import('../features/campaigns/routes/campaigns-page.tsx'),
  'CampaignsPage',
  campaigns,
);
const CampaignPage = lazyPage(
  () => import('../features/campaigns/routes/campaign-page.tsx'),
  'CampaignPage',
  campaigns,
);
const ActivityPage = lazyPage(
  () => import('../features/campaigns/routes/activity-page.tsx'),
  'ActivityPage',
  campaigns,
);
// The materials library: its texts are the lazy `materials` namespace, loaded with these chunks.
const materials = { namespace: 'materials' } as const;
const MaterialsPage = lazyPage(
  () => import('../features/materials/routes/materials-page.tsx'),
  'MaterialsPage',
  materials,
);
const MaterialPage = lazyPage(
  () => import('../features/materials/routes/material-page.tsx'),
  'MaterialPage',
  materials,
);
// Collective agreements: their texts are the lazy `agreements` namespace, loaded with these chunks.
const agreements = { namespace: 'agreements' } as const;
const AgreementsPage = lazyPage(
  () => import('../features/agreements/routes/agreements-page.tsx'),
  'AgreementsPage',
  agreements,
);
const AgreementPage = lazyPage(
  () => import('../features/agreements/routes/agreement-page.tsx'),
  'AgreementPage',
  agreements,
);
const ChecklistPage = lazyPage(
  () => import('../features/agreements/routes/checklist-page.tsx'),
  'ChecklistPage',
  agreements,
);
// The Joint Commitment: its texts are the lazy `commitment` namespace, loaded with these chunks.
const commitment = { namespace: 'commitment' } as const;
const CommitmentVersionsPage = lazyPage(
  () => import('../features/commitment/routes/versions-page.tsx'),
  'VersionsPage',
  commitment,
);
const CommitmentVersionPage = lazyPage(
  () => import('../features/commitment/routes/version-page.tsx'),
  'VersionPage',
  commitment,
);
const CommitmentSignaturesPage = lazyPage(
  () => import('../features/commitment/routes/signatures-page.tsx'),
  'SignaturesPage',
  commitment,
);
const CommitmentCoveragePage = lazyPage(
  () => import('../features/commitment/routes/coverage-page.tsx'),
  'CoveragePage',
  commitment,
);
const OutboxPage = lazyPage(() => import('../features/outbox/routes/outbox-page.tsx'), 'OutboxPage');

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: paths.login, element: <LoginPage /> },
          { path: paths.setup, element: <SetupPage /> },
          { path: paths.resetPassword, element: <ResetPasswordPage /> },
          { path: paths.enrol, element: <EnrolPage /> },
        ],
      },
      {
        // The room display for self check-in fills the projector screen: no app shell around it.
        path: paths.trainingRoomPattern,
        element: (
          <RequireSession>
            <RequireCapability capability="training">
              <Suspense fallback={<PageLoader />}>
                <RoomDisplayPage />
              </Suspense>
            </RequireCapability>
          </RequireSession>
        ),
      },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { index: true, element: <HomePage /> },
          { path: paths.account, element: <AccountPage /> },
          { path: paths.units, element: <UnitsPage /> },
          {
            path: paths.unitsImport,
            element: (
              <RequireCapability capability="manageUnits">
                <UnitsImportPage />
              </RequireCapability>
            ),
          },
          { path: paths.unitPattern, element: <UnitPage /> },
          {
            path: paths.members,
            element: (
              <RequireCapability capability="readMembers">
                <MembersPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.membersImport,
            element: (
              <RequireCapability capability="manageMembers">
                <MembersImportPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.memberPattern,
            element: (
              <RequireCapability capability="readMembers">
                <MemberPage />
              </RequireCapability>
            ),
          },
          { path: paths.assemblies, element: <AssembliesPage /> },
          { path: paths.assemblyPattern, element: <AssemblyPage /> },
          { path: paths.assemblyCredentialsPattern, element: <CredentialsPage /> },
          { path: paths.quotaRules, element: <QuotaRulesPage /> },
          { path: paths.bodyQuotaPattern, element: <BodyQuotaPage /> },
          {
            path: paths.users,
            element: (
              <RequireCapability capability="manageUsers">
                <UsersPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.userPattern,
            element: (
              <RequireCapability capability="manageUsers">
                <UserDetailPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.roleConfirmations,
            element: (
              <RequireCapability capability="confirmCaseRoles">
                <RoleConfirmationsPage />
              </RequireCapability>
            ),
          },
          {
            // Retention is an administrator's duty (settings.manage); the admin role is the one with
            // manageUsers, so that capability guards the screen. The server checks every request.
            path: paths.retention,
            element: (
              <RequireCapability capability="manageUsers">
                <RetentionPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.cases,
            element: (
              <RequireCapability capability="workCases">
                <CasesPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.caseIntake,
            element: (
              <RequireCapability capability="intakeCases">
                <CaseIntakePage />
              </RequireCapability>
            ),
          },
          {
            path: paths.casePattern,
            element: (
              <RequireCapability capability="workCases">
                <CasePage />
              </RequireCapability>
            ),
          },
          {
            path: paths.caseStats,
            element: (
              <RequireCapability capability="readCaseStatistics">
                <CaseStatsPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.audit,
            element: (
              <RequireCapability capability="readAudit">
                <AuditPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.outbox,
            element: (
              <RequireCapability capability="readOutbox">
                <OutboxPage />
              </RequireCapability>
            ),
          },
          { path: paths.notifications, element: <NotificationsPage /> },
          { path: paths.holidays, element: <HolidaysPage /> },
          {
            path: paths.quotaDashboard,
            element: (
              <RequireCapability capability="readDashboards">
                <QuotaDashboardPage />
              </RequireCapability>
            ),
          },
          {
            path: paths.trainingReport,
            element: (
              <RequireCapability capability="readDashboards">
                <ReportPage />
              </RequireCapability>
            ),
          },
          // The leadership pipeline is an aggregate (dashboard.read): viewers read it too.
          {
            path: paths.trainingPipeline,
            element: (
              <RequireCapability capability="readDashboards">
                <PipelinePage />
              </RequireCapability>
            ),
          },
          ...[
            { path: paths.training, page: <ProgramsPage /> },
            { path: paths.trainingProgramPattern, page: <ProgramPage /> },
            { path: paths.trainingClassPattern, page: <ClassPage /> },
            { path: paths.trainingAttendancePattern, page: <AttendancePage /> },
            { path: paths.trainingTestsPattern, page: <TestsPage /> },
          ].map(({ path, page }) => ({
            path,
            element: <RequireCapability capability="training">{page}</RequireCapability>,
          })),
          {
            path: paths.cadre,
            element: (
              <RequireCapability capability="cadreStages">
                <CadrePage />
              </RequireCapability>
            ),
          },
          ...[
            { path: paths.campaigns, page: <CampaignsPage /> },
            { path: paths.campaignActivityPattern, page: <ActivityPage /> },
            { path: paths.campaignPattern, page: <CampaignPage /> },
            { path: paths.materials, page: <MaterialsPage /> },
            { path: paths.materialPattern, page: <MaterialPage /> },
          ].map(({ path, page }) => ({
            path,
            element: <RequireCapability capability="campaigns">{page}</RequireCapability>,
          })),
          ...[
            { path: paths.agreements, page: <AgreementsPage /> },
            { path: paths.agreementChecklist, page: <ChecklistPage /> },
            { path: paths.agreementPattern, page: <AgreementPage /> },
          ].map(({ path, page }) => ({
            path,
            element: <RequireCapability capability="agreements">{page}</RequireCapability>,
          })),
          ...[
            { path: paths.commitment, page: <CommitmentVersionsPage /> },
            { path: paths.commitmentVersionPattern, page: <CommitmentVersionPage /> },
            { path: paths.commitmentSignatures, page: <CommitmentSignaturesPage /> },
            { path: paths.commitmentCoverage, page: <CommitmentCoveragePage /> },
          ].map(({ path, page }) => ({
            path,
            element: <RequireCapability capability="commitment">{page}</RequireCapability>,
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
