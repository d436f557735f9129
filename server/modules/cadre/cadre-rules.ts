import { classLevels, type ClassLevel } from '../../../shared/training-taxonomies.ts';
import type { StageFailure } from '../../../shared/contracts/cadre.ts';
import { isWithin, roleAllows, type Principal } from '../../platform/access.ts';

/**
 * The pure rules of cadre stages (shared/domain/training.md "Cadre stages"). No database here: the service
 * loads the ladder, the member's completed and facilitated classes and her stage records, and these
 * functions decide.
 *
 * - The ladder is ordered by rank. Rank 0 (`anggota`) is every member's and is never recorded: it is
 *   reached on the day she joined (`joined_on`), so "time since the previous stage" for the first cadre
 *   stage counts from joining (SPN's default asks no time for `kader_dasar`, so it does not bite there).
 * - A member's current stage is her highest-ranked record that is not withdrawn; she proceeds one stage at
 *   a time: only the next active stage above her current one can be proposed.
 * - A class counts for a stage when she completed it and it ended on or before the day judged, with a
 *   weighted attendance of at least the stage's `min_attendance` (per class, not a mean: a mean would let
 *   one weak class undo a stage she had already earned, and more training must never count against her).
 *   Counts are cumulative: classes completed before the previous stage still count.
 * - Time since the previous stage is in whole calendar months from the `achieved_on` of her current stage.
 */

export interface StageRule {
  code: string;
  rank: number;
  active: boolean;
  minCompletedClasses: number;
  requiredTracks: readonly string[];
  minLevel: ClassLevel | null;
  /** Weighted attendance each counted class needs (0–1); null: any completed class counts. */
  minAttendance: number | null;
  minMonthsSincePrevious: number;
  minFacilitatedClasses: number;
}

export interface CompletedClass {
  participantId: string;
  track: string;
  level: ClassLevel;
  /** Weighted attendance (training-rules.ts weightedAttendance); null when the class had no sessions. */
  attendance: number | null;
  /** The class's last day (YYYY-MM-DD). */
  completedOn: string;
}

export interface FacilitatedClass {
  classId: number;
  /** The class's last day: a class counts once it has ended. */
  endsOn: string;
}

export interface StageRecordFact {
  stage: string;
  achievedOn: string;
}

export interface CadreFacts {
  /** The day she joined; null when unknown. */
  joinedOn: string | null;
  completed: readonly CompletedClass[];
  facilitated: readonly FacilitatedClass[];
  /** Her records that are not withdrawn. */
  records: readonly StageRecordFact[];
}

/** What met (or was judged against) a stage's rule, stored with a proposal and its record. */
export interface StageEvidence {
  participantIds: string[];
  facilitatedClassIds: number[];
  previousStage: string;
  previousAchievedOn: string | null;
}

export interface StageEvaluation {
  stage: string;
  met: boolean;
  failures: StageFailure[];
  evidence: StageEvidence;
}

const levelRank = (level: ClassLevel) => classLevels.indexOf(level);

/** The ladder from the bottom, active stages only. */
export function orderedLadder(ladder: readonly StageRule[]): StageRule[] {
  return ladder.filter((stage) => stage.active).sort((a, b) => a.rank - b.rank);
}

/** Her current stage: the highest-ranked record not withdrawn, or the bottom of the ladder (anggota). */
export function currentStageOf(
  ladder: readonly StageRule[],
  facts: Pick<CadreFacts, 'records' | 'joinedOn'>,
): { stage: StageRule; achievedOn: string | null } {
  const byCode = new Map(ladder.map((stage) => [stage.code, stage]));
  const bottom = [...ladder].sort((a, b) => a.rank - b.rank)[0]!;
  let best: { stage: StageRule; achievedOn: string | null } = { stage: bottom, achievedOn: facts.joinedOn };
  for (const record of facts.records) {
    const stage = byCode.get(record.stage);
    if (stage && stage.rank > best.stage.rank) best = { stage, achievedOn: record.achievedOn };
  }
  return best;
}

/** The one stage she may be proposed for next, or null at the top of the ladder. */
export function nextStageOf(
  ladder: readonly StageRule[],
  facts: Pick<CadreFacts, 'records' | 'joinedOn'>,
): StageRule | null {
  const current = currentStageOf(ladder, facts).stage;
  return orderedLadder(ladder).find((stage) => stage.rank > current.rank) ?? null;
}

/** Whole calendar months from `from` to `to` (both YYYY-MM-DD): 2025-01-31 → 2025-02-28 is 0. */
export function wholeMonthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * Judges `stageCode` for the member on `asOf`, naming every failing condition in a fixed order (empty:
 * met). `already_held` and `not_next` come first: a stage she holds is never proposed again, and only the
 * next stage above her current one can be.
 */
export function evaluateStage(
  ladder: readonly StageRule[],
  facts: CadreFacts,
  stageCode: string,
  asOf: string,
): StageEvaluation {
  const stage = ladder.find((candidate) => candidate.code === stageCode);
  const current = currentStageOf(ladder, facts);
  const counted = facts.completed.filter(
    (done) =>
      done.completedOn <= asOf &&
      (stage?.minAttendance == null ||
        (done.attendance !== null && done.attendance + 1e-9 >= stage.minAttendance)),
  );
  const facilitated = facts.facilitated.filter((item) => item.endsOn <= asOf);
  const evidence: StageEvidence = {
    participantIds: counted.map((done) => done.participantId).sort(),
    facilitatedClassIds: facilitated.map((item) => item.classId).sort((a, b) => a - b),
    previousStage: current.stage.code,
    previousAchievedOn: current.achievedOn,
  };
  const failures: StageFailure[] = [];
  const held = facts.records.some((record) => record.stage === stageCode);
  if (!stage || !stage.active) {
    failures.push(held ? 'already_held' : 'stage_inactive');
    return { stage: stageCode, met: false, failures, evidence };
  }
  if (held) failures.push('already_held');
  else if (nextStageOf(ladder, facts)?.code !== stage.code) failures.push('not_next');
  if (counted.length < stage.minCompletedClasses) failures.push('completed_classes_below');
  if (stage.requiredTracks.some((track) => !counted.some((done) => done.track === track)))
    failures.push('track_missing');
  if (stage.minLevel !== null && !counted.some((done) => levelRank(done.level) >= levelRank(stage.minLevel!)))
    failures.push('level_below');
  if (stage.minMonthsSincePrevious > 0) {
    if (current.achievedOn === null) failures.push('previous_date_unknown');
    else if (wholeMonthsBetween(current.achievedOn, asOf) < stage.minMonthsSincePrevious)
      failures.push('too_soon');
  }
  if (facilitated.length < stage.minFacilitatedClasses) failures.push('facilitated_classes_below');
  return { stage: stage.code, met: failures.length === 0, failures, evidence };
}

/** The proposal the system makes for her on `asOf`: her next stage when she meets its rule, else null. */
export function proposalFor(
  ladder: readonly StageRule[],
  facts: CadreFacts,
  asOf: string,
): StageEvaluation | null {
  const next = nextStageOf(ladder, facts);
  if (!next) return null;
  const evaluation = evaluateStage(ladder, facts, next.code, asOf);
  return evaluation.met ? evaluation : null;
}

/** Two evidence sets are the same (a declined proposal is not made again on the same evidence). */
export function sameEvidence(a: StageEvidence, b: StageEvidence): boolean {
  const key = (evidence: StageEvidence) =>
    JSON.stringify([
      [...evidence.participantIds].sort(),
      [...evidence.facilitatedClassIds].sort((x, y) => x - y),
      evidence.previousStage,
      evidence.previousAchievedOn,
    ]);
  return key(a) === key(b);
}

/** The path of a unit's parent (`/1/4/7/` → `/1/4/`), or the path itself for the top unit. */
export function parentPathOf(unitPath: string): string {
  const parts = unitPath.split('/').filter(Boolean);
  return parts.length <= 1 ? unitPath : `/${parts.slice(0, -1).join('/')}/`;
}

/**
 * The unit whose officer confirms, records or withdraws a member's stage ("an officer of the level
 * above", training.md): a `cadre.confirm` grant (gender officer, org admin) over the PARENT of her home
 * unit — so an officer of her own PSP cannot, one of its DPC or above can. A member of the top unit has
 * no level above, so its own officers decide. The most specific such grant's unit is returned (it is the
 * `confirmed_unit_id` of the record); null when the caller may not.
 */
export function confirmingUnitOf(principal: Principal, memberUnitPath: string): number | null {
  const needed = parentPathOf(memberUnitPath);
  const grants = principal.grants
    .filter((grant) => roleAllows(grant.role, 'cadre.confirm') && isWithin(needed, grant.unitPath))
    .sort((a, b) => b.unitPath.length - a.unitPath.length);
  return grants[0]?.unitId ?? null;
}
