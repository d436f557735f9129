import { describe, expect, it } from 'vitest';
import { caseForms, casePlaces, caseRelationships, caseServices } from '../../../shared/case-taxonomy.ts';
import { ageBands } from '../../../shared/contracts/cases.ts';
import {
  simfoniAgeBand,
  simfoniFormOf,
  simfoniFormsOfCase,
  simfoniPlaceOf,
  simfoniRelationshipOf,
  simfoniServiceOf,
} from './simfoni.ts';

// The mapping table of docs/simfoni-mapping.md, written out again by hand.
const forms = [
  ['KS01', 'Seksual'],
  ['KS02', 'Seksual'],
  ['KS03', 'Seksual'],
  ['KS04', 'Eksploitasi'],
  ['KS05', 'Seksual'],
  ['KS06', 'Seksual'],
  ['KS07', 'Seksual'],
  ['KS08', 'Trafficking'],
  ['KF01', 'Fisik'],
  ['KP01', 'Psikis'],
  ['KE01', 'Lainnya'],
  ['KD01', null],
  ['RT01', 'Lainnya'],
] as const;
const places = [
  ['area_kerja', 'Tempat Kerja'],
  ['fasilitas_kerja', 'Tempat Kerja'],
  ['acara_kerja', 'Tempat Kerja'],
  ['mess_perusahaan', 'Tempat Kerja'],
  ['perjalanan_dinas', 'Lainnya'],
  ['pelatihan', 'Lainnya'],
  ['kegiatan_serikat', 'Lainnya'],
  ['daring', 'Lainnya'],
  ['perjalanan_pulang_pergi', 'Fasilitas Umum'],
  ['rumah', 'Rumah Tangga'],
  ['lainnya', 'Lainnya'],
] as const;
const relationships = [
  ['atasan', 'Majikan'],
  ['manajemen', 'Majikan'],
  ['rekan_kerja', 'Rekan Kerja'],
  ['bawahan', 'Rekan Kerja'],
  ['pengurus_serikat', 'Lainnya'],
  ['pihak_ketiga', 'Lainnya'],
  ['pasangan', 'Suami/Istri'],
  ['keluarga', 'Keluarga/Saudara'],
  ['teman', 'Pacar/Teman'],
  ['tidak_dikenal', 'NA'],
] as const;
const services = [
  ['pendampingan_serikat', 'Pengaduan'],
  ['rujukan_satgas_ppks', 'Pengaduan'],
  ['rujukan_disnaker', 'Pengaduan'],
  ['rujukan_uptd_ppa', 'Pengaduan'],
  ['konseling_psikologis', 'Rehabilitasi Sosial'],
  ['rumah_aman', 'Rehabilitasi Sosial'],
  ['rehabilitasi_sosial', 'Rehabilitasi Sosial'],
  ['layanan_kesehatan', 'Kesehatan'],
  ['bantuan_hukum', 'Bantuan Hukum'],
  ['permohonan_lpsk', 'Bantuan Hukum'],
  ['penghapusan_konten', 'Bantuan Hukum'],
  ['restitusi', 'Bantuan Hukum'],
  ['laporan_polisi', 'Penegakan Hukum'],
] as const;
const ages = [
  ['0-17', '13-17'],
  ['18-24', '18-24'],
  ['25-44', '25-44'],
  ['45-59', '45-59'],
  ['60+', '60+'],
  [null, 'NA'],
  ['garbage', 'NA'],
] as const;

describe('SIMFONI-PPA mapping', () => {
  it.each(forms)('form %s → %s', (code, simfoni) => expect(simfoniFormOf[code]).toBe(simfoni));
  it.each(places)('place %s → %s', (code, simfoni) => expect(simfoniPlaceOf[code]).toBe(simfoni));
  it.each(relationships)('relationship %s → %s', (code, simfoni) =>
    expect(simfoniRelationshipOf[code]).toBe(simfoni),
  );
  it.each(services)('service %s → %s', (code, simfoni) => expect(simfoniServiceOf[code]).toBe(simfoni));
  it.each(ages)('age band %s → %s', (code, simfoni) => expect(simfoniAgeBand(code)).toBe(simfoni));

  it('covers every code of our taxonomy, and the hand-written table covers them too', () => {
    expect(forms.map(([code]) => code).sort()).toEqual([...caseForms].sort());
    expect(places.map(([code]) => code).sort()).toEqual([...casePlaces].sort());
    expect(relationships.map(([code]) => code).sort()).toEqual([...caseRelationships].sort());
    expect(services.map(([code]) => code).sort()).toEqual([...caseServices].sort());
    expect(ages.flatMap(([code]) => (code && code !== 'garbage' ? [code] : [])).sort()).toEqual(
      [...ageBands].sort(),
    );
  });

  it.each([
    { forms: ['KS01', 'KS02'], expected: ['Seksual'], why: 'two sexual forms count once' },
    { forms: ['KD01', 'KF01', 'KP01'], expected: ['Fisik', 'Psikis'], why: 'KD01 counts by its other forms' },
    { forms: ['KD01'], expected: ['Lainnya'], why: 'KD01 alone is Lainnya' },
    { forms: ['KS08', 'KS04'], expected: ['Eksploitasi', 'Trafficking'], why: 'in SIMFONI order' },
  ] as const)('a case: $why', ({ forms: caseFormList, expected }) => {
    expect(simfoniFormsOfCase(caseFormList)).toEqual(expected);
  });
});
