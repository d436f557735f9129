import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import {
  addressBucket,
  databaseThrottleKeys,
  globalBucket,
  purgePublicThrottle,
  takeThrottle,
  throttleLimits,
  tricklePerMinute,
  windowStartOf,
} from './throttle.ts';

let test: TestDatabase;
let rootKey: ReturnType<typeof databaseThrottleKeys>;
const now = new Date('2026-11-22T08:03:00Z');

beforeAll(async () => {
  test = await createTestDatabase();
  rootKey = databaseThrottleKeys(test.db);
});
afterAll(async () => {
  await test.drop();
});
beforeEach(async () => {
  await test.db.deleteFrom('public_throttle').execute();
});

const rows = () => test.db.selectFrom('public_throttle').selectAll().orderBy('bucket').execute();

describe('public throttle', () => {
  it('allows 10 receipt checks per address in 15 minutes, then refuses until the window ends', async () => {
    for (let attempt = 1; attempt <= throttleLimits.lookup.perAddress; attempt += 1)
      expect(await takeThrottle(test.db, rootKey, 'lookup', '198.51.100.7', now)).toEqual({ allowed: true });
    const refused = await takeThrottle(test.db, rootKey, 'lookup', '198.51.100.7', now);
    // The window runs 08:00–08:15; it is 08:03.
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 12 * 60 });
    // Another address is not affected; the next window starts afresh.
    expect(await takeThrottle(test.db, rootKey, 'lookup', '198.51.100.8', now)).toEqual({ allowed: true });
    const nextWindow = new Date('2026-11-22T08:15:00Z');
    expect(await takeThrottle(test.db, rootKey, 'lookup', '198.51.100.7', nextWindow)).toEqual({
      allowed: true,
    });
  });

  it('over the global cap, degrades to a trickle per minute instead of closing the purpose for the window', async () => {
    await test.db
      .insertInto('public_throttle')
      .values({ bucket: globalBucket('submit'), window_start: windowStartOf('submit', now), hits: 200 })
      .execute();
    const told: string[] = [];
    const tell = async (purpose: string) => {
      told.push(purpose);
    };
    const trickle = tricklePerMinute('submit');
    // 08:03:00: the minute's trickle passes, marked degraded; everyone else waits for 08:04, not 09:00.
    for (let visitor = 0; visitor < trickle; visitor += 1)
      expect(await takeThrottle(test.db, rootKey, 'submit', `203.0.113.${visitor}`, now, tell)).toEqual({
        allowed: true,
        degraded: true,
      });
    const waiting = await takeThrottle(test.db, rootKey, 'submit', '203.0.113.99', now, tell);
    expect(waiting).toEqual({ allowed: false, retryAfterSeconds: 60 });
    const nextMinute = new Date(now.getTime() + 60_000);
    expect(await takeThrottle(test.db, rootKey, 'submit', '203.0.113.99', nextMinute, tell)).toMatchObject({
      allowed: true,
    });
    // The administrators are told once in the window, however long the flood lasts.
    expect(told).toEqual(['submit']);
    // Receipt checks have their own global bucket.
    expect(await takeThrottle(test.db, rootKey, 'lookup', '203.0.113.5', now)).toEqual({ allowed: true });
  });

  it('a single address cannot spend the global allowance', async () => {
    for (let attempt = 0; attempt < 200; attempt += 1)
      await takeThrottle(test.db, rootKey, 'lookup', '198.51.100.200', now);
    const global = (await rows()).find((row) => row.bucket === globalBucket('lookup'));
    expect(global?.hits).toBe(throttleLimits.lookup.perAddress);
  });

  it('for every purpose the trickle keeps the channel open but runs slower than the cap allows', () => {
    for (const purpose of Object.keys(throttleLimits) as (keyof typeof throttleLimits)[]) {
      const { global, windowMs } = throttleLimits[purpose];
      expect(tricklePerMinute(purpose)).toBeGreaterThanOrEqual(1);
      // Over a whole window, a flood gets less through than normal traffic under the cap.
      if (global >= windowMs / 60_000)
        expect(tricklePerMinute(purpose) * (windowMs / 60_000)).toBeLessThan(global);
    }
  });

  it('allows 5 reports per address per hour', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect((await takeThrottle(test.db, rootKey, 'submit', '2001:db8::1', now)).allowed).toBe(true);
    expect((await takeThrottle(test.db, rootKey, 'submit', '2001:db8::1', now)).allowed).toBe(false);
  });

  it('stores only keyed hashes of addresses, under a random key of the day that no secret derives', async () => {
    const address = '192.0.2.44';
    await takeThrottle(test.db, rootKey, 'lookup', address, now);
    const stored = await rows();
    expect(stored.map((row) => row.bucket)).toEqual([
      await addressBucket(rootKey, 'lookup', address, now),
      'lookup:global',
    ]);
    for (const row of stored) {
      expect(row.bucket).toMatch(/^lookup:([0-9a-f]{32}|global)$/);
      expect(row.bucket).not.toContain(address);
    }
    // Another instance on the same database counts the same address in the same bucket.
    expect(await addressBucket(databaseThrottleKeys(test.db), 'lookup', address, now)).toBe(
      stored[0]!.bucket,
    );
    const tomorrow = new Date('2026-11-23T08:03:00Z');
    expect(await addressBucket(rootKey, 'lookup', address, tomorrow)).not.toBe(stored[0]!.bucket);
  });

  it("destroys a day's key once the day has ended: the same address on the same day can no longer be matched", async () => {
    const address = '192.0.2.45';
    const monday = new Date('2026-11-23T20:00:00Z');
    await takeThrottle(test.db, databaseThrottleKeys(test.db), 'lookup', address, monday);
    const [counted] = (await rows()).filter((row) => row.bucket !== 'lookup:global');
    const keyRow = await test.db
      .selectFrom('public_throttle_day_keys')
      .select('key')
      .where('day', '=', '2026-11-23')
      .executeTakeFirstOrThrow();
    expect(keyRow.key).toHaveLength(32);
    // The next day's purge deletes Monday's key; the counter stays until it is a day old.
    await purgePublicThrottle(test.db, new Date('2026-11-24T00:10:00Z'));
    const keys = await test.db.selectFrom('public_throttle_day_keys').select('day').execute();
    expect(keys.map((row) => String(row.day))).not.toContain('2026-11-23');
    expect((await rows()).map((row) => row.bucket)).toContain(counted!.bucket);
    // Whoever hashes the address for Monday now (a fresh instance: no key in memory) gets another bucket.
    expect(await addressBucket(databaseThrottleKeys(test.db), 'lookup', address, monday)).not.toBe(
      counted!.bucket,
    );
  });

  it('purges windows older than a day', async () => {
    await takeThrottle(test.db, rootKey, 'lookup', '192.0.2.1', new Date('2026-11-20T10:00:00Z'));
    await takeThrottle(test.db, rootKey, 'lookup', '192.0.2.1', new Date('2026-11-21T09:00:00Z'));
    expect(await purgePublicThrottle(test.db, now)).toBe(2);
    expect(await rows()).toHaveLength(2);
    expect((await rows()).every((row) => row.window_start.getTime() >= now.getTime() - 86_400_000)).toBe(
      true,
    );
  });
});
