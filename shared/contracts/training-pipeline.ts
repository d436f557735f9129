import { z } from 'zod';
import { idSchema } from './common.ts';
import { statCell } from './case-stats.ts';
import { dashboardUnit } from './quota-dashboard.ts';

/**
 * The leadership pipeline (issue 12; docs/features/training.md "Leadership pipeline"): the funnel of a
 * cohort, posts held 12 and 24 months on, the ready pool per body and the proportionality view.
 */

const trackCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
const yearSchema = z.coerce.number().int().min(1990).max(2100);

export const pipelineQuery = z.object({
  /** Node of the tree; defaults to the top of the caller's scope. */
  unitId: idSchema.optional(),
  /** Cohort: year the class ended; defaults to the latest year with graduates of the track. */
  year: yearSchema.optional(),
  /** Track of the cohort; default `perempuan` (Gender Training for Leadership). */
  track: trackCode.default('perempuan'),
});
export type PipelineQuery = z.infer<typeof pipelineQuery>;

/** Counts by sex; any cell under 5 is `< 5` (with complementary suppression across the table). */
export const sexCells = z.object({ women: statCell, men: statCell, unknown: statCell, total: statCell });
export type SexCells = z.infer<typeof sexCells>;

export const pipelineSteps = ['trained', 'staged', 'nominated', 'appointed'] as const;
const stepCells = z.object({
  trained: sexCells,
  staged: sexCells,
  nominated: sexCells,
  appointed: sexCells,
});

const funnelGroup = z.object({
  /** Outcomes: each step on its own among the graduates (appointed need not have been nominated). */
  outcomes: stepCells,
  /** The funnel: each step counts those who also took every step before it (never grows). */
  path: stepCells,
});

const postsRow = z.object({
  graduates: statCell,
  /** Graduates whose 12-month date has passed, and of them those holding a post on that date. */
  due12: statCell,
  holds12: statCell,
  share12Bp: z.number().int().nullable(),
  due24: statCell,
  holds24: statCell,
  share24Bp: z.number().int().nullable(),
});

export const pipelineResponse = z.object({
  unit: dashboardUnit,
  trail: z.array(dashboardUnit),
  track: z.string(),
  /** null when the track has no graduates at all in this subtree. */
  year: z.number().int().nullable(),
  /** Cohort years with graduates of the track in this subtree, newest first. */
  years: z.array(z.number().int()),
  today: z.string(),
  funnel: z.object({
    /** Per unit directly below the chosen one; `unit: null` is the chosen unit's own members. */
    rows: z.array(funnelGroup.extend({ unit: dashboardUnit.nullable() })),
    total: funnelGroup,
  }),
  /** Posts held 12 and 24 months after completion, per DPD (the DPD containing each graduate). */
  posts: z.object({ rows: z.array(postsRow.extend({ unit: dashboardUnit })), total: postsRow }),
  firstAppointment: z.object({
    appointed: statCell,
    /** Median days from completion to the first term starting after it; null under 5 appointed. */
    medianDays: z.number().int().nullable(),
  }),
});
export type PipelineResponse = z.infer<typeof pipelineResponse>;

export const readyPoolQuery = z.object({
  unitId: idSchema.optional(),
  /** Bodies whose current term ends within this many months are listed too. */
  months: z.coerce.number().int().min(1).max(36).default(6),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ReadyPoolQuery = z.infer<typeof readyPoolQuery>;

export const readyPoolReasons = ['non_compliant', 'at_risk', 'term_ending'] as const;

export const readyCandidate = z.object({
  memberId: z.string(),
  fullName: z.string(),
  memberNumber: z.string(),
  unit: z.object({ id: z.number().int(), name: z.string() }),
  /** Her highest current cadre stage (null: none recorded). */
  stage: z.object({ code: z.string(), rank: z.number().int(), label: z.string() }).nullable(),
  classes: z.array(z.object({ track: z.string(), level: z.string(), title: z.string(), endsOn: z.string() })),
});
export type ReadyCandidate = z.infer<typeof readyCandidate>;

export const readyPoolResponse = z.object({
  unit: dashboardUnit,
  months: z.number().int(),
  /** Date the quota judgement was made (last summary refresh); null when none has run yet. */
  judgedOn: z.string().nullable(),
  total: z.number().int(),
  offset: z.number().int(),
  items: z.array(
    z.object({
      bodyId: z.number().int(),
      bodyName: z.string(),
      kind: z.string(),
      unit: dashboardUnit,
      reasons: z.array(z.enum(readyPoolReasons)),
      /** The quota dashboard's status of the body (null when the summary has not judged it). */
      status: z.string().nullable(),
      shortfall: z.number().int(),
      termEndsOn: z.string().nullable(),
      candidates: z.object({ total: z.number().int(), items: z.array(readyCandidate) }),
    }),
  ),
});
export type ReadyPoolResponse = z.infer<typeof readyPoolResponse>;

export const pipelineProportionalityQuery = z.object({
  unitId: idSchema.optional(),
  fromYear: yearSchema.optional(),
  toYear: yearSchema.optional(),
});

const membershipShare = z.object({
  women: z.number().int(),
  men: z.number().int(),
  unknown: z.number().int(),
  total: z.number().int(),
  womenShareBp: z.number().int().nullable(),
});

export const pipelineProportionalityResponse = z.object({
  unit: dashboardUnit,
  fromYear: z.number().int(),
  toYear: z.number().int(),
  rows: z.array(
    z.object({
      track: z.string(),
      year: z.number().int(),
      /** Participants who held a seat (accepted, completed, not completed), members and guests. */
      trainees: sexCells,
      traineeShareBp: z.number().int().nullable(),
      /** Facilitators of the classes (members and external persons); public roles, not suppressed. */
      facilitators: z.object({
        women: z.number().int(),
        men: z.number().int(),
        unknown: z.number().int(),
        total: z.number().int(),
      }),
      facilitatorShareBp: z.number().int().nullable(),
      /** Members of the units that sent the trainees (as of the last quota summary refresh). */
      membership: membershipShare,
      traineeGapBp: z.number().int().nullable(),
      facilitatorGapBp: z.number().int().nullable(),
    }),
  ),
});
export type PipelineProportionalityResponse = z.infer<typeof pipelineProportionalityResponse>;
