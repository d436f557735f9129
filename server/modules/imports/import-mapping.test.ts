import { describe, expect, it } from 'vitest';
import { importTemplateCsv, importTemplateHeaders } from '../../../shared/import-template.ts';
import { fieldsOf, suggestMapping, type ImportKind } from './import-mapping.ts';

describe('import templates (the upload step offers them)', () => {
  it.each<ImportKind>(['members', 'units'])(
    'a %s file made from the template maps every field by itself',
    (kind) => {
      const headers = importTemplateCsv(kind)
        .replace(/^\uFEFF/, '')
        .trim()
        .split(',');
      expect(headers).toHaveLength(fieldsOf(kind).length);
      const expected = Object.fromEntries(
        fieldsOf(kind).map((field) => [field, headers[fieldsOf(kind).indexOf(field)]]),
      );
      expect(suggestMapping(kind, headers)).toEqual(expected);
      expect(Object.keys(importTemplateHeaders[kind])).toEqual([...fieldsOf(kind)]);
    },
  );
});
