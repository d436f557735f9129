import type {
  ActivityDetail,
  CampaignDetail,
  CampaignSummary,
  ReachView,
} from '../../../shared/contracts/campaigns.ts';

/** Fixtures of the campaigns screens (shapes of shared/contracts/campaigns.ts). */
export const kinds = {
  items: [
    {
      code: 'workplace_socialisation',
      labels: { id: 'Sosialisasi di tempat kerja (PSP)', en: 'Workplace socialisation (PSP)' },
    },
    { code: 'workshop', labels: { id: 'Lokakarya', en: 'Workshop' } },
  ],
};

/** 120 reached (22 women) at a PSP of 1,400 members, 89% women (the domain example). */
export const pspReach: ReachView = {
  reached: { women: 22, men: 98, unknown: 0 },
  addressed: { women: 1246, men: 154, unknown: 0 },
  reachedWomenShareBp: 1833,
  addressedWomenShareBp: 8900,
  gapBp: -7067,
  coverageBp: 857,
};

export const campaignSummary = (overrides: Partial<CampaignSummary> = {}): CampaignSummary => ({
  id: 5,
  parentId: null,
  parentTitle: null,
  ownerUnitId: 1,
  ownerUnitName: 'DPP SPN',
  title: '16 Hari Anti Kekerasan 2026',
  theme: 'Tempat kerja bebas kekerasan',
  startsOn: '2026-11-25',
  endsOn: '2026-12-10',
  status: 'active',
  template: 'sixteen_days',
  goals: { women: 5000, men: 2000, units: 7 },
  childCount: 1,
  activityCount: 1,
  ...overrides,
});

export const campaignDetail = (overrides: Partial<CampaignDetail> = {}): CampaignDetail => ({
  ...campaignSummary(),
  canManage: true,
  days: [
    { date: '2026-11-25', theme: 'Hari Internasional Penghapusan Kekerasan terhadap Perempuan' },
    { date: '2026-12-10', theme: 'Hari Hak Asasi Manusia' },
  ],
  children: [
    campaignSummary({
      id: 6,
      parentId: 5,
      parentTitle: '16 Hari Anti Kekerasan 2026',
      ownerUnitId: 2,
      ownerUnitName: 'DPD Jawa Barat',
      title: '16 Hari — DPD Jawa Barat',
      childCount: 0,
    }),
  ],
  activities: [
    {
      id: 11,
      campaignId: 5,
      campaignTitle: '16 Hari Anti Kekerasan 2026',
      kind: 'workplace_socialisation',
      hostUnitId: 4,
      hostUnitName: 'PSP PT Garmen Sejahtera',
      heldOn: '2026-11-27',
      title: 'Sosialisasi di PT Garmen Sejahtera',
      reachMode: 'tally',
      reached: pspReach.reached,
    },
    {
      id: 12,
      campaignId: 6,
      campaignTitle: '16 Hari — DPD Jawa Barat',
      kind: 'workshop',
      hostUnitId: 2,
      hostUnitName: 'DPD Jawa Barat',
      heldOn: '2026-12-03',
      title: 'Lokakarya pengurus',
      reachMode: 'named',
      reached: { women: 0, men: 0, unknown: 0 },
    },
  ],
  reach: pspReach,
  unitsCovered: 1,
  byUnit: [{ unitId: 4, unitName: 'PSP PT Garmen Sejahtera', reach: pspReach }],
  ...overrides,
});

export const activityDetail = (overrides: Partial<ActivityDetail> = {}): ActivityDetail => ({
  ...campaignDetail().activities[0]!,
  campaignTitle: '16 Hari Anti Kekerasan 2026',
  campaignStatus: 'active',
  campaignOwnerUnitId: 1,
  campaignStartsOn: '2026-11-25',
  campaignEndsOn: '2026-12-10',
  canManage: true,
  place: 'Kantin pabrik',
  materials: 'Leaflet C190',
  tally: pspReach.reached,
  facilitators: [{ id: 1, memberId: null, name: 'Rina', organisation: 'LBH Bandung' }],
  attendees: [],
  photos: [],
  libraryMaterials: [],
  reach: pspReach,
  ...overrides,
});
