import { z } from 'zod';
import { bigIdSchema, idSchema, uuidSchema } from './common.ts';
import { subjectEvaluationView } from './quota.ts';
import { quotaStatuses } from '../quota-taxonomies.ts';
import {
  attendanceStatuses,
  attendanceWays,
  certificateStates,
  classLevels,
  eligibilityFailures,
  movesNeedingReason,
  participantStatuses,
} from '../training-taxonomies.ts';

/** Capacity building API (issue 12, shared/domain/training.md). */
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((value) => (value === '' ? null : value));
const sexSchema = z.enum(['L', 'P']).nullable();

// ── Tracks ───────────────────────────────────────────────────────────────────────────────────────────
export const trackView = z.object({
  code: z.string(),
  womenOnly: z.boolean(),
  maxAge: z.number().int().nullable(),
  labels: z.object({ id: z.string(), en: z.string() }),
});
export type TrackView = z.infer<typeof trackView>;
export const listTracksResponse = z.object({ items: z.array(trackView) });

// ── Programs ─────────────────────────────────────────────────────────────────────────────────────────
export const createProgramBody = z
  .object({
    unitId: idSchema,
    name: text(200),
    partners: z.array(text(120)).max(20).default([]),
    venue: optionalText(200),
    funding: optionalText(200),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .refine((body) => body.endsOn >= body.startsOn, { path: ['endsOn'], message: 'ends_before_start' });
export type CreateProgramBody = z.input<typeof createProgramBody>;
export type CreateProgramInput = z.infer<typeof createProgramBody>;

export const programSummary = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  name: z.string(),
  partners: z.array(z.string()),
  venue: z.string().nullable(),
  funding: z.string().nullable(),
  startsOn: isoDate,
  endsOn: isoDate,
  classCount: z.number().int(),
});
export type ProgramSummary = z.infer<typeof programSummary>;
export const listProgramsResponse = z.object({
  items: z.array(programSummary),
  /** The caller organises somewhere (gender officer): she may create programs. */
  canCreate: z.boolean(),
});
export type ListProgramsResponse = z.infer<typeof listProgramsResponse>;

export const classSummary = z.object({
  id: z.number().int(),
  programId: z.number().int(),
  track: z.string(),
  level: z.enum(classLevels),
  title: z.string(),
  seats: z.number().int(),
  womenOnly: z.boolean(),
  startsOn: isoDate,
  endsOn: isoDate,
  /** Participants holding a seat (accepted, and later completed / not completed / no-show). */
  seatsTaken: z.number().int(),
  nominated: z.number().int(),
});
export type ClassSummary = z.infer<typeof classSummary>;

export const programDetail = programSummary.extend({
  classes: z.array(classSummary),
  /** The caller may add classes and decide nominations here. */
  canOrganise: z.boolean(),
});
export type ProgramDetail = z.infer<typeof programDetail>;

// ── Classes ──────────────────────────────────────────────────────────────────────────────────────────
const prerequisite = z.object({ track: z.string().min(1).max(40), level: z.enum(classLevels).nullable() });
export const createClassBody = z
  .object({
    track: z.string().min(1).max(40),
    level: z.enum(classLevels),
    title: text(200),
    seats: z.number().int().min(1).max(1000),
    /** Defaults to the track's setting. */
    womenOnly: z.boolean().optional(),
    /** Defaults to the track's setting (Pekerja Muda: 35). */
    maxAge: z.number().int().min(15).max(99).nullable().optional(),
    prerequisites: z.array(prerequisite).max(10).default([]),
    minAttendance: z.number().min(0).max(1).default(0.8),
    minPostScore: z.number().min(0).max(1).nullable().default(null),
    startsOn: isoDate,
    endsOn: isoDate,
    hours: z.number().positive().max(1000).nullable().default(null),
    certificateValidYears: z.number().int().min(1).max(20).nullable().default(null),
  })
  .refine((body) => body.endsOn >= body.startsOn, { path: ['endsOn'], message: 'ends_before_start' });
export type CreateClassBody = z.input<typeof createClassBody>;
export type CreateClassInput = z.infer<typeof createClassBody>;

export const sessionView = z.object({
  id: z.number().int(),
  title: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  online: z.boolean(),
  /** Marks recorded so far, and the head count of an open session. */
  marked: z.number().int(),
  tally: z.object({ women: z.number().int(), men: z.number().int(), unknown: z.number().int() }).nullable(),
});
export type SessionView = z.infer<typeof sessionView>;
export const createSessionBody = z
  .object({
    title: optionalText(200),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    venue: optionalText(200),
    online: z.boolean().default(false),
  })
  .refine((body) => Date.parse(body.endsAt) > Date.parse(body.startsAt), {
    path: ['endsAt'],
    message: 'ends_before_start',
  });
export type CreateSessionBody = z.input<typeof createSessionBody>;
export type CreateSessionInput = z.infer<typeof createSessionBody>;

export const participantView = z.object({
  id: bigIdSchema,
  /** A member, or a guest from outside the membership (never both). */
  memberId: bigIdSchema.nullable(),
  memberNumber: z.string().nullable(),
  name: z.string(),
  sex: sexSchema,
  unitName: z.string().nullable(),
  nominatingUnitId: z.number().int().nullable(),
  nominatingUnitName: z.string().nullable(),
  status: z.enum(participantStatuses),
  reason: z.string().nullable(),
  /** Shown to organisers only (printed on the invitation). */
  enrolmentCode: z.string().nullable(),
  attendance: z.number().nullable(),
  certificate: z
    .object({ code: z.string(), state: z.enum(certificateStates), issuedAt: z.string() })
    .nullable(),
  history: z.array(
    z.object({
      status: z.enum(participantStatuses),
      reason: z.string().nullable(),
      actor: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type ParticipantView = z.infer<typeof participantView>;

export const facilitatorView = z.object({
  id: z.number().int(),
  name: z.string(),
  organisation: z.string().nullable(),
  external: z.boolean(),
  sex: sexSchema,
});
export const allocationView = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  seats: z.number().int(),
  nominated: z.number().int(),
  /**
   * The unit's nominations judged by the class's quota rules over its seats in the call (vacant seats
   * count as unfilled), so the nominating officer sees before the organiser does whether her unit's
   * list falls short. Null for a women-only class, where a women's quota does not apply.
   */
  judgement: z
    .object({ status: z.enum(quotaStatuses), women: z.number().int(), required: z.number().int() })
    .nullable(),
});

export const classDetail = classSummary.extend({
  programName: z.string(),
  programUnitId: z.number().int(),
  maxAge: z.number().int().nullable(),
  prerequisites: z.array(prerequisite),
  minAttendance: z.number(),
  minPostScore: z.number().nullable(),
  hours: z.number().nullable(),
  certificateValidYears: z.number().int().nullable(),
  sessions: z.array(sessionView),
  allocations: z.array(allocationView),
  trainers: z.array(z.object({ userId: uuidSchema, email: z.string() })),
  facilitators: z.array(facilitatorView),
  /** Only the participants the caller may see: organisers all, trainers all of their class, nominators their own. */
  participants: z.array(participantView),
  /** The participant list as judged by the quota rules (null when the caller may not see the list). */
  quota: subjectEvaluationView.nullable(),
  can: z.object({ organise: z.boolean(), run: z.boolean(), nominate: z.boolean() }),
});
export type ClassDetail = z.infer<typeof classDetail>;

export const setAllocationBody = z.object({ unitId: idSchema, seats: z.number().int().min(0).max(1000) });
/** Return a unit's undecided nominations as one list (the quota rule's `return` enforcement). */
export const returnUnitBody = z.object({ reason: text(500) });
export const addTrainerBody = z.object({ email: z.email().max(254) });
export const addFacilitatorBody = z.union([
  z.object({ memberId: bigIdSchema }),
  z.object({
    external: z.object({
      fullName: text(200),
      organisation: optionalText(200),
      sex: sexSchema.default(null),
    }),
  }),
]);
export type AddFacilitatorBody = z.input<typeof addFacilitatorBody>;
export type AddFacilitatorInput = z.infer<typeof addFacilitatorBody>;

// ── Nominations and decisions ────────────────────────────────────────────────────────────────────────
export const nominateBody = z.object({ memberId: bigIdSchema });
/** 422 `not_eligible`: `details.failures` names each rule the member fails. */
export const eligibilityFailureSchema = z.enum(eligibilityFailures);
export const decideBody = z
  .object({ status: z.enum(participantStatuses), reason: optionalText(500) })
  .refine((body) => !movesNeedingReason.includes(body.status) || body.reason, {
    path: ['reason'],
    message: 'reason_required',
  });
export type DecideBody = z.input<typeof decideBody>;
export type DecideInput = z.infer<typeof decideBody>;

// ── Attendance ───────────────────────────────────────────────────────────────────────────────────────
export const attendanceRow = z.object({
  participantId: bigIdSchema,
  name: z.string(),
  status: z.enum(attendanceStatuses).nullable(),
  via: z.enum(attendanceWays).nullable(),
  recordedAt: z.string().nullable(),
  /** Earlier values of a corrected mark, newest first. */
  history: z.array(
    z.object({ status: z.enum(attendanceStatuses), via: z.enum(attendanceWays), recordedAt: z.string() }),
  ),
});
export const sheetPhotoView = z.object({
  id: z.number().int(),
  mediaType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export const attendanceResponse = z.object({
  session: sessionView,
  rows: z.array(attendanceRow),
  /** Photos of the signed paper sheets of this session. */
  photos: z.array(sheetPhotoView),
});
export type AttendanceResponse = z.infer<typeof attendanceResponse>;
export const recordAttendanceBody = z.object({
  via: z.enum(['roll_call', 'paper']),
  marks: z
    .array(z.object({ participantId: bigIdSchema, status: z.enum(attendanceStatuses) }))
    .min(1)
    .max(1000),
});
export type RecordAttendanceBody = z.input<typeof recordAttendanceBody>;
export type RecordAttendanceInput = z.infer<typeof recordAttendanceBody>;
export const tallyBody = z.object({
  women: z.number().int().min(0).max(100_000),
  men: z.number().int().min(0).max(100_000),
  unknown: z.number().int().min(0).max(100_000),
});

// ── Completion and certificates ──────────────────────────────────────────────────────────────────────
export const completionResponse = z.object({
  completed: z.number().int(),
  notCompleted: z.number().int(),
  detail: z.array(
    z.object({
      participantId: bigIdSchema,
      completed: z.boolean(),
      attendance: z.number().nullable(),
      reasons: z.array(z.string()),
    }),
  ),
});
export type CompletionResponse = z.infer<typeof completionResponse>;
export const certificateView = z.object({
  code: z.string(),
  participantId: bigIdSchema,
  state: z.enum(certificateStates),
  issuedAt: z.string(),
  validUntil: isoDate.nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  replaces: z.string().nullable(),
});
export type CertificateView = z.infer<typeof certificateView>;
export const revokeBody = z.object({ reason: text(500) });

// ── The room display for self check-in ───────────────────────────────────────────────────────────────
export const roomCodeResponse = z.object({
  sessionId: z.number().int(),
  /** The short code typed by phones that cannot scan; changes every `stepSeconds`. */
  code: z.string(),
  /** The public check-in address the QR code carries (with the code). */
  url: z.string(),
  /** The QR code as an SVG document. */
  qrSvg: z.string(),
  stepSeconds: z.number().int(),
  /** When this code stops being shown (the next one starts); it is still accepted for the grace period. */
  validUntil: z.string(),
  window: z.object({ opens: z.string(), closes: z.string(), open: z.boolean() }),
});
export type RoomCodeResponse = z.infer<typeof roomCodeResponse>;

// ── A member's training history (member page) ────────────────────────────────────────────────────────
export const memberTrainingResponse = z.object({
  items: z.array(
    z.object({
      participantId: bigIdSchema,
      classTitle: z.string(),
      track: z.string(),
      trackLabels: z.object({ id: z.string(), en: z.string() }),
      level: z.enum(classLevels),
      programName: z.string(),
      startsOn: isoDate,
      endsOn: isoDate,
      status: z.enum(participantStatuses),
      certificate: z.object({ code: z.string(), state: z.enum(certificateStates) }).nullable(),
    }),
  ),
});
export type MemberTrainingResponse = z.infer<typeof memberTrainingResponse>;
