// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HomeWork } from '../../../../shared/contracts/home.ts';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { renderApp } from '../../../test/render-app.tsx';

const home = id.home;
const nothing: HomeWork = { unitCases: null, assignedCases: null, admin: null };
const withGrants = (roles: string[], capabilities: Record<string, boolean> = {}) => {
  const session = caseSession();
  return {
    ...session,
    grants: roles.map((role, index) => ({
      id: `00000000-0000-4000-8000-0000000000c${index}`,
      role,
      unitId: 1,
      unitName: 'DPP SPN',
      unitLevel: 'DPP',
    })),
    capabilities: { ...session.capabilities, workCases: false, intakeCases: false, ...capabilities },
  };
};

describe('home page: what to act on now (issue 18)', () => {
  it('names in its intro every module that works and nothing that does not', () => {
    for (const module of ['Pelatihan', 'kampanye', 'Komitmen Bersama', 'kasus', 'kuota'])
      expect(home.intro.toLowerCase()).toContain(module.toLowerCase());
    expect(home.intro.toLowerCase()).not.toContain('rencana kerja');
  });

  let network: ReturnType<typeof installFakeFetch>;
  const serve = (session: unknown, work: HomeWork) => {
    network.on('GET', '/api/v1/session', { body: session });
    network.on('GET', '/api/v1/home/work', { body: work });
  };
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/notifications/unread-count', { body: { unread: 0 } });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('leads the coordinator to her unit’s waiting cases and the soonest first contact', async () => {
    serve(caseSession(), {
      ...nothing,
      unitCases: { open: 12, waiting: 10, firstContactDueAt: '2026-11-24T02:00:00.000Z', late: 1 },
    });
    renderApp('/');
    const card = await screen.findByRole('article', { name: home.work.unitCases.title });
    expect(card.textContent).toContain(home.work.unitCases.waiting.replace('{{count}}', '10'));
    expect(card.textContent).toContain(home.work.lateCount.replace('{{count}}', '1'));
    expect(card.textContent).toContain(home.work.unitCases.firstContactDue.split('{{date}}')[0]!);
    const link = screen.getByRole('link', { name: home.work.unitCases.action });
    expect(link.getAttribute('href')).toBe('/cases?scope=unit');
    // The intro names only what works today (its wording is checked on its own below).
    expect(screen.getByText(home.intro)).toBeTruthy();
  });

  it('gives the administrator a blocking warning when nobody coordinates cases at the top unit', async () => {
    serve(withGrants(['admin'], { manageUsers: true, readOutbox: true }), {
      ...nothing,
      admin: { topUnitStaffed: false, staffedUnits: 0, casesWithoutTeam: 2, heldMail: 3 },
    });
    renderApp('/');
    expect(await screen.findByText(home.work.noCoordinator.title)).toBeTruthy();
    expect(screen.getByText(home.work.casesWithoutTeam.replace('{{count}}', '2'))).toBeTruthy();
    expect(screen.getByRole('link', { name: home.work.noCoordinator.action }).getAttribute('href')).toBe(
      '/users',
    );
    expect(screen.getByText(home.work.heldMail.title)).toBeTruthy();
    expect(screen.getByRole('link', { name: home.work.heldMail.action }).getAttribute('href')).toBe(
      '/outbox',
    );
  });

  it('shows no warning once DPP has a coordinator and no mail is held', async () => {
    serve(withGrants(['admin'], { manageUsers: true }), {
      ...nothing,
      admin: { topUnitStaffed: true, staffedUnits: 3, casesWithoutTeam: 0, heldMail: 0 },
    });
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(await screen.findByText(home.links.users)).toBeTruthy();
    expect(screen.queryByText(home.work.noCoordinator.title)).toBeNull();
    expect(screen.queryByText(home.work.heldMail.title)).toBeNull();
  });

  it('leads a trainer to her classes, and a viewer only sees units', async () => {
    // Capacity building has landed: the trainer is no longer told it is not there yet.
    serve(
      withGrants(['trainer', 'viewer'], { training: true, campaigns: false, commitment: false }),
      nothing,
    );
    renderApp('/');
    expect(await screen.findByText(home.links.training)).toBeTruthy();
    expect(screen.queryByText(home.links.campaigns)).toBeNull();
    expect(screen.getByText(home.links.unitsRead)).toBeTruthy();
    expect(screen.queryByText(home.links.units)).toBeNull();
    expect(screen.queryByText(home.work.title)).toBeNull();
  });
});
