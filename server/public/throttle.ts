import { createHmac, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/database.ts';

/**
 * Anti-abuse counters of the public pages, in `public_throttle`. A reporter's address is never stored or
 * logged: a bucket is the purpose plus a keyed hash of the address under the key of the UTC day. That
 * key is random (`public_throttle_day_keys`, shared by every instance) and deleted once its day is over,
 * so no stored secret — not even the master key — turns an old counter back into an address, and the
 * table cannot be joined across days. A global bucket per purpose caps a distributed flood.
 */

export const throttleLimits = {
  /** Receipt checks: each one costs a slow hash, and receipts must not be guessable by volume. */
  lookup: { windowMs: 15 * 60 * 1000, perAddress: 10, global: 300 },
  /** New reports (counted once a report is valid and about to be stored). */
  submit: { windowMs: 60 * 60 * 1000, perAddress: 5, global: 200 },
  /** Follow-up messages from the status page (already behind a follow-up token). */
  message: { windowMs: 60 * 60 * 1000, perAddress: 30, global: 600 },
  /** Certificate (and later signature) verification: same shape as the receipt lookup. */
  verify: { windowMs: 15 * 60 * 1000, perAddress: 20, global: 1000 },
  /**
   * Refused self check-ins (wrong code or identity) per device bucket: guessing enrolment codes or
   * member numbers stops after a few tries; typos of honest participants stay well below it.
   */
  checkInFailure: { windowMs: 15 * 60 * 1000, perAddress: 10, global: 3000 },
  /**
   * Different people checked in from one device bucket (address + user agent, see check-in.pages.ts):
   * a phone that checks in a row of absent friends is stopped; `perAddress` is the people allowed.
   */
  checkInDevice: { windowMs: 5 * 60 * 1000, perAddress: 2, global: 1_000_000 },
  /** Refused test-page codes (/tes: wrong enrolment code or no open test) per device bucket. */
  testFailure: { windowMs: 15 * 60 * 1000, perAddress: 10, global: 3000 },
  /**
   * Joint Commitment pledges (/komitmen) per address: a workshop signs from one venue Wi-Fi, so more than
   * reports; a flood from one address stops, and the global cap bounds a distributed one.
   */
  pledge: { windowMs: 60 * 60 * 1000, perAddress: 60, global: 5000 },
  /** Receipt checks and withdrawals of pledges (/komitmen/cek): the shape of the report receipt lookup. */
  pledgeLookup: { windowMs: 15 * 60 * 1000, perAddress: 10, global: 300 },
} as const;
export type ThrottlePurpose = keyof typeof throttleLimits;

/** The UTC day of `now`, as the day keys are stored: `YYYY-MM-DD`. */
const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/** Where the counters' day keys come from (the database in the server; a fixed map in pure tests). */
export interface ThrottleKeys {
  dayKey(now: Date): Promise<Buffer>;
}

/**
 * The day keys kept in the database: the first instance to need a day's key writes 32 random bytes, every
 * other instance reads the same row. The key of the day in use stays in memory; an older one is never
 * looked up again (a bucket is always hashed under the key of the moment it is counted).
 */
export function databaseThrottleKeys(db: Db): ThrottleKeys {
  let cached: { day: string; key: Buffer } | undefined;
  return {
    async dayKey(now) {
      const day = utcDay(now);
      if (cached?.day === day) return cached.key;
      // A new day: the key of the one that ended goes at once (the purge job also deletes it).
      await db.deleteFrom('public_throttle_day_keys').where('day', '<', day).execute();
      await db
        .insertInto('public_throttle_day_keys')
        .values({ day, key: randomBytes(32) })
        .onConflict((conflict) => conflict.column('day').doNothing())
        .execute();
      const row = await db
        .selectFrom('public_throttle_day_keys')
        .select('key')
        .where('day', '=', day)
        .executeTakeFirstOrThrow();
      cached = { day, key: row.key };
      return row.key;
    },
  };
}

/** `purpose:` + 32 hex characters of HMAC-SHA256(key of the day, address). */
export async function addressBucket(
  keys: ThrottleKeys,
  purpose: ThrottlePurpose,
  address: string,
  now: Date,
): Promise<string> {
  const hash = createHmac('sha256', await keys.dayKey(now))
    .update(address)
    .digest('hex')
    .slice(0, 32);
  return `${purpose}:${hash}`;
}

/**
 * The bucket of a device as the server can tell it without a cookie: address and user agent together,
 * hashed like an address (nothing of either is stored in clear).
 */
export const deviceBucket = (
  keys: ThrottleKeys,
  purpose: ThrottlePurpose,
  address: string,
  userAgent: string | undefined,
  now: Date,
) => addressBucket(keys, purpose, `${address}\n${(userAgent ?? '').slice(0, 512)}`, now);

export const globalBucket = (purpose: ThrottlePurpose) => `${purpose}:global`;

export function windowStartOf(purpose: ThrottlePurpose, now: Date): Date {
  const { windowMs } = throttleLimits[purpose];
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Counts one hit in a bucket's current window and returns the window's count including it. */
export async function hitBucket(db: Db, bucket: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('public_throttle')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['bucket', 'window_start'])
        .doUpdateSet({ hits: sql<number>`public_throttle.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** The count of a bucket's current window, without counting anything. */
export async function bucketCount(db: Db, bucket: string, windowStart: Date): Promise<number> {
  const row = await db
    .selectFrom('public_throttle')
    .select('hits')
    .where('bucket', '=', bucket)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return row?.hits ?? 0;
}

/** Seconds until the purpose's current window ends (for Retry-After). */
export function secondsToNextWindow(purpose: ThrottlePurpose, now: Date): number {
  const end = windowStartOf(purpose, now).getTime() + throttleLimits[purpose].windowMs;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

export type ThrottleResult =
  | { allowed: true; /** Let through the trickle of a purpose whose global cap is spent. */ degraded?: true }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Once a purpose's global cap is spent, requests still pass at half its average rate per minute (the
 * "trickle"), so a flood from many addresses slows everyone down to a short wait instead of closing the
 * channel for the rest of the window. Lookups: 300 per 15 min → 10 a minute; reports: 200 an hour → 2.
 */
export function tricklePerMinute(purpose: ThrottlePurpose): number {
  const { global, windowMs } = throttleLimits[purpose];
  return Math.max(1, Math.ceil((global * 60_000) / windowMs / 2));
}

const MINUTE_MS = 60_000;

/**
 * Counts one attempt for the address and, while the address is under its limit, for everyone. An address
 * over its own limit is refused until its window ends, and does not use up the global allowance. Over
 * the global cap the purpose degrades: the minute's trickle passes, others are asked to wait until the
 * next minute (never the rest of the window). `onGlobalCap` runs once per window, on the attempt that
 * spends the cap (one counter row decides, so once across all instances).
 */
export async function takeThrottle(
  db: Db,
  keys: ThrottleKeys,
  purpose: ThrottlePurpose,
  address: string,
  now: Date,
  onGlobalCap?: (purpose: ThrottlePurpose) => Promise<void>,
): Promise<ThrottleResult> {
  const limits = throttleLimits[purpose];
  const windowStart = windowStartOf(purpose, now);
  const own = await hitBucket(db, await addressBucket(keys, purpose, address, now), windowStart);
  if (own > limits.perAddress)
    return {
      allowed: false,
      retryAfterSeconds: Math.max(
        1,
        Math.ceil((windowStart.getTime() + limits.windowMs - now.getTime()) / 1000),
      ),
    };
  const everyone = await hitBucket(db, globalBucket(purpose), windowStart);
  if (everyone <= limits.global) return { allowed: true };
  if (everyone === limits.global + 1 && onGlobalCap) await onGlobalCap(purpose);
  const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const trickle = await hitBucket(db, `${purpose}:trickle`, new Date(minute));
  if (trickle <= tricklePerMinute(purpose)) return { allowed: true, degraded: true };
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((minute + MINUTE_MS - now.getTime()) / 1000)),
  };
}

/**
 * Deletes windows older than a day and the keys of the days that have ended (a scheduled job, every few
 * minutes); returns how many counter rows went.
 */
export async function purgePublicThrottle(db: Db, now: Date): Promise<number> {
  await db.deleteFrom('public_throttle_day_keys').where('day', '<', utcDay(now)).execute();
  const result = await db
    .deleteFrom('public_throttle')
    .where('window_start', '<', new Date(now.getTime() - 24 * 60 * 60 * 1000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
