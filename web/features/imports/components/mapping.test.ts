import { describe, expect, it } from 'vitest';
import {
  importFieldSets,
  initialMapping,
  isMappingComplete,
  mappingProblems,
  progressPercent,
} from './mapping.ts';

const members = importFieldSets.members;

describe('import mapping rules', () => {
  it('keeps only suggestions that name a known field and a header in the file', () => {
    const mapping = initialMapping(members, ['No Anggota', 'Nama'], {
      member_number: 'No Anggota',
      full_name: 'Nama',
      unit_code: 'Kode Unit',
      shoe_size: 'Nama',
    });
    expect(mapping).toEqual({ member_number: 'No Anggota', full_name: 'Nama' });
  });

  it('names every required field without a column', () => {
    const problems = mappingProblems(members, { full_name: 'Nama' });
    expect(problems.missing).toEqual(['member_number', 'unit_code']);
    expect(isMappingComplete(problems)).toBe(false);
  });

  it('refuses one column for two fields', () => {
    const problems = mappingProblems(members, {
      member_number: 'No',
      full_name: 'Nama',
      unit_code: 'Unit',
      employer: 'Unit',
    });
    expect(problems.missing).toEqual([]);
    expect(problems.duplicates).toEqual({ Unit: ['unit_code', 'employer'] });
    expect(isMappingComplete(problems)).toBe(false);
  });

  it('is complete with the required fields of units mapped', () => {
    const problems = mappingProblems(importFieldSets.units, {
      code: 'Kode',
      name: 'Nama',
      level: 'Tingkat',
      parent_code: 'Induk',
    });
    expect(isMappingComplete(problems)).toBe(true);
  });

  it('computes whole percents, never above 100', () => {
    expect(progressPercent(0, 200)).toBe(0);
    expect(progressPercent(199, 200)).toBe(99);
    expect(progressPercent(250, 200)).toBe(100);
    expect(progressPercent(0, 0)).toBe(100);
  });
});
