import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { generateMasterKey } from '../platform/crypto.ts';
import {
  addressBucket,
  globalBucket,
  purgePublicThrottle,
  takeThrottle,
  throttleLimits,
  windowStartOf,
} from './throttle.ts';
import { derivePublicKeys } from './tokens.ts';

let test: TestDatabase;
const rootKey = derivePublicKeys(generateMasterKey().key).throttle;
const now = new Date('2026-11-22T08:03:00Z');

beforeAll(async () => {
  test = await createTestDatabase();
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

  it('refuses everyone once the global limit of a purpose is reached', async () => {
    await test.db
      .insertInto('public_throttle')
      .values({ bucket: globalBucket('submit'), window_start: windowStartOf('submit', now), hits: 200 })
      .execute();
    const result = await takeThrottle(test.db, rootKey, 'submit', '203.0.113.5', now);
    expect(result.allowed).toBe(false);
    // Receipt checks have their own global bucket.
    expect(await takeThrottle(test.db, rootKey, 'lookup', '203.0.113.5', now)).toEqual({ allowed: true });
  });

  it('allows 5 reports per address per hour', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect((await takeThrottle(test.db, rootKey, 'submit', '2001:db8::1', now)).allowed).toBe(true);
    expect((await takeThrottle(test.db, rootKey, 'submit', '2001:db8::1', now)).allowed).toBe(false);
  });

  it('stores only keyed hashes of addresses, which change every UTC day', async () => {
    const address = '192.0.2.44';
    await takeThrottle(test.db, rootKey, 'lookup', address, now);
    const stored = await rows();
    expect(stored.map((row) => row.bucket)).toEqual([
      addressBucket(rootKey, 'lookup', address, now),
      'lookup:global',
    ]);
    for (const row of stored) {
      expect(row.bucket).toMatch(/^lookup:([0-9a-f]{32}|global)$/);
      expect(row.bucket).not.toContain(address);
    }
    const tomorrow = new Date('2026-11-23T08:03:00Z');
    expect(addressBucket(rootKey, 'lookup', address, tomorrow)).not.toBe(
      addressBucket(rootKey, 'lookup', address, now),
    );
    // A different master key gives different buckets for the same address and day.
    const otherKey = derivePublicKeys(generateMasterKey().key).throttle;
    expect(addressBucket(otherKey, 'lookup', address, now)).not.toBe(
      addressBucket(rootKey, 'lookup', address, now),
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
