/**
 * Coded values of the cases module (../shared/domain/cases.md is the spec). Codes are stable and stay in
 * clear in the database for routing, deadlines and statistics; labels live in the translation files under
 * `cases.<list>.<code>` (staff app) and `public.<list>.<code>` (reporting pages).
 */

/** Forms of violence and harassment (several per case). KS* are sexual violence under UU TPKS. */
export const caseForms = [
  'KS01',
  'KS02',
  'KS03',
  'KS04',
  'KS05',
  'KS06',
  'KS07',
  'KS08',
  'KF01',
  'KP01',
  'KE01',
  'KD01',
  'RT01',
] as const;
export type CaseForm = (typeof caseForms)[number];

/** UU TPKS Art. 23: no out-of-court settlement for sexual violence, so KS* forms forbid mediation. */
export const isSexualViolenceForm = (form: CaseForm): boolean => form.startsWith('KS');

/** Who is reporting: the person it happened to, a witness, someone else. */
export const reporterRoles = ['korban', 'saksi', 'lainnya'] as const;
export type ReporterRole = (typeof reporterRoles)[number];

/** Where it happened (ILO C190 Art. 3 places, plus home and other). */
export const casePlaces = [
  'area_kerja',
  'fasilitas_kerja',
  'perjalanan_dinas',
  'pelatihan',
  'acara_kerja',
  'kegiatan_serikat',
  'daring',
  'mess_perusahaan',
  'perjalanan_pulang_pergi',
  'rumah',
  'lainnya',
] as const;
export type CasePlace = (typeof casePlaces)[number];

/** Relationship of the named person to the survivor. */
export const caseRelationships = [
  'atasan',
  'manajemen',
  'rekan_kerja',
  'bawahan',
  'pengurus_serikat',
  'pihak_ketiga',
  'pasangan',
  'keluarga',
  'teman',
  'tidak_dikenal',
] as const;
export type CaseRelationship = (typeof caseRelationships)[number];

/**
 * The named person's union office as the reporter knows it; it drives routing (an officer at DPD level or
 * above is handled by DPP). `tidak_ada` = holds no office, `tidak_tahu` = don't know.
 */
export const namedOfficeLevels = ['tidak_ada', 'tidak_tahu', 'PSP', 'DPC', 'DPD', 'DPP'] as const;
export type NamedOfficeLevel = (typeof namedOfficeLevels)[number];

/** What the reporter wants to happen. */
export const reporterWishes = [
  'catat_saja',
  'dukungan',
  'tindakan_serikat',
  'bantuan_hukum',
  'rujukan_satgas',
  'rujukan_disnaker',
  'rujukan_uptd_ppa',
  'laporan_polisi',
] as const;
export type ReporterWish = (typeof reporterWishes)[number];

export const contactMethods = ['none', 'phone', 'email', 'whatsapp'] as const;
export type ContactMethod = (typeof contactMethods)[number];

/** How the report reached the union: the public form, or staff intake of an oral report. */
export const caseChannels = ['web', 'tatap_muka', 'telepon', 'whatsapp'] as const;
export type CaseChannel = (typeof caseChannels)[number];
export const intakeChannels = ['tatap_muka', 'telepon', 'whatsapp'] as const;

/**
 * Services and referrals (UU TPKS Arts. 43, 68–70). Each is also a consent route: nothing goes to a
 * service without the survivor's recorded consent for it. `pengungkapan` is any disclosure of the case to
 * the employer or another party outside the case team; `proses_etik` the union-internal ethics process.
 */
export const caseServices = [
  'pendampingan_serikat',
  'konseling_psikologis',
  'layanan_kesehatan',
  'bantuan_hukum',
  'rujukan_satgas_ppks',
  'rujukan_disnaker',
  'rujukan_uptd_ppa',
  'laporan_polisi',
  'permohonan_lpsk',
  'penghapusan_konten',
  'rumah_aman',
  'rehabilitasi_sosial',
  'restitusi',
] as const;
export type CaseService = (typeof caseServices)[number];
export const consentRoutes = [...caseServices, 'pengungkapan', 'proses_etik'] as const;
export type ConsentRoute = (typeof consentRoutes)[number];
export const consentStatuses = ['given', 'refused', 'withdrawn'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

export const referralStatuses = ['direncanakan', 'dikirim', 'diterima', 'selesai', 'ditolak'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const measureKinds = [
  'pemisahan_kerja',
  'perlindungan_identitas',
  'larangan_kontak',
  'cuti',
  'pendampingan',
  'lainnya',
] as const;
export type MeasureKind = (typeof measureKinds)[number];
export const measureStatuses = ['diminta', 'berlaku', 'berakhir', 'ditolak'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

/** Union-internal ethics process (named person is a union officer, or it happened at a union event). */
export const ethicsStatuses = ['diajukan', 'pemeriksaan', 'diputus', 'tidak_dilanjutkan'] as const;
export type EthicsStatus = (typeof ethicsStatuses)[number];

/** Rights checklist, UU TPKS Arts. 68–70; every item must be reviewed before a case can close. */
export const rightsItems = [
  'informasi',
  'layanan_hukum',
  'layanan_psikologis',
  'layanan_kesehatan',
  'penghapusan_konten',
  'kerahasiaan_identitas',
  'perlindungan_pekerjaan',
  'perlindungan_tuntutan_balik',
  'pemulihan',
] as const;
export type RightsItem = (typeof rightsItems)[number];
export const rightsItemStatuses = ['diberikan', 'ditawarkan_ditolak', 'tidak_relevan'] as const;
export type RightsItemStatus = (typeof rightsItemStatuses)[number];

/** SOP workflow states. */
export const caseStates = ['received', 'triage', 'handling', 'monitoring', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];

export const closingReasons = [
  'selesai',
  'dirujuk_keluar',
  'ditarik_korban',
  'tanpa_persetujuan',
  'tidak_terbukti',
  'duplikat',
] as const;
export type ClosingReason = (typeof closingReasons)[number];

/** Outcomes decided by the coordinator; `mediasi_damai` is refused on any KS* case (UU TPKS Art. 23). */
export const caseOutcomes = [
  'sanksi_perusahaan',
  'sanksi_organisasi',
  'pemulihan_hak',
  'proses_hukum',
  'mediasi_damai',
  'tanpa_tindakan',
  'lainnya',
] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

/**
 * SOP deadlines that the case list sorts and filters by; `checkin_*` are the retaliation check-ins after
 * an outcome (30, 90, 180 days, and before the survivor's contract renewal).
 */
export const deadlineKinds = [
  'first_contact',
  'consent',
  'update',
  'outcome',
  'checkin_30',
  'checkin_90',
  'checkin_180',
  'checkin_contract',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

/** Parts of a case; every read of a part with content writes an access-log row naming it. */
export const caseParts = [
  'summary',
  'narrative',
  'identity',
  'named_person',
  'notes',
  'messages',
  'files',
  // Referral texts (recipient, outcome) and protective-measure descriptions: every case role reads
  // them, and legal aid's reads were not logged (issue 17).
  'referrals',
  'access_log',
] as const;
export type CasePart = (typeof caseParts)[number];
