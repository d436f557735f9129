import {
  isSexualViolenceForm,
  type CaseForm,
  type CaseOutcome,
  type CaseState,
  type ClosingReason,
} from '../../../shared/case-taxonomy.ts';
import type { CaseRoleInCase } from '../../../shared/contracts/cases.ts';
import type { ErrorCode } from '../../../shared/errors.ts';

/**
 * The SOP workflow (domain/cases.md): received → triage → handling → monitoring → closed, and reopen
 * closed → handling. This file is the only place that knows which transition is legal, who may make it
 * and what it needs. Referrals, measures, consent and the ethics process are actions inside a case, not
 * states.
 */
interface TransitionRule {
  from: CaseState;
  to: CaseState;
  /** Case roles that may make the move. */
  by: readonly CaseRoleInCase[];
}

export const transitionRules: readonly TransitionRule[] = [
  // First human contact and safety triage: the assigned handler (or the coordinator).
  { from: 'received', to: 'triage', by: ['handler', 'coordinator'] },
  { from: 'triage', to: 'handling', by: ['handler', 'coordinator'] },
  // The outcome is the coordinator's decision.
  { from: 'handling', to: 'monitoring', by: ['coordinator'] },
  { from: 'monitoring', to: 'closed', by: ['coordinator'] },
  // A case may also close early (withdrawn by the survivor, no consent, duplicate, referred out).
  { from: 'received', to: 'closed', by: ['coordinator'] },
  { from: 'triage', to: 'closed', by: ['coordinator'] },
  { from: 'handling', to: 'closed', by: ['coordinator'] },
  // Reopen, e.g. after retaliation is found at a check-in.
  { from: 'closed', to: 'handling', by: ['coordinator'] },
];

/** Closing reasons allowed on an early close (before an outcome was decided). */
const earlyClosingReasons: readonly ClosingReason[] = [
  'dirujuk_keluar',
  'ditarik_korban',
  'tanpa_persetujuan',
  'tidak_terbukti',
  'duplikat',
];

export interface TransitionFacts {
  state: CaseState;
  forms: readonly CaseForm[];
  rightsReviewed: boolean;
}

export interface TransitionRequest {
  to: CaseState;
  reason: string;
  closingReason?: ClosingReason;
  outcome?: CaseOutcome;
}

export type TransitionDecision = { ok: true } | { ok: false; code: ErrorCode };

/** The states the holder of these case roles may move the case to from its current state. */
export function allowedTargets(state: CaseState, roles: readonly CaseRoleInCase[]): CaseState[] {
  return transitionRules
    .filter((rule) => rule.from === state && rule.by.some((role) => roles.includes(role)))
    .map((rule) => rule.to);
}

/** UU TPKS Art. 23: no out-of-court settlement ("damai", mediation) when any form is sexual violence. */
export function isOutcomeAllowed(outcome: CaseOutcome, forms: readonly CaseForm[]): boolean {
  return outcome !== 'mediasi_damai' || !forms.some(isSexualViolenceForm);
}

/** Decides one transition: rule exists and the caller's role may make it, then the guard rails. */
export function decideTransition(
  facts: TransitionFacts,
  roles: readonly CaseRoleInCase[],
  request: TransitionRequest,
): TransitionDecision {
  const rule = transitionRules.find(
    (candidate) => candidate.from === facts.state && candidate.to === request.to,
  );
  if (!rule || !rule.by.some((role) => roles.includes(role)))
    return { ok: false, code: 'transition_not_allowed' };
  if (request.reason.trim().length < 3) return { ok: false, code: 'validation_failed' };
  if (request.to === 'monitoring') {
    if (!request.outcome) return { ok: false, code: 'outcome_required' };
    if (!isOutcomeAllowed(request.outcome, facts.forms)) return { ok: false, code: 'mediation_forbidden' };
  } else if (request.outcome) {
    return { ok: false, code: 'validation_failed' };
  }
  if (request.to === 'closed') {
    if (!request.closingReason) return { ok: false, code: 'closing_reason_required' };
    if (facts.state !== 'monitoring' && !earlyClosingReasons.includes(request.closingReason))
      return { ok: false, code: 'closing_reason_required' };
    // A case cannot close without its rights checklist (UU TPKS Arts. 68–70) reviewed.
    if (!facts.rightsReviewed) return { ok: false, code: 'rights_not_reviewed' };
  } else if (request.closingReason) {
    return { ok: false, code: 'validation_failed' };
  }
  return { ok: true };
}
