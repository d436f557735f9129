import {
  memberImportFields,
  requiredMemberImportFields,
  requiredUnitImportFields,
  unitImportFields,
} from '../../../../shared/taxonomies.ts';
import type { ImportKind, ImportMapping } from '../api/imports-api.ts';

export interface ImportFieldSet {
  fields: readonly string[];
  required: readonly string[];
}

export const importFieldSets: Record<ImportKind, ImportFieldSet> = {
  members: { fields: memberImportFields, required: requiredMemberImportFields },
  units: { fields: unitImportFields, required: requiredUnitImportFields },
};

/**
 * The server's suggestion, kept only where it names a known field and a header that is in the file;
 * unmapped fields are left out rather than sent empty.
 */
export function initialMapping(
  fieldSet: ImportFieldSet,
  headers: readonly string[],
  suggested: Record<string, string>,
): ImportMapping {
  const mapping: ImportMapping = {};
  for (const field of fieldSet.fields) {
    const header = suggested[field];
    if (header && headers.includes(header)) mapping[field] = header;
  }
  return mapping;
}

export interface MappingProblems {
  /** Required fields with no column chosen. */
  missing: string[];
  /** Columns chosen for more than one field, with those fields. */
  duplicates: Record<string, string[]>;
}

export function mappingProblems(fieldSet: ImportFieldSet, mapping: ImportMapping): MappingProblems {
  const missing = fieldSet.required.filter((field) => !mapping[field]);
  const byHeader: Record<string, string[]> = {};
  for (const field of fieldSet.fields) {
    const header = mapping[field];
    if (header) (byHeader[header] ??= []).push(field);
  }
  const duplicates = Object.fromEntries(Object.entries(byHeader).filter(([, fields]) => fields.length > 1));
  return { missing, duplicates };
}

export const isMappingComplete = (problems: MappingProblems): boolean =>
  problems.missing.length === 0 && Object.keys(problems.duplicates).length === 0;

/** Whole percent of processed rows, 0–100; an empty file counts as done. */
export function progressPercent(processed: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.max(0, Math.floor((processed / total) * 100)));
}
