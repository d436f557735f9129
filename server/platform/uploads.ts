import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../shared/errors.ts';

/**
 * The one check of an uploaded file's bytes (DESIGN.md "Uploads: size limits, type sniffing"): an empty
 * file is a `validation_failed` on `file`, one over `maxBytes` a `payload_too_large`, and a type sniffed
 * from the bytes (never the name or the declared type) outside `types` an `unsupported_media_type`.
 * Answers the sniffed media type. Used by training sheet photos, campaign activity photos, material files and agreement documents.
 */
export async function sniffUpload(
  data: Buffer,
  options: { maxBytes: number; types: ReadonlySet<string> },
): Promise<string> {
  if (data.length === 0)
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'file', message: 'invalid_type' }],
    });
  if (data.length > options.maxBytes) throw new AppError('payload_too_large');
  const type = await fileTypeFromBuffer(data);
  if (!type || !options.types.has(type.mime)) throw new AppError('unsupported_media_type');
  return type.mime;
}

/**
 * A file name safe to put in a download header: the base name, plain characters, at most 120 (the name the
 * browser sent is kept only in this form; `fallback` when nothing is left).
 */
export function safeFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-120);
  return cleaned || fallback;
}
