/** Coded values of the organisation module. Labels live in the translation files under the same keys. */
export const memberStatuses = ['calon', 'aktif', 'non_aktif', 'keluar', 'phk', 'meninggal'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
/** Statuses that count as membership in "how many members" figures. */
export const countedStatuses: readonly MemberStatus[] = ['aktif'];
/**
 * Statuses of a member who has left the union (keluar, PHK, meninggal). A board seat or a delegation
 * seat whose holder has one of them on a date is vacant on that date for quota figures (issue 10: the
 * holder no longer sits for anyone), and the body page says since when.
 */
export const departedStatuses: readonly MemberStatus[] = ['keluar', 'phk', 'meninggal'];

/** Statutory sex as recorded: L (laki-laki), P (perempuan); null means unknown and is never imputed. */
export const sexes = ['L', 'P'] as const;
export type Sex = (typeof sexes)[number];

export const sectors = [
  'garmen',
  'tekstil',
  'kulit',
  'sepatu',
  'makanan_minuman',
  'kimia',
  'logam',
  'lainnya',
] as const;
export type Sector = (typeof sectors)[number];

export const bodyKinds = [
  'executive',
  'komite_perempuan',
  'laskar',
  'tkbh',
  'media',
  'dewan_kehormatan',
  'congress_committee',
  'other',
] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const positionCategories = ['strategic', 'administrative', 'other'] as const;
export type PositionCategory = (typeof positionCategories)[number];

export const appointmentBases = ['elected', 'appointed', 'acting'] as const;
export type AppointmentBasis = (typeof appointmentBases)[number];

export const assemblyKinds = ['kongres', 'majenas', 'rakernas', 'rakercab', 'konferta', 'other'] as const;
export type AssemblyKind = (typeof assemblyKinds)[number];

export const delegationCategories = ['executive', 'komite_perempuan'] as const;
export const credentialStatuses = ['submitted', 'returned', 'accepted'] as const;

/** Member import columns; `member_number`, `full_name` and `unit_code` are required. */
export const memberImportFields = [
  'member_number',
  'full_name',
  'sex',
  'gender_self',
  'birth_year',
  'phone',
  'email',
  'unit_code',
  'employer',
  'job_title',
  'joined_on',
  'status',
] as const;
export type MemberImportField = (typeof memberImportFields)[number];
export const requiredMemberImportFields: readonly MemberImportField[] = [
  'member_number',
  'full_name',
  'unit_code',
];

export const unitImportFields = [
  'code',
  'name',
  'level',
  'parent_code',
  'region_code',
  'company_name',
  'sector',
  'disnaker_number',
  'founded_on',
] as const;
export type UnitImportField = (typeof unitImportFields)[number];
export const requiredUnitImportFields: readonly UnitImportField[] = ['code', 'name', 'level', 'parent_code'];

/** Reasons a row is refused by an import; translated under `imports.errors.<code>`. */
export const importErrorCodes = [
  'missing_value',
  'duplicate_in_file',
  'unknown_unit',
  'unit_out_of_scope',
  'unit_not_psp',
  'bad_sex',
  'bad_date',
  'no_such_date',
  'bad_year',
  'bad_status',
  'bad_email',
  'too_long',
  'bad_level',
  'unknown_region',
  'bad_sector',
  'code_taken',
  'number_taken',
  'mangled_number',
  'unknown_parent',
] as const;
export type ImportErrorCode = (typeof importErrorCodes)[number];
