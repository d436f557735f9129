import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every environment variable Setara reads, parsed once here; nothing else reads process.env. */
const configSchema = z.object({
  /** HTTP port of the staff app, API and public pages. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** External PostgreSQL; when unset an embedded PostgreSQL is started with its data in SETARA_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded database and the key file. */
  SETARA_DATA_DIR: z.string().default('./data'),
  /** Port of the embedded PostgreSQL (never 5432, where a system server may listen). */
  SETARA_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(5433),
  /** Base64 of a 32-byte master key; overrides the key file. */
  SETARA_MASTER_KEY: z.string().optional(),
  /** Path of the master key file (default: <data dir>/keys/master.key). */
  SETARA_MASTER_KEY_FILE: z.string().optional(),
  /** Public URL of this server, used in links in emails and the setup link. */
  SETARA_PUBLIC_URL: z.string().url().optional(),
  /** Set when served behind a TLS-terminating reverse proxy: Secure cookies, HSTS (see SETARA_TRUSTED_PROXIES). */
  SETARA_BEHIND_TLS_PROXY: bool.default(false),
  /**
   * Addresses (or CIDR ranges, comma-separated) of the reverse proxies whose X-Forwarded-For and
   * X-Forwarded-Proto are believed; loopback by default. Other senders' forwarded headers are ignored.
   */
  SETARA_TRUSTED_PROXIES: z
    .string()
    .default('127.0.0.1,::1')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
          error: 'each entry must be an IP address or a CIDR range',
        }),
      ),
    ),
  /** Minutes of inactivity after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Hours after login after which a session ends whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /**
   * Failed logins on one account from one address before each further attempt from there is delayed;
   * four times as many from anywhere delay the account everywhere (a reset link clears it).
   */
  LOGIN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Failed logins from one address within 15 minutes before that address waits. */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(10000).default(30),
  /** SMTP server URL (smtp://user:pass@host:587); when unset, mail goes to the outbox table. */
  SMTP_URL: z.string().url().optional(),
  /** Sender address of outgoing mail. */
  MAIL_FROM: z.string().default('Setara <no-reply@setara.local>'),
  /** Log level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Level names of the unit tree, top first (SPN default). */
  SETARA_UNIT_LEVELS: z
    .string()
    .default('DPP,DPD,DPC,PSP,PA')
    .transform((value) =>
      value
        .split(',')
        .map((level) => level.trim())
        .filter(Boolean),
    ),
  /** Name of the root unit created at first start. */
  SETARA_ROOT_UNIT_NAME: z.string().default('DPP Serikat Pekerja Nasional'),
  /**
   * Competency gates: granting a case role to an account linked to a member who has not completed the
   * role's class (SOP case handling, TKBH) warns (`warn`, default) or is refused (`refuse`).
   */
  SETARA_COMPETENCY_GATE: z.enum(['warn', 'refuse']).default('warn'),
  /** Start the background job queue (off in some tests). */
  SETARA_JOBS: bool.default(true),
  /** Largest accepted import file (CSV or XLSX), in megabytes. */
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(200),
  /** SOP deadline: first human contact / safety triage, hours after receipt (domain/cases.md). */
  CASE_FIRST_CONTACT_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  /** SOP deadline: options counselling with consent recorded, working days after receipt. */
  CASE_CONSENT_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** SOP deadline: an update to the survivor while the case is open, every this many days. */
  CASE_UPDATE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** SOP deadline: outcome / feedback, days after receipt. */
  CASE_OUTCOME_DAYS: z.coerce.number().int().min(1).max(730).default(90),
  /** Reminders to the case team go this many hours before an SOP deadline or check-in falls due. */
  CASE_REMINDER_LEAD_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** Largest photo (or scan) of a signed training sign-in sheet, in megabytes. */
  TRAINING_PHOTO_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
  /** Largest evidence photo of a campaign activity, in megabytes. */
  CAMPAIGN_PHOTO_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
  /** Largest photo (or scan) of a signed Joint Commitment paper list, in megabytes. */
  COMMITMENT_PHOTO_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
  /** Largest file of a material (a print-ready poster PDF, a training module), in megabytes. */
  MATERIAL_FILE_MAX_MB: z.coerce.number().int().min(1).max(200).default(25),
  /** Largest document of a collective agreement (a scanned, signed PKB), in megabytes. */
  AGREEMENT_FILE_MAX_MB: z.coerce.number().int().min(1).max(200).default(30),
  /** Largest evidence file accepted on a case, in megabytes. */
  CASE_FILE_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  /** Retention: years a closed case is kept after its close date before it is purged (default period). */
  CASE_RETAIN_YEARS: z.coerce.number().int().min(1).max(30).default(5),
  /** Retention: years kept for a case the survivor withdrew (closing reason ditarik_korban). */
  CASE_RETAIN_WITHDRAWN_YEARS: z.coerce.number().int().min(1).max(30).default(1),
  /** Retention: years kept for a duplicate report (closing reason duplikat). */
  CASE_RETAIN_DUPLICATE_YEARS: z.coerce.number().int().min(1).max(30).default(1),
  // Quota summary refresh: after this many seconds without a new change (debounce)…
  QUOTA_SUMMARY_QUIET_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  // …but no later than this many seconds after the first pending change…
  QUOTA_SUMMARY_MAX_WAIT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  // …and at least this often anyway (terms end by date without any write).
  QUOTA_SUMMARY_PERIOD_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  // Proportionality view: flag a body below k × its membership's women's share; k in basis points.
  QUOTA_PROPORTIONALITY_K_BP: z.coerce.number().int().min(1).max(20_000).default(8000),
  /** Seconds allowed for in-flight requests at shutdown. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string; keyFile: string; publicUrl: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.SETARA_EMBEDDED_PG_PORT === 5432) {
    throw new ConfigError('Invalid configuration:\n  SETARA_EMBEDDED_PG_PORT: must not be 5432');
  }
  const dataDir = path.resolve(config.SETARA_DATA_DIR);
  return {
    ...config,
    dataDir,
    keyFile: path.resolve(config.SETARA_MASTER_KEY_FILE ?? path.join(dataDir, 'keys', 'master.key')),
    publicUrl: (config.SETARA_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
  };
}
