import { z } from 'zod';
import { bigIdSchema, idSchema } from './common.ts';
import { classLevels } from '../training-taxonomies.ts';

/** Cadre stages API (issue 12, shared/domain/training.md "Cadre stages"; docs/features/training.md). */
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const labels = z.object({ id: z.string(), en: z.string() });

/** Why a member does not (yet) meet a stage's rule, in the order they are checked (cadre-rules.ts). */
export const stageFailures = [
  'stage_inactive',
  'already_held',
  'not_next',
  'completed_classes_below',
  'track_missing',
  'level_below',
  'previous_date_unknown',
  'too_soon',
  'facilitated_classes_below',
] as const;
export type StageFailure = (typeof stageFailures)[number];
export const proposalStatuses = ['open', 'confirmed', 'declined'] as const;

// ── The ladder (configuration) ──────────────────────────────────────────────────────────────────────
export const stageView = z.object({
  code: z.string(),
  rank: z.number().int(),
  labels,
  minCompletedClasses: z.number().int(),
  requiredTracks: z.array(z.string()),
  minLevel: z.enum(classLevels).nullable(),
  minAttendance: z.number().nullable(),
  minMonthsSincePrevious: z.number().int(),
  minFacilitatedClasses: z.number().int(),
  active: z.boolean(),
});
export type StageView = z.infer<typeof stageView>;
export const ladderResponse = z.object({ items: z.array(stageView), canEdit: z.boolean() });
export type LadderResponse = z.infer<typeof ladderResponse>;

export const updateStageBody = z.object({
  labels: z.object({ id: text(120), en: text(120) }),
  minCompletedClasses: z.int().min(0).max(100),
  requiredTracks: z.array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/)).max(20),
  minLevel: z.enum(classLevels).nullable(),
  minAttendance: z.number().min(0).max(1).nullable(),
  minMonthsSincePrevious: z.int().min(0).max(240),
  minFacilitatedClasses: z.int().min(0).max(100),
  active: z.boolean(),
});
export type UpdateStageBody = z.input<typeof updateStageBody>;
export type UpdateStageInput = z.infer<typeof updateStageBody>;

// ── Evidence ─────────────────────────────────────────────────────────────────────────────────────────
export const evidenceView = z.object({
  classes: z.array(
    z.object({
      participantId: bigIdSchema,
      classTitle: z.string(),
      track: z.string(),
      level: z.enum(classLevels),
      endsOn: isoDate,
      attendance: z.number().nullable(),
    }),
  ),
  facilitated: z.array(z.object({ classId: z.number().int(), classTitle: z.string(), endsOn: isoDate })),
  previousStage: z.string().nullable(),
  previousAchievedOn: isoDate.nullable(),
});
export type EvidenceView = z.infer<typeof evidenceView>;

// ── Proposals ────────────────────────────────────────────────────────────────────────────────────────
export const proposalView = z.object({
  id: bigIdSchema,
  memberId: bigIdSchema,
  memberName: z.string(),
  memberNumber: z.string(),
  unitName: z.string(),
  stage: z.string(),
  stageLabels: labels,
  proposedAt: z.string(),
  evidence: evidenceView,
});
export type ProposalView = z.infer<typeof proposalView>;
export const proposalsResponse = z.object({ items: z.array(proposalView), canRefresh: z.boolean() });
export type ProposalsResponse = z.infer<typeof proposalsResponse>;

export const refreshBody = z.object({ unitId: idSchema });
export type RefreshBody = z.input<typeof refreshBody>;
export const refreshResponse = z.object({
  /** Members judged (active members of the subtree with some completed or facilitated class). */
  members: z.number().int(),
  /** New open proposals (an open proposal already there is not made twice). */
  proposed: z.number().int(),
});
export type RefreshResponse = z.infer<typeof refreshResponse>;

export const confirmBody = z.object({
  /** The day she reached the stage; default today (Asia/Jakarta). */
  achievedOn: isoDate.optional(),
  evidenceNote: z.string().trim().max(2000).optional(),
});
export type ConfirmBody = z.input<typeof confirmBody>;
export const reasonBody = z.object({ reason: text(1000) });
export type ReasonBody = z.input<typeof reasonBody>;
export const recordStageBody = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  achievedOn: isoDate,
  /** Manual records (cadres trained before Setara) stand on this note. */
  evidenceNote: text(2000),
});
export type RecordStageBody = z.input<typeof recordStageBody>;

// ── A member's stages (member page) ─────────────────────────────────────────────────────────────────
export const stageRecordView = z.object({
  id: bigIdSchema,
  stage: z.string(),
  stageLabels: labels,
  achievedOn: isoDate,
  manual: z.boolean(),
  confirmedBy: z.string().nullable(),
  confirmedUnitName: z.string().nullable(),
  confirmedAt: z.string(),
  evidence: evidenceView,
  evidenceNote: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export type StageRecordView = z.infer<typeof stageRecordView>;
export const memberStagesResponse = z.object({
  current: z.object({ stage: z.string(), stageLabels: labels, achievedOn: isoDate.nullable() }),
  /** Her next stage and what she still lacks for it; null at the top of the ladder. */
  next: z
    .object({
      stage: z.string(),
      stageLabels: labels,
      met: z.boolean(),
      failures: z.array(z.enum(stageFailures)),
    })
    .nullable(),
  openProposal: z.object({ id: bigIdSchema, stage: z.string() }).nullable(),
  records: z.array(stageRecordView),
  /** Whether the caller is an officer of the level above her unit (may confirm, record, withdraw). */
  canDecide: z.boolean(),
  /** Stages the caller may record by hand (active, above rank 0, not held). */
  recordable: z.array(z.object({ code: z.string(), labels })),
});
export type MemberStagesResponse = z.infer<typeof memberStagesResponse>;
