// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../../../shared/locales/en/training.json';
import tr from '../../../../shared/locales/id/training.json';
import quotaTexts from '../../../../shared/locales/id/web-quota.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage, i18n } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch, problem } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';
import { attendance, classDetail, participant, program, roomCode, tracks } from '../training-fixtures.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, String(value)), text);

describe('training screens', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/training/tracks', { body: tracks });
    network.on('GET', '/api/v1/training/programs', { body: { items: [program()], canCreate: true } });
    network.on('GET', '/api/v1/training/programs/7', { body: program() });
    network.on('GET', '/api/v1/training/classes/31', { body: classDetail() });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });

  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('offers no new programme to someone who organises nowhere (a nominator, a trainer)', async () => {
    network.on('GET', '/api/v1/training/programs', { body: { items: [program()], canCreate: false } });
    renderApp('/training');
    expect(await screen.findByRole('heading', { level: 1, name: tr.programs.title })).toBeTruthy();
    expect(await screen.findByText(program().name)).toBeTruthy();
    expect(screen.queryByRole('button', { name: tr.programs.add })).toBeNull();
  });

  it('lists programmes under the nav entry, creates one with its partners as a list, and passes axe', async () => {
    network.on('POST', '/api/v1/training/programs', { status: 201, body: program({ id: 8, name: 'Baru' }) });
    network.on('GET', '/api/v1/training/programs/8', { body: program({ id: 8, name: 'Baru' }) });
    network.on('GET', /^\/api\/v1\/units/, {
      body: { items: [{ id: 1, name: 'DPP SPN', level: 'DPP', code: 'DPP', parentId: null }] },
    });
    renderApp('/training');
    expect(await screen.findByRole('link', { name: 'Capacity Building SPN–KSPI' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: web.nav.label });
    expect(within(nav).getByRole('link', { name: web.nav.training })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: tr.programs.add }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(tr.programs.fields.name)), {
      target: { value: 'Baru' },
    });
    const unit = within(dialog).getByLabelText(label(tr.programs.fields.unit));
    await userEvent.click(unit);
    fireEvent.click(await screen.findByRole('option', { name: /DPP SPN/, hidden: true }));
    fireEvent.change(within(dialog).getByLabelText(fill(tr.programs.fields.partner, { number: 1 })), {
      target: { value: 'KSPI' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: tr.programs.fields.addPartner }));
    fireEvent.change(within(dialog).getByLabelText(fill(tr.programs.fields.partner, { number: 2 })), {
      target: { value: 'IndustriALL' },
    });
    fireEvent.change(within(dialog).getByLabelText(label(tr.programs.fields.startsOn)), {
      target: { value: '2025-12-16' },
    });
    fireEvent.change(within(dialog).getByLabelText(label(tr.programs.fields.endsOn)), {
      target: { value: '2025-12-18' },
    });
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.create }));
    await waitFor(() => expect(sent('POST', '/api/v1/training/programs')).toHaveLength(1));
    expect(sent('POST', '/api/v1/training/programs')[0]!.body).toEqual({
      unitId: 1,
      name: 'Baru',
      partners: ['KSPI', 'IndustriALL'],
      venue: null,
      funding: null,
      startsOn: '2025-12-16',
      endsOn: '2025-12-18',
    });
  });

  it('shows a programme’s classes and prefills a new class from its track', async () => {
    network.on('POST', '/api/v1/training/programs/7/classes', { status: 201, body: classDetail() });
    renderApp('/training/programs/7');
    expect(await screen.findByRole('link', { name: 'Kelas Pekerja Muda Dasar' })).toBeTruthy();
    expect(await screen.findByText('Kelas Pekerja Muda')).toBeTruthy();
    expect(screen.getByText('12 / 20')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: tr.program.addClass }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(tr.classForm.fields.track)), {
      target: { value: 'pekerja_muda' },
    });
    expect((within(dialog).getByLabelText(label(tr.classForm.fields.maxAge)) as HTMLInputElement).value).toBe(
      '35',
    );
    fireEvent.change(within(dialog).getByLabelText(label(tr.classForm.fields.track)), {
      target: { value: 'perempuan' },
    });
    expect((within(dialog).getByLabelText(tr.classForm.fields.womenOnly) as HTMLInputElement).checked).toBe(
      true,
    );
    fireEvent.change(within(dialog).getByLabelText(label(tr.classForm.fields.title)), {
      target: { value: 'Gender Training for Leadership' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.create }));
    await waitFor(() => expect(sent('POST', '/api/v1/training/programs/7/classes')).toHaveLength(1));
    expect(sent('POST', '/api/v1/training/programs/7/classes')[0]!.body).toMatchObject({
      track: 'perempuan',
      womenOnly: true,
      maxAge: null,
      seats: 20,
      minAttendance: 0.8,
      minPostScore: null,
      startsOn: '2025-12-16',
    });
  });

  it('shows the class to an organiser: facts, quota judgement, call, sessions, people, participants; passes axe', async () => {
    renderApp('/training/classes/31');
    expect(await screen.findByRole('heading', { level: 1, name: 'Kelas Pekerja Muda Dasar' })).toBeTruthy();
    const quota = screen.getAllByRole('region', { name: tr.class.quotaTitle })[0]!;
    expect(within(quota).getAllByText(quotaTexts.quota.status.at_risk).length).toBeGreaterThan(0);
    expect(
      within(quota).getByText(fill(quotaTexts.quota.hint.needs_more_women_other, { count: 5, seats: 20 })),
    ).toBeTruthy();
    expect(screen.getByText(/Dewi Lestari/)).toBeTruthy();
    expect(screen.getByText(tr.people.external)).toBeTruthy();
    expect(
      screen.getByRole('button', { name: fill(tr.call.changeNamed, { unit: 'DPD Jawa Barat' }) }),
    ).toBeTruthy();
    const call = screen.getByRole('region', { name: tr.call.tableLabel });
    expect(within(call).getByRole('columnheader', { name: tr.call.quota })).toBeTruthy();
    expect(within(call).getByText(fill(tr.call.women, { women: 1, required: 2 }))).toBeTruthy();
    expect(
      screen.getByRole('button', { name: fill(tr.participants.decideNamed, { name: 'Siti Rahayu' }) }),
    ).toBeTruthy();
    expect(
      screen.getByRole('button', { name: fill(tr.certificate.revokeNamed, { name: 'Ani Wijaya' }) }),
    ).toBeTruthy();
    expect(
      screen
        .getByRole('link', { name: fill(tr.certificate.pdfNamed, { name: 'Ani Wijaya' }) })
        .getAttribute('href'),
    ).toMatch(/^\/api\/v1\/training\/certificates\/[0-9A-Z-]+\/pdf$/);
    expect(screen.getAllByRole('link', { name: new RegExp(tr.sessions.attendance) }).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByText(tr.status.completed)).toBeTruthy();
    expect(screen.getByText('90%')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('a nominator sees no decide or organise actions, and a refused nomination names each failing rule', async () => {
    network.on('GET', '/api/v1/training/classes/31', {
      body: classDetail({ can: { organise: false, run: false, nominate: true } }),
    });
    network.on('GET', /^\/api\/v1\/members/, {
      body: {
        items: [{ id: '9100', fullName: 'Rudi Hartono', memberNumber: 'SPN-0100', unitName: 'PSP PT Maju' }],
      },
    });
    network.on(
      'POST',
      '/api/v1/training/classes/31/nominations',
      problem(422, 'not_eligible', 'Anggota tidak memenuhi syarat.', {
        details: { failures: ['too_old', 'prerequisite_missing'] },
      }),
    );
    renderApp('/training/classes/31');
    const nominate = await screen.findByRole('button', { name: tr.participants.nominate });
    expect(screen.queryByRole('button', { name: new RegExp(tr.participants.decide) })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.call.add })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.completion.run })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.people.addTrainer })).toBeNull();
    expect(screen.queryByRole('button', { name: new RegExp(tr.certificate.revoke) })).toBeNull();
    expect(screen.queryByRole('link', { name: new RegExp(tr.certificate.pdf) })).toBeNull();

    fireEvent.click(nominate);
    const dialog = await screen.findByRole('dialog');
    const picker = within(dialog).getByLabelText(label(tr.participants.member));
    await userEvent.type(picker, 'Rudi');
    fireEvent.click(await screen.findByRole('option', { name: /Rudi Hartono/, hidden: true }));
    fireEvent.click(within(dialog).getByRole('button', { name: tr.participants.nominate }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain(tr.participants.notEligible);
    expect(alert.textContent).toContain(tr.eligibility.too_old);
    expect(alert.textContent).toContain(tr.eligibility.prerequisite_missing);
    expect(sent('POST', '/api/v1/training/classes/31/nominations')[0]!.body).toEqual({ memberId: '9100' });
    expect(await axeViolations()).toEqual([]);
  });

  it('a trainer runs the class (sessions, completion) but sees no organise actions', async () => {
    network.on('GET', '/api/v1/training/classes/31', {
      body: classDetail({ can: { organise: false, run: true, nominate: false } }),
    });
    network.on('POST', '/api/v1/training/classes/31/completion', {
      body: { completed: 1, notCompleted: 0, detail: [] },
    });
    renderApp('/training/classes/31');
    fireEvent.click(await screen.findByRole('button', { name: tr.completion.run }));
    await waitFor(() => expect(sent('POST', '/api/v1/training/classes/31/completion')).toHaveLength(1));
    expect(screen.getByRole('button', { name: tr.sessions.add })).toBeTruthy();
    expect(screen.queryByRole('button', { name: new RegExp(tr.participants.decide) })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.call.add })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.people.addFacilitator })).toBeNull();
    expect(screen.queryByRole('button', { name: tr.participants.nominate })).toBeNull();
    expect(screen.queryByRole('button', { name: new RegExp(tr.certificate.revoke) })).toBeNull();
  });

  it('returning a nomination needs a reason before anything is sent', async () => {
    network.on('POST', '/api/v1/training/participants/501/decision', {
      body: classDetail({ participants: [participant({ status: 'returned', reason: 'Kuota unit penuh' })] }),
    });
    renderApp('/training/classes/31');
    fireEvent.click(
      await screen.findByRole('button', { name: fill(tr.participants.decideNamed, { name: 'Siti Rahayu' }) }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: tr.move.returned }));
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.save }));
    expect(await within(dialog).findByText(tr.participants.reasonRequired)).toBeTruthy();
    expect(sent('POST', '/api/v1/training/participants/501/decision')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(label(tr.participants.reason)), {
      target: { value: 'Kuota unit penuh' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.save }));
    await waitFor(() => expect(sent('POST', '/api/v1/training/participants/501/decision')).toHaveLength(1));
    expect(sent('POST', '/api/v1/training/participants/501/decision')[0]!.body).toEqual({
      status: 'returned',
      reason: 'Kuota unit penuh',
    });
  });

  it("returns a unit's nominations as one list, with one reason and nothing sent without it", async () => {
    network.on('POST', '/api/v1/training/classes/31/allocations/3/return', { body: classDetail() });
    renderApp('/training/classes/31');
    fireEvent.click(
      await screen.findByRole('button', { name: fill(tr.call.returnNamed, { unit: 'DPD Jawa Barat' }) }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: tr.call.return }));
    expect(await within(dialog).findByText(web.validation.required)).toBeTruthy();
    expect(sent('POST', '/api/v1/training/classes/31/allocations/3/return')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(label(tr.call.returnReason)), {
      target: { value: 'Kurang dari 30% perempuan' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: tr.call.return }));
    await waitFor(() =>
      expect(sent('POST', '/api/v1/training/classes/31/allocations/3/return')).toHaveLength(1),
    );
    expect(sent('POST', '/api/v1/training/classes/31/allocations/3/return')[0]!.body).toEqual({
      reason: 'Kurang dari 30% perempuan',
    });
  });

  it('explains a quota refusal of an acceptance readably', async () => {
    network.on(
      'POST',
      '/api/v1/training/participants/501/decision',
      problem(422, 'training_below_quota', 'Kuota.', { details: { required: 6, women: 1, seatsLeft: 4 } }),
    );
    renderApp('/training/classes/31');
    fireEvent.click(
      await screen.findByRole('button', { name: fill(tr.participants.decideNamed, { name: 'Siti Rahayu' }) }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('radio', { name: tr.move.accepted }));
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.save }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain(
      fill(tr.participants.belowQuota, { required: 6, women: 1, seatsLeft: 4 }),
    );
    expect(sent('POST', '/api/v1/training/participants/501/decision')[0]!.body).toEqual({
      status: 'accepted',
      reason: null,
    });
  });

  it('roll call sends one mark per tap, shows corrections, and paper mode sends the sheet in bulk', async () => {
    network.on('GET', '/api/v1/training/sessions/41/attendance', { body: attendance() });
    network.on('PUT', '/api/v1/training/sessions/41/attendance', { body: attendance() });
    renderApp('/training/classes/31/sessions/41/attendance');
    const group = await screen.findByRole('group', {
      name: fill(tr.attendance.statusOf, { name: 'Ani Wijaya' }),
    });
    expect(screen.getByText(new RegExp(tr.attendance.corrections))).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(within(group).getByRole('button', { name: tr.attendance.status.present }));
    await waitFor(() => expect(sent('PUT', '/api/v1/training/sessions/41/attendance')).toHaveLength(1));
    expect(sent('PUT', '/api/v1/training/sessions/41/attendance')[0]!.body).toEqual({
      via: 'roll_call',
      marks: [{ participantId: '502', status: 'present' }],
    });

    fireEvent.click(screen.getByText(tr.attendance.paper));
    fireEvent.change(
      await screen.findByRole('combobox', { name: fill(tr.attendance.statusOf, { name: 'Siti Rahayu' }) }),
      { target: { value: 'excused' } },
    );
    fireEvent.change(
      screen.getByRole('combobox', { name: fill(tr.attendance.statusOf, { name: 'Ani Wijaya' }) }),
      {
        target: { value: 'absent' },
      },
    );
    // The printable sheet to fill in the room comes from the server, for this session.
    expect(screen.getByRole('link', { name: tr.attendance.printSheet }).getAttribute('href')).toBe(
      '/api/v1/training/sessions/41/sign-in-sheet',
    );
    // The signed sheet's photo goes with the session; without a file nothing is sent.
    fireEvent.click(screen.getByRole('button', { name: tr.attendance.photos.submit }));
    expect(await screen.findByText(tr.attendance.photos.required)).toBeTruthy();
    expect(sent('POST', '/api/v1/training/sessions/41/sheet-photos')).toHaveLength(0);
    network.on('POST', '/api/v1/training/sessions/41/sheet-photos', {
      status: 201,
      body: attendance({
        photos: [{ id: 3, mediaType: 'image/png', size: 68, uploadedAt: '2025-12-16T09:00:00.000Z' }],
      }),
    });
    fireEvent.change(screen.getByLabelText(new RegExp(tr.attendance.photos.file)), {
      target: { files: [new File(['png'], 'lembar.png', { type: 'image/png' })] },
    });
    fireEvent.click(screen.getByRole('button', { name: tr.attendance.photos.submit }));
    await waitFor(() => expect(sent('POST', '/api/v1/training/sessions/41/sheet-photos')).toHaveLength(1));
    expect(
      (
        await screen.findByRole('link', { name: new RegExp(`^${tr.attendance.photos.item.split(' ')[0]} 1`) })
      ).getAttribute('href'),
    ).toBe('/api/v1/training/sessions/41/sheet-photos/3');
    expect(await axeViolations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: tr.attendance.paperSave }));
    await waitFor(() => expect(sent('PUT', '/api/v1/training/sessions/41/attendance')).toHaveLength(2));
    expect(sent('PUT', '/api/v1/training/sessions/41/attendance')[1]!.body).toEqual({
      via: 'paper',
      marks: [
        { participantId: '501', status: 'excused' },
        { participantId: '502', status: 'absent' },
      ],
    });
  });

  it('records a tally for an open session', async () => {
    network.on('GET', '/api/v1/training/sessions/41/attendance', { body: attendance({ rows: [] }) });
    network.on('PUT', '/api/v1/training/sessions/41/tally', { body: attendance({ rows: [] }) });
    renderApp('/training/classes/31/sessions/41/attendance');
    fireEvent.click(await screen.findByText(tr.attendance.tally));
    fireEvent.change(await screen.findByLabelText(tr.attendance.women), { target: { value: '12' } });
    fireEvent.change(screen.getByLabelText(tr.attendance.men), { target: { value: '9' } });
    fireEvent.click(screen.getByRole('button', { name: tr.attendance.tallySave }));
    await waitFor(() => expect(sent('PUT', '/api/v1/training/sessions/41/tally')).toHaveLength(1));
    expect(sent('PUT', '/api/v1/training/sessions/41/tally')[0]!.body).toEqual({
      women: 12,
      men: 9,
      unknown: 0,
    });
  });

  it('the room display shows the QR as an image, the typed code, and asks again when the code expires', async () => {
    network.once('GET', '/api/v1/training/sessions/41/room-code', {
      body: roomCode({ validUntil: new Date(Date.now() + 200).toISOString() }),
    });
    network.on('GET', '/api/v1/training/sessions/41/room-code', { body: roomCode({ code: '771204' }) });
    renderApp('/training/classes/31/sessions/41/room');
    expect((await screen.findByTestId('room-code')).textContent).toBe('482913');
    const image = screen.getByRole('img', { name: tr.room.qrAlt }) as HTMLImageElement;
    expect(image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(document.querySelector('main svg')).toBeNull();
    expect(await axeViolations()).toEqual([]);
    await waitFor(() => expect(screen.getByTestId('room-code').textContent).toBe('771204'), {
      timeout: 5_000,
    });
  });

  it('a language switch loads the English training texts before the screen shows them', async () => {
    i18n.removeResourceBundle('en', 'training');
    expect(i18n.hasResourceBundle('en', 'training')).toBe(false);
    network.on('GET', '/api/v1/session', { body: adminSession({ language: 'en' }) });
    renderApp('/training/classes/31');
    expect(await screen.findByRole('heading', { level: 2, name: en.participants.title })).toBeTruthy();
    expect(i18n.hasResourceBundle('en', 'training')).toBe(true);
    expect(screen.getByRole('button', { name: en.participants.nominate })).toBeTruthy();
  });
});
