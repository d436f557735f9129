import ExcelJS from 'exceljs';
import i18next, { type TFunction } from 'i18next';
import type { BodyAttention, QuotaDashboardResponse } from '../../../shared/contracts/quota-dashboard.ts';
import enDashboard from '../../../shared/locales/en/web-quota-dashboard.json' with { type: 'json' };
import enWeb from '../../../shared/locales/en/web.json' with { type: 'json' };
import idDashboard from '../../../shared/locales/id/web-quota-dashboard.json' with { type: 'json' };
import idWeb from '../../../shared/locales/id/web.json' with { type: 'json' };
import { localeOf, type Language } from '../../../shared/roles.ts';
import { renderPdf } from '../../platform/pdf.ts';

const texts = i18next.createInstance();
void texts.init({
  resources: { id: { web: { ...idWeb, ...idDashboard } }, en: { web: { ...enWeb, ...enDashboard } } },
  lng: 'id',
  fallbackLng: 'en',
  ns: ['web'],
  defaultNS: 'web',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export interface ReportData {
  dashboard: QuotaDashboardResponse;
  bodies: BodyAttention[];
  generatedAt: Date;
}

const percent = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);
const points = (bp: number | null) => (bp === null ? '—' : `${bp >= 0 ? '+' : ''}${(bp / 100).toFixed(1)}`);

function headerLines(data: ReportData, t: TFunction, language: Language): [string, string][] {
  const { dashboard } = data;
  const time = new Intl.DateTimeFormat(localeOf[language], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  });
  return [
    [t('quotaDashboard.report.unit'), `${dashboard.unit.name} (${dashboard.unit.level})`],
    [t('quotaDashboard.report.generated'), time.format(data.generatedAt)],
    [
      t('quotaDashboard.report.asOf'),
      dashboard.freshness
        ? `${dashboard.freshness.asOf} (${time.format(new Date(dashboard.freshness.refreshedAt))})`
        : t('quotaDashboard.report.notBuilt'),
    ],
    [t('quotaDashboard.report.rule'), dashboard.rule?.name ?? '—'],
    [t('quotaDashboard.report.ruleVersion'), dashboard.rule?.version ?? '—'],
  ];
}

const levelRows = (data: ReportData, t: TFunction) =>
  data.dashboard.bodies.map((row) => [
    row.level,
    t(`bodyKind.${row.kind}`, { defaultValue: row.kind }),
    row.status.bodies,
    row.status.compliant,
    row.status.atRisk,
    row.status.nonCompliant,
    row.status.unknown,
    row.status.notApplicable,
    row.women,
    row.unknown,
    row.total,
    percent(row.womenShareBp),
    points(row.gapBp),
  ]);

const levelHeader = (t: TFunction) => [
  t('quotaDashboard.columns.level'),
  t('quotaDashboard.columns.kind'),
  t('quotaDashboard.columns.bodies'),
  t('quotaDashboard.report.compliant'),
  t('quotaDashboard.columns.atRisk'),
  t('quotaDashboard.columns.nonCompliant'),
  t('quotaDashboard.status.unknown'),
  t('quotaDashboard.status.not_applicable'),
  t('quotaDashboard.columns.women'),
  t('quotaDashboard.columns.unknown'),
  t('quotaDashboard.columns.filled'),
  t('quotaDashboard.columns.share'),
  t('quotaDashboard.columns.gap'),
];

const bodyHeader = (t: TFunction) => [
  t('quotaDashboard.columns.level'),
  t('quotaDashboard.columns.unit'),
  t('quotaDashboard.columns.body'),
  t('quotaDashboard.report.seats'),
  t('quotaDashboard.columns.filled'),
  t('quotaDashboard.columns.women'),
  t('quotaDashboard.columns.men'),
  t('quotaDashboard.columns.unknown'),
  t('quotaDashboard.report.required'),
  t('quotaDashboard.report.shortfall'),
  t('quotaDashboard.columns.status'),
];

const bodyRow = (body: BodyAttention, t: TFunction) => [
  body.unit.level,
  body.unit.name,
  body.bodyName,
  body.seats,
  body.filled,
  body.women,
  body.men,
  body.unknown,
  body.requiredWomen,
  body.shortfall,
  t(`quotaDashboard.status.${body.status}`),
];

function membershipLine(data: ReportData, t: TFunction): string {
  const members = data.dashboard.members;
  return t('quotaDashboard.report.membership', {
    women: members.women,
    men: members.men,
    unknown: members.unknown,
    share: percent(members.womenShareBp),
  });
}

/** The compliance report per level as an XLSX workbook: a summary sheet and every body of the subtree. */
export async function buildXlsxReport(data: ReportData, language: Language): Promise<Buffer> {
  const t = texts.getFixedT(language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Setara';
  workbook.created = data.generatedAt;
  workbook.subject = data.dashboard.rule?.version ?? '';
  const summary = workbook.addWorksheet(t('quotaDashboard.report.summarySheet'));
  summary.addRow([t('quotaDashboard.report.title')]).font = { bold: true, size: 14 };
  for (const line of headerLines(data, t, language)) summary.addRow(line);
  summary.addRow([membershipLine(data, t)]);
  summary.addRow([t('quotaDashboard.report.unknownNote')]);
  summary.addRow([]);
  summary.addRow([t('quotaDashboard.report.perLevel')]).font = { bold: true };
  summary.addRow(levelHeader(t)).font = { bold: true };
  for (const row of levelRows(data, t)) summary.addRow(row);
  summary.getColumn(1).width = 18;
  summary.getColumn(2).width = 28;

  const bodies = workbook.addWorksheet(t('quotaDashboard.report.bodiesSheet'));
  bodies.addRow(bodyHeader(t)).font = { bold: true };
  for (const body of data.bodies) bodies.addRow(bodyRow(body, t));
  bodies.getColumn(2).width = 32;
  bodies.getColumn(3).width = 36;
  bodies.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Bodies printed in the PDF: those needing action (the XLSX carries every body). */
const PDF_BODY_LIMIT = 2000;

/** The compliance report per level as a PDF (A4 landscape, standard fonts, rule and version on every page). */
export async function buildPdfReport(data: ReportData, language: Language): Promise<Buffer> {
  const t = texts.getFixedT(language);
  const ruleLine = `${t('quotaDashboard.report.rule')}: ${data.dashboard.rule?.name ?? '—'} · ${t('quotaDashboard.report.ruleVersion')}: ${data.dashboard.rule?.version ?? '—'}`;
  const needing = data.bodies.filter(
    (body) => body.status !== 'compliant' && body.status !== 'not_applicable',
  );
  const cell = (value: string | number) => ({ text: String(value) });
  const definition = {
    // Uncompressed content streams: a partner can check the rule version with any text tool.
    compress: false,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [32, 40, 32, 40],
    info: {
      title: `${t('quotaDashboard.report.title')} — ${data.dashboard.unit.name}`,
      subject: ruleLine,
      creator: 'Setara',
    },
    defaultStyle: { font: 'Helvetica', fontSize: 8 },
    footer: (page: number, pages: number) => ({
      text: `${ruleLine} · ${page}/${pages}`,
      margin: [32, 10, 32, 0],
      fontSize: 7,
    }),
    content: [
      { text: t('quotaDashboard.report.title'), fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      {
        table: {
          widths: [110, '*'],
          body: headerLines(data, t, language).map(([label, value]) => [{ text: label, bold: true }, value]),
        },
        layout: 'noBorders',
      },
      { text: membershipLine(data, t), margin: [0, 6, 0, 0] },
      { text: t('quotaDashboard.report.unknownNote'), italics: true, margin: [0, 2, 0, 10] },
      { text: t('quotaDashboard.report.perLevel'), fontSize: 12, bold: true, margin: [0, 0, 0, 4] },
      {
        table: {
          headerRows: 1,
          body: [
            levelHeader(t).map((text) => ({ text, bold: true })),
            ...levelRows(data, t).map((row) => row.map(cell)),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      {
        text: `${t('quotaDashboard.attentionTitle')} (${needing.length})`,
        fontSize: 12,
        bold: true,
        margin: [0, 12, 0, 4],
      },
      needing.length === 0
        ? { text: t('quotaDashboard.noAttention') }
        : {
            table: {
              headerRows: 1,
              widths: [30, '*', '*', 30, 30, 30, 30, 30, 40, 40, 60],
              body: [
                bodyHeader(t).map((text) => ({ text, bold: true })),
                ...needing.slice(0, PDF_BODY_LIMIT).map((body) => bodyRow(body, t).map(cell)),
              ],
            },
            layout: 'lightHorizontalLines',
          },
    ],
  };
  return renderPdf(definition);
}
