import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { safeFileName, sniffUpload } from './uploads.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (error instanceof AppError ? error.code : 'other'),
  );

describe('sniffUpload', () => {
  const types = new Set(['application/pdf']);
  it('answers the type read from the bytes, whatever the name says', async () => {
    expect(await sniffUpload(pdf, { maxBytes: 1000, types })).toBe('application/pdf');
  });
  it('refuses an empty file, one over the limit and a type outside the list', async () => {
    expect(await codeOf(sniffUpload(Buffer.alloc(0), { maxBytes: 1000, types }))).toBe('validation_failed');
    expect(await codeOf(sniffUpload(pdf, { maxBytes: pdf.length - 1, types }))).toBe('payload_too_large');
    expect(await codeOf(sniffUpload(Buffer.from('just some text'), { maxBytes: 1000, types }))).toBe(
      'unsupported_media_type',
    );
  });
});

describe('safeFileName', () => {
  it('keeps a plain base name for the download header', () => {
    expect(safeFileName('C:\\tmp\\Leaflet C190 (final).pdf', 'x')).toBe('Leaflet_C190_final_.pdf');
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeFileName('', 'materi-1.pdf')).toBe('materi-1.pdf');
  });
});
