import type { MemberImportField, UnitImportField } from './taxonomies.ts';

/**
 * Header rows of the import templates offered on the upload step. Each header is one of the spellings
 * the column matcher already knows (`server/modules/imports/import-mapping.ts`), so a file made from the
 * template maps itself; a test keeps the two in step. Headers only, no example row: a forgotten example
 * would otherwise be imported as a real member.
 */
export const importTemplateHeaders = {
  members: {
    member_number: 'Nomor anggota',
    full_name: 'Nama lengkap',
    sex: 'Jenis kelamin',
    gender_self: 'Identitas gender',
    birth_year: 'Tahun lahir',
    phone: 'Nomor HP',
    email: 'Email',
    unit_code: 'Kode unit',
    employer: 'Perusahaan',
    job_title: 'Jabatan',
    joined_on: 'Tanggal masuk',
    status: 'Status',
  } satisfies Record<MemberImportField, string>,
  units: {
    code: 'Kode',
    name: 'Nama unit',
    level: 'Tingkat',
    parent_code: 'Kode induk',
    region_code: 'Kode wilayah',
    company_name: 'Nama perusahaan',
    sector: 'Sektor',
    disnaker_number: 'Nomor pencatatan',
    founded_on: 'Tanggal berdiri',
  } satisfies Record<UnitImportField, string>,
} as const;

/** The template as CSV text: a UTF-8 byte order mark (so Excel reads it as UTF-8) and the header row. */
export function importTemplateCsv(kind: keyof typeof importTemplateHeaders): string {
  return `\uFEFF${Object.values(importTemplateHeaders[kind]).join(',')}\r\n`;
}
