import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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
    created_at: DefaultTimestamp;
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
  };
  data_keys: {
    id: Generated<string>;
    purpose: string;
    wrapped: Buffer;
    master_fingerprint: string;
    created_at: DefaultTimestamp;
    rewrapped_at: Timestamp | null;
  };
}
