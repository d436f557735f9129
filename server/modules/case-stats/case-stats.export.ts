import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type {
  CaseStatsResponse,
  StatCell,
  StatList,
  StatTable,
} from '../../../shared/contracts/case-stats.ts';
import type { Language } from '../../../shared/roles.ts';
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

export async function statisticsXlsx(report: StatisticsReport, language: Language): Promise<Buffer> {
  const w = words[language];
  const { page } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Setara';
  const summary = workbook.addWorksheet(w.summary);
  summary.addRows([
    [w.unit, page.unit.name],
    [w.period, `${page.from} – ${page.to}`],
    [w.total, exportValue(page.total)],
    [],
    [w.legend],
  ]);
  for (const name of lists) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([w.key, w.value]);
    for (const row of page[name].rows) sheet.addRow([row.key, exportValue(row.cell)]);
    sheet.addRow([w.total, exportValue(page[name].total)]);
  }
  const forms = workbook.addWorksheet('byForm');
  forms.addRow([w.key, w.value]);
  for (const row of page.byForm) forms.addRow([row.key, exportValue(row.cell)]);
  for (const name of tables) {
    const table = page[name];
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([w.key, ...table.columns, w.total, w.rate]);
    for (const row of table.rows)
      sheet.addRow([row.key, ...row.cells.map(exportValue), exportValue(row.total), row.rate ?? '']);
    sheet.addRow([w.total, ...table.columnTotals.map(exportValue), exportValue(table.total), '']);
  }
  for (const name of durations) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([w.key, w.count, 'p25', 'median', 'p75', 'p90']);
    for (const row of page[name])
      sheet.addRow([
        row.key,
        exportValue(row.count),
        row.p25 ?? '',
        row.median ?? '',
        row.p75 ?? '',
        row.p90 ?? '',
      ]);
  }
  const simfoni = workbook.addWorksheet('SIMFONI-PPA');
  simfoni.addRow(['dimensi', 'kategori_simfoni', 'jumlah']);
  for (const row of report.simfoni) simfoni.addRow([row.dimension, row.category, exportValue(row.cell)]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
