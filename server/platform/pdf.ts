import { createRequire } from 'node:module';

/**
 * PDF documents from pdfmake definitions, in memory (the quota compliance report, the training sign-in
 * sheet, certificates later). One printer for the app: the 14 standard PDF fonts, so no font files ship.
 */
interface PdfKitDocument {
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end' | 'error', listener: (error?: Error) => void): void;
  end(): void;
}
/** pdfmake 0.2's server printer (its bundled types describe the 0.3 browser API, so it is typed here). */
type PdfPrinterClass = new (fonts: Record<string, Record<string, string>>) => {
  createPdfKitDocument(definition: Record<string, unknown>): PdfKitDocument;
};
const PdfPrinter = createRequire(import.meta.url)('pdfmake') as PdfPrinterClass;
const printer = new PdfPrinter({
  Helvetica: {
    normal: 'Helvetica',
    bold: 'Helvetica-Bold',
    italics: 'Helvetica-Oblique',
    bolditalics: 'Helvetica-BoldOblique',
  },
});

/** Renders a pdfmake document definition (use `defaultStyle: { font: 'Helvetica' }`). */
export function renderPdf(definition: Record<string, unknown>): Promise<Buffer> {
  const document = printer.createPdfKitDocument(definition);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', (error) => reject(error ?? new Error('PDF generation failed')));
    document.end();
  });
}
