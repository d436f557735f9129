import type { Language } from '../../../shared/roles.ts';
import { localeOf } from '../../../shared/roles.ts';
import { translator } from '../../platform/i18n.ts';
import { renderPdf } from '../../platform/pdf.ts';

/** Blank rows under the names, for walk-ins the trainer enters afterwards (training.md, paper). */
export const blankSheetRows = 10;

export interface SheetData {
  programName: string;
  classTitle: string;
  sessionTitle: string | null;
  startsAt: Date;
  endsAt: Date;
  venue: string | null;
  participants: { name: string; unitName: string | null }[];
}

/**
 * The printable sign-in sheet of a session: the accepted participants (name, unit, a blank signature
 * box) and blank rows, times in Asia/Jakarta (WIB). A4 portrait, standard fonts. The trainer enters the
 * marks afterwards on the attendance page (via `paper`).
 */
export function buildSignInSheet(data: SheetData, language: Language): Promise<Buffer> {
  const t = translator(language, 'exports');
  const when = new Intl.DateTimeFormat(localeOf[language], {
    timeZone: 'Asia/Jakarta',
    dateStyle: 'full',
    timeStyle: 'short',
  });
  const until = new Intl.DateTimeFormat(localeOf[language], { timeZone: 'Asia/Jakarta', timeStyle: 'short' });
  const rows = [
    ...data.participants.map((participant, index) => [
      String(index + 1),
      participant.name,
      participant.unitName ?? '',
      '',
    ]),
    ...Array.from({ length: blankSheetRows }, (_, index) => [
      String(data.participants.length + index + 1),
      '',
      '',
      '',
    ]),
  ];
  return renderPdf({
    pageSize: 'A4',
    pageMargins: [36, 48, 36, 48],
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    info: { title: `${t('trainingSheet.title')} — ${data.classTitle}` },
    footer: (page: number, pages: number) => ({
      text: t('trainingSheet.page', { page, pages }),
      alignment: 'center',
      fontSize: 8,
      margin: [0, 16, 0, 0],
    }),
    content: [
      { text: t('trainingSheet.title'), fontSize: 16, bold: true },
      {
        text: `${data.classTitle}${data.sessionTitle ? ` — ${data.sessionTitle}` : ''}`,
        fontSize: 12,
        margin: [0, 4, 0, 0],
      },
      { text: data.programName, margin: [0, 2, 0, 0] },
      {
        text: `${when.format(data.startsAt)} – ${until.format(data.endsAt)} WIB${data.venue ? ` · ${data.venue}` : ''}`,
        margin: [0, 2, 0, 12],
      },
      {
        table: {
          headerRows: 1,
          widths: [24, '*', 150, 130],
          heights: (row: number) => (row === 0 ? 16 : 30),
          body: [
            [
              t('trainingSheet.number'),
              t('trainingSheet.name'),
              t('trainingSheet.unit'),
              t('trainingSheet.signature'),
            ].map((text) => ({ text, bold: true })),
            ...rows,
          ],
        },
      },
      { text: t('trainingSheet.note'), fontSize: 8, margin: [0, 12, 0, 0] },
    ],
  });
}
