// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import cadre from '../../../../shared/locales/id/cadre.json';
import texts from '../../../../shared/locales/id/web-cadre.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { label, renderApp } from '../../../test/render-app.tsx';
import { ladder, officerSession, proposal, stages } from '../../../test/cadre-fixtures.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, String(value)), text);

describe('cadre stage screens', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: officerSession() });
    network.on('GET', '/api/v1/cadre/stages', { body: ladder(false) });
    network.on('GET', '/api/v1/cadre/proposals', { body: { items: [proposal], canRefresh: true } });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('lists open proposals with their evidence under the nav entry, and passes axe', async () => {
    renderApp('/cadre');
    expect(await screen.findByRole('heading', { level: 1, name: cadre.title })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Siti Rahayu' })).toBeTruthy();
    expect(screen.getByText(/Gender Training for Leadership \(dasar, .*83%\)/)).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: web.nav.label });
    expect(within(nav).getByRole('link', { name: texts.cadreStages.nav })).toBeTruthy();
    // Read-only ladder for a DPC officer.
    expect(await screen.findByRole('region', { name: cadre.ladder.tableLabel })).toBeTruthy();
    expect(
      screen.queryByRole('button', { name: fill(cadre.ladder.editLabel, { stage: 'Kader Dasar' }) }),
    ).toBeNull();
    expect(await axeViolations()).toEqual([]);
  });

  it('confirms with a date and a note, and declines only with a reason', async () => {
    network.on('POST', '/api/v1/cadre/proposals/41/confirm', { body: stages() });
    network.on('POST', '/api/v1/cadre/proposals/41/decline', { body: { ok: true } });
    renderApp('/cadre');
    const names = { stage: 'Kader Dasar', name: 'Siti Rahayu' };
    fireEvent.click(await screen.findByRole('button', { name: fill(cadre.confirmLabel, names) }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(cadre.achievedOn)), {
      target: { value: '2025-12-20' },
    });
    fireEvent.change(within(dialog).getByLabelText(label(cadre.evidenceNote)), {
      target: { value: 'Lulus' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: cadre.confirm }));
    await waitFor(() => expect(sent('POST', '/api/v1/cadre/proposals/41/confirm')).toHaveLength(1));
    expect(sent('POST', '/api/v1/cadre/proposals/41/confirm')[0]!.body).toEqual({
      achievedOn: '2025-12-20',
      evidenceNote: 'Lulus',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: fill(cadre.declineLabel, names) }));
    dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: cadre.decline }));
    expect(await within(dialog).findByText(cadre.required)).toBeTruthy();
    expect(sent('POST', '/api/v1/cadre/proposals/41/decline')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(label(cadre.reason)), {
      target: { value: 'Belum aktif' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: cadre.decline }));
    await waitFor(() => expect(sent('POST', '/api/v1/cadre/proposals/41/decline')).toHaveLength(1));
    expect(sent('POST', '/api/v1/cadre/proposals/41/decline')[0]!.body).toEqual({ reason: 'Belum aktif' });
  });

  it('shows the refusal of an officer who may not confirm', async () => {
    network.on('POST', '/api/v1/cadre/proposals/41/confirm', problem(403, 'forbidden', 'Ditolak.'));
    renderApp('/cadre');
    fireEvent.click(
      await screen.findByRole('button', {
        name: fill(cadre.confirmLabel, { stage: 'Kader Dasar', name: 'Siti Rahayu' }),
      }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: cadre.confirm }));
    expect(await within(dialog).findByText('Ditolak.')).toBeTruthy();
  });

  it('national officers edit a stage rule (attendance given in percent)', async () => {
    network.on('GET', '/api/v1/cadre/stages', { body: ladder(true) });
    network.on('PUT', '/api/v1/cadre/stages/kader_dasar', { body: ladder(true).items[1] });
    renderApp('/cadre');
    fireEvent.click(
      await screen.findByRole('button', { name: fill(cadre.ladder.editLabel, { stage: 'Kader Dasar' }) }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(`${cadre.ladder.columns.attendance} (%)`), {
      target: { value: '75' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: cadre.ladder.save }));
    await waitFor(() => expect(sent('PUT', '/api/v1/cadre/stages/kader_dasar')).toHaveLength(1));
    expect(sent('PUT', '/api/v1/cadre/stages/kader_dasar')[0]!.body).toMatchObject({
      minAttendance: 0.75,
      minCompletedClasses: 1,
      minLevel: 'dasar',
      requiredTracks: [],
    });
  });
});
