import { z } from 'zod';
import { importErrorCodes } from '../taxonomies.ts';

export const importKind = z.enum(['members', 'units']);
export const importMode = z.enum(['all_or_nothing', 'valid_only']);

/** After upload: the file's header, a few rows, and a suggested mapping (field → header). */
export const importUploadResponse = z.object({
  id: z.uuid(),
  kind: importKind,
  fileName: z.string(),
  headers: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  totalRows: z.number().int(),
  suggestedMapping: z.record(z.string(), z.string()),
});
export type ImportUploadResponse = z.infer<typeof importUploadResponse>;

/** field name (see memberImportFields / unitImportFields) → header name in the file. */
export const importMapping = z.record(z.string(), z.string());
export const validateImportBody = z.object({ mapping: importMapping });

export const importRowError = z.object({
  row: z.number().int(),
  field: z.string(),
  code: z.enum(importErrorCodes),
  value: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importSummary = z.object({
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  newRows: z.number().int(),
  updatedRows: z.number().int(),
  unchangedRows: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummary>;

/** Dry run: writes nothing to members or units. `errors` holds at most 1,000 rows; the CSV has all. */
export const validateImportResponse = z.object({ summary: importSummary, errors: z.array(importRowError) });
export const runImportBody = z.object({ mode: importMode });

export const importJobView = z.object({
  id: z.uuid(),
  kind: importKind,
  status: z.enum(['uploaded', 'validated', 'running', 'done', 'failed']),
  fileName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  mode: importMode.nullable(),
  summary: importSummary.nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;

/** My recent imports, and the upload size limit (IMPORT_MAX_MB) so the form can say it before sending. */
export const listImportsResponse = z.object({ items: z.array(importJobView), maxUploadMb: z.number().int() });
export type ListImportsResponse = z.infer<typeof listImportsResponse>;
