// @vitest-environment happy-dom
import '../../../test/setup-dom.ts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatCell } from '../../../../shared/contracts/case-stats.ts';
import type {
  PipelineProportionalityResponse,
  PipelineResponse,
  ReadyPoolResponse,
  SexCells,
} from '../../../../shared/contracts/training-pipeline.ts';
import en from '../../../../shared/locales/en/training.json';
import tr from '../../../../shared/locales/id/training.json';
import { resetCsrfToken } from '../../../lib/api.ts';
import { changeLanguage } from '../../../lib/i18n.ts';
import { axeViolations } from '../../../test/axe.ts';
import { installFakeFetch } from '../../../test/fake-fetch.ts';
import { adminSession, renderApp } from '../../../test/render-app.tsx';
import { tracks } from '../training-fixtures.ts';

const shown = (value: number): StatCell => ({ value, status: 'shown' });
const small: StatCell = { value: null, status: 'small' };
const hidden: StatCell = { value: null, status: 'complement' };
const women = (women: StatCell, total: StatCell = women): SexCells => ({
  women,
  men: shown(0),
  unknown: shown(0),
  total,
});
const steps = (trained: SexCells, staged: SexCells, nominated: SexCells, appointed: SexCells) => ({
  trained,
  staged,
  nominated,
  appointed,
});
const dpp = { id: 1, name: 'DPP SPN', level: 'DPP' };
const jabar = { id: 2, name: 'DPD Jawa Barat', level: 'DPD' };
const banten = { id: 5, name: 'DPD Banten', level: 'DPD' };

const funnel = (): PipelineResponse => ({
  unit: dpp,
  trail: [dpp],
  track: 'perempuan',
  year: 2025,
  years: [2025, 2024],
  today: '2027-03-01',
  funnel: {
    rows: [
      {
        unit: banten,
        outcomes: steps(women(small), women(small), women(small), women(small)),
        path: steps(women(small), women(small), women(small), women(small)),
      },
      {
        unit: jabar,
        outcomes: steps(women(hidden), women(shown(8)), women(shown(7)), women(shown(7))),
        path: steps(women(hidden), women(shown(8)), women(shown(6)), women(shown(6))),
      },
    ],
    total: {
      outcomes: steps(women(shown(13)), women(shown(8)), women(shown(7)), women(shown(7))),
      path: steps(women(shown(13)), women(shown(8)), women(shown(6)), women(shown(6))),
    },
  },
  posts: {
    rows: [
      {
        unit: jabar,
        graduates: shown(12),
        due12: shown(12),
        holds12: shown(8),
        share12Bp: 6667,
        due24: small,
        holds24: small,
        share24Bp: null,
      },
    ],
    total: {
      graduates: shown(12),
      due12: shown(12),
      holds12: shown(8),
      share12Bp: 6667,
      due24: small,
      holds24: small,
      share24Bp: null,
    },
  },
  firstAppointment: { appointed: shown(7), medianDays: 73 },
});

const pool = (): ReadyPoolResponse => ({
  unit: dpp,
  months: 6,
  judgedOn: '2027-03-01',
  total: 1,
  offset: 0,
  items: [
    {
      bodyId: 11,
      bodyName: 'Pengurus PSP Garmen',
      kind: 'executive',
      unit: { id: 4, name: 'PSP PT Garmen Sejahtera', level: 'PSP' },
      reasons: ['non_compliant', 'term_ending'],
      status: 'non_compliant',
      shortfall: 2,
      termEndsOn: '2027-06-30',
      candidates: {
        total: 13,
        items: [
          {
            memberId: '101',
            fullName: 'Wanita 01',
            memberNumber: 'W-1',
            unit: { id: 4, name: 'PSP PT Garmen Sejahtera' },
            stage: { code: 'kader_madya', rank: 2, label: 'Kader Madya' },
            classes: [{ track: 'perempuan', level: 'dasar', title: 'Kelas Perempuan', endsOn: '2025-12-18' }],
          },
        ],
      },
    },
  ],
});

const proportionality = (): PipelineProportionalityResponse => ({
  unit: dpp,
  fromYear: 2023,
  toYear: 2027,
  rows: [
    {
      track: 'perempuan',
      year: 2025,
      trainees: women(shown(13)),
      traineeShareBp: 10000,
      facilitators: { women: 1, men: 0, unknown: 0, total: 1 },
      facilitatorShareBp: 10000,
      membership: { women: 19, men: 4, unknown: 1, total: 24, womenShareBp: 7917 },
      traineeGapBp: 2083,
      facilitatorGapBp: 2083,
    },
  ],
});

describe('the leadership pipeline page', () => {
  let network: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    network = installFakeFetch();
    network.on('GET', '/api/v1/csrf', { body: { token: 'csrf-1' } });
    network.on('GET', '/api/v1/session', { body: adminSession() });
    network.on('GET', '/api/v1/training/tracks', { body: tracks });
    network.on('GET', '/api/v1/training/programs', { body: { items: [], canCreate: false } });
    network.on('GET', '/api/v1/training/pipeline', { body: funnel() });
    network.on('GET', '/api/v1/training/pipeline/ready-pool', { body: pool() });
    network.on('GET', '/api/v1/training/pipeline/proportionality', { body: proportionality() });
  });
  afterEach(async () => {
    network.restore();
    resetCsrfToken();
    await changeLanguage('id');
  });

  it('is linked from the programmes page and shows funnel, posts, ready pool and proportionality', async () => {
    renderApp('/training');
    await userEvent.click(await screen.findByRole('link', { name: tr.pipeline.open }));
    expect(await screen.findByRole('heading', { level: 1, name: tr.pipeline.title })).toBeTruthy();

    const funnelTable = await screen.findByRole('region', { name: tr.pipeline.funnelTitle });
    const bantenRow = within(funnelTable).getByRole('row', { name: /DPD Banten/ });
    expect(within(bantenRow).getAllByText('< 5').length).toBe(8);
    const jabarRow = within(funnelTable).getByRole('row', { name: /DPD Jawa Barat/ });
    // A cell hidden to protect a small one reads "×", with its reason as the accessible name.
    expect(within(jabarRow).getAllByLabelText(tr.pipeline.complement).length).toBe(2);
    // Units below are links for the drill-down, keeping the cohort.
    expect(within(funnelTable).getByRole('link', { name: 'DPD Jawa Barat' }).getAttribute('href')).toBe(
      '/training/pipeline?unitId=2',
    );

    const posts = screen.getByRole('region', { name: tr.pipeline.postsTitle });
    expect(within(posts).getAllByText('66,7%').length).toBe(2);
    expect(screen.getByText(/73 hari/)).toBeTruthy();

    const candidates = await screen.findByRole('region', {
      name: tr.pipeline.candidatesOf.replace('{{body}}', 'Pengurus PSP Garmen'),
    });
    expect(within(candidates).getByRole('link', { name: 'Wanita 01' }).getAttribute('href')).toBe(
      '/members/101',
    );
    expect(within(candidates).getByText('Kader Madya')).toBeTruthy();
    expect(screen.getByText('Di bawah kuota: perlu 2 perempuan lagi')).toBeTruthy();
    expect(
      screen.getByText(tr.pipeline.moreCandidates.replace('{{shown}}', '1').replace('{{total}}', '13')),
    ).toBeTruthy();

    const view = await screen.findByRole('region', { name: tr.pipeline.proportionalityTitle });
    expect(within(view).getByText('Kelas Perempuan')).toBeTruthy();
    expect(within(view).getByText('79,2%')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });

  it('asks for another cohort and track through the filters', async () => {
    renderApp('/training/pipeline');
    const cohort = await screen.findByRole('combobox', { name: tr.pipeline.cohort });
    fireEvent.click(cohort);
    fireEvent.click(await screen.findByRole('option', { name: '2024', hidden: true }));
    await waitFor(() =>
      expect(
        network.requests.some(
          (request) =>
            request.path.startsWith('/api/v1/training/pipeline?') && request.path.includes('year=2024'),
        ),
      ).toBe(true),
    );
  });

  it('says plainly when a track has no graduates, and hides the ready pool from viewers', async () => {
    const session = adminSession({ language: 'en' });
    network.on('GET', '/api/v1/session', {
      body: { ...session, capabilities: { ...session.capabilities, readMembers: false } },
    });
    network.on('GET', '/api/v1/training/pipeline', {
      body: { ...funnel(), year: null, years: [], funnel: { rows: [], total: funnel().funnel.total } },
    });
    await changeLanguage('en');
    renderApp('/training/pipeline');
    expect(await screen.findByText(en.pipeline.noCohort.replace('{{track}}', "Women's class"))).toBeTruthy();
    expect(screen.getByText(en.pipeline.poolNotAllowed)).toBeTruthy();
    expect(
      network.requests.some((request) => request.path.startsWith('/api/v1/training/pipeline/ready-pool')),
    ).toBe(false);
  });
});
