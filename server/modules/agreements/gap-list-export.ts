import ExcelJS from 'exceljs';
import type { AgreementDetail } from '../../../shared/contracts/agreements.ts';
import { localeOf, type Language } from '../../../shared/roles.ts';
import { safeRow } from '../../platform/exports.ts';
import { translator } from '../../platform/i18n.ts';
import { renderPdf } from '../../platform/pdf.ts';

/** What a gap list file shows: the agreement with its sheet and gaps, and when it was made. */
export interface GapListFile {
  agreement: AgreementDetail;
  generatedAt: Date;
}

function labelsOf(data: GapListFile, language: Language) {
  const t = translator(language, 'exports');
  const { agreement } = data;
  const day = new Intl.DateTimeFormat(localeOf[language], { dateStyle: 'long', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(localeOf[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  });
  const dayOf = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));
  const end = agreement.extendedUntil ?? agreement.endsOn;
  const header: [string, string][] = [
    [t('gapList.psp'), agreement.unitName],
    [t('gapList.company'), agreement.companyName],
    [t('gapList.kind'), t(`gapList.kinds.${agreement.kind}`)],
    [t('gapList.period'), `${dayOf(agreement.startsOn)} – ${dayOf(end)}`],
    [t('gapList.registration'), agreement.registrationNumber ?? '—'],
    [
      t('gapList.checklist'),
      agreement.codedAgainstVersion === null
        ? t('gapList.checklistNotCoded', { version: agreement.checklistVersion })
        : t('gapList.checklistValue', {
            version: agreement.checklistVersion,
            against: agreement.codedAgainstVersion,
          }),
    ],
    [t('gapList.generated'), time.format(data.generatedAt)],
  ];
  const columns = [
    t('gapList.number'),
    t('gapList.item'),
    t('gapList.group'),
    t('gapList.reason'),
    t('gapList.answer'),
    t('gapList.article'),
    t('gapList.excerpt'),
    t('gapList.proposal'),
  ];
  const rows = agreement.gaps.map((gap, index) => [
    index + 1,
    language === 'id' ? gap.item.titleId : gap.item.titleEn,
    t(`gapList.groups.${gap.item.group}`),
    t(`gapList.reasons.${gap.reason}`),
    t(`gapList.answers.${gap.current?.answer ?? 'not_coded'}`),
    gap.current?.article ?? '',
    gap.current?.excerpt ?? '',
    '',
  ]);
  return { t, header, columns, rows };
}

/**
 * The gap list as an XLSX workbook: the agreement's header, then one row per gap with an empty column
 * for the clause the team will propose. Text cells are neutralised against formula injection.
 */
export async function gapListXlsx(data: GapListFile, language: Language): Promise<Buffer> {
  const { t, header, columns, rows } = labelsOf(data, language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Setara';
  workbook.created = data.generatedAt;
  const sheet = workbook.addWorksheet(t('gapList.sheet'));
  sheet.addRow([t('gapList.title')]).font = { bold: true, size: 14 };
  for (const line of header) sheet.addRow(safeRow(line));
  sheet.addRow([]);
  const headerRow = sheet.addRow(columns);
  headerRow.font = { bold: true };
  for (const row of rows) {
    const [number, ...texts] = row;
    sheet.addRow([number as number, ...safeRow(texts)]);
  }
  if (rows.length === 0) sheet.addRow([t('gapList.none')]);
  [6, 50, 24, 20, 16, 12, 60, 60].forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  for (const index of [2, 7, 8]) sheet.getColumn(index).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', ySplit: headerRow.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The gap list as an A4 landscape PDF for the negotiating table, with the same rows. */
export function gapListPdf(data: GapListFile, language: Language): Promise<Buffer> {
  const { t, header, columns, rows } = labelsOf(data, language);
  const table = {
    headerRows: 1,
    widths: [18, '*', 70, 60, 50, 40, '*', 110],
    body: [
      columns.map((text) => ({ text, bold: true })),
      ...rows.map((row) => row.map((cell) => ({ text: String(cell) }))),
    ],
  };
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 36, 28, 40],
    defaultStyle: { font: 'Helvetica', fontSize: 8 },
    info: { title: `${t('gapList.title')} — ${data.agreement.unitName}` },
    footer: (page: number, pages: number) => ({
      text: t('gapList.page', { page, pages }),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 12, 0, 0],
    }),
    content: [
      { text: t('gapList.title'), fontSize: 14, bold: true, margin: [0, 0, 0, 8] },
      {
        table: {
          widths: [120, '*'],
          body: header.map(([label, value]) => [{ text: label, bold: true }, value]),
        },
        layout: 'noBorders',
        margin: [0, 0, 0, 10],
      },
      rows.length === 0 ? { text: t('gapList.none') } : { table, layout: 'lightHorizontalLines' },
    ],
  });
}
