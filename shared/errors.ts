/**
 * Stable error codes. Each code maps to one HTTP status and one translated message
 * (`errors.<code>` in shared/locales/<lang>/errors.json). Clients branch on `code`, never on text.
 */
export const errorStatus = {
  /** Request body, query or params failed validation; `details.fields` names each bad field. */
  validation_failed: 400,
  /** The CSRF token is missing or does not match. */
  csrf_invalid: 403,
  /** No session, or the session expired. */
  unauthenticated: 401,
  /** The session exists but the second factor is still required. */
  mfa_required: 401,
  /** The account holds a case role and must enrol TOTP before doing anything else. */
  mfa_enrolment_required: 403,
  /** Authenticated, but the access module refused this action in this scope. */
  forbidden: 403,
  /** Email and password do not match (never says which one). */
  invalid_credentials: 401,
  /** The one-time code or recovery code is wrong. */
  invalid_totp: 401,
  /** Too many attempts; `details.retryAfterSeconds` says when to try again. */
  rate_limited: 429,
  /** The password is too short or is a common password. */
  weak_password: 400,
  /** The current password given for a change is wrong. */
  wrong_password: 400,
  /** The object does not exist or is outside the caller's scope (never leaks which). */
  not_found: 404,
  /** A unique value (email, unit code) is already taken. */
  conflict: 409,
  /** First-run setup was already completed, or the token is wrong. */
  setup_unavailable: 410,
  /** A one-time link (reset, invitation) is expired or already used. */
  token_invalid: 410,
  /** A unit cannot move below itself or one of its descendants. */
  unit_cycle: 409,
  /** A unit with active children cannot be deactivated. */
  unit_has_children: 409,
  /** The root unit cannot be moved or deactivated. */
  unit_is_root: 409,
  /** TOTP cannot be switched off while the account holds a case role. */
  mfa_mandatory: 409,
  /** A grant would exceed what the caller may grant. */
  grant_not_allowed: 403,
  /** Nobody grants a role to their own account (issue 17): another administrator must. */
  self_grant: 403,
  /** A case role is confirmed by a second person: not its grantee, not the one who asked (issue 17). */
  second_person_required: 403,
  /** An import job is not in a state that allows this step (validate before running; a job runs once). */
  import_state: 409,
  /** The move is not in the SOP workflow, or not for the caller's role in the case. */
  transition_not_allowed: 409,
  /** UU TPKS Art. 23: no mediation / "damai" outcome on a case with a sexual-violence (KS*) form. */
  mediation_forbidden: 422,
  /** Moving to monitoring needs the outcome decided. */
  outcome_required: 422,
  /** Closing needs a closing reason that fits the case's state. */
  closing_reason_required: 422,
  /** A case cannot close before its rights checklist (UU TPKS Arts. 68–70) is reviewed. */
  rights_not_reviewed: 422,
  /** No referral or disclosure without recorded consent (an emergency needs a written reason). */
  consent_required: 422,
  /** The person is excluded from this case by the conflict-of-interest rules. */
  handler_conflict: 409,
  /** The person does not hold the case role needed at the handling unit. */
  handler_not_eligible: 422,
  /** The survivor asked for a handler of her own gender and this person is not. */
  same_gender_required: 422,
  /** The union-internal ethics process applies only to union officers or union events. */
  ethics_not_applicable: 422,
  /** The case was purged under the retention rule: only its coded statistics remain; it cannot reopen. */
  case_purged: 410,
  /** The case already has a legal hold in force. */
  retention_hold_exists: 409,
  /** The case has no legal hold in force to release. */
  retention_hold_missing: 409,
  /** The delegation's credential state does not allow this step (decide once per submission; resubmit after a return). */
  credential_state: 409,
  /** SPN 2018: a delegation below the quota (or with a delegate's sex unrecorded) is returned, not accepted. */
  delegation_below_quota: 422,
  /** Training: the member fails a rule of the class (`details.failures` names each: not_active, women_only…). */
  not_eligible: 422,
  /** Training: accepting this participant would leave too few seats for the women the quota rule requires. */
  training_below_quota: 422,
  /** Training: the participant's status does not allow this decision (or the certificate step). */
  participant_state: 409,
  /** Training: every seat of the class, or of the unit in the call, is taken. */
  seats_full: 409,
  /** Cadre stages: the member does not meet the stage's rule (`details.failures` names each condition). */
  stage_rule_not_met: 422,
  /** Cadre stages: the date breaks the ladder's order (before the stage below, after one above, or ahead). */
  stage_order: 422,
  /** Training tests: forms A/B cannot be switched once answers exist (the halves would change forms). */
  test_forms_locked: 409,
  /** Training tests: an answered item keeps its options, key and form (retire it and add a new one). */
  test_item_answered: 409,
  /** A case role for a member who has not completed its class (SETARA_COMPETENCY_GATE=refuse); `details.tracks`. */
  competency_missing: 422,
  /** Campaigns: the status move is not allowed (draft → active → closed), or a closed campaign is read-only. */
  campaign_state: 409,
  /** Campaigns: a sub-campaign, day or activity falls outside its campaign's unit subtree or dates (`details.rule`). */
  campaign_out_of_bounds: 422,
  /** Materials: the step does not fit the material (`details.rule`: no_version, already, file_required, link_required). */
  material_state: 409,
  /** Agreements: the step does not fit (`details.rule`: not_a_psp, unknown_item, empty, duplicate_code). */
  agreement_state: 409,
  /** Joint Commitment: this signer (member or unit) already has an open signature of the version. */
  commitment_duplicate: 409,
  /** Joint Commitment: the version's or signature's status does not allow this step. */
  commitment_state: 409,
  /** Joint Commitment: no version is active, so nothing can be signed. */
  commitment_no_active: 409,
  /** The request body is too large. */
  payload_too_large: 413,
  /** The request's content type is not accepted. */
  unsupported_media_type: 415,
  /** The body cannot be read as its content type says (broken JSON or multipart, wrong charset). */
  malformed_body: 400,
  /** A retaliation check-in can be recorded only after an outcome, once per check-in. */
  checkin_not_scheduled: 409,
  /** Route does not exist. */
  route_not_found: 404,
  /** Something failed on our side; details are logged, never returned. */
  internal: 500,
  /** The database or another dependency is not reachable. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? code);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

/** problem+json body as returned by every error response (RFC 9457). */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  requestId?: string;
  fields?: { path: string; message: string }[];
  retryAfterSeconds?: number;
  /** Facts a service chose to tell the client (AppError details `public`): e.g. the failing rules. */
  details?: Record<string, unknown>;
}
