import { describe, expect, it } from 'vitest';
import {
  byLevelOrder,
  formatNumber,
  formatPercentBp,
  formatPointsBp,
  neutraliseFormula,
  safeRow,
} from './exports.ts';

describe('export cells', () => {
  it('neutralises text that a spreadsheet would run as a formula, and nothing else', () => {
    for (const formula of ['=1+1', '+62812', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseFormula(formula)).toBe(`'${formula}`);
    for (const plain of ['Siti Rahayu', '0812', 'a=b', "'quoted", ''])
      expect(neutraliseFormula(plain)).toBe(plain);
    expect(safeRow(['=cmd', 42, -5, null, undefined, 'ok'])).toEqual(["'=cmd", 42, -5, '', '', 'ok']);
  });

  it('formats numbers as on screen in each language', () => {
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(30.5, 'id', 1)).toBe('30,5');
    expect(formatPercentBp(3050, 'id')).toMatch(/^30,5\s?%$/);
    expect(formatPercentBp(3050, 'en')).toBe('30.5%');
    expect(formatPercentBp(null, 'en')).toBe('—');
    expect(formatPointsBp(-250, 'id')).toMatch(/^[-−]2,5$/);
    expect(formatPointsBp(250, 'en')).toBe('+2.5');
  });

  it('orders levels top first as configured, not alphabetically', () => {
    const levels = ['DPP', 'DPD', 'DPC', 'PSP', 'PA'];
    expect(['PSP', 'DPC', 'X', 'DPP', 'PA', 'DPD'].sort(byLevelOrder(levels))).toEqual([
      'DPP',
      'DPD',
      'DPC',
      'PSP',
      'PA',
      'X',
    ]);
  });
});
