import type {
  AttendanceStatus,
  CertificateState,
  EligibilityFailure,
} from '../../../shared/training-taxonomies.ts';

/**
 * The pure rules of capacity building (shared/domain/training.md). No database here: the service loads
 * the facts (the member's record as of the class start date, her completed classes, attendance marks)
 * and these functions decide.
 */

export interface ClassRequirements {
  womenOnly: boolean;
  /** Oldest age allowed on the class start date (Pekerja Muda: 35 by default); null when none. */
  maxAge: number | null;
  /** Completed classes needed first; a null level means any level of that track. */
  prerequisites: readonly { track: string; level: string | null }[];
  startsOn: string;
}

export interface MemberAsOf {
  /** Membership status on the class start date (from the dated status history). */
  status: string | null;
  sex: 'L' | 'P' | null;
  birthYear: number | null;
  completed: readonly { track: string; level: string }[];
}

/**
 * Every rule the member fails for this class, in a fixed order; empty means eligible. Age is counted
 * in whole years by birth year alone (the record holds no birth date): the year of the start date minus
 * the birth year, so a limit of 35 admits those born 35 years before the class year or later.
 */
export function eligibilityFailuresOf(
  requirements: ClassRequirements,
  member: MemberAsOf,
): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  if (member.status !== 'aktif') failures.push('not_active');
  if (requirements.womenOnly) {
    if (member.sex === null) failures.push('sex_unknown');
    else if (member.sex !== 'P') failures.push('women_only');
  }
  if (requirements.maxAge !== null) {
    if (member.birthYear === null) failures.push('birth_year_unknown');
    else if (Number(requirements.startsOn.slice(0, 4)) - member.birthYear > requirements.maxAge)
      failures.push('too_old');
  }
  const missing = requirements.prerequisites.some(
    (needed) =>
      !member.completed.some(
        (done) => done.track === needed.track && (needed.level === null || done.level === needed.level),
      ),
  );
  if (missing) failures.push('prerequisite_missing');
  return failures;
}

export type AttendanceWeights = Readonly<Record<AttendanceStatus, number>>;

/**
 * Weighted attendance as a share of the most a participant could earn: every session of the class
 * counts, and a session without a mark counts as absent. A class without sessions gives null (nothing
 * to judge yet).
 */
export function weightedAttendance(
  weights: AttendanceWeights,
  sessionCount: number,
  marks: readonly AttendanceStatus[],
): number | null {
  if (sessionCount === 0) return null;
  const best = Math.max(...Object.values(weights));
  if (best <= 0) return null;
  const earned = marks.reduce((sum, mark) => sum + weights[mark], 0);
  return earned / (best * sessionCount);
}

export interface CompletionRule {
  minAttendance: number;
  /** Share of the post-test maximum needed; null when the class has no post-test requirement. */
  minPostScore: number | null;
}

export type CompletionResult =
  | { completed: true }
  | {
      completed: false;
      reasons: ('attendance_below' | 'post_test_below' | 'post_test_missing' | 'no_sessions')[];
    };

/** Whether a participant completed the class under its completion rule (default: ≥ 80% and ≥ 60%). */
export function completionOf(
  rule: CompletionRule,
  attendance: number | null,
  postScore: number | null,
): CompletionResult {
  const reasons: ('attendance_below' | 'post_test_below' | 'post_test_missing' | 'no_sessions')[] = [];
  if (attendance === null) reasons.push('no_sessions');
  else if (attendance + 1e-9 < rule.minAttendance) reasons.push('attendance_below');
  if (rule.minPostScore !== null) {
    if (postScore === null) reasons.push('post_test_missing');
    else if (postScore + 1e-9 < rule.minPostScore) reasons.push('post_test_below');
  }
  return reasons.length === 0 ? { completed: true } : { completed: false, reasons };
}

/**
 * The holder's name as the public verification page shows it: the first word whole, every later word
 * cut to its first letter followed by four stars ("Siti Rahayu Lestari" → "Siti R**** L****"), so the
 * page confirms a certificate without publishing who holds it.
 */
export function maskedName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '****';
  const [first, ...rest] = words;
  return [first, ...rest.map((word) => `${[...word][0]!.toUpperCase()}****`)].join(' ');
}

/** Certificate state on a date (Asia/Jakarta): revoked wins over expired. */
export function certificateState(
  certificate: { revoked_at: Date | string | null; valid_until: string | null },
  today: string,
): CertificateState {
  if (certificate.revoked_at) return 'revoked';
  if (certificate.valid_until !== null && certificate.valid_until < today) return 'expired';
  return 'valid';
}
