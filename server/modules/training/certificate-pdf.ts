import type { Language } from '../../../shared/roles.ts';
import { localeOf } from '../../../shared/roles.ts';
import { groupCode } from '../../platform/check-codes.ts';
import { translator } from '../../platform/i18n.ts';
import { renderPdf } from '../../platform/pdf.ts';

export interface CertificateData {
  code: string;
  holderName: string;
  classTitle: string;
  trackLabel: string;
  programName: string;
  partners: string[];
  issuingUnit: string;
  startsOn: string;
  endsOn: string;
  hours: number | null;
  validUntil: string | null;
  /** The public verification address the QR code carries. */
  verifyUrl: string;
}

/**
 * The certificate as a PDF (A4 landscape): the holder, the class, program and partners, dates and hours,
 * the issuing unit, the code in groups of four and a QR code to the public verification page. It names
 * neither member number, workplace union nor employer (training.md: membership must not reach an
 * employer through a certificate).
 */
export function buildCertificatePdf(data: CertificateData, language: Language): Promise<Buffer> {
  const t = translator(language, 'exports');
  const date = new Intl.DateTimeFormat(localeOf[language], { dateStyle: 'long', timeZone: 'Asia/Jakarta' });
  const day = (iso: string) => date.format(new Date(`${iso}T12:00:00+07:00`));
  const dates =
    data.startsOn === data.endsOn ? day(data.startsOn) : `${day(data.startsOn)} – ${day(data.endsOn)}`;
  return renderPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Helvetica', fontSize: 12, alignment: 'center' },
    info: { title: `${t('trainingCertificate.title')} ${data.code}` },
    content: [
      { text: t('trainingCertificate.union'), fontSize: 14, bold: true },
      data.partners.length
        ? {
            text: t('trainingCertificate.with', { partners: data.partners.join(', ') }),
            margin: [0, 2, 0, 0],
          }
        : { text: '' },
      { text: t('trainingCertificate.title'), fontSize: 30, bold: true, margin: [0, 28, 0, 8] },
      { text: t('trainingCertificate.givenTo') },
      { text: data.holderName, fontSize: 24, bold: true, margin: [0, 8, 0, 8] },
      { text: t('trainingCertificate.forCompleting') },
      { text: `${data.classTitle} (${data.trackLabel})`, fontSize: 16, bold: true, margin: [0, 6, 0, 2] },
      { text: data.programName },
      {
        text: data.hours ? t('trainingCertificate.datesHours', { dates, hours: data.hours }) : dates,
        margin: [0, 2, 0, 0],
      },
      data.validUntil
        ? { text: t('trainingCertificate.validUntil', { date: day(data.validUntil) }), margin: [0, 2, 0, 0] }
        : { text: '' },
      {
        margin: [0, 28, 0, 0],
        columns: [
          {
            width: '*',
            text: t('trainingCertificate.issuedBy', { unit: data.issuingUnit }),
            alignment: 'left',
          },
          {
            width: 'auto',
            stack: [
              { qr: data.verifyUrl, fit: 96, alignment: 'right' },
              { text: groupCode(data.code), fontSize: 10, alignment: 'right', margin: [0, 4, 0, 0] },
              {
                text: t('trainingCertificate.verify', { url: data.verifyUrl }),
                fontSize: 8,
                alignment: 'right',
              },
            ],
          },
        ],
      },
    ],
  });
}
