// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import type { BodyView } from '../../../../shared/contracts/organisation.ts';
import { renderWithProviders } from '../../../test/render-app.tsx';
import { BodyCard } from './body-list.tsx';

const holder = (fields: {
  id: string;
  memberName: string;
  basis: 'elected' | 'acting';
  sex: 'P' | null;
  leftOn?: string | null;
}) => ({
  leftOn: null,
  memberId: `m-${fields.id}`,
  memberNumber: `SPN-${fields.id}`,
  termStart: '2025-01-15',
  termEnd: null,
  decreeNumber: fields.basis === 'elected' ? 'SK/015/2025' : null,
  ...fields,
});

const body: BodyView = {
  id: 7,
  unitId: 3,
  kind: 'executive',
  name: 'Pengurus DPC Kota Semarang',
  statutorySeats: 9,
  active: true,
  filledSeats: 2,
  vacantSeats: 3,
  positions: [
    {
      id: 1,
      title: 'Ketua',
      category: 'strategic',
      seats: 1,
      sortOrder: 10,
      holders: [holder({ id: '1', memberName: 'Budi Santoso', basis: 'acting', sex: null })],
      vacantSeats: 0,
    },
    {
      id: 2,
      title: 'Wakil Ketua',
      category: 'strategic',
      seats: 3,
      sortOrder: 20,
      holders: [holder({ id: '2', memberName: 'Siti Rahayu', basis: 'elected', sex: 'P' })],
      vacantSeats: 2,
    },
    {
      id: 3,
      title: 'Bendahara',
      category: 'administrative',
      seats: 1,
      sortOrder: 30,
      holders: [],
      vacantSeats: 1,
    },
  ],
};

const rowOf = (text: string) =>
  screen.getAllByRole('row').find((row) => row.textContent?.includes(text)) ?? null;

describe('body card', () => {
  it('shows holders, flags acting officers, and lists vacant seats explicitly', async () => {
    renderWithProviders(<BodyCard body={body} />);
    await screen.findByRole('heading', { name: body.name });
    expect(
      screen.getByText(`${id.bodies.summary.replace('{{filled}}', '2').replace('{{vacant}}', '3')}`, {
        exact: false,
      }),
    ).toBeTruthy();

    // One vacancy row per position that has empty seats, with the count.
    expect(screen.getAllByText(id.bodies.vacant)).toHaveLength(2);
    expect(screen.getByText(id.bodies.vacantSeats.replace('{{count}}', '2'))).toBeTruthy();
    expect(screen.getByText(id.bodies.vacantSeats.replace('{{count}}', '1'))).toBeTruthy();
    const bendahara = rowOf('Bendahara');
    expect(bendahara?.textContent).toContain(id.bodies.vacant);

    // A filled seat with no vacancy has no vacancy row; an acting holder carries the Plt flag.
    const ketua = rowOf('Budi Santoso');
    expect(ketua?.textContent).toContain(id.basis.acting);
    expect(ketua?.textContent).toContain(id.sex.unknown);
    const wakil = rowOf('Siti Rahayu');
    expect(wakil?.textContent).toContain(id.sex.P);
    expect(wakil?.textContent).toContain('SK/015/2025');
    // Read-only without actions.
    expect(screen.queryByRole('button', { name: id.bodies.appoint })).toBeNull();
  });

  it('says when a holder has left the union, and that her seat counts as vacant', async () => {
    const left: BodyView = {
      ...body,
      positions: body.positions.map((position) =>
        position.id === 2
          ? {
              ...position,
              holders: [
                holder({
                  id: '9',
                  memberName: 'Rina Keluar',
                  basis: 'elected',
                  sex: 'P',
                  leftOn: '2026-03-01',
                }),
              ],
              vacantSeats: 3,
            }
          : position,
      ),
    };
    renderWithProviders(<BodyCard body={left} />);
    await screen.findByRole('heading', { name: body.name });
    const row = rowOf('Rina Keluar');
    expect(row?.textContent).toContain(id.bodies.holderLeft.split('{{date}}')[0]);
    expect(row?.textContent).toMatch(/2026/);
    expect(rowOf('Budi Santoso')?.textContent).not.toContain(id.bodies.holderLeft.split('{{date}}')[0]);
  });

  it('offers appoint on vacancies and end on holders when the user may manage', async () => {
    const actions = { editBody: vi.fn(), addPosition: vi.fn(), appoint: vi.fn(), endAppointment: vi.fn() };
    renderWithProviders(<BodyCard body={body} actions={actions} />);
    const table = await screen.findByRole('table');
    within(table)
      .getByRole('button', { name: id.bodies.appointNamed.replace('{{position}}', 'Bendahara') })
      .click();
    expect(actions.appoint).toHaveBeenCalledWith(body, body.positions[2]);
    expect(
      within(table).queryByRole('button', { name: id.bodies.appointNamed.replace('{{position}}', 'Ketua') }),
    ).toBeNull();
    expect(within(table).getAllByRole('button', { name: /^Akhiri masa jabatan / })).toHaveLength(2);
    screen.getByRole('button', { name: id.bodies.editNamed.replace('{{name}}', body.name) }).click();
    expect(actions.editBody).toHaveBeenCalledWith(body);
  });
});
