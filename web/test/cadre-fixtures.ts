import type { LadderResponse, MemberStagesResponse, ProposalView } from '../../shared/contracts/cadre.ts';
import { adminSession } from './render-app.tsx';

/** Cadre stage fixtures for the proposals page and the member page tests. */
/** A DPC Bogor gender officer: decides for members of the PSPs below. */
export const officerSession = () => ({
  ...adminSession(),
  grants: [
    {
      id: '00000000-0000-4000-8000-0000000000b1',
      role: 'gender_officer',
      unitId: 3,
      unitName: 'DPC Kabupaten Bogor',
      unitLevel: 'DPC',
    },
  ],
});
export const ladder = (canEdit: boolean): LadderResponse => ({
  canEdit,
  items: [
    {
      code: 'anggota',
      rank: 0,
      labels: { id: 'Anggota', en: 'Member' },
      minCompletedClasses: 0,
      requiredTracks: [],
      minLevel: null,
      minAttendance: null,
      minMonthsSincePrevious: 0,
      minFacilitatedClasses: 0,
      active: true,
    },
    {
      code: 'kader_dasar',
      rank: 1,
      labels: { id: 'Kader Dasar', en: 'Basic cadre' },
      minCompletedClasses: 1,
      requiredTracks: [],
      minLevel: 'dasar',
      minAttendance: 0.8,
      minMonthsSincePrevious: 0,
      minFacilitatedClasses: 0,
      active: true,
    },
  ],
});
export const proposal: ProposalView = {
  id: '41',
  memberId: '1001',
  memberName: 'Siti Rahayu',
  memberNumber: 'JB-1',
  unitName: 'PSP PT Garmen Sejahtera',
  stage: 'kader_dasar',
  stageLabels: { id: 'Kader Dasar', en: 'Basic cadre' },
  proposedAt: '2025-12-19T02:00:00.000Z',
  evidence: {
    classes: [
      {
        participantId: '77',
        classTitle: 'Gender Training for Leadership',
        track: 'perempuan',
        level: 'dasar',
        endsOn: '2025-12-18',
        attendance: 0.83,
      },
    ],
    facilitated: [],
    previousStage: 'anggota',
    previousAchievedOn: '2020-01-01',
  },
};
export const stages = (overrides: Partial<MemberStagesResponse> = {}): MemberStagesResponse => ({
  current: {
    stage: 'kader_dasar',
    stageLabels: { id: 'Kader Dasar', en: 'Basic cadre' },
    achievedOn: '2025-12-20',
  },
  next: {
    stage: 'kader_madya',
    stageLabels: { id: 'Kader Madya', en: 'Intermediate cadre' },
    met: false,
    failures: ['completed_classes_below', 'too_soon'],
  },
  openProposal: null,
  records: [
    {
      id: '9',
      stage: 'kader_dasar',
      stageLabels: { id: 'Kader Dasar', en: 'Basic cadre' },
      achievedOn: '2025-12-20',
      manual: false,
      confirmedBy: 'Rina Bogor',
      confirmedUnitName: 'DPC Kabupaten Bogor',
      confirmedAt: '2025-12-20T03:00:00.000Z',
      evidence: proposal.evidence,
      evidenceNote: 'Lulus Kelas Perempuan Bogor',
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawnReason: null,
    },
  ],
  canDecide: true,
  recordable: [{ code: 'kader_madya', labels: { id: 'Kader Madya', en: 'Intermediate cadre' } }],
  ...overrides,
});
export const memberDetail = {
  id: '1001',
  memberNumber: 'JB-1',
  fullName: 'Siti Rahayu',
  sex: 'P',
  status: 'aktif',
  unitId: 4,
  unitName: 'PSP PT Garmen Sejahtera',
  joinedOn: '2020-01-01',
  genderSelf: null,
  birthYear: 1990,
  employer: null,
  jobTitle: null,
  contact: null,
  history: [],
  appointments: [],
};
