import type { CaseForm, CasePlace, CaseRelationship, CaseService } from '../../../shared/case-taxonomy.ts';
import type { ageBands } from '../../../shared/contracts/cases.ts';

/**
 * The one place that maps our codes to SIMFONI-PPA's categories (the national case register of the
 * Ministry of Women's Empowerment and Child Protection). docs/simfoni-mapping.md explains each choice;
 * simfoni.test.ts writes the same table out by hand.
 */

export const simfoniForms = [
  'Fisik',
  'Psikis',
  'Seksual',
  'Eksploitasi',
  'Trafficking',
  'Penelantaran',
  'Lainnya',
] as const;
export type SimfoniForm = (typeof simfoniForms)[number];

export const simfoniPlaces = [
  'Rumah Tangga',
  'Tempat Kerja',
  'Sekolah',
  'Fasilitas Umum',
  'Lainnya',
] as const;
export type SimfoniPlace = (typeof simfoniPlaces)[number];

export const simfoniRelationships = [
  'Majikan',
  'Rekan Kerja',
  'Suami/Istri',
  'Pacar/Teman',
  'Keluarga/Saudara',
  'Lainnya',
  'NA',
] as const;
export type SimfoniRelationship = (typeof simfoniRelationships)[number];

export const simfoniServices = [
  'Pengaduan',
  'Kesehatan',
  'Bantuan Hukum',
  'Penegakan Hukum',
  'Rehabilitasi Sosial',
  'Reintegrasi Sosial',
  'Pemulangan',
  'Pendampingan Tokoh Agama',
] as const;
export type SimfoniService = (typeof simfoniServices)[number];

export const simfoniAgeBands = ['0-5', '6-12', '13-17', '18-24', '25-44', '45-59', '60+', 'NA'] as const;
export type SimfoniAgeBand = (typeof simfoniAgeBands)[number];

/** KD01 (domestic violence affecting work) has no SIMFONI form of its own: it counts by the case's other forms. */
export const simfoniFormOf: Record<CaseForm, SimfoniForm | null> = {
  KS01: 'Seksual',
  KS02: 'Seksual',
  KS03: 'Seksual',
  KS04: 'Eksploitasi',
  KS05: 'Seksual',
  KS06: 'Seksual',
  KS07: 'Seksual',
  KS08: 'Trafficking',
  KF01: 'Fisik',
  KP01: 'Psikis',
  KE01: 'Lainnya',
  KD01: null,
  RT01: 'Lainnya',
};

export const simfoniPlaceOf: Record<CasePlace, SimfoniPlace> = {
  area_kerja: 'Tempat Kerja',
  fasilitas_kerja: 'Tempat Kerja',
  acara_kerja: 'Tempat Kerja',
  mess_perusahaan: 'Tempat Kerja',
  perjalanan_dinas: 'Lainnya',
  pelatihan: 'Lainnya',
  kegiatan_serikat: 'Lainnya',
  daring: 'Lainnya',
  perjalanan_pulang_pergi: 'Fasilitas Umum',
  rumah: 'Rumah Tangga',
  lainnya: 'Lainnya',
};

/** domain/cases.md: the relationship mapping as the spec gives it. */
export const simfoniRelationshipOf: Record<CaseRelationship, SimfoniRelationship> = {
  atasan: 'Majikan',
  manajemen: 'Majikan',
  rekan_kerja: 'Rekan Kerja',
  bawahan: 'Rekan Kerja',
  pengurus_serikat: 'Lainnya',
  pihak_ketiga: 'Lainnya',
  pasangan: 'Suami/Istri',
  keluarga: 'Keluarga/Saudara',
  teman: 'Pacar/Teman',
  tidak_dikenal: 'NA',
};

/** Every case is a complaint received (Pengaduan); referrals add the service they lead to. */
export const simfoniServiceOf: Record<CaseService, SimfoniService> = {
  pendampingan_serikat: 'Pengaduan',
  rujukan_satgas_ppks: 'Pengaduan',
  rujukan_disnaker: 'Pengaduan',
  rujukan_uptd_ppa: 'Pengaduan',
  konseling_psikologis: 'Rehabilitasi Sosial',
  rumah_aman: 'Rehabilitasi Sosial',
  rehabilitasi_sosial: 'Rehabilitasi Sosial',
  layanan_kesehatan: 'Kesehatan',
  bantuan_hukum: 'Bantuan Hukum',
  permohonan_lpsk: 'Bantuan Hukum',
  penghapusan_konten: 'Bantuan Hukum',
  restitusi: 'Bantuan Hukum',
  laporan_polisi: 'Penegakan Hukum',
};

type AgeBand = (typeof ageBands)[number];

/**
 * Our intake asks 0–17 as one band (reports come from workers; UU 13/2003 Art. 69 allows only light work
 * from 13), so it is reported as SIMFONI's 13–17. An unknown age is `NA`.
 */
export const simfoniAgeBandOf: Record<AgeBand, SimfoniAgeBand> = {
  '0-17': '13-17',
  '18-24': '18-24',
  '25-44': '25-44',
  '45-59': '45-59',
  '60+': '60+',
};

/** The distinct SIMFONI forms of a case; a case with KD01 alone is `Lainnya`. */
export function simfoniFormsOfCase(forms: readonly CaseForm[]): SimfoniForm[] {
  const mapped = new Set(forms.map((form) => simfoniFormOf[form]).filter((form) => form !== null));
  if (mapped.size === 0) mapped.add('Lainnya');
  return simfoniForms.filter((form) => mapped.has(form));
}

export const simfoniAgeBand = (band: string | null): SimfoniAgeBand =>
  band !== null && band in simfoniAgeBandOf ? simfoniAgeBandOf[band as AgeBand] : 'NA';
