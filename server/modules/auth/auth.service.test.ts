import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestContext,
  createUser,
  seedTree,
  TEST_PASSWORD,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { generateTotpCode } from '../../platform/totp.ts';
import { accountDelaySeconds } from './auth.service.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
});
afterAll(() => test.drop());

const auth = () => ctx.services.authService;
const login = (email: string, password = TEST_PASSWORD, address = '10.0.0.1') =>
  auth().login({ email, password, address, requestId: 'r' });
async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}
/** An administrator at the top unit, to send a reset link as the recovery step. */
const rootAdminActor = (userId: string) => ({
  userId,
  label: 'admin',
  requestId: 'r',
  language: 'id' as const,
  principal: { userId, grants: [{ role: 'admin' as const, unitId: tree.root, unitPath: `/${tree.root}/` }] },
});
const resetTokenFor = async (email: string) => {
  const mail = await ctx.db
    .selectFrom('outbox')
    .select('body_text')
    .where('recipient', '=', email)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return decodeURIComponent(/#token=([A-Za-z0-9_~.%-]+)/.exec(mail.body_text)?.[1] ?? '');
};
const outboxFor = (email: string) =>
  ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', email).execute();

describe('login and sessions', () => {
  it('opens a full session for an account without case roles, and resolves it', async () => {
    await createUser(ctx, {
      email: 'viewer@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'viewer', unitId: tree.dpdA }],
    });
    const { token, stage } = await login('viewer@spn.test');
    expect(stage).toBe('full');
    const session = await auth().resolveSession(token);
    expect(session?.stage).toBe('full');
    expect(session?.principal.grants).toEqual([
      { role: 'viewer', unitId: tree.dpdA, unitPath: expect.stringMatching(/^\/\d+\/\d+\/$/) },
    ]);
    const stored = await ctx.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.some((row) => row.id_hash.toString('base64url') === token)).toBe(false);
  });

  it('refuses a wrong password and an unknown account with the same error', async () => {
    await expectCode(login('viewer@spn.test', 'Salah-Total-123'), 'invalid_credentials');
    await expectCode(login('nobody@spn.test'), 'invalid_credentials');
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const { token } = await login('viewer@spn.test');
    ctx.clock.advance(29 * 60_000);
    expect(await auth().resolveSession(token)).not.toBeNull();
    ctx.clock.advance(29 * 60_000);
    expect(await auth().resolveSession(token)).not.toBeNull();
    ctx.clock.advance(31 * 60_000);
    expect(await auth().resolveSession(token)).toBeNull();

    const second = await login('viewer@spn.test');
    let elapsedMinutes = 0;
    while (elapsedMinutes + 25 < 12 * 60) {
      ctx.clock.advance(25 * 60_000);
      elapsedMinutes += 25;
      expect(await auth().resolveSession(second.token)).not.toBeNull();
    }
    ctx.clock.advance((12 * 60 - elapsedMinutes) * 60_000);
    expect(await auth().resolveSession(second.token)).toBeNull();
  });

  it('logout everywhere ends every session of the account', async () => {
    const a = await login('viewer@spn.test');
    const b = await login('viewer@spn.test', TEST_PASSWORD, '10.0.0.2');
    const session = await auth().resolveSession(a.token);
    await auth().logoutEverywhere(session!, 'r');
    expect(await auth().resolveSession(a.token)).toBeNull();
    expect(await auth().resolveSession(b.token)).toBeNull();
  });
});

describe('throttling', () => {
  it('delays (never locks) an address that keeps failing on an account, tells the owner once, and never holds her up elsewhere', async () => {
    await createUser(ctx, { email: 'target@spn.test', homeUnitId: tree.dpdA, grants: [] });
    // A stranger fails five times from one address (the free failures), then a sixth time.
    for (let attempt = 1; attempt <= 5; attempt += 1)
      await expectCode(login('target@spn.test', `Salah-${attempt}-xxxxx`, '10.9.0.1'), 'invalid_credentials');
    // From that address even the right password waits now (30 s, doubling, at most 15 min).
    const error = await expectCode(login('target@spn.test', TEST_PASSWORD, '10.9.0.1'), 'rate_limited');
    expect(error.details?.retryAfterSeconds).toBe(30);
    const mail = await outboxFor('target@spn.test');
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toMatch(/Percobaan masuk gagal/);
    expect(mail[0]?.status).toBe('held');
    // Issue 17: the owner, from her own address, signs in at once; the stranger's failures stay his.
    expect((await login('target@spn.test', TEST_PASSWORD, '10.1.0.6')).stage).toBe('full');
    await expectCode(login('target@spn.test', TEST_PASSWORD, '10.9.0.1'), 'rate_limited');
    ctx.clock.advance(31_000);
    expect((await login('target@spn.test', TEST_PASSWORD, '10.9.0.1')).stage).toBe('full');
    expect(await outboxFor('target@spn.test')).toHaveLength(1);
  });

  it('past four times the free failures from many addresses the account waits everywhere, until a reset clears it', async () => {
    const id = await createUser(ctx, { email: 'tersebar@spn.test', homeUnitId: tree.dpdA, grants: [] });
    // Twenty addresses, one failure each: no address reaches its own delay.
    for (let attempt = 1; attempt <= 20; attempt += 1)
      await expectCode(
        login('tersebar@spn.test', `Salah-${attempt}-xxxxx`, `10.7.0.${attempt}`),
        'invalid_credentials',
      );
    await expectCode(login('tersebar@spn.test', TEST_PASSWORD, '10.1.0.77'), 'rate_limited');
    // The owner's recovery step: an administrator's reset link clears every delay on the account.
    const adminId = await createUser(ctx, {
      email: 'admin.pemulihan@spn.test',
      homeUnitId: tree.root,
      grants: [{ role: 'admin', unitId: tree.root }],
    });
    await ctx.services.usersService.resetPassword(rootAdminActor(adminId), id);
    const token = await resetTokenFor('tersebar@spn.test');
    await auth().resetPasswordWithToken({ token, newPassword: 'Baru-Dan-Kuat-2026!', requestId: 'r' });
    expect((await login('tersebar@spn.test', 'Baru-Dan-Kuat-2026!', '10.1.0.77')).stage).toBe('full');
  });

  it('grows the delay, capped at 15 minutes', () => {
    expect([4, 5, 6, 7, 10, 30].map((failures) => accountDelaySeconds(failures, 5))).toEqual([
      0, 30, 60, 120, 900, 900,
    ]);
  });

  it('throttles a source address across accounts', async () => {
    const own = createTestContext(test.db, test.url, { env: { LOGIN_ADDRESS_MAX_FAILURES: '3' } });
    for (let n = 0; n < 3; n += 1)
      await expectCode(
        own.services.authService.login({
          email: `ghost${n}@spn.test`,
          password: 'Apa-Saja-123',
          address: '192.0.2.9',
          requestId: 'r',
        }),
        'invalid_credentials',
      );
    await expectCode(
      own.services.authService.login({
        email: 'viewer@spn.test',
        password: TEST_PASSWORD,
        address: '192.0.2.9',
        requestId: 'r',
      }),
      'rate_limited',
    );
    const rows = await ctx.db.selectFrom('auth_throttle').select('key').execute();
    expect(rows.some((row) => row.key.includes('192.0.2.9'))).toBe(false);
  });
});

describe('second factor', () => {
  it('forces a case handler to enrol TOTP, then asks for a code at every login; codes cannot be replayed', async () => {
    await createUser(ctx, {
      email: 'pendamping@spn.test',
      homeUnitId: tree.dpcA1,
      grants: [{ role: 'case_handler', unitId: tree.dpcA1 }],
    });
    const first = await login('pendamping@spn.test');
    expect(first.stage).toBe('enrol');
    const enrolling = (await auth().resolveSession(first.token))!;
    const { secret, qrSvg } = await auth().startTotpEnrolment(enrolling, 'r');
    expect(qrSvg).toMatch(/^<svg/);
    await expectCode(
      auth().confirmTotpEnrolment(enrolling, { code: '000000', requestId: 'r' }),
      'invalid_totp',
    );
    const { recoveryCodes, token } = await auth().confirmTotpEnrolment(enrolling, {
      code: generateTotpCode(secret, ctx.clock.now()),
      requestId: 'r',
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(await auth().resolveSession(first.token)).toBeNull();
    expect((await auth().resolveSession(token))?.stage).toBe('full');
    const user = await ctx.db
      .selectFrom('users')
      .select(['totp_secret_sealed'])
      .where('email', '=', 'pendamping@spn.test')
      .executeTakeFirstOrThrow();
    expect(user.totp_secret_sealed).not.toContain(secret);

    ctx.clock.advance(60_000);
    const second = await login('pendamping@spn.test');
    expect(second.stage).toBe('mfa');
    const waiting = (await auth().resolveSession(second.token))!;
    const code = generateTotpCode(secret, ctx.clock.now());
    const full = await auth().verifySecondFactor(waiting, { code, requestId: 'r' });
    expect((await auth().resolveSession(full))?.stage).toBe('full');

    const third = await login('pendamping@spn.test');
    await expectCode(
      auth().verifySecondFactor((await auth().resolveSession(third.token))!, { code, requestId: 'r' }),
      'invalid_totp',
    );
  });

  it('accepts each recovery code once', async () => {
    await createUser(ctx, {
      email: 'tkbh@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'legal_aid', unitId: tree.dpdA }],
    });
    const enrolling = (await auth().resolveSession((await login('tkbh@spn.test')).token))!;
    const { secret } = await auth().startTotpEnrolment(enrolling, 'r');
    const { recoveryCodes } = await auth().confirmTotpEnrolment(enrolling, {
      code: generateTotpCode(secret, ctx.clock.now()),
      requestId: 'r',
    });
    const recoveryCode = recoveryCodes[3]!;
    const once = (await auth().resolveSession((await login('tkbh@spn.test')).token))!;
    await auth().verifySecondFactor(once, { recoveryCode, requestId: 'r' });
    const twice = (await auth().resolveSession((await login('tkbh@spn.test')).token))!;
    await expectCode(auth().verifySecondFactor(twice, { recoveryCode, requestId: 'r' }), 'invalid_totp');
  });

  it('refuses to switch TOTP off while a case role is held', async () => {
    const session = (await auth().resolveSession((await login('tkbh@spn.test')).token))!;
    const full = await auth().resolveSession(
      await auth()
        .verifySecondFactor(session, { recoveryCode: 'nope-nope-no', requestId: 'r' })
        .catch(() => ''),
    );
    expect(full).toBeNull();
    await expectCode(
      auth().disableTotp({ ...session, stage: 'full' }, { password: TEST_PASSWORD, requestId: 'r' }),
      'mfa_mandatory',
    );
  });

  it('a full session becomes an enrolment session when a case role is granted later', async () => {
    const userId = await createUser(ctx, {
      email: 'naik@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'viewer', unitId: tree.dpdA }],
    });
    const { token, stage } = await login('naik@spn.test');
    expect(stage).toBe('full');
    await ctx.db
      .insertInto('role_grants')
      .values({ user_id: userId, role: 'case_coordinator', unit_id: tree.dpdA, granted_by: null })
      .execute();
    expect((await auth().resolveSession(token))?.stage).toBe('enrol');
  });
});

describe('passwords and links', () => {
  it('changes the password, ends other sessions and notifies the owner', async () => {
    await createUser(ctx, { email: 'ganti@spn.test', homeUnitId: tree.dpdA, grants: [] });
    const a = await login('ganti@spn.test');
    const b = await login('ganti@spn.test');
    const session = (await auth().resolveSession(a.token))!;
    await expectCode(
      auth().changePassword(session, {
        currentPassword: 'Salah-Sekali-99',
        newPassword: 'Baru-Dan-Kuat-2026',
        requestId: 'r',
      }),
      'wrong_password',
    );
    await expectCode(
      auth().changePassword(session, {
        currentPassword: TEST_PASSWORD,
        newPassword: 'password123',
        requestId: 'r',
      }),
      'weak_password',
    );
    await auth().changePassword(session, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Baru-Dan-Kuat-2026',
      requestId: 'r',
    });
    expect(await auth().resolveSession(a.token)).not.toBeNull();
    expect(await auth().resolveSession(b.token)).toBeNull();
    expect((await login('ganti@spn.test', 'Baru-Dan-Kuat-2026')).stage).toBe('full');
    expect((await outboxFor('ganti@spn.test')).map((row) => row.subject)).toContain(
      'Kata sandi Setara Anda telah diganti',
    );
  });

  it('first-run setup works once with its token, then never again', async () => {
    const own = await createTestDatabase();
    try {
      const fresh = createTestContext(own.db, own.url);
      const service = fresh.services.authService;
      expect(await service.isSetupNeeded()).toBe(true);
      const stale = await service.issueSetupToken();
      const token = await service.issueSetupToken();
      const input = {
        email: 'ketua@spn.test',
        displayName: 'Ketua',
        password: 'Setara-Untuk-Semua-1',
        language: 'id' as const,
        requestId: 'r',
        via: 'setup' as const,
      };
      await expectCode(service.createFirstAdmin({ ...input, token: stale }), 'setup_unavailable');
      await expectCode(service.createFirstAdmin({ ...input, token, password: 'short' }), 'weak_password');
      await service.createFirstAdmin({ ...input, token });
      expect(await service.isSetupNeeded()).toBe(false);
      await expectCode(
        service.createFirstAdmin({ ...input, token, email: 'lagi@spn.test' }),
        'setup_unavailable',
      );
      const fresh2 = await service.issueSetupToken();
      await expectCode(
        service.createFirstAdmin({ ...input, token: fresh2, email: 'lagi@spn.test' }),
        'setup_unavailable',
      );
      const grants = await own.db.selectFrom('role_grants').select('role').execute();
      expect(grants.map((grant) => grant.role).sort()).toEqual(['admin', 'org_admin']);
    } finally {
      await own.drop();
    }
  });

  it('purges expired sessions and tokens', async () => {
    await login('viewer@spn.test');
    ctx.clock.advance(13 * 3_600_000);
    const removed = await auth().purgeExpired();
    expect(removed.sessions).toBeGreaterThan(0);
    expect(await ctx.db.selectFrom('sessions').select('id_hash').execute()).toEqual([]);
  });
});
