import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { Actor } from '../../platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestContext,
  createUser,
  seedTree,
  TEST_PASSWORD,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let admin: Actor;
let adminId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  adminId = await createUser(ctx, {
    email: 'admin@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
  admin = {
    userId: adminId,
    label: 'admin@spn.test',
    requestId: 'r',
    language: 'id',
    principal: {
      userId: adminId,
      grants: [{ role: 'admin', unitId: tree.root, unitPath: `/${tree.root}/` }],
    },
  };
});
afterAll(() => test.drop());

const users = () => ctx.services.usersService;
const auth = () => ctx.services.authService;
const linkIn = async (email: string) => {
  const mail = await ctx.db
    .selectFrom('outbox')
    .select('body_text')
    .where('recipient', '=', email)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return /#token=([\w-]+)/.exec(mail.body_text)?.[1] ?? '';
};
async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe('accounts', () => {
  it('invites a new user by email; the link sets a password once', async () => {
    const created = await users().createUser(admin, {
      email: 'fokal@spn.test',
      displayName: 'Fokal Gender',
      language: 'en',
      homeUnitId: tree.dpdA,
    });
    expect(created).toMatchObject({ email: 'fokal@spn.test', active: true, totpEnabled: false, grants: [] });
    const mail = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'fokal@spn.test')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Your invitation to Setara');
    expect(mail.status).toBe('held');
    const token = await linkIn('fokal@spn.test');
    await expectCode(
      auth().login({
        email: 'fokal@spn.test',
        password: 'Pilihan-Sendiri-2026',
        address: 'a',
        requestId: 'r',
      }),
      'invalid_credentials',
    );
    await auth().resetPasswordWithToken({ token, newPassword: 'Pilihan-Sendiri-2026', requestId: 'r' });
    expect(
      (
        await auth().login({
          email: 'fokal@spn.test',
          password: 'Pilihan-Sendiri-2026',
          address: 'a',
          requestId: 'r',
        })
      ).stage,
    ).toBe('full');
    await expectCode(
      auth().resetPasswordWithToken({ token, newPassword: 'Lagi-Lagi-Lagi-2026', requestId: 'r' }),
      'token_invalid',
    );
    await expectCode(
      users().createUser(admin, {
        email: 'fokal@spn.test',
        displayName: 'Dup',
        language: 'id',
        homeUnitId: tree.dpdA,
      }),
      'conflict',
    );
  });

  it('expires invitation links', async () => {
    await users().createUser(admin, {
      email: 'telat@spn.test',
      displayName: 'Telat',
      language: 'id',
      homeUnitId: tree.dpdA,
    });
    const token = await linkIn('telat@spn.test');
    ctx.clock.advance(73 * 3_600_000);
    await expectCode(
      auth().resetPasswordWithToken({ token, newPassword: 'Pilihan-Sendiri-2026', requestId: 'r' }),
      'token_invalid',
    );
  });

  it('administrator reset: old password stops working, sessions end, a new link arrives', async () => {
    const id = await createUser(ctx, { email: 'lupa@spn.test', homeUnitId: tree.dpcA1 });
    const { token: sessionToken } = await auth().login({
      email: 'lupa@spn.test',
      password: TEST_PASSWORD,
      address: 'a',
      requestId: 'r',
    });
    await users().resetPassword(admin, id);
    expect(await auth().resolveSession(sessionToken)).toBeNull();
    await expectCode(
      auth().login({ email: 'lupa@spn.test', password: TEST_PASSWORD, address: 'a', requestId: 'r' }),
      'invalid_credentials',
    );
    await auth().resetPasswordWithToken({
      token: await linkIn('lupa@spn.test'),
      newPassword: 'Sandi-Baru-Sekali-1',
      requestId: 'r',
    });
    expect(
      (
        await auth().login({
          email: 'lupa@spn.test',
          password: 'Sandi-Baru-Sekali-1',
          address: 'b',
          requestId: 'r',
        })
      ).stage,
    ).toBe('full');
  });

  it('deactivation ends sessions and blocks sign-in; an admin cannot deactivate itself', async () => {
    const id = await createUser(ctx, { email: 'keluar@spn.test', homeUnitId: tree.dpcA1 });
    const { token } = await auth().login({
      email: 'keluar@spn.test',
      password: TEST_PASSWORD,
      address: 'a',
      requestId: 'r',
    });
    await users().updateUser(admin, id, { active: false });
    expect(await auth().resolveSession(token)).toBeNull();
    await expectCode(
      auth().login({ email: 'keluar@spn.test', password: TEST_PASSWORD, address: 'a', requestId: 'r' }),
      'invalid_credentials',
    );
    await expectCode(users().updateUser(admin, adminId, { active: false }), 'forbidden');
  });

  it('grants and revokes roles at units; the last administrator cannot be removed', async () => {
    const id = await createUser(ctx, { email: 'koordinator@spn.test', homeUnitId: tree.dpdA });
    const granted = await users().grantRole(admin, id, { role: 'case_coordinator', unitId: tree.dpdA });
    expect(granted.grants).toEqual([
      expect.objectContaining({ role: 'case_coordinator', unitId: tree.dpdA, unitName: 'DPD Jawa Barat' }),
    ]);
    const again = await users().grantRole(admin, id, { role: 'case_coordinator', unitId: tree.dpdA });
    expect(again.grants).toHaveLength(1);
    const revoked = await users().revokeGrant(admin, id, granted.grants[0]!.id);
    expect(revoked.grants).toEqual([]);
    const adminGrant = (await users().getUser(admin, adminId)).grants.find(
      (grant) => grant.role === 'admin',
    )!;
    await expectCode(users().revokeGrant(admin, adminId, adminGrant.id), 'conflict');
    expect((await users().getUser(admin, adminId)).grants.some((grant) => grant.role === 'admin')).toBe(true);
  });

  it('lists with keyset pagination and search', async () => {
    for (let n = 0; n < 5; n += 1) {
      ctx.clock.advance(1000);
      await users().createUser(admin, {
        email: `anggota${n}@spn.test`,
        displayName: `Anggota ${n}`,
        language: 'id',
        homeUnitId: tree.pspA1x,
      });
    }
    const first = await users().listUsers(admin, { limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const seen = new Set(first.items.map((item) => item.id));
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await users().listUsers(admin, { limit: 3, cursor });
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = page.nextCursor;
    }
    const total = await test.db.selectFrom('users').select('id').execute();
    expect(seen.size).toBe(total.length);
    expect(
      (await users().listUsers(admin, { limit: 50, q: 'anggota 3' })).items.map((item) => item.email),
    ).toEqual(['anggota3@spn.test']);
    await expectCode(users().listUsers(admin, { limit: 3, cursor: 'garbage' }), 'validation_failed');
  });
});
