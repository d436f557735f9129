import type { MaterialDetail, MaterialSummary } from '../../../shared/contracts/materials.ts';

/** Fixtures of the materials screens (shapes of shared/contracts/materials.ts). */
export const materialSummary = (overrides: Partial<MaterialSummary> = {}): MaterialSummary => ({
  id: 3,
  slug: 'stop-pelecehan-di-tempat-kerja',
  ownerUnitId: 1,
  ownerUnitName: 'DPP SPN',
  kind: 'flyer',
  title: 'Stop Pelecehan di Tempat Kerja',
  language: 'id',
  audience: 'members',
  licence: 'cc_by_sa',
  status: 'published',
  latestVersion: 2,
  downloads: 41,
  ...overrides,
});

export const materialDetail = (overrides: Partial<MaterialDetail> = {}): MaterialDetail => ({
  ...materialSummary(),
  summary: 'Leaflet C190 untuk dibagikan di gerbang pabrik.',
  publishedAt: '2026-11-20T03:00:00.000Z',
  canManage: true,
  versions: [
    {
      id: 8,
      number: 2,
      note: 'Nomor hotline diperbarui',
      url: null,
      createdAt: '2026-11-22T03:00:00.000Z',
      downloads: 30,
      files: [
        {
          id: 21,
          fileName: 'leaflet-c190-v2.pdf',
          mediaType: 'application/pdf',
          size: 1_258_291,
          sha256: 'ab'.repeat(32),
        },
      ],
    },
    {
      id: 7,
      number: 1,
      note: null,
      url: null,
      createdAt: '2026-11-18T03:00:00.000Z',
      downloads: 11,
      files: [
        {
          id: 20,
          fileName: 'leaflet-c190.pdf',
          mediaType: 'application/pdf',
          size: 348_160,
          sha256: 'cd'.repeat(32),
        },
      ],
    },
  ],
  uses: [
    {
      activityId: 11,
      activityTitle: 'Pembagian leaflet di PT Garmen Sejahtera',
      heldOn: '2026-11-27',
      hostUnitName: 'PSP PT Garmen Sejahtera',
      campaignId: 6,
      campaignTitle: '16 Hari — DPD Jawa Barat',
      versionNumber: 2,
    },
  ],
  campaigns: [{ id: 6, title: '16 Hari — DPD Jawa Barat' }],
  ...overrides,
});
