// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import id from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { caseDetail, caseId, caseListItem, caseSession } from '../../../test/case-fixtures.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { label, renderApp } from '../../../test/render-app.tsx';

describe('case intake page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  const intakePosts = () =>
    network.requests.filter((request) => request.method === 'POST' && request.path === '/api/v1/cases');

  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: caseSession() });
    network.on('GET', '/api/v1/units', { body: { items: [] } });
    network.on('GET', `/api/v1/cases/${caseId}`, { body: caseDetail({ state: 'received' }) });
    network.on('POST', '/api/v1/cases', {
      status: 201,
      body: { case: caseListItem({ state: 'received', channel: 'telepon' }), receipt: '1234 5678 9012 3456' },
    });
  });
  afterEach(() => {
    network.restore();
    resetCsrfToken();
  });

  it('refuses to save without the required answers and the consent to process', async () => {
    renderApp('/cases/new');
    fireEvent.click(await screen.findByRole('button', { name: id.cases.intake.submit }));
    expect(await screen.findByText(id.cases.intake.formsRequired)).toBeTruthy();
    expect(screen.getByText(id.cases.intake.consentRequired)).toBeTruthy();
    expect(screen.getByLabelText(label(id.cases.fields.channel)).getAttribute('aria-invalid')).toBe('true');
    expect(intakePosts()).toHaveLength(0);
  });

  it('records a report, shows the receipt once, then opens the case', async () => {
    const { router } = renderApp('/cases/new');
    fireEvent.change(await screen.findByLabelText(label(id.cases.fields.channel)), {
      target: { value: 'telepon' },
    });
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.reporterRole)), {
      target: { value: 'korban' },
    });
    fireEvent.click(screen.getByLabelText(id.cases.forms.KS01));
    fireEvent.click(screen.getByLabelText(id.cases.forms.RT01));
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.narrative)), {
      target: { value: '  Atasan mengirim pesan bernada seksual.  ' },
    });
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.incidentDate)), {
      target: { value: '2026-11-10' },
    });
    fireEvent.click(screen.getByLabelText(id.cases.fields.incidentDateApproximate));
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.place)), {
      target: { value: 'area_kerja' },
    });
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.relationship)), {
      target: { value: 'atasan' },
    });
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.namedName)), {
      target: { value: 'Pak Budi' },
    });
    fireEvent.click(screen.getByLabelText(id.cases.wishes.dukungan));
    fireEvent.click(screen.getByLabelText(id.cases.fields.sameGenderHandler));
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.survivorSex)), { target: { value: 'P' } });
    // Contact details appear once a contact method is chosen.
    expect(screen.queryByLabelText(label(id.cases.fields.contactValue))).toBeNull();
    fireEvent.change(screen.getByLabelText(label(id.cases.fields.contactMethod)), {
      target: { value: 'whatsapp' },
    });
    fireEvent.change(await screen.findByLabelText(label(id.cases.fields.contactValue)), {
      target: { value: '+62 812 0000 0000' },
    });
    fireEvent.click(screen.getByLabelText(id.cases.fields.consentToContact));
    fireEvent.click(screen.getByLabelText(id.cases.fields.consentToProcess));
    fireEvent.click(screen.getByRole('button', { name: id.cases.intake.submit }));

    const dialog = await screen.findByRole('dialog', { name: id.cases.receipt.title });
    expect(intakePosts()[0]?.body).toEqual({
      channel: 'telepon',
      reporterRole: 'korban',
      forms: ['KS01', 'RT01'],
      narrative: 'Atasan mengirim pesan bernada seksual.',
      incidentDate: '2026-11-10',
      incidentDateApproximate: true,
      place: 'area_kerja',
      placeUnitId: null,
      placeDetail: null,
      relationship: 'atasan',
      namedOffice: 'tidak_tahu',
      namedName: 'Pak Budi',
      namedPosition: null,
      namedWorkplace: null,
      wishes: ['dukungan'],
      asksDpp: false,
      sameGenderHandler: true,
      survivorSex: 'P',
      survivorAgeBand: null,
      contactMethod: 'whatsapp',
      contactValue: '+62 812 0000 0000',
      safeTimes: null,
      reporterName: null,
      consentToProcess: true,
      consentToContact: true,
    });

    // The receipt, grouped 4-4-4-4, with the warning that it is shown only once.
    expect(within(dialog).getByTestId('case-receipt').textContent).toBe('1234 5678 9012 3456');
    expect(within(dialog).getByText(id.cases.receipt.onceTitle)).toBeTruthy();
    expect(within(dialog).getByText(id.cases.receipt.once)).toBeTruthy();
    // No accidental dismissal: no close button, Escape does nothing, and going on needs a confirmation.
    expect(within(dialog).queryByRole('button', { name: id.common.close })).toBeNull();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.getByRole('dialog', { name: id.cases.receipt.title })).toBeTruthy();
    const open = within(dialog).getByRole('button', { name: id.cases.receipt.done }) as HTMLButtonElement;
    expect(open.disabled).toBe(true);
    fireEvent.click(within(dialog).getByLabelText(id.cases.receipt.confirm));
    expect(open.disabled).toBe(false);
    fireEvent.click(open);

    await waitFor(() => expect(router.state.location.pathname).toBe(`/cases/${caseId}`));
    expect(await screen.findByRole('heading', { level: 1, name: 'Kasus K-2026-0001' })).toBeTruthy();
    // Gone for good.
    expect(screen.queryByText('1234 5678 9012 3456')).toBeNull();
  });
});
