import { localeOf, type Language } from '../../shared/roles.ts';

/**
 * Shared pieces of every CSV/XLSX/PDF export, so a spreadsheet reads like the screen and cannot be
 * turned against the officer who opens it.
 */

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab/carriage return
 * that some programs strip first) gets a leading apostrophe, which spreadsheets show as text and hide
 * (OWASP "CSV injection"). A member named `=HYPERLINK("http://…")` stays a name. Numbers are untouched:
 * only text cells are ever neutralised.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A row of cells for CSV or XLSX: text neutralised, numbers and empties kept as they are. */
export function safeRow(cells: readonly (string | number | null | undefined)[]): (string | number)[] {
  return cells.map((cell) =>
    cell === null || cell === undefined ? '' : typeof cell === 'number' ? cell : neutraliseFormula(cell),
  );
}

/**
 * Number formats for XLSX cells. They are stored as numbers with a format, so the spreadsheet shows
 * thousands separators and decimal commas in the reader's own locale (Indonesian: 1.234,5), as on screen.
 */
export const xlsxFormats = {
  integer: '#,##0',
  decimal: '#,##0.0',
  /** A share stored as a fraction (0.305 → 30,5 %). */
  percent: '0.0%',
  /** Percentage points with a sign (+2,5 / −1,0). */
  points: '+0.0;-0.0;0.0',
} as const;

/** Numbers as text for PDF and CSV readers: 12.345 and 30,5 in Indonesian, 12,345 and 30.5 in English. */
export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  return new Intl.NumberFormat(localeOf[language], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** A share in basis points as a percentage text ("30,5 %" / "30.5%"); a dash when not known. */
export function formatPercentBp(bp: number | null, language: Language): string {
  if (bp === null) return '—';
  return new Intl.NumberFormat(localeOf[language], {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bp / 10_000);
}

/** Percentage points from basis points, signed ("+2,5" / "−1,0"); a dash when not known. */
export function formatPointsBp(bp: number | null, language: Language): string {
  if (bp === null) return '—';
  return new Intl.NumberFormat(localeOf[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(bp / 100);
}

/**
 * Sorts by unit level in the configured order, top first (DPP → DPD → DPC → PSP → PA for SPN), not
 * alphabetically; unknown levels go last, by name.
 */
export function byLevelOrder(levels: readonly string[]) {
  const rank = (level: string) => {
    const index = levels.indexOf(level);
    return index === -1 ? levels.length : index;
  };
  return (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);
}
