// @vitest-environment happy-dom
import '../test/setup-dom.ts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QuotaEvaluationView, SubjectEvaluationView } from '../../shared/contracts/quota.ts';
import { renderWithProviders } from '../test/render-app.tsx';
import { QuotaPanel } from './quota-panel.tsx';

const rule = (fields: Partial<QuotaEvaluationView>): QuotaEvaluationView => ({
  ruleId: 1,
  ruleVersion: 1,
  ruleName: '30% perempuan di setiap kepengurusan',
  metric: 'filled_share',
  enforcement: 'warn',
  thresholdBp: 3000,
  rounding: 'ceil',
  seats: 7,
  filled: 7,
  vacant: 0,
  women: 2,
  men: 4,
  unknown: 1,
  acting: 1,
  base: 7,
  requiredWomen: 3,
  positional: null,
  status: 'unknown',
  shortfall: 1,
  hint: { code: 'record_sex', params: { count: 1 } },
  reasons: [{ code: 'acting_seats', params: { count: 1 } }],
  ...fields,
});

const evaluation: SubjectEvaluationView = {
  subject: {
    kind: 'executive',
    id: '5',
    name: 'Pengurus DPC',
    unitId: 3,
    unitName: 'DPC Bogor',
    level: 'DPC',
  },
  asOf: '2026-06-01',
  counts: { seats: 7, filled: 7, vacant: 0, women: 2, men: 4, unknown: 1, acting: 1 },
  status: 'unknown',
  evaluations: [
    rule({}),
    rule({
      ruleId: 2,
      ruleName: 'Target AD/ART 40% perempuan',
      enforcement: 'info',
      thresholdBp: 4000,
      status: 'non_compliant',
      hint: { code: 'needs_more_women', params: { count: 1, seats: 7 } },
      reasons: [],
    }),
  ],
  seats: [],
};

describe('QuotaPanel', () => {
  it('shows each rule version, its status and what it would take, in Indonesian', () => {
    renderWithProviders(<QuotaPanel evaluation={evaluation} />);
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByText('Belum diketahui (jenis kelamin belum tercatat)')).toBeTruthy();
    expect(
      within(rows[1]!).getByText('Jenis kelamin 1 orang belum tercatat: catat dulu untuk memutuskan.'),
    ).toBeTruthy();
    expect(within(rows[1]!).getByText('Plt dihitung: 1.')).toBeTruthy();
    expect(within(rows[2]!).getByText('Perlu 1 perempuan lagi di antara 7 kursi.')).toBeTruthy();
    expect(within(rows[2]!).getByText('v1 · Informasi')).toBeTruthy();
    // The sex of one person is unknown and shown as such, never folded into women or men.
    expect(screen.getByTestId('quota-counts').textContent).toContain('Jenis kelamin tidak diketahui 1');
    expect(screen.getByText(/ditampilkan tetapi tidak menentukan status keseluruhan/)).toBeTruthy();
  });
});
