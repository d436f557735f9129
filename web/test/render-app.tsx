import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders } from '../app/providers.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/router.tsx';

/** Renders the real app (routes, providers, lazy pages) at `path`, in memory. */
export function renderApp(path: string) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queryClient };
}

/** A full-stage session for an administrator at the root unit. */
export const adminSession = (overrides: { totpEnabled?: boolean; language?: 'id' | 'en' } = {}) => ({
  signedIn: true as const,
  stage: 'full' as const,
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'admin@example.org',
    displayName: 'Sri Admin',
    language: overrides.language ?? 'id',
    totpEnabled: overrides.totpEnabled ?? false,
    totpRequired: false,
  },
  grants: [
    {
      id: '00000000-0000-4000-8000-0000000000a1',
      role: 'admin',
      unitId: 1,
      unitName: 'DPP SPN',
      unitLevel: 'DPP',
    },
  ],
  capabilities: {
    manageUsers: true,
    manageUnits: true,
    readAudit: true,
    readOutbox: true,
    readMembers: true,
    manageMembers: true,
    workCases: false,
    intakeCases: false,
    readCaseStatistics: false,
    manageCalendar: false,
    readDashboards: true,
    readAssemblies: true,
    training: true,
    cadreStages: true,
    campaigns: true,
    commitment: true,
    confirmCaseRoles: true,
    agreements: true,
  },
});

/** Matches an input's label that starts with `text` (Mantine appends " *" to required labels). */
export const label = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Renders one component with the app's providers (i18n, Mantine, a fresh query client) and a router. */
export function renderWithProviders(node: ReactNode) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter([{ path: '*', element: node }]);
  const view = render(
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, queryClient, router };
}
