// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import texts from '../../../../shared/locales/id/web-cadre.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { memberDetail, officerSession, stages } from '../../../test/cadre-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { label, renderApp } from '../../../test/render-app.tsx';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, String(value)), text);
const member = texts.cadreStages.member;

describe('her stages on the member page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: officerSession() });
    network.on('GET', '/api/v1/members/1001', { body: memberDetail });
    network.on('GET', '/api/v1/training/members/1001', { body: { items: [] } });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('shows the current stage, what the next needs, and the history with confirmer and evidence', async () => {
    network.on('GET', '/api/v1/cadre/members/1001', { body: stages() });
    renderApp('/members/1001');
    expect(await screen.findByRole('heading', { level: 2, name: member.title })).toBeTruthy();
    expect(
      await screen.findByText(fill(member.byUnit, { name: 'Rina Bogor', unit: 'DPC Kabupaten Bogor' })),
    ).toBeTruthy();
    expect(screen.getByText('Lulus Kelas Perempuan Bogor')).toBeTruthy();
    expect(
      screen.getByText(
        new RegExp(
          fill(member.nextMissing, {
            list: `${texts.cadreStages.failures.completed_classes_below}; ${texts.cadreStages.failures.too_soon}`,
          }),
        ),
      ),
    ).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('an officer of the level above records a stage by hand (a note is required) and withdraws one', async () => {
    network.on('GET', '/api/v1/cadre/members/1001', { body: stages() });
    network.on('POST', '/api/v1/cadre/members/1001/records', { status: 201, body: stages() });
    network.on('POST', '/api/v1/cadre/records/9/withdraw', {
      body: stages({
        records: [
          {
            ...stages().records[0]!,
            withdrawnAt: '2026-01-02T00:00:00Z',
            withdrawnBy: 'x',
            withdrawnReason: 'Salah',
          },
        ],
      }),
    });
    renderApp('/members/1001');
    fireEvent.click(await screen.findByRole('button', { name: member.record }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(member.achievedOn)), {
      target: { value: '2023-01-01' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: member.save }));
    expect(await within(dialog).findByText(member.required)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(label(member.evidenceNote)), {
      target: { value: 'Pelatihan madya 2022' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: member.save }));
    await waitFor(() => expect(sent('POST', '/api/v1/cadre/members/1001/records')).toHaveLength(1));
    expect(sent('POST', '/api/v1/cadre/members/1001/records')[0]!.body).toEqual({
      stage: 'kader_madya',
      achievedOn: '2023-01-01',
      evidenceNote: 'Pelatihan madya 2022',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(
      screen.getByRole('button', { name: fill(member.withdrawLabel, { stage: 'Kader Dasar' }) }),
    );
    dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(member.reason)), { target: { value: 'Salah' } });
    fireEvent.click(within(dialog).getByRole('button', { name: member.confirmWithdraw }));
    await waitFor(() => expect(sent('POST', '/api/v1/cadre/records/9/withdraw')).toHaveLength(1));
    expect(await screen.findByText(/Salah$/)).toBeTruthy();
  });

  it('an officer of her own unit sees her stages but no record or withdraw action', async () => {
    network.on('GET', '/api/v1/cadre/members/1001', { body: stages({ canDecide: false, recordable: [] }) });
    renderApp('/members/1001');
    expect(await screen.findByText('Lulus Kelas Perempuan Bogor')).toBeTruthy();
    expect(screen.queryByRole('button', { name: member.record })).toBeNull();
    expect(
      screen.queryByRole('button', { name: fill(member.withdrawLabel, { stage: 'Kader Dasar' }) }),
    ).toBeNull();
  });
});
