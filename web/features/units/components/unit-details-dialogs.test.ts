import { describe, expect, it } from 'vitest';
import { countRows } from '../routes/unit-page.tsx';
import { levelProfile } from './unit-details-dialogs.tsx';

const levels = ['DPP', 'DPD', 'DPC', 'PSP', 'PA'];

describe('unit level profile', () => {
  it('asks a province of the second level, a regency of the third, a company from the fourth', () => {
    expect(levelProfile(levels, 'DPP')).toEqual({ regionKind: null, isWorkplace: false });
    expect(levelProfile(levels, 'DPD')).toEqual({ regionKind: 'province', isWorkplace: false });
    expect(levelProfile(levels, 'DPC')).toEqual({ regionKind: 'regency', isWorkplace: false });
    expect(levelProfile(levels, 'PSP')).toEqual({ regionKind: 'regency', isWorkplace: true });
    expect(levelProfile(levels, 'XYZ')).toEqual({ regionKind: null, isWorkplace: false });
  });
});

describe('member counts table', () => {
  it('keeps statuses with members, in the taxonomy order, with totals including unknown sex', () => {
    const rows = countRows({
      asOf: '2026-01-05',
      byStatus: {
        keluar: { L: 1, P: 0, unknown: 0 },
        aktif: { L: 459, P: 8083, unknown: 12 },
        calon: { L: 0, P: 0, unknown: 0 },
      },
    });
    expect(rows).toEqual([
      { status: 'aktif', L: 459, P: 8083, unknown: 12, total: 8554 },
      { status: 'keluar', L: 1, P: 0, unknown: 0, total: 1 },
    ]);
  });
});
