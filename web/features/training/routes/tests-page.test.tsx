// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestReport, TestsView } from '../../../../shared/contracts/training-tests.ts';
import en from '../../../../shared/locales/en/training.json';
import tr from '../../../../shared/locales/id/training.json';
import web from '../../../../shared/locales/id/web.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, label, renderApp } from '../../../test/render-app.tsx';
import { classDetail, tracks } from '../training-fixtures.ts';

const fill = (text: string, values: Record<string, string | number>) =>
  Object.entries(values).reduce((result, [key, value]) => result.replace(`{{${key}}}`, String(value)), text);

const shown = (value: number) => ({ value, status: 'shown' as const });
const small = { value: null, status: 'small' as const };

const view = (fields: Partial<TestsView> = {}): TestsView => ({
  classId: 31,
  parallelForms: true,
  openPhase: 'pre',
  hasTest: true,
  formsLocked: true,
  items: [
    {
      id: 11,
      form: 'A',
      stemId: 'Berapa kuota perempuan dalam kepengurusan?',
      stemEn: 'What is the women’s quota on boards?',
      options: [
        { id: '30%', en: null },
        { id: '10%', en: null },
      ],
      correct: 0,
      position: 0,
      answered: true,
    },
    {
      id: 21,
      form: 'B',
      stemId: 'Apa kepanjangan PSP?',
      stemEn: null,
      options: [
        { id: 'Pimpinan Serikat Pekerja', en: null },
        { id: 'Pusat Serikat Pekerja', en: null },
      ],
      correct: 0,
      position: 1,
      answered: false,
    },
  ],
  participants: [
    {
      participantId: '501',
      name: 'Siti Rahayu',
      half: 1,
      preForm: 'A',
      postForm: 'B',
      pre: {
        form: 'A',
        via: 'paper',
        score: 1,
        max: 1,
        answers: { '11': 0 },
        recordedAt: '2025-12-16T02:00:00Z',
        recordedBy: 'pelatih@spn.test',
        history: [
          {
            via: 'online',
            score: 0,
            max: 1,
            recordedAt: '2025-12-16T01:30:00Z',
            recordedBy: null,
            replacedAt: '2025-12-16T02:00:00Z',
            replacedBy: 'pelatih@spn.test',
          },
        ],
      },
      post: null,
    },
    {
      participantId: '502',
      name: 'Dewi Lestari',
      half: 2,
      preForm: 'B',
      postForm: 'A',
      pre: null,
      post: null,
    },
  ],
  ...fields,
});
const report: TestReport = {
  classId: 31,
  takers: { pre: shown(12), post: shown(10) },
  overall: { key: null, n: shown(10), meanPre: 0.25, meanPost: 0.8, meanGain: 0.7 },
  bands: { low: small, medium: small, high: shown(7), ceiling: small },
  bySex: [
    { key: 'L', n: small, meanPre: null, meanPost: null, meanGain: null },
    { key: 'P', n: { value: null, status: 'complement' }, meanPre: null, meanPost: null, meanGain: null },
  ],
  byUnit: [{ key: 'PSP Garmen', n: shown(10), meanPre: 0.25, meanPost: 0.8, meanGain: 0.7 }],
  items: [
    {
      itemId: 11,
      form: 'A',
      stemId: 'Berapa kuota perempuan dalam kepengurusan?',
      stemEn: null,
      pre: { takers: shown(6), difficulty: 0.5 },
      post: { takers: small, difficulty: null },
    },
  ],
};

describe('the tests page of a class', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/training/tracks', { body: tracks });
    network.on('GET', '/api/v1/training/classes/31', { body: classDetail() });
    network.on('GET', '/api/v1/training/classes/31/tests', { body: view() });
    network.on('GET', '/api/v1/training/classes/31/tests/report', { body: report });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });
  const sent = (method: string, path: string) =>
    network.requests.filter((request) => request.method === method && request.path === path);

  it('is linked from the class page', async () => {
    renderApp('/training/classes/31');
    const link = await screen.findByRole('link', { name: tr.tests.classSection.open });
    expect(link.getAttribute('href')).toBe('/training/classes/31/tests');
  });

  it('shows settings, items, attempts with their corrections and the suppressed report; passes axe', async () => {
    renderApp('/training/classes/31/tests');
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: fill(tr.tests.pageTitle, { title: 'Kelas Pekerja Muda Dasar' }),
      }),
    ).toBeTruthy();
    expect(screen.getByText(tr.tests.settings.parallelForms)).toBeTruthy();
    const parallel = screen.getByRole('switch') as HTMLInputElement;
    expect(parallel.checked).toBe(true);
    expect(parallel.disabled).toBe(true);
    expect(screen.getByText(tr.tests.settings.formsLocked)).toBeTruthy();
    expect(screen.getByText('Apa kepanjangan PSP?')).toBeTruthy();
    expect(screen.getByText(fill(tr.tests.participants.score, { score: 1, max: 1 }))).toBeTruthy();
    expect(screen.getByText(new RegExp(fill(tr.tests.participants.corrections, { count: 1 })))).toBeTruthy();
    const table = await screen.findByRole('region', { name: tr.tests.report.tableLabel });
    expect(within(table).getAllByText('25%')).toHaveLength(2);
    expect(within(table).getAllByText('0.70')).toHaveLength(2);
    expect(within(table).getAllByText('< 5').length).toBe(1);
    expect(within(table).getByText('×')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('opens the post-test, adds an item, and enters a paper test', async () => {
    network.on('PUT', '/api/v1/training/classes/31/tests/settings', { body: view({ openPhase: 'post' }) });
    network.on('POST', '/api/v1/training/classes/31/tests/items', { status: 201, body: view() });
    network.on('PUT', '/api/v1/training/participants/502/tests/pre', { body: view() });
    renderApp('/training/classes/31/tests');
    fireEvent.click(await screen.findByRole('radio', { name: tr.tests.phase.post }));
    await waitFor(() => expect(sent('PUT', '/api/v1/training/classes/31/tests/settings')).toHaveLength(1));
    expect(sent('PUT', '/api/v1/training/classes/31/tests/settings')[0]!.body).toEqual({ openPhase: 'post' });

    fireEvent.click(screen.getByRole('button', { name: tr.tests.items.add }));
    let dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText(label(tr.tests.items.stemId)), {
      target: { value: 'Siapa KSPI?' },
    });
    for (const [index, text] of ['Konfederasi', 'Partai', 'Perusahaan', 'Koperasi'].entries())
      fireEvent.change(
        within(dialog).getByLabelText(
          new RegExp(`^${fill(tr.tests.items.optionId, { number: index + 1 })}\\s*\\*?$`),
        ),
        {
          target: { value: text },
        },
      );
    fireEvent.click(within(dialog).getByLabelText(fill(tr.tests.items.isCorrect, { number: 1 })));
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.create }));
    await waitFor(() => expect(sent('POST', '/api/v1/training/classes/31/tests/items')).toHaveLength(1));
    expect(sent('POST', '/api/v1/training/classes/31/tests/items')[0]!.body).toMatchObject({
      form: 'A',
      stemId: 'Siapa KSPI?',
      stemEn: null,
      correct: 0,
      options: [
        { id: 'Konfederasi', en: null },
        { id: 'Partai', en: null },
        { id: 'Perusahaan', en: null },
        { id: 'Koperasi', en: null },
      ],
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(
      screen.getByRole('button', {
        name: fill(tr.tests.participants.enterNamed, { name: 'Dewi Lestari', phase: tr.tests.phase.pre }),
      }),
    );
    dialog = await screen.findByRole('dialog');
    // Dewi is in the second half: form B first.
    expect(within(dialog).getByText(/Apa kepanjangan PSP\?/)).toBeTruthy();
    fireEvent.click(within(dialog).getByLabelText('Pusat Serikat Pekerja'));
    fireEvent.click(within(dialog).getByRole('button', { name: web.common.save }));
    await waitFor(() => expect(sent('PUT', '/api/v1/training/participants/502/tests/pre')).toHaveLength(1));
    expect(sent('PUT', '/api/v1/training/participants/502/tests/pre')[0]!.body).toEqual({
      form: 'B',
      answers: { '21': 1 },
    });
  });

  it('an officer who only nominates sees the report, nothing else; in English too', async () => {
    network.on('GET', '/api/v1/training/classes/31', {
      body: classDetail({ can: { organise: false, run: false, nominate: true } }),
    });
    network.on('GET', '/api/v1/session', { body: adminSession({ language: 'en' }) });
    renderApp('/training/classes/31/tests');
    expect(await screen.findByRole('region', { name: en.tests.report.tableLabel })).toBeTruthy();
    expect(screen.queryByRole('button', { name: en.tests.items.add })).toBeNull();
    expect(sent('GET', '/api/v1/training/classes/31/tests')).toHaveLength(0);
    expect(await axeViolations()).toEqual([]);
  });
});
