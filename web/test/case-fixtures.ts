import type { CaseDetail, CaseListItem } from '../../shared/contracts/cases.ts';

/** A full-stage session for a case coordinator at a DPD (case screens and intake allowed). */
export const caseSession = (capabilities: { workCases?: boolean; intakeCases?: boolean } = {}) => ({
  signedIn: true as const,
  stage: 'full' as const,
  user: {
    id: '00000000-0000-4000-8000-000000000002',
    email: 'rina@example.org',
    displayName: 'Rina Koordinator',
    language: 'id' as const,
    totpEnabled: true,
    totpRequired: true,
  },
  grants: [
    {
      id: '00000000-0000-4000-8000-0000000000b1',
      role: 'case_coordinator',
      unitId: 2,
      unitName: 'DPD Jawa Barat',
      unitLevel: 'DPD',
    },
  ],
  capabilities: {
    manageUsers: false,
    manageUnits: false,
    readAudit: false,
    readOutbox: false,
    readMembers: false,
    manageMembers: false,
    workCases: capabilities.workCases ?? true,
    intakeCases: capabilities.intakeCases ?? true,
    readCaseStatistics: false,
    manageCalendar: false,
    readDashboards: false,
    readAssemblies: false,
    training: false,
    cadreStages: false,
    campaigns: false,
    commitment: false,
    agreements: false,
  },
});

export const caseId = '11111111-1111-4111-8111-111111111111';

export const caseListItem = (overrides: Partial<CaseListItem> = {}): CaseListItem => ({
  id: caseId,
  reference: 'K-2026-0001',
  state: 'triage',
  channel: 'web',
  forms: ['KS01', 'KP01'],
  place: 'area_kerja',
  relationship: 'atasan',
  handlingUnit: { id: 2, name: 'DPD Jawa Barat' },
  receivedAt: '2026-11-20T03:00:00.000Z',
  nextDeadline: { kind: 'first_contact', dueAt: '2026-11-22T03:00:00.000Z', late: false },
  sameGenderHandler: false,
  myRoles: ['coordinator'],
  ...overrides,
});

const allowedNothing: CaseDetail['allowed'] = {
  assign: false,
  recuse: false,
  transitions: [],
  addNote: false,
  sendMessage: false,
  recordConsent: false,
  refer: false,
  recordMeasure: false,
  recordEthics: false,
  reviewRights: false,
  uploadFile: false,
  reroute: false,
  reviewReferral: false,
  readAccessLog: false,
};

/** Everything a coordinator may do on a case in handling. */
export const allowedCoordinator: CaseDetail['allowed'] = {
  assign: true,
  recuse: true,
  transitions: ['monitoring', 'closed'],
  addNote: true,
  sendMessage: true,
  recordConsent: true,
  refer: true,
  recordMeasure: true,
  recordEthics: true,
  reviewRights: true,
  uploadFile: true,
  reroute: true,
  reviewReferral: true,
  readAccessLog: true,
};

/** A case with every part readable; pass `null` parts and `allowed` to narrow it. */
export const caseDetail = (
  overrides: Partial<Omit<CaseDetail, 'allowed'>> & { allowed?: Partial<CaseDetail['allowed']> } = {},
): CaseDetail => {
  const { allowed, ...rest } = overrides;
  return {
    ...caseListItem(),
    state: 'handling',
    incidentDate: '2026-11-10',
    incidentDateApproximate: true,
    placeUnit: { id: 7, name: 'PSP PT Garmen Sejahtera' },
    routedPastUnit: null,
    namedOffice: 'tidak_ada',
    wishes: ['dukungan'],
    asksDpp: false,
    reporterRole: 'korban',
    survivorSex: 'P',
    survivorAgeBand: '25-44',
    outcome: null,
    closingReason: null,
    firstContactAt: '2026-11-21T02:00:00.000Z',
    closedAt: null,
    ethicsApplicable: false,
    deadlines: [{ kind: 'update', dueAt: '2026-12-04T03:00:00.000Z', late: false, done: false }],
    narrative: 'Atasan saya berkali-kali mengirim pesan bernada seksual.',
    placeDetail: 'Gedung B, lantai 2',
    identity: {
      reporterName: 'Sari',
      contactMethod: 'whatsapp',
      contactValue: '+62 812 0000 0000',
      safeTimes: 'Setelah pukul 17.00',
      consentToContact: true,
    },
    namedPerson: {
      name: 'Pak Budi',
      position: 'Kepala regu',
      workplace: 'PT Garmen Sejahtera',
      member: null,
    },
    assignments: [
      {
        id: '22222222-2222-4222-8222-222222222222',
        user: { id: '00000000-0000-4000-8000-000000000003', name: 'Dewi Pendamping' },
        role: 'handler',
        assignedAt: '2026-11-20T05:00:00.000Z',
        sex: 'P',
      },
    ],
    consents: [],
    referrals: [],
    measures: [],
    ethics: null,
    rights: [],
    rightsReviewed: false,
    notes: [
      {
        id: 'n1',
        at: '2026-11-21T02:30:00.000Z',
        author: 'Dewi Pendamping',
        body: 'Kontak pertama lewat WhatsApp.',
      },
    ],
    messages: [
      {
        id: 'm1',
        at: '2026-11-21T02:00:00.000Z',
        from: 'team',
        author: 'Dewi Pendamping',
        body: 'Halo, kami menerima laporan Anda.',
      },
    ],
    files: [],
    timeline: [
      {
        id: 't2',
        at: '2026-11-21T02:00:00.000Z',
        kind: 'transition',
        actor: 'Dewi Pendamping',
        facts: { from: 'received', to: 'triage' },
        text: 'Kontak pertama',
      },
      {
        id: 't1',
        at: '2026-11-20T03:00:00.000Z',
        kind: 'received',
        actor: 'reporter',
        facts: { channel: 'web', handlingUnitId: 2, routing: 'place_dpd' },
        text: null,
      },
      {
        id: 't3',
        at: '2026-11-22T02:00:00.000Z',
        kind: 'file',
        actor: 'reporter',
        facts: { count: 1, from: 'reporter' },
        text: null,
      },
    ],
    ...rest,
    allowed: { ...allowedNothing, ...allowed },
  };
};
