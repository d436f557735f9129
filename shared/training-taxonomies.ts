/**
 * Coded values of capacity building (shared/domain/training.md). Tracks are data (table
 * training_tracks), not listed here; labels of the values below live in the training translation files.
 */
export const classLevels = ['dasar', 'madya', 'lanjut'] as const;
export type ClassLevel = (typeof classLevels)[number];

export const participantStatuses = [
  'nominated',
  'accepted',
  'waitlisted',
  'returned',
  'declined',
  'completed',
  'not_completed',
  'no_show',
  'withdrawn',
] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

/** The organisers' decisions on a nomination, and the moves each status allows. */
export const participantMoves: Record<ParticipantStatus, readonly ParticipantStatus[]> = {
  nominated: ['accepted', 'waitlisted', 'returned', 'declined'],
  waitlisted: ['accepted', 'returned', 'declined'],
  accepted: ['waitlisted', 'declined', 'withdrawn', 'no_show', 'completed', 'not_completed'],
  returned: [],
  declined: [],
  completed: ['not_completed'],
  not_completed: ['completed'],
  no_show: ['accepted'],
  withdrawn: [],
};
/** Statuses that hold a seat in the class (counted against seats and judged by the quota). */
export const seatHoldingStatuses: readonly ParticipantStatus[] = [
  'accepted',
  'completed',
  'not_completed',
  'no_show',
];
/** Nominations that no longer count against a unit's seats in the call (the unit may nominate again). */
export const spentNominationStatuses: readonly ParticipantStatus[] = ['returned', 'declined', 'withdrawn'];
/** Moves that need a reason written down. */
export const movesNeedingReason: readonly ParticipantStatus[] = [
  'returned',
  'declined',
  'withdrawn',
  'waitlisted',
];

export const attendanceStatuses = ['present', 'late', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export const attendanceWays = ['roll_call', 'self', 'paper'] as const;
export type AttendanceWay = (typeof attendanceWays)[number];

/** Why a nomination is refused: each names the rule (training.md, Nomination and enrolment). */
export const eligibilityFailures = [
  'not_active',
  'women_only',
  'sex_unknown',
  'too_old',
  'birth_year_unknown',
  'prerequisite_missing',
] as const;
export type EligibilityFailure = (typeof eligibilityFailures)[number];

export const certificateStates = ['valid', 'revoked', 'expired'] as const;
export type CertificateState = (typeof certificateStates)[number];

/** Classes a member must have completed before holding a case role (training.md, competency gates). */
export const roleCompetencies: Readonly<Record<string, readonly string[]>> = {
  case_handler: ['sop_kasus'],
  case_coordinator: ['sop_kasus'],
  legal_aid: ['tkbh'],
};
export const competencyGateModes = ['warn', 'refuse'] as const;
