/** Every route of the staff SPA, in one place: screens link with these, never with string literals. */
export const paths = {
  home: '/',
  login: '/login',
  setup: '/setup',
  resetPassword: '/reset-password',
  enrol: '/enrol',
  account: '/account',
  units: '/units',
  unit: (id: number) => `/units/${id}`,
  unitPattern: '/units/:unitId',
  unitsImport: '/units/import',
  members: '/members',
  member: (id: string) => `/members/${encodeURIComponent(id)}`,
  memberPattern: '/members/:memberId',
  membersImport: '/members/import',
  assemblies: '/assemblies',
  assembly: (id: number) => `/assemblies/${id}`,
  assemblyPattern: '/assemblies/:assemblyId',
  users: '/users',
  roleConfirmations: '/role-confirmations',
  user: (id: string) => `/users/${encodeURIComponent(id)}`,
  userPattern: '/users/:userId',
  cases: '/cases',
  caseIntake: '/cases/new',
  case: (id: string) => `/cases/${encodeURIComponent(id)}`,
  casePattern: '/cases/:caseId',
  retention: '/retention',
  caseStats: '/case-statistics',
  audit: '/audit',
  notifications: '/notifications',
  holidays: '/calendar',
  quotaRules: '/quota/rules',
  bodyQuota: (id: number) => `/quota/bodies/${id}`,
  bodyQuotaPattern: '/quota/bodies/:bodyId',
  assemblyCredentials: (id: number) => `/assemblies/${id}/credentials`,
  assemblyCredentialsPattern: '/assemblies/:assemblyId/credentials',
  outbox: '/outbox',
  quotaDashboard: '/quota-dashboard',
  commitment: '/commitment',
  commitmentVersion: (id: number) => `/commitment/versions/${id}`,
  commitmentVersionPattern: '/commitment/versions/:versionId',
  commitmentSignatures: '/commitment/signatures',
  commitmentCoverage: '/commitment/coverage',
  training: '/training',
  /** The participant report (counts by year, track, unit and sex; XLSX and PDF). */
  trainingReport: '/training/reports/participants',
  trainingPipeline: '/training/pipeline',
  trainingProgram: (id: number) => `/training/programs/${id}`,
  trainingProgramPattern: '/training/programs/:programId',
  trainingClass: (id: number) => `/training/classes/${id}`,
  trainingClassPattern: '/training/classes/:classId',
  trainingAttendance: (classId: number, sessionId: number) =>
    `/training/classes/${classId}/sessions/${sessionId}/attendance`,
  trainingAttendancePattern: '/training/classes/:classId/sessions/:sessionId/attendance',
  /** The room display for self check-in: full screen, outside the app shell. */
  trainingRoom: (classId: number, sessionId: number) =>
    `/training/classes/${classId}/sessions/${sessionId}/room`,
  trainingRoomPattern: '/training/classes/:classId/sessions/:sessionId/room',
  /** Cadre stage proposals (officers of the level above) and the ladder's rules. */
  cadre: '/cadre',
  /** Pre/post tests of a class: item bank, forms A/B, paper entry, the learning-gain report. */
  trainingTests: (classId: number) => `/training/classes/${classId}/tests`,
  trainingTestsPattern: '/training/classes/:classId/tests',
  campaigns: '/campaigns',
  campaign: (id: number) => `/campaigns/${id}`,
  campaignPattern: '/campaigns/:campaignId',
  campaignActivity: (id: number) => `/campaigns/activities/${id}`,
  campaignActivityPattern: '/campaigns/activities/:activityId',
  /** The materials library (issue 13): flyers, posters, modules, videos, their versions and uses. */
  materials: '/materials',
  material: (id: number) => `/materials/${id}`,
  materialPattern: '/materials/:materialId',
  /** Collective agreements (issue 14): PKB/PP per PSP, their coding sheet and gap list; the checklist. */
  agreements: '/agreements',
  agreement: (id: number) => `/agreements/${id}`,
  agreementPattern: '/agreements/:agreementId',
  agreementChecklist: '/agreements/checklist',
} as const;

/**
 * The `next` parameter of the login page, accepted only as a path on this origin so a crafted link
 * cannot send a freshly logged-in user to another site.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return paths.home;
  if (next.startsWith(paths.login)) return paths.home;
  return next;
}

export const loginPathWithNext = (next: string): string =>
  next && next !== paths.home ? `${paths.login}?next=${encodeURIComponent(next)}` : paths.login;

/** Reads `token` from a URL fragment like `#token=abc`: fragments never reach server logs. */
export function tokenFromHash(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}
