import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type {
  CaseStatsResponse,
  StatCell,
  StatList,
  StatTable,
} from '../../../shared/contracts/case-stats.ts';
import { localeOf, type Language } from '../../../shared/roles.ts';
import { xlsxFormats } from '../../platform/exports.ts';
import { translator, webTranslator } from '../../platform/i18n.ts';
import type { StatisticsReport } from './case-stats.service.ts';
import { formatCell } from './suppression.ts';

/**
 * Exports of the statistics page. They are built from the same protected report as the page, so a
 * hidden cell is hidden everywhere: "< 5" for a small cell, "×" for a cell hidden to protect one.
 */

const words = {
  id: {
    table: 'tabel',
    key: 'kunci',
    column: 'kolom',
    value: 'nilai',
    total: 'jumlah',
    rate: 'rasio',
    summary: 'Ringkasan',
    period: 'Periode',
    unit: 'Unit',
    legend: '"< 5": kurang dari 5 kasus. "×": disembunyikan agar sel kecil tidak dapat dihitung balik.',
    count: 'n',
  },
  en: {
    table: 'table',
    key: 'key',
    column: 'column',
    value: 'value',
    total: 'total',
    rate: 'rate',
    summary: 'Summary',
    period: 'Period',
    unit: 'Unit',
    legend: '"< 5": fewer than 5 cases. "×": hidden so that a small cell cannot be worked out.',
    count: 'n',
  },
} as const;

const lists = [
  'byMonth',
  'byUnit',
  'byPlace',
  'byRelationship',
  'byOutcome',
  'bySex',
  'byAgeBand',
] as const satisfies readonly (keyof CaseStatsResponse)[];
const tables = ['deadlines', 'referrals', 'consents'] as const satisfies readonly (keyof CaseStatsResponse)[];
const durations = [
  'timeToFirstContact',
  'timeToClose',
] as const satisfies readonly (keyof CaseStatsResponse)[];

/** A cell as an export shows it: the number itself, or the text "< 5" / "×". */
const exportValue = (cell: StatCell): number | string =>
  cell.status === 'shown' ? cell.value! : formatCell(cell);

/** Every published figure as one long list: table, key, column, value. */
function longRows(page: CaseStatsResponse, language: Language): (string | number)[][] {
  const w = words[language];
  const rows: (string | number)[][] = [['total', '', w.total, exportValue(page.total)]];
  for (const name of lists) {
    const list: StatList = page[name];
    for (const row of list.rows) rows.push([name, row.key, w.value, exportValue(row.cell)]);
    rows.push([name, '', w.total, exportValue(list.total)]);
  }
  for (const row of page.byForm) rows.push(['byForm', row.key, w.value, exportValue(row.cell)]);
  for (const name of tables) {
    const table: StatTable = page[name];
    for (const row of table.rows) {
      row.cells.forEach((cell, index) =>
        rows.push([name, row.key, table.columns[index]!, exportValue(cell)]),
      );
      rows.push([name, row.key, w.total, exportValue(row.total)]);
      if (row.rate !== null) rows.push([name, row.key, w.rate, row.rate]);
    }
    table.columnTotals.forEach((cell, index) =>
      rows.push([name, '', table.columns[index]!, exportValue(cell)]),
    );
    rows.push([name, '', w.total, exportValue(table.total)]);
  }
  for (const name of durations)
    for (const row of page[name]) {
      rows.push([name, row.key, w.count, exportValue(row.count)]);
      for (const quantile of ['p25', 'median', 'p75', 'p90'] as const)
        if (row[quantile] !== null) rows.push([name, row.key, quantile, row[quantile]]);
    }
  return rows;
}

export function statisticsCsv(report: StatisticsReport, language: Language): string {
  const w = words[language];
  const { page } = report;
  return stringify(
    longRows(page, language).map((row) => [page.from, page.to, page.unit.name, ...row]),
    { header: true, columns: ['from', 'to', w.unit, w.table, w.key, w.column, w.value], bom: true },
  );
}

/**
 * The SIMFONI-PPA compatible table (docs/simfoni-mapping.md): one row per dimension and SIMFONI
 * category, with the period and unit on every row so the file stands alone.
 */
export function simfoniCsv(report: StatisticsReport): string {
  const { page } = report;
  return stringify(
    report.simfoni.map((row) => [
      page.from,
      page.to,
      page.unit.name,
      row.dimension,
      row.category,
      exportValue(row.cell),
    ]),
    {
      header: true,
      columns: ['periode_awal', 'periode_akhir', 'unit', 'dimensi', 'kategori_simfoni', 'jumlah'],
      bom: true,
    },
  );
}

/**
 * The statistics workbook an officer can read: sheet names, headers and category labels in her language
 * (the labels of the screen), unit names instead of ids, counts as numbers shown with thousands
 * separators, and each category's code in a last column for whoever processes the file further.
 */
export async function statisticsXlsx(report: StatisticsReport, language: Language): Promise<Buffer> {
  const x = translator(language, 'exports');
  const t = webTranslator(language);
  const { page } = report;
  const unitNames = new Map(page.childUnits.map((unit) => [String(unit.id), unit.name]));
  const unitLabel = (key: string) =>
    key === 'self' ? t('caseStats.selfUnit', { name: page.unit.name }) : (unitNames.get(key) ?? key);
  const month = new Intl.DateTimeFormat(localeOf[language], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthLabel = (key: string) => month.format(new Date(`${key}-01T00:00:00Z`));
  const from = (list: string) => (key: string) => t(`${list}.${key}`, { defaultValue: key });
  const listLabels: Record<(typeof lists)[number], { heading: string; label: (key: string) => string }> = {
    byMonth: { heading: x('caseStats.month'), label: monthLabel },
    byUnit: { heading: x('caseStats.unit'), label: unitLabel },
    byPlace: { heading: x('caseStats.category'), label: from('cases.places') },
    byRelationship: { heading: x('caseStats.category'), label: from('cases.relationships') },
    byOutcome: {
      heading: x('caseStats.category'),
      label: (key) => (key === 'none' ? t('caseStats.noOutcome') : from('cases.outcomes')(key)),
    },
    bySex: { heading: x('caseStats.category'), label: from('caseStats.sex') },
    byAgeBand: {
      heading: x('caseStats.category'),
      label: (key) => (key === 'unknown' ? t('caseStats.unknown') : key),
    },
  };
  const tableLabels: Record<
    (typeof tables)[number],
    { row: (key: string) => string; column: (key: string) => string; rate: string }
  > = {
    deadlines: {
      row: from('cases.deadlineKinds'),
      column: from('caseStats.deadlineColumns'),
      rate: t('caseStats.metShare'),
    },
    referrals: {
      row: from('cases.services'),
      column: from('caseStats.referralColumns'),
      rate: t('caseStats.completion'),
    },
    consents: {
      row: from('cases.consentRoutes'),
      column: from('cases.consentStatuses'),
      rate: t('caseStats.consentRate'),
    },
  };

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Setara';
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
    return row;
  };
  /** A sheet with a bold header row that stays in view, readable column widths and number formats. */
  const sheetOf = (name: string, header: string[], widths: number[], formats: (string | undefined)[]) => {
    const sheet = workbook.addWorksheet(name);
    bold(sheet.addRow(header));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    widths.forEach((width, index) => {
      const column = sheet.getColumn(index + 1);
      column.width = width;
      const format = formats[index];
      if (format) column.numFmt = format;
    });
    return sheet;
  };

  const summary = workbook.addWorksheet(x('caseStats.sheets.summary'));
  summary.addRows([
    [x('caseStats.unit'), `${page.unit.name} (${page.unit.level})`],
    [x('caseStats.period'), `${monthLabel(page.from)} – ${monthLabel(page.to)}`],
    [t('caseStats.totalCases'), exportValue(page.total)],
    [],
    [x('caseStats.legend')],
    [x('caseStats.codesNote')],
  ]);
  summary.getColumn(1).width = 28;
  summary.getColumn(2).width = 40;
  summary.getCell('B3').numFmt = xlsxFormats.integer;
  summary.getCell('B3').alignment = { horizontal: 'left' };

  for (const name of lists) {
    const { heading, label } = listLabels[name];
    const sheet = sheetOf(
      x(`caseStats.sheets.${name}`),
      [heading, x('caseStats.cases'), x('caseStats.code')],
      [40, 12, 18],
      [undefined, xlsxFormats.integer, undefined],
    );
    for (const row of page[name].rows) sheet.addRow([label(row.key), exportValue(row.cell), row.key]);
    bold(sheet.addRow([x('caseStats.total'), exportValue(page[name].total), '']));
  }
  const forms = sheetOf(
    x('caseStats.sheets.byForm'),
    [x('caseStats.category'), x('caseStats.cases'), x('caseStats.code')],
    [48, 12, 18],
    [undefined, xlsxFormats.integer, undefined],
  );
  for (const row of page.byForm) forms.addRow([from('cases.forms')(row.key), exportValue(row.cell), row.key]);
  forms.addRow([]);
  forms.addRow([t('caseStats.byFormHint')]);

  for (const name of tables) {
    const table = page[name];
    const labels = tableLabels[name];
    const sheet = sheetOf(
      x(`caseStats.sheets.${name}`),
      [
        x('caseStats.category'),
        ...table.columns.map(labels.column),
        x('caseStats.total'),
        labels.rate,
        x('caseStats.code'),
      ],
      [40, ...table.columns.map(() => 14), 12, 14, 22],
      [
        undefined,
        ...table.columns.map(() => xlsxFormats.integer),
        xlsxFormats.integer,
        xlsxFormats.percent,
        undefined,
      ],
    );
    for (const row of table.rows)
      sheet.addRow([
        labels.row(row.key),
        ...row.cells.map(exportValue),
        exportValue(row.total),
        row.rate ?? '',
        row.key,
      ]);
    bold(
      sheet.addRow([
        x('caseStats.total'),
        ...table.columnTotals.map(exportValue),
        exportValue(table.total),
        '',
        '',
      ]),
    );
  }
  for (const name of durations) {
    const sheet = sheetOf(
      x(`caseStats.sheets.${name}`),
      [
        x('caseStats.unit'),
        x('caseStats.count'),
        x('caseStats.p25'),
        x('caseStats.median'),
        x('caseStats.p75'),
        x('caseStats.p90'),
        x('caseStats.code'),
      ],
      [40, 12, 12, 12, 12, 12, 12],
      [
        undefined,
        xlsxFormats.integer,
        xlsxFormats.decimal,
        xlsxFormats.decimal,
        xlsxFormats.decimal,
        xlsxFormats.decimal,
        undefined,
      ],
    );
    for (const row of page[name])
      sheet.addRow([
        unitLabel(row.key),
        exportValue(row.count),
        row.p25 ?? '',
        row.median ?? '',
        row.p75 ?? '',
        row.p90 ?? '',
        row.key,
      ]);
    sheet.addRow([]);
    sheet.addRow([x(name === 'timeToFirstContact' ? 'caseStats.hours' : 'caseStats.days')]);
  }
  // The SIMFONI-PPA table keeps its national column names: it is filled into the ministry's system.
  const simfoni = workbook.addWorksheet('SIMFONI-PPA');
  simfoni.addRow(['dimensi', 'kategori_simfoni', 'jumlah']);
  for (const row of report.simfoni) simfoni.addRow([row.dimension, row.category, exportValue(row.cell)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
