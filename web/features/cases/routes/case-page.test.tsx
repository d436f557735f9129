// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import type { CaseDetail } from '../../../../shared/contracts/cases.ts';
import { resetCsrfToken } from '../../../lib/api.ts';
import { allowedCoordinator, caseDetail, caseId, caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch, problem, type RecordedRequest } from '../../../test/fake-fetch.ts';
import { label, renderApp } from '../../../test/render-app.tsx';

const casePath = `/api/v1/cases/${caseId}`;
/** A label that is exactly `text` (Mantine appends " *" to required ones); `label()` matches prefixes. */
const exactLabel = (text: string) => new RegExp(`${label(text).source}( \\*)?$`);
const tabNames = () => screen.getAllByRole('tab').map((tab) => tab.textContent);
const posts = (network: ReturnType<typeof installFakeFetch>, suffix: string): RecordedRequest[] =>
  network.requests.filter((request) => request.method !== 'GET' && request.path === `${casePath}${suffix}`);

describe('case page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  const noCheckins = {
    outcomeAt: null,
    contractRenewalOn: null,
    items: [],
    allowed: { record: true, setContractRenewal: true, reopen: false },
  };
  const serve = (detail: CaseDetail) => network.on('GET', casePath, { body: detail });

  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: caseSession() });
    network.on('GET', '/api/v1/units', { body: { items: [] } });
    network.on('GET', '/api/v1/cases', { body: { items: [], nextCursor: null } });
    network.on('GET', `${casePath}/links`, { body: { items: [] } });
    network.on('GET', '/api/v1/notifications/unread-count', { body: { unread: 0 } });
    network.on('GET', `${casePath}/checkins`, { body: noCheckins });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('leaves out every part the server sent as null, and every action it does not allow', async () => {
    serve(
      caseDetail({
        narrative: null,
        placeDetail: null,
        identity: null,
        namedPerson: null,
        notes: null,
        messages: null,
        files: null,
      }),
    );
    renderApp(`/cases/${caseId}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Kasus K-2026-0001' })).toBeTruthy();

    expect(tabNames()).toEqual([
      id.cases.sections.summary,
      id.cases.sections.team,
      id.cases.sections.consent,
      id.cases.sections.referrals,
      id.cases.sections.measures,
      id.cases.sections.rights,
      id.cases.sections.timeline,
    ]);
    // Coded facts are there; the sealed parts are not, not even as empty headings.
    expect(screen.getByRole('heading', { name: id.cases.summary.coded })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: id.cases.fields.narrative })).toBeNull();
    expect(screen.queryByRole('heading', { name: id.cases.fields.placeDetail })).toBeNull();
    expect(screen.queryByRole('heading', { name: id.cases.summary.identity })).toBeNull();
    expect(screen.queryByText('+62 812 0000 0000')).toBeNull();

    expect(screen.queryByRole('button', { name: id.cases.transition.action })).toBeNull();
    expect(screen.queryByRole('button', { name: id.cases.routing.action })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: id.cases.sections.team }));
    expect(await screen.findByText('Dewi Pendamping')).toBeTruthy();
    expect(screen.queryByRole('button', { name: id.cases.team.assign })).toBeNull();
    expect(screen.queryByRole('button', { name: id.cases.team.recuse })).toBeNull();
    expect(screen.queryByRole('button', { name: /Akhiri penugasan/ })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: id.cases.sections.referrals }));
    expect(await screen.findByText(id.cases.referrals.none)).toBeTruthy();
    expect(screen.queryByRole('button', { name: id.cases.referrals.submit })).toBeNull();
  });

  it('shows the parts and actions a coordinator has, with the same-gender request up front', async () => {
    serve(caseDetail({ allowed: allowedCoordinator, ethicsApplicable: true, sameGenderHandler: true }));
    renderApp(`/cases/${caseId}`);
    expect(await screen.findByRole('heading', { name: id.cases.fields.narrative })).toBeTruthy();
    expect(screen.getByText('Atasan saya berkali-kali mengirim pesan bernada seksual.')).toBeTruthy();
    expect(screen.getByText('+62 812 0000 0000')).toBeTruthy();
    expect(screen.getByText(id.cases.sameGender.title)).toBeTruthy();
    expect(tabNames()).toContain(id.cases.sections.ethics);
    expect(tabNames()).toContain(id.cases.sections.notes);
    expect(tabNames()).toContain(id.cases.sections.accessLog);
    expect(screen.getByRole('button', { name: id.cases.transition.action })).toBeTruthy();
    expect(screen.getByRole('button', { name: id.cases.routing.action })).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: id.cases.sections.notes }));
    expect(await screen.findByText(id.cases.notes.hint)).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: id.cases.sections.messages }));
    expect(await screen.findByText(id.cases.messages.hint)).toBeTruthy();
  });

  it('asks for the access log only when its tab is opened', async () => {
    serve(caseDetail({ allowed: { readAccessLog: true } }));
    network.on('GET', `${casePath}/access-log`, {
      body: {
        items: [
          { at: '2026-11-21T02:00:00.000Z', user: { id: 'u1', name: 'Dewi Pendamping' }, part: 'narrative' },
        ],
      },
    });
    renderApp(`/cases/${caseId}`);
    await screen.findByRole('heading', { level: 1 });
    expect(network.requests.some((request) => request.path.endsWith('/access-log'))).toBe(false);
    fireEvent.click(screen.getByRole('tab', { name: id.cases.sections.accessLog }));
    const table = await screen.findByRole('table');
    expect(await within(table).findByText(id.cases.parts.narrative)).toBeTruthy();
    expect(network.requests.filter((request) => request.path.endsWith('/access-log'))).toHaveLength(1);
  });

  it('shows a plain not-found page when the case is not open to the caller', async () => {
    network.on('GET', casePath, problem(404, 'not_found', 'Tidak ditemukan.'));
    renderApp(`/cases/${caseId}`);
    expect(await screen.findByRole('heading', { level: 1, name: id.cases.notFound.title })).toBeTruthy();
    expect(screen.getByRole('link', { name: id.cases.back }).getAttribute('href')).toBe('/cases');
  });

  it('offers only the allowed target states and needs a closing reason to close', async () => {
    serve(caseDetail({ allowed: { transitions: ['closed'] } }));
    network.on(
      'POST',
      `${casePath}/transitions`,
      problem(409, 'rights_not_reviewed', 'Daftar periksa hak belum ditinjau.'),
    );
    renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('button', { name: id.cases.transition.action }));
    const dialog = await screen.findByRole('dialog');
    const target = within(dialog).getByLabelText(label(id.cases.transition.to)) as HTMLSelectElement;
    expect([...target.options].map((option) => option.value)).toEqual(['', 'closed']);
    fireEvent.change(target, { target: { value: 'closed' } });
    expect(await within(dialog).findByText(id.cases.transition.rightsNotReviewed)).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText(exactLabel(id.cases.transition.reason)), {
      target: { value: 'Korban menarik laporannya.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: id.cases.transition.submit }));
    expect(await within(dialog).findByText(id.cases.transition.closingReasonRequired)).toBeTruthy();
    expect(posts(network, '/transitions')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText(label(id.cases.fields.closingReason)), {
      target: { value: 'ditarik_korban' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: id.cases.transition.submit }));
    // The server's refusal is shown in its own words.
    expect(await within(dialog).findByText('Daftar periksa hak belum ditinjau.')).toBeTruthy();
    expect(posts(network, '/transitions').map((request) => request.body)).toEqual([
      { to: 'closed', reason: 'Korban menarik laporannya.', closingReason: 'ditarik_korban' },
    ]);
  });

  it('asks for an outcome to move to monitoring and never offers mediation on sexual violence', async () => {
    serve(caseDetail({ forms: ['KS01'], allowed: { transitions: ['monitoring'] } }));
    network.on('POST', `${casePath}/transitions`, (request) => ({
      body: caseDetail({
        state: 'monitoring',
        outcome: (request.body as { outcome: 'pemulihan_hak' }).outcome,
      }),
    }));
    renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('button', { name: id.cases.transition.action }));
    const dialog = await screen.findByRole('dialog');
    // The only allowed target is preselected.
    expect((within(dialog).getByLabelText(label(id.cases.transition.to)) as HTMLSelectElement).value).toBe(
      'monitoring',
    );
    const outcome = within(dialog).getByLabelText(label(id.cases.fields.outcome)) as HTMLSelectElement;
    const offered = [...outcome.options].map((option) => option.value);
    expect(offered).toContain('pemulihan_hak');
    expect(offered).not.toContain('mediasi_damai');

    fireEvent.change(within(dialog).getByLabelText(exactLabel(id.cases.transition.reason)), {
      target: { value: 'Hasil diputuskan.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: id.cases.transition.submit }));
    expect(await within(dialog).findByText(id.cases.transition.outcomeRequired)).toBeTruthy();
    fireEvent.change(outcome, { target: { value: 'pemulihan_hak' } });
    fireEvent.click(within(dialog).getByRole('button', { name: id.cases.transition.submit }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(posts(network, '/transitions')[0]?.body).toEqual({
      to: 'monitoring',
      reason: 'Hasil diputuskan.',
      outcome: 'pemulihan_hak',
    });
    // The page shows the server's answer.
    expect(await screen.findByText(id.cases.states.monitoring)).toBeTruthy();
  });

  it('refers without consent only as a flagged emergency with a written reason', async () => {
    serve(caseDetail({ allowed: { refer: true } }));
    network.once(
      'POST',
      `${casePath}/referrals`,
      problem(409, 'consent_required', 'Belum ada persetujuan korban untuk layanan ini.'),
    );
    network.on('POST', `${casePath}/referrals`, (request) => ({
      body: caseDetail({
        allowed: { refer: true },
        referrals: [
          {
            id: '55555555-5555-4555-8555-555555555555',
            service: 'rumah_aman',
            recipient: null,
            referredOn: (request.body as { referredOn: string }).referredOn,
            status: 'dikirim',
            outcome: null,
            emergency: true,
            emergencyReason: (request.body as { emergencyReason: string }).emergencyReason,
            needsReview: true,
          },
        ],
      }),
    }));
    renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('tab', { name: id.cases.sections.referrals }));
    fireEvent.change(await screen.findByLabelText(label(id.cases.referrals.service)), {
      target: { value: 'rumah_aman' },
    });
    expect(screen.getByText(id.cases.referrals.noConsent)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: id.cases.referrals.submit }));
    expect(await screen.findByText('Belum ada persetujuan korban untuk layanan ini.')).toBeTruthy();
    expect(screen.getByText(id.cases.referrals.consentRequiredHint)).toBeTruthy();
    expect(posts(network, '/referrals')[0]?.body).not.toHaveProperty('emergencyReason');

    // The emergency option reveals the reason and the warning; the reason is required.
    expect(screen.queryByLabelText(label(id.cases.referrals.emergencyReason))).toBeNull();
    fireEvent.click(screen.getByLabelText(id.cases.referrals.emergencyOption));
    expect(await screen.findByText(id.cases.referrals.emergencyWarningTitle)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: id.cases.referrals.submit }));
    expect(await screen.findByText(id.cases.referrals.emergencyReasonRequired)).toBeTruthy();
    expect(posts(network, '/referrals')).toHaveLength(1);

    fireEvent.change(screen.getByLabelText(label(id.cases.referrals.emergencyReason)), {
      target: { value: 'Korban terancam malam ini.' },
    });
    fireEvent.click(screen.getByRole('button', { name: id.cases.referrals.submit }));
    expect(await screen.findByText(id.cases.referrals.needsReview)).toBeTruthy();
    expect(posts(network, '/referrals')[1]?.body).toMatchObject({
      service: 'rumah_aman',
      recipient: null,
      emergencyReason: 'Korban terancam malam ini.',
    });
    // A handler cannot review it: that is the coordinator's.
    expect(screen.queryByRole('button', { name: /^Tandai sudah ditinjau/ })).toBeNull();
  });

  it('lets the coordinator mark a flagged emergency referral reviewed', async () => {
    const flagged = {
      id: '66666666-6666-4666-8666-666666666666',
      service: 'laporan_polisi' as const,
      recipient: 'Polres Bandung',
      referredOn: '2026-11-21',
      status: 'dikirim' as const,
      outcome: null,
      emergency: true,
      emergencyReason: 'Ancaman langsung.',
      needsReview: true,
    };
    serve(caseDetail({ allowed: allowedCoordinator, referrals: [flagged] }));
    network.on('POST', `${casePath}/referrals/${flagged.id}/review`, {
      body: caseDetail({ allowed: allowedCoordinator, referrals: [{ ...flagged, needsReview: false }] }),
    });
    renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('tab', { name: id.cases.sections.referrals }));
    expect(await screen.findByText('Ancaman langsung.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Tandai sudah ditinjau/ }));
    await waitFor(() => expect(screen.queryByText(id.cases.referrals.needsReview)).toBeNull());
    expect(posts(network, `/referrals/${flagged.id}/review`)).toHaveLength(1);
    expect(within(screen.getByRole('table')).getByText(id.cases.referrals.emergencyBadge)).toBeTruthy();
  });

  it('assigns from the candidates, showing conflicts disabled and same-gender matches', async () => {
    serve(caseDetail({ sameGenderHandler: true, allowed: { assign: true } }));
    network.on('GET', `${casePath}/assignable`, {
      body: {
        items: [
          {
            user: { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', name: 'Agus' },
            roles: ['handler'],
            sex: 'L',
            excluded: false,
            sameGender: false,
          },
          {
            user: { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', name: 'Budi Kerabat' },
            roles: ['handler'],
            sex: 'L',
            excluded: true,
            sameGender: false,
          },
          {
            user: { id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'Citra' },
            roles: ['handler'],
            sex: 'P',
            excluded: false,
            sameGender: true,
          },
        ],
      },
    });
    network.on('POST', `${casePath}/assignments`, { body: caseDetail({ allowed: { assign: true } }) });
    renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('tab', { name: id.cases.sections.team }));
    fireEvent.click(await screen.findByRole('button', { name: id.cases.team.assign }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(id.cases.sameGender.title)).toBeTruthy();
    const radios = await within(dialog).findAllByRole('radio');
    // Same-gender matches first, conflicts last and disabled with the reason.
    expect(radios).toHaveLength(3);
    const excluded = within(dialog).getByRole('radio', { name: /Budi Kerabat/ }) as HTMLInputElement;
    expect(excluded.disabled).toBe(true);
    expect(within(dialog).getByText(id.cases.assign.conflict)).toBeTruthy();
    const citra = within(dialog).getByRole('radio', { name: /Citra/ }) as HTMLInputElement;
    expect(citra.disabled).toBe(false);
    expect(radios[0]).toBe(citra);
    expect(within(dialog).getAllByText(id.cases.assign.sameGender)).toHaveLength(1);

    fireEvent.click(citra);
    fireEvent.click(within(dialog).getByRole('button', { name: id.cases.assign.submit }));
    await waitFor(() => expect(posts(network, '/assignments')).toHaveLength(1));
    expect(posts(network, '/assignments')[0]?.body).toEqual({
      userId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
      role: 'handler',
    });
  });

  it('goes back to the list after recusal and does not ask for the case again', async () => {
    serve(caseDetail({ allowed: { recuse: true } }));
    network.on('POST', `${casePath}/recusal`, { status: 204 });
    const { router } = renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('tab', { name: id.cases.sections.team }));
    fireEvent.click(await screen.findByRole('button', { name: id.cases.team.recuse }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(id.cases.recuse.reason)), {
      target: { value: 'Saya mengenal orang yang dilaporkan.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: id.cases.recuse.submit }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases'));
    expect(posts(network, '/recusal')[0]?.body).toEqual({ reason: 'Saya mengenal orang yang dilaporkan.' });
    await screen.findByRole('heading', { level: 1, name: id.cases.title });
    expect(
      network.requests.filter((request) => request.method === 'GET' && request.path === casePath),
    ).toHaveLength(1);
  });

  it('saves the rights checklist with every item that has a status', async () => {
    serve(
      caseDetail({
        allowed: { reviewRights: true },
        rights: [{ item: 'informasi', status: 'diberikan', note: null }],
      }),
    );
    network.on('PUT', `${casePath}/rights`, { body: caseDetail({ rightsReviewed: false }) });
    renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('tab', { name: id.cases.sections.rights }));
    const groups = await screen.findAllByRole('radiogroup');
    expect(groups).toHaveLength(9);
    const informasi = screen.getByRole('radiogroup', { name: id.cases.rightsItems.informasi });
    expect(
      (within(informasi).getByRole('radio', { name: id.cases.rightsStatuses.diberikan }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    const health = screen.getByRole('radiogroup', { name: id.cases.rightsItems.layanan_kesehatan });
    fireEvent.click(within(health).getByRole('radio', { name: id.cases.rightsStatuses.tidak_relevan }));
    fireEvent.click(screen.getByRole('button', { name: id.cases.rights.submit }));
    await waitFor(() => expect(posts(network, '/rights')).toHaveLength(1));
    expect(posts(network, '/rights')[0]?.body).toEqual({
      items: [
        { item: 'informasi', status: 'diberikan', note: null },
        { item: 'layanan_kesehatan', status: 'tidak_relevan', note: null },
      ],
    });
  });

  it('lists the timeline oldest first with translated kinds and coded facts', async () => {
    serve(caseDetail());
    renderApp(`/cases/${caseId}`);
    fireEvent.click(await screen.findByRole('tab', { name: id.cases.sections.timeline }));
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toHaveLength(3);
    expect(rows[0]?.textContent).toContain(id.cases.timelineKinds.received);
    // A reporter's entry names no person; the routing basis is in words, the unit id is left out.
    expect(rows[0]?.textContent).toContain(id.cases.actors.reporter);
    expect(rows[0]?.textContent).toContain(
      `${id.cases.factKeys.channel}: ${id.cases.channels.web} · ${id.cases.factKeys.routing}: ${id.cases.routingReasons.place_dpd}`,
    );
    expect(rows[0]?.textContent).not.toContain('handlingUnitId');
    expect(rows[1]?.textContent).toContain(id.cases.timelineKinds.transition);
    expect(rows[1]?.textContent).toContain(
      `${id.cases.factKeys.from}: ${id.cases.states.received} · ${id.cases.factKeys.to}: ${id.cases.states.triage}`,
    );
    expect(rows[1]?.textContent).toContain('Kontak pertama');
    expect(rows[2]?.textContent).toContain(`${id.cases.factKeys.from}: ${id.cases.messages.from.reporter}`);
  });
  it('says when the case came up the tree because the unit chosen had no coordinator (issue 18)', async () => {
    serve(caseDetail({ routedPastUnit: { id: 5, name: 'DPD Banten' }, allowed: allowedCoordinator }));
    renderApp(`/cases/${caseId}`);
    const notice = await screen.findByRole('note', { name: id.cases.routedPast.title });
    expect(notice.textContent).toContain('DPD Banten');
    expect(notice.textContent).toContain(id.cases.routedPast.canReroute.replace('{{from}}', 'DPD Banten'));
  });

  it('shows no routing notice when the case is handled where routing chose', async () => {
    serve(caseDetail());
    renderApp(`/cases/${caseId}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Kasus K-2026-0001' })).toBeTruthy();
    expect(screen.queryByText(id.cases.routedPast.title)).toBeNull();
  });
});
