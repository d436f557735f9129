import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns come back as 'YYYY-MM-DD' strings (see the type parser in database.ts). */
type DateColumn = ColumnType<string, string, string>;

/** Row types of the platform tables, as Kysely sees them. Keep in step with migrations. */
export interface Database {
  system_settings: { key: string; value: unknown; updated_at: DefaultTimestamp };
  units: {
    id: Generated<number>;
    parent_id: number | null;
    path: string;
    depth: number;
    name: string;
    code: string;
    level: string;
    active: Generated<boolean>;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
    region_code: string | null;
    company_name: string | null;
    sector: string | null;
    disnaker_number: string | null;
    founded_on: DateColumn | null;
    dissolved_on: DateColumn | null;
    merged_into_id: number | null;
  };
  users: {
    id: Generated<string>;
    email: string;
    display_name: string;
    language: Generated<string>;
    password_hash: string | null;
    active: Generated<boolean>;
    home_unit_id: number;
    totp_secret_sealed: string | null;
    totp_pending_secret_sealed: string | null;
    totp_last_counter: ColumnType<string | null, number | null | undefined, number | null>;
    member_id: ColumnType<string | null, string | null | undefined, string | null>;
    created_at: DefaultTimestamp;
    last_login_at: Timestamp | null;
    password_changed_at: Timestamp | null;
  };
  recovery_codes: { id: Generated<string>; user_id: string; code_hash: string; used_at: Timestamp | null };
  role_grants: {
    id: Generated<string>;
    user_id: string;
    role: string;
    unit_id: number;
    granted_by: string | null;
    /** The second person who confirmed a case role; null for other roles and seeded grants. */
    confirmed_by: Generated<string | null>;
    created_at: DefaultTimestamp;
  };
  /** Case roles waiting for a second person's confirmation (never read as grants). */
  pending_role_grants: {
    id: Generated<string>;
    user_id: string;
    role: string;
    unit_id: number;
    requested_by: string;
    requested_at: Timestamp;
  };
  sessions: {
    id_hash: Buffer;
    user_id: string;
    stage: string;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    absolute_expires_at: Timestamp;
  };
  auth_throttle: {
    key: string;
    failures: number;
    window_started_at: Timestamp;
    blocked_until: Timestamp | null;
    owner_notified_at: Timestamp | null;
  };
  one_time_tokens: {
    id_hash: Buffer;
    purpose: string;
    user_id: string | null;
    created_at: DefaultTimestamp;
    expires_at: Timestamp;
    used_at: Timestamp | null;
  };
  /** Sealed heads of the audit chain (platform/audit.ts); append-only. */
  audit_checkpoints: {
    id: ColumnType<string, never, never>;
    made_at: Timestamp;
    audit_id: string;
    audit_hash: Buffer;
    mac: Buffer;
  };
  audit_log: {
    id: ColumnType<string, never, never>;
    at: Timestamp;
    actor_id: string | null;
    actor_label: string;
    action: string;
    object_type: string;
    object_id: string | null;
    unit_id: number | null;
    request_id: string | null;
    details: ColumnType<Record<string, unknown>, string, never>;
    prev_hash: Buffer;
    hash: Buffer;
  };
  outbox: {
    id: ColumnType<string, never, never>;
    created_at: DefaultTimestamp;
    recipient: string;
    subject: string;
    body_text: string;
    status: string;
    attempts: Generated<number>;
    last_error: string | null;
    sent_at: Timestamp | null;
    /** The language the message is written in; NULL on rows from before migration 2026-12-07T1800. */
    language: string | null;
  };
  data_keys: {
    id: Generated<string>;
    purpose: string;
    wrapped: Buffer;
    master_fingerprint: string;
    created_at: DefaultTimestamp;
    rewrapped_at: Timestamp | null;
  };
  regions: { code: string; kind: string; province_code: string | null; name: string };
  unit_events: {
    id: ColumnType<string, never, never>;
    unit_id: number;
    kind: string;
    occurred_on: DateColumn;
    details: ColumnType<Record<string, unknown>, string | undefined, never>;
    recorded_at: DefaultTimestamp;
    recorded_by: string | null;
  };
  members: {
    id: ColumnType<string, never, never>;
    member_number: string;
    full_name: string;
    sex: string | null;
    gender_self: string | null;
    birth_year: number | null;
    phone: string | null;
    email: string | null;
    home_unit_id: number;
    employer: string | null;
    job_title: string | null;
    joined_on: DateColumn | null;
    status: string;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  member_status_history: {
    id: ColumnType<string, never, never>;
    member_id: string;
    status: string;
    unit_id: number;
    valid_from: DateColumn;
    reason: string | null;
    recorded_at: DefaultTimestamp;
    recorded_by: string | null;
  };
  bodies: {
    id: Generated<number>;
    unit_id: number;
    kind: string;
    name: string;
    statutory_seats: number | null;
    active: Generated<boolean>;
    created_at: DefaultTimestamp;
  };
  positions: {
    id: Generated<number>;
    body_id: number;
    title: string;
    category: string;
    seats: Generated<number>;
    sort_order: Generated<number>;
  };
  appointments: {
    id: ColumnType<string, never, never>;
    position_id: number;
    member_id: string;
    term_start: DateColumn;
    term_end: DateColumn | null;
    basis: string;
    decree_number: string | null;
    created_at: DefaultTimestamp;
  };
  assemblies: {
    id: Generated<number>;
    unit_id: number;
    kind: string;
    name: string;
    starts_on: DateColumn;
    ends_on: DateColumn | null;
    created_at: DefaultTimestamp;
  };
  delegation_allocations: {
    id: Generated<number>;
    assembly_id: number;
    unit_id: number;
    category: string;
    seats: number;
  };
  delegates: {
    id: ColumnType<string, never, never>;
    allocation_id: number;
    member_id: string;
    credential_status: Generated<string>;
    note: string | null;
    updated_at: DefaultTimestamp;
  };
  import_jobs: {
    id: Generated<string>;
    kind: string;
    status: string;
    file_name: string;
    headers: ColumnType<string[], string, string>;
    total_rows: Generated<number>;
    processed_rows: Generated<number>;
    mapping: ColumnType<Record<string, string> | null, string | null, string | null>;
    mode: string | null;
    summary: ColumnType<Record<string, unknown> | null, string | null, string | null>;
    scope_unit_ids: number[];
    created_by: string;
    created_at: DefaultTimestamp;
    finished_at: Timestamp | null;
    run_attempts: Generated<number>;
    request_id: string | null;
  };
  import_rows: { job_id: string; row_number: number; cells: string[] };
  cases: {
    id: string;
    reference: string;
    data_key_id: string;
    receipt_index: string;
    receipt_hash: string;
    channel: string;
    reporter_role: string;
    forms: string[];
    place: string;
    relationship: string;
    named_office: string;
    wishes: string[];
    asks_dpp: boolean;
    same_gender_handler: boolean;
    survivor_sex: string | null;
    survivor_age_band: string | null;
    incident_date: DateColumn | null;
    incident_date_approximate: boolean;
    place_unit_id: number | null;
    handling_unit_id: number;
    routing_reason: string;
    routing_conflict: Generated<boolean>;
    routing_fallback_from_unit_id: number | null;
    state: Generated<string>;
    outcome: string | null;
    closing_reason: string | null;
    received_at: Timestamp;
    first_contact_at: Timestamp | null;
    first_consent_at: Timestamp | null;
    last_team_update_at: Timestamp | null;
    outcome_at: Timestamp | null;
    closed_at: Timestamp | null;
    next_deadline_kind: string | null;
    next_deadline_at: Timestamp | null;
    content_sealed: string;
    rights: ColumnType<Record<string, string>, string | undefined, string>;
    rights_notes_sealed: string | null;
    ethics_status: string | null;
    ethics_note_sealed: string | null;
    ethics_updated_at: Timestamp | null;
    created_by: string | null;
    updated_at: DefaultTimestamp;
    /** Set when the retention purge removed the case's content (migration 2026-12-01T1400). */
    purged_at: ColumnType<Date | null, never, Date | string | null>;
    /** Escrow ("Lapor bersama"): null for an ordinary case. */
    escrow: ColumnType<string | null, string | null | undefined, string | null>;
    escrow_opened_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
    /** Sealed (case key): the survivor's contract renewal date; its check-in deadline is in clear. */
    contract_renewal_sealed: string | null;
    contract_checkin_due_at: Timestamp | null;
  };
  case_assignments: {
    id: Generated<string>;
    case_id: string;
    user_id: string;
    role: string;
    assigned_at: Timestamp;
    assigned_by: string | null;
    ended_at: Timestamp | null;
  };
  case_exclusions: { case_id: string; user_id: string };
  case_events: {
    id: Generated<string>;
    seq: ColumnType<string, never, never>;
    case_id: string;
    at: Timestamp;
    actor_id: string | null;
    actor_kind: string;
    kind: string;
    facts: ColumnType<Record<string, string | number | boolean | null>, string | undefined, string>;
    text_sealed: string | null;
  };
  case_messages: {
    id: Generated<string>;
    seq: ColumnType<string, never, never>;
    case_id: string;
    at: Timestamp;
    from_reporter: boolean;
    author_id: string | null;
    body_sealed: string;
  };
  case_consents: {
    id: Generated<string>;
    seq: ColumnType<string, never, never>;
    case_id: string;
    route: string;
    status: string;
    recorded_at: Timestamp;
    recorded_by: string | null;
    note_sealed: string | null;
  };
  case_referrals: {
    id: Generated<string>;
    case_id: string;
    service: string;
    recipient_sealed: string | null;
    referred_on: DateColumn;
    status: string;
    outcome_sealed: string | null;
    emergency: boolean;
    emergency_reason_sealed: string | null;
    needs_review: boolean;
    created_at: Timestamp;
    created_by: string | null;
    reviewed_at: Timestamp | null;
    reviewed_by: string | null;
  };
  case_measures: {
    id: Generated<string>;
    case_id: string;
    kind: string;
    status: string;
    description_sealed: string | null;
    started_on: DateColumn | null;
    created_at: Timestamp;
    created_by: string | null;
  };
  case_files: {
    id: Generated<string>;
    case_id: string;
    at: Timestamp;
    from_reporter: boolean;
    uploaded_by: string | null;
    name_sealed: string;
    media_type: string;
    size: number;
    content_sealed: string;
  };
  case_access_log: {
    id: ColumnType<string, never, never>;
    case_id: string;
    user_id: string;
    at: Timestamp;
    part: string;
  };
  /** One row per report form token spent on a report (public/spent-tokens.repository.ts). */
  spent_form_tokens: {
    token_id: Buffer;
    sealed_receipt: Buffer;
    expires_at: Timestamp;
  };
  public_throttle: { bucket: string; window_start: Timestamp; hits: number };
  /** Random key of each UTC day's counters; rows of ended days are deleted (throttle.ts). */
  public_throttle_day_keys: { day: DateColumn; key: Buffer };
  case_legal_holds: {
    id: Generated<string>;
    case_id: string;
    reason: string;
    placed_at: Timestamp;
    placed_by: string;
    released_at: Timestamp | null;
    released_by: string | null;
  };
  case_match_tokens: { case_id: string; kind: string; token: string };
  case_match_reporters: { case_id: string; token: string };
  case_links: { case_a: string; case_b: string; reason: string; linked_at: Timestamp };
  holidays: {
    day: DateColumn;
    name: string;
    kind: string;
    source: string | null;
    created_at: DefaultTimestamp;
    created_by: string | null;
  };
  notifications: {
    id: Generated<string>;
    user_id: string;
    kind: string;
    case_id: string | null;
    link: string;
    created_at: Timestamp;
    read_at: Timestamp | null;
  };
  case_reminders: {
    id: ColumnType<string, never, never>;
    case_id: string;
    deadline_kind: string;
    due_at: Timestamp;
    reminder_kind: string;
    user_id: string;
    sent_at: Timestamp;
  };
  case_checkins: {
    id: Generated<string>;
    case_id: string;
    outcome_at: Timestamp;
    kind: string;
    due_at: Timestamp;
    recorded_at: Timestamp;
    recorded_by: string | null;
    retaliation: boolean;
    retaliation_kinds: string[];
    note_sealed: string | null;
    reopened: Generated<boolean>;
  };
  quota_rules: {
    id: Generated<number>;
    code: string;
    current_version: Generated<number>;
    created_at: DefaultTimestamp;
  };
  quota_rule_versions: {
    id: Generated<number>;
    rule_id: number;
    version: number;
    name: string;
    description: string | null;
    subject_kinds: string[];
    levels: string[];
    delegation_categories: string[];
    effective_from: DateColumn | null;
    effective_to: DateColumn | null;
    metric: string;
    threshold_bp: number;
    rounding: string;
    minimum_women: number | null;
    minimum_when_seats: number | null;
    positional_titles: string[];
    positional_categories: string[];
    positional_at_least: number | null;
    proportionality_factor_bp: number | null;
    enforcement: string;
    created_at: DefaultTimestamp;
    created_by: string | null;
  };
  delegation_credentials: { allocation_id: number; status: string; updated_at: DefaultTimestamp };
  delegation_credential_decisions: {
    id: ColumnType<string, never, never>;
    allocation_id: number;
    decision: string;
    reason: string | null;
    decided_by: string;
    decided_at: Timestamp;
    evaluation: unknown;
    rule_version_ids: number[];
  };
  // ── Capacity building (migration 2026-12-07T2000-training) ──────────────────────────────────────
  training_tracks: {
    code: string;
    women_only: Generated<boolean>;
    max_age: number | null;
    label_id: string;
    label_en: string;
    sort_order: Generated<number>;
    active: Generated<boolean>;
  };
  training_attendance_weights: { status: string; points: ColumnType<string, number, number> };
  training_external_persons: {
    id: Generated<number>;
    full_name: string;
    organisation: string | null;
    sex: string | null;
    created_at: DefaultTimestamp;
  };
  training_programs: {
    id: Generated<number>;
    unit_id: number;
    name: string;
    partners: ColumnType<string[], string[] | undefined, string[]>;
    venue: string | null;
    funding: string | null;
    starts_on: DateColumn;
    ends_on: DateColumn;
    created_by: string | null;
    created_at: DefaultTimestamp;
  };
  training_classes: {
    id: Generated<number>;
    program_id: number;
    track: string;
    level: string;
    title: string;
    seats: number;
    women_only: boolean;
    max_age: number | null;
    prerequisites: ColumnType<{ track: string; level: string | null }[], string | undefined, string>;
    /** numeric: pg returns a string. */
    min_attendance: ColumnType<string, number | undefined, number>;
    min_post_score: ColumnType<string | null, number | null | undefined, number | null>;
    starts_on: DateColumn;
    ends_on: DateColumn;
    hours: ColumnType<string | null, number | null | undefined, number | null>;
    certificate_valid_years: number | null;
    created_at: DefaultTimestamp;
  };
  training_class_trainers: { class_id: number; user_id: string };
  training_facilitators: {
    id: Generated<number>;
    class_id: number;
    member_id: string | null;
    external_person_id: number | null;
  };
  training_sessions: {
    id: Generated<number>;
    class_id: number;
    title: string | null;
    starts_at: Timestamp;
    ends_at: Timestamp;
    venue: string | null;
    online: Generated<boolean>;
    created_at: DefaultTimestamp;
  };
  training_seat_allocations: { class_id: number; unit_id: number; seats: number };
  training_participants: {
    id: ColumnType<string, never, never>;
    class_id: number;
    member_id: string | null;
    external_person_id: number | null;
    nominating_unit_id: number | null;
    status: string;
    reason: string | null;
    enrolment_code: string;
    nominated_by: string | null;
    nominated_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  training_participant_events: {
    id: ColumnType<string, never, never>;
    participant_id: string;
    status: string;
    reason: string | null;
    actor_id: string | null;
    at: DefaultTimestamp;
  };
  training_attendance: {
    session_id: number;
    participant_id: string;
    status: string;
    via: string;
    recorded_by: string | null;
    recorded_at: DefaultTimestamp;
  };
  training_attendance_history: {
    id: ColumnType<string, never, never>;
    session_id: number;
    participant_id: string;
    status: string;
    via: string;
    recorded_by: string | null;
    recorded_at: Timestamp;
    replaced_by: string | null;
    replaced_at: DefaultTimestamp;
  };
  training_session_tallies: {
    session_id: number;
    women: number;
    men: number;
    unknown: number;
    recorded_by: string | null;
    recorded_at: DefaultTimestamp;
  };
  training_sheet_photos: {
    id: Generated<number>;
    session_id: number;
    media_type: string;
    data: Buffer;
    size: number;
    uploaded_by: string | null;
    uploaded_at: DefaultTimestamp;
  };
  training_certificates: {
    code: string;
    participant_id: string;
    issued_at: DefaultTimestamp;
    issued_by: string | null;
    valid_until: DateColumn | null;
    revoked_at: Timestamp | null;
    revoked_by: string | null;
    revoke_reason: string | null;
    replaces: string | null;
  };
  // ── Cadre stages (migration 2026-12-07T2100-cadre-stages) ───────────────────────────────────────
  cadre_stages: {
    code: string;
    rank: number;
    label_id: string;
    label_en: string;
    min_completed_classes: Generated<number>;
    required_tracks: ColumnType<string[], string[] | undefined, string[]>;
    min_level: string | null;
    min_attendance: ColumnType<string | null, number | null | undefined, number | null>;
    min_months_since_previous: Generated<number>;
    min_facilitated_classes: Generated<number>;
    active: Generated<boolean>;
  };
  cadre_stage_proposals: {
    id: ColumnType<string, never, never>;
    member_id: string;
    stage: string;
    proposed_at: DefaultTimestamp;
    evidence: ColumnType<unknown, string | undefined, string>;
    status: Generated<string>;
    decided_by: string | null;
    decided_at: Timestamp | null;
    decision_reason: string | null;
  };
  cadre_stage_records: {
    id: ColumnType<string, never, never>;
    member_id: string;
    stage: string;
    achieved_on: DateColumn;
    proposal_id: string | null;
    confirmed_by: string | null;
    confirmed_unit_id: number | null;
    confirmed_at: DefaultTimestamp;
    evidence: ColumnType<unknown, string | undefined, string>;
    evidence_note: string | null;
    withdrawn_at: Timestamp | null;
    withdrawn_by: string | null;
    withdrawn_reason: string | null;
  };
  // ── Pre/post tests (migration 2026-12-07T2200-training-tests) ───────────────────────────────────
  training_test_items: {
    id: Generated<number>;
    class_id: number;
    form: Generated<string>;
    stem_id: string;
    stem_en: string | null;
    options: ColumnType<{ id: string; en: string | null }[], string, string>;
    correct: number;
    position: Generated<number>;
    active: Generated<boolean>;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_by: string | null;
    updated_at: DefaultTimestamp;
  };
  training_test_settings: {
    class_id: number;
    parallel_forms: Generated<boolean>;
    open_phase: string | null;
    updated_by: string | null;
    updated_at: DefaultTimestamp;
  };
  training_test_attempts: {
    id: ColumnType<string, never, never>;
    participant_id: string;
    phase: string;
    form: string;
    via: string;
    answers: ColumnType<Record<string, number | null>, string, string>;
    score: number;
    max_score: number;
    recorded_by: string | null;
    recorded_at: DefaultTimestamp;
  };
  training_test_attempt_history: {
    id: ColumnType<string, never, never>;
    attempt_id: string;
    form: string;
    via: string;
    answers: ColumnType<Record<string, number | null>, string, string>;
    score: number;
    max_score: number;
    recorded_by: string | null;
    recorded_at: Timestamp;
    replaced_by: string | null;
    replaced_at: DefaultTimestamp;
  };
  // ── Education campaigns (migration 2026-12-08T1100-campaigns) ────────────────────────────────────
  campaign_activity_kinds: {
    code: string;
    label_id: string;
    label_en: string;
    sort_order: Generated<number>;
    active: Generated<boolean>;
  };
  campaigns: {
    id: Generated<number>;
    parent_id: number | null;
    owner_unit_id: number;
    title: string;
    theme: string | null;
    pillar: Generated<string>;
    starts_on: DateColumn;
    ends_on: DateColumn;
    status: Generated<string>;
    template: string | null;
    goal_women: number | null;
    goal_men: number | null;
    goal_units: number | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  campaign_days: { campaign_id: number; day_on: DateColumn; theme: string };
  campaign_activities: {
    id: Generated<number>;
    campaign_id: number;
    kind: string;
    host_unit_id: number;
    held_on: DateColumn;
    title: string;
    place: string | null;
    materials: string | null;
    reach_mode: Generated<string>;
    women: number | null;
    men: number | null;
    unknown: number | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  campaign_activity_facilitators: {
    id: Generated<number>;
    activity_id: number;
    member_id: string | null;
    full_name: string | null;
    organisation: string | null;
  };
  campaign_activity_attendees: {
    activity_id: number;
    member_id: string;
    via: Generated<string>;
    marked_by: string | null;
    marked_at: DefaultTimestamp;
  };
  campaign_activity_photos: {
    id: Generated<number>;
    activity_id: number;
    media_type: string;
    data: Buffer;
    size: number;
    uploaded_by: string | null;
    uploaded_at: DefaultTimestamp;
  };
  // ── Materials library (migration 2026-12-08T1200-materials) ────────────────────────────────────
  materials: {
    id: Generated<number>;
    slug: string;
    owner_unit_id: number;
    kind: string;
    title: string;
    summary: string | null;
    language: string;
    audience: string;
    licence: string;
    status: Generated<string>;
    published_at: Timestamp | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  material_versions: {
    id: Generated<number>;
    material_id: number;
    number: number;
    note: string | null;
    url: string | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
  };
  material_files: {
    id: Generated<number>;
    version_id: number;
    file_name: string;
    media_type: string;
    size: number;
    sha256: Buffer;
    data: Buffer;
    uploaded_by: string | null;
    uploaded_at: DefaultTimestamp;
  };
  material_activity_links: {
    activity_id: number;
    version_id: number;
    linked_by: string | null;
    linked_at: DefaultTimestamp;
  };
  material_downloads: { version_id: number; day_on: DateColumn; count: Generated<number> };
  // ── Collective agreements (migration 2026-12-08T1800-agreements) ─────────────────────────────
  agreement_checklist_versions: {
    id: Generated<number>;
    number: number;
    note: string | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
  };
  agreement_checklist_items: {
    id: Generated<number>;
    version_id: number;
    code: string;
    position: number;
    item_group: string;
    title_id: string;
    title_en: string;
  };
  agreements: {
    id: Generated<number>;
    unit_id: number;
    kind: string;
    company_name: string;
    parties: string | null;
    registration_number: string | null;
    starts_on: DateColumn;
    ends_on: DateColumn;
    extended_until: DateColumn | null;
    status: string;
    created_by: string | null;
    created_at: DefaultTimestamp;
    updated_at: DefaultTimestamp;
  };
  agreement_files: {
    id: Generated<number>;
    agreement_id: number;
    file_name: string;
    media_type: string;
    size: number;
    sha256: Buffer;
    data: Buffer;
    uploaded_by: string | null;
    uploaded_at: DefaultTimestamp;
  };
  agreement_reminders: {
    agreement_id: number;
    months: number;
    ends_on: DateColumn;
    user_id: string;
    sent_at: Timestamp;
  };
  agreement_codings: {
    id: Generated<string>;
    agreement_id: number;
    item_code: string;
    checklist_version_id: number;
    answer: string;
    excerpt: string | null;
    article: string | null;
    coded_by: string | null;
    coded_at: DefaultTimestamp;
  };
  // ── Joint Commitment (migration 2026-12-08T1000-commitment) ─────────────────────────────────────
  commitment_versions: {
    id: Generated<number>;
    number: number;
    title_id: string;
    title_en: string;
    preamble_id: string;
    preamble_en: string;
    points: ColumnType<{ id: string; en: string }[], string, string>;
    text_sha256: Buffer;
    forum: string;
    adopted_on: DateColumn;
    status: Generated<string>;
    wording_placeholder: Generated<boolean>;
    created_by: string | null;
    created_at: DefaultTimestamp;
    activated_at: Timestamp | null;
    activated_by: string | null;
    superseded_at: Timestamp | null;
  };
  commitment_signatures: {
    id: ColumnType<string, never, never>;
    version_id: number;
    kind: string;
    unit_id: number;
    member_id: string | null;
    person_name: string | null;
    person_organisation: string | null;
    person_sex: string | null;
    claimed_member_number: string | null;
    forum: string | null;
    decree_number: string | null;
    company_name: string | null;
    company_signatory: string | null;
    company_signatory_title: string | null;
    verification_code: string | null;
    signed_on: DateColumn;
    channel: string;
    public_name: Generated<boolean>;
    status: string;
    status_reason: string | null;
    status_at: DefaultTimestamp;
    status_by: string | null;
    created_by: string | null;
    created_at: DefaultTimestamp;
  };
  commitment_signature_events: {
    id: ColumnType<string, never, never>;
    signature_id: string;
    status: string;
    reason: string | null;
    actor_id: string | null;
    at: DefaultTimestamp;
  };
  commitment_receipts: {
    receipt_hash: Buffer;
    signature_id: string;
    issued_at: DefaultTimestamp;
  };
  // ── Paper lists and their sheet photos (migration 2026-12-08T2000-commitment-paper-lists) ──────────
  commitment_paper_lists: {
    id: Generated<number>;
    version_id: number;
    unit_id: number;
    signed_on: DateColumn;
    row_count: number;
    by_number: number;
    by_name: number;
    merged: number;
    unmatched: number;
    entered_by: string | null;
    entered_at: DefaultTimestamp;
  };
  commitment_paper_list_photos: {
    id: Generated<number>;
    paper_list_id: number;
    media_type: string;
    data: Buffer;
    size: number;
    uploaded_by: string | null;
    uploaded_at: DefaultTimestamp;
  };
}
