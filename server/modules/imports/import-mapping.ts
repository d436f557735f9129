import { AppError } from '../../../shared/errors.ts';
import {
  memberImportFields,
  requiredMemberImportFields,
  requiredUnitImportFields,
  unitImportFields,
} from '../../../shared/taxonomies.ts';

export type ImportKind = 'members' | 'units';

/** Header spellings seen in union spreadsheets, compared after lower-casing and dropping spaces/punctuation. */
const aliases: Record<string, string[]> = {
  member_number: ['noanggota', 'nomoranggota', 'nomorinduk', 'nia', 'kta', 'nokta', 'membernumber'],
  full_name: ['nama', 'namalengkap', 'namaanggota', 'name', 'fullname'],
  sex: ['jeniskelamin', 'jk', 'sex', 'kelamin', 'lp'],
  gender_self: ['gender', 'identitasgender', 'genderself'],
  birth_year: ['tahunlahir', 'thnlahir', 'birthyear'],
  phone: ['nohp', 'nomorhp', 'hp', 'telepon', 'telp', 'notelp', 'phone', 'nowa', 'whatsapp'],
  email: ['email', 'surel', 'emailaddress'],
  unit_code: ['kodeunit', 'kodepsp', 'unit', 'unitcode', 'psp'],
  employer: ['perusahaan', 'namaperusahaan', 'employer', 'company'],
  job_title: ['jabatan', 'posisi', 'bagian', 'jobtitle'],
  joined_on: ['tanggalmasuk', 'tglmasuk', 'tanggalbergabung', 'tglbergabung', 'joinedon', 'joined'],
  status: ['status', 'statusanggota'],
  code: ['kode', 'code', 'kodeunit'],
  name: ['nama', 'namaunit', 'name'],
  level: ['tingkat', 'level', 'jenjang'],
  parent_code: ['kodeinduk', 'induk', 'parent', 'parentcode', 'kodeatasan'],
  region_code: ['kodewilayah', 'wilayah', 'region', 'regioncode', 'kodekabkota'],
  company_name: ['perusahaan', 'namaperusahaan', 'company', 'companyname'],
  sector: ['sektor', 'sector'],
  disnaker_number: ['nomorpencatatan', 'nopencatatan', 'buktipencatatan', 'disnaker', 'disnakernumber'],
  founded_on: ['tanggalberdiri', 'tglberdiri', 'foundedon', 'berdiri'],
};

const squash = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, '');

export function fieldsOf(kind: ImportKind): readonly string[] {
  return kind === 'members' ? memberImportFields : unitImportFields;
}

export function requiredFieldsOf(kind: ImportKind): readonly string[] {
  return kind === 'members' ? requiredMemberImportFields : requiredUnitImportFields;
}

/** Suggests field → header: the field's own name first, then known Indonesian and English headers. */
export function suggestMapping(kind: ImportKind, headers: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const field of fieldsOf(kind)) {
    const candidates = [squash(field), ...(aliases[field] ?? [])];
    const header = candidates
      .map((candidate) => headers.find((name) => squash(name) === candidate && !used.has(name)))
      .find(Boolean);
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

/**
 * Checks a mapping against the file and turns it into field → 1-based column (PostgreSQL array index).
 * Unknown fields, unknown headers and unmapped required fields are refused with every bad entry named.
 */
export function resolveMapping(
  kind: ImportKind,
  headers: string[],
  mapping: Record<string, string>,
): Map<string, number> {
  const fields = fieldsOf(kind);
  const bad: { path: string; message: string }[] = [];
  const columns = new Map<string, number>();
  for (const [field, header] of Object.entries(mapping)) {
    if (!header) continue;
    const index = headers.indexOf(header);
    if (!fields.includes(field) || index < 0)
      bad.push({ path: `mapping.${field}`, message: 'invalid_value' });
    else columns.set(field, index + 1);
  }
  for (const field of requiredFieldsOf(kind))
    if (!columns.has(field)) bad.push({ path: `mapping.${field}`, message: 'invalid_type' });
  if (bad.length) throw new AppError('validation_failed', 'Bad mapping', { fields: bad });
  return columns;
}
