import { Anchor, AppShell, Burger, Group, NavLink } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { NotificationBell } from '../../components/notification-bell.tsx';
import { PageLoader } from '../../components/page-loader.tsx';
import { paths } from '../../lib/paths.ts';
import { useFullSession, type Capability } from '../../lib/session.ts';
import { UserMenu } from './user-menu.tsx';

interface NavItem {
  to: string;
  label: string;
  /** Hidden unless the session grants this capability; the server checks again on every call. */
  capability?: Capability;
}

function isActive(pathname: string, to: string): boolean {
  return to === paths.home ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
}

/** The staff app shell: header with the app name and user menu, navigation (a burger on phones), main. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useFullSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isMobile = useMediaQuery('(max-width: 47.99em)') ?? false;
  const { pathname } = useLocation();

  const items: NavItem[] = [
    { to: paths.home, label: t('nav.home') },
    { to: paths.units, label: t('nav.units') },
    { to: paths.members, label: t('nav.members'), capability: 'readMembers' },
    { to: paths.assemblies, label: t('nav.assemblies'), capability: 'readAssemblies' },
    { to: paths.quotaRules, label: t('quota.nav') },
    { to: paths.quotaDashboard, label: t('quotaDashboard.nav'), capability: 'readDashboards' },
    { to: paths.training, label: t('nav.training'), capability: 'training' },
    { to: paths.cadre, label: t('cadreStages.nav'), capability: 'cadreStages' },
    { to: paths.campaigns, label: t('nav.campaigns'), capability: 'campaigns' },
    { to: paths.materials, label: t('nav.materials'), capability: 'campaigns' },
    { to: paths.commitment, label: t('nav.commitment'), capability: 'commitment' },
    { to: paths.agreements, label: t('nav.agreements'), capability: 'agreements' },
    { to: paths.cases, label: t('nav.cases'), capability: 'workCases' },
    { to: paths.caseStats, label: t('caseStats.nav'), capability: 'readCaseStatistics' },
    { to: paths.users, label: t('nav.users'), capability: 'manageUsers' },
    { to: paths.roleConfirmations, label: t('nav.roleConfirmations'), capability: 'confirmCaseRoles' },
    { to: paths.retention, label: t('caseRetention.nav'), capability: 'manageUsers' },
    { to: paths.audit, label: t('nav.audit'), capability: 'readAudit' },
    { to: paths.outbox, label: t('nav.outbox'), capability: 'readOutbox' },
    { to: paths.notifications, label: t('caseReminders.nav.notifications') },
    { to: paths.holidays, label: t('caseReminders.nav.holidays') },
    { to: paths.account, label: t('nav.account') },
  ];
  const visible = items.filter((item) => !item.capability || session.capabilities[item.capability]);
  const navHidden = isMobile && !opened;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main-content" className="setara-skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.close') : t('nav.open')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Anchor component={Link} to={paths.home} fw={800} fz="xl" c="dark" underline="never">
              Setara
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="sm"
        id="main-navigation"
        aria-label={t('nav.label')}
        // A collapsed menu on a phone is only moved off-screen; keep its links out of the tab order.
        inert={navHidden}
      >
        {visible.map((item) => {
          const active = isActive(pathname, item.to);
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              active={active}
              aria-current={active ? 'page' : undefined}
              className="setara-nav-link"
              onClick={close}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
