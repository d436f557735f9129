import ExcelJS from 'exceljs';
import type {
  ParticipantReportResponse,
  ParticipantReportRow,
  SexCounts,
} from '../../../shared/contracts/training-reports.ts';
import { womenShareOf } from '../../../shared/contracts/training-reports.ts';
import { localeOf, type Language } from '../../../shared/roles.ts';
import { formatNumber, safeRow, xlsxFormats } from '../../platform/exports.ts';
import { translator } from '../../platform/i18n.ts';
import { renderPdf } from '../../platform/pdf.ts';

export type ParticipantReportFile = ParticipantReportResponse & { generatedAt: Date };

const stages = ['nominated', 'participants', 'completed'] as const;
const sexes = ['women', 'men', 'unknown', 'total'] as const;

function labelsOf(data: ParticipantReportFile, language: Language) {
  const tracks = new Map(data.tracks.map((track) => [track.code, track.labels[language]]));
  const t = translator(language, 'exports');
  const time = new Intl.DateTimeFormat(localeOf[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  });
  const header: [string, string][] = [
    [t('trainingReport.unit'), `${data.unit.name} (${data.unit.level})`],
    [t('trainingReport.generated'), time.format(data.generatedAt)],
    [
      t('trainingReport.filters'),
      `${t('trainingReport.year')}: ${data.filters.year ?? t('trainingReport.allYears')} · ${t('trainingReport.track')}: ${
        data.filters.track
          ? (tracks.get(data.filters.track) ?? data.filters.track)
          : t('trainingReport.allTracks')
      }`,
    ],
  ];
  const columns = [
    t('trainingReport.year'),
    t('trainingReport.track'),
    t('trainingReport.sendingUnit'),
    ...stages.flatMap((stage) =>
      sexes.map((sex) => `${t(`trainingReport.${stage}`)} ${t(`trainingReport.${sex}`)}`),
    ),
    t('trainingReport.womenShare'),
  ];
  return { t, header, columns, track: (code: string) => tracks.get(code) ?? code };
}

const countsOf = (row: Pick<ParticipantReportRow, (typeof stages)[number]>) =>
  stages.flatMap((stage) => sexes.map((sex) => row[stage][sex]));

/** The report as an XLSX workbook: counts stored as numbers, the women's share as a percentage. */
export async function participantReportXlsx(
  data: ParticipantReportFile,
  language: Language,
): Promise<Buffer> {
  const { t, header, columns, track } = labelsOf(data, language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Setara';
  workbook.created = data.generatedAt;
  const sheet = workbook.addWorksheet(t('trainingReport.sheet'));
  sheet.addRow([t('trainingReport.title')]).font = { bold: true, size: 14 };
  for (const line of header) sheet.addRow(safeRow(line));
  sheet.addRow([t('trainingReport.legend')]);
  sheet.addRow([]);
  const headerRow = sheet.addRow(columns);
  headerRow.font = { bold: true };
  for (const row of data.rows)
    sheet.addRow([
      row.year,
      ...safeRow([track(row.track), row.unitName]),
      ...countsOf(row),
      womenShareOf(row.participants) ?? '',
    ]);
  sheet.addRow([
    '',
    t('trainingReport.totals'),
    '',
    ...countsOf(data.totals),
    womenShareOf(data.totals.participants) ?? '',
  ]).font = { bold: true };
  for (let index = 4; index <= 3 + stages.length * sexes.length; index += 1)
    sheet.getColumn(index).numFmt = xlsxFormats.integer;
  sheet.getColumn(columns.length).numFmt = xlsxFormats.percent;
  sheet.getColumn(1).width = 10;
  sheet.getColumn(2).width = 28;
  sheet.getColumn(3).width = 32;
  sheet.views = [{ state: 'frozen', ySplit: headerRow.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as an A4 landscape PDF with the same figures. */
export function participantReportPdf(data: ParticipantReportFile, language: Language): Promise<Buffer> {
  const { t, header, track } = labelsOf(data, language);
  const share = (counts: SexCounts) => {
    const value = womenShareOf(counts);
    return value === null ? '—' : `${formatNumber(value * 100, language, 1)}%`;
  };
  const numbers = (row: Pick<ParticipantReportRow, (typeof stages)[number]>) =>
    countsOf(row).map((value) => ({ text: formatNumber(value, language), alignment: 'right' }));
  const head = [
    [
      { text: t('trainingReport.year'), rowSpan: 2, bold: true },
      { text: t('trainingReport.track'), rowSpan: 2, bold: true },
      { text: t('trainingReport.sendingUnit'), rowSpan: 2, bold: true },
      ...stages.flatMap((stage) => [
        { text: t(`trainingReport.${stage}`), colSpan: sexes.length, bold: true, alignment: 'center' },
        ...sexes.slice(1).map(() => ''),
      ]),
      { text: t('trainingReport.womenShare'), rowSpan: 2, bold: true },
    ],
    [
      '',
      '',
      '',
      ...stages.flatMap(() =>
        sexes.map((sex) => ({ text: t(`trainingReport.${sex}`), bold: true, alignment: 'right' })),
      ),
      '',
    ],
  ];
  const body = [
    ...head,
    ...data.rows.map((row) => [
      String(row.year),
      track(row.track),
      row.unitName,
      ...numbers(row),
      { text: share(row.participants), alignment: 'right' },
    ]),
    [
      '',
      { text: t('trainingReport.totals'), bold: true },
      '',
      ...numbers(data.totals).map((cell) => ({ ...cell, bold: true })),
      { text: share(data.totals.participants), alignment: 'right', bold: true },
    ],
  ];
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 36, 28, 40],
    defaultStyle: { font: 'Helvetica', fontSize: 8 },
    info: { title: `${t('trainingReport.title')} — ${data.unit.name}` },
    footer: (page: number, pages: number) => ({
      text: t('trainingReport.page', { page, pages }),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 12, 0, 0],
    }),
    content: [
      { text: t('trainingReport.title'), fontSize: 15, bold: true },
      ...header.map(([label, value]) => ({ text: `${label}: ${value}`, margin: [0, 2, 0, 0] })),
      { text: t('trainingReport.legend'), fontSize: 7, margin: [0, 4, 0, 8] },
      data.rows.length === 0
        ? { text: t('trainingReport.none') }
        : {
            table: {
              headerRows: 2,
              widths: [28, 80, '*', ...stages.flatMap(() => sexes.map(() => 24)), 48],
              body,
            },
            layout: 'lightHorizontalLines',
          },
    ],
  });
}
