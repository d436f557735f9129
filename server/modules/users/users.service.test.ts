import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { roles } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
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
    // Case roles wait for a second person: case-role-confirmation.test.ts.
    const granted = await users().grantRole(admin, id, { role: 'gender_officer', unitId: tree.dpdA });
    expect(granted.grants).toEqual([
      expect.objectContaining({ role: 'gender_officer', unitId: tree.dpdA, unitName: 'DPD Jawa Barat' }),
    ]);
    const again = await users().grantRole(admin, id, { role: 'gender_officer', unitId: tree.dpdA });
    expect(again.grants).toHaveLength(1);
    const revoked = await users().revokeGrant(admin, id, granted.grants[0]!.id);
    expect(revoked.grants).toEqual([]);
    const adminGrant = (await users().getUser(admin, adminId)).grants.find(
      (grant) => grant.role === 'admin',
    )!;
    await expectCode(users().revokeGrant(admin, adminId, adminGrant.id), 'conflict');
    expect((await users().getUser(admin, adminId)).grants.some((grant) => grant.role === 'admin')).toBe(true);
  });

  it('nobody grants a role to their own account, whatever the role and unit; nothing is written', async () => {
    const grantsBefore = (await users().getUser(admin, adminId)).grants.length;
    const auditBefore = await ctx.db.selectFrom('audit_log').select('id').execute();
    for (const role of roles)
      for (const unitId of [tree.root, tree.dpdA])
        await expectCode(users().grantRole(admin, adminId, { role, unitId }), 'self_grant');
    expect((await users().getUser(admin, adminId)).grants).toHaveLength(grantsBefore);
    expect(await ctx.db.selectFrom('audit_log').select('id').execute()).toHaveLength(auditBefore.length);
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

describe('member record link', () => {
  /** An administrator for DPD Jawa Barat only: members in Banten are outside its scope. */
  const jabarAdmin = (userId: string): Actor => ({
    userId,
    label: 'admin.jabar@spn.test',
    requestId: 'r-link',
    language: 'id',
    principal: {
      userId,
      grants: [{ role: 'admin', unitId: tree.dpdA, unitPath: `/${tree.root}/${tree.dpdA}/` }],
    },
  });
  const auditRows = (objectId: string, action: string) =>
    ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'unit_id', 'details'])
      .where('object_id', '=', objectId)
      .where('action', '=', action)
      .execute();

  it('links an account to its member record, shows it in every view, and audits without the name', async () => {
    const memberId = await createMember(ctx, {
      number: 'LINK-0001',
      name: 'Ratna Sari',
      unitId: tree.pspA1x,
      sex: 'P',
    });
    const id = await createUser(ctx, { email: 'ratna@spn.test', homeUnitId: tree.dpcA1 });
    const linked = await users().updateUser(admin, id, { memberNumber: 'LINK-0001' });
    expect(linked.member).toEqual({ id: memberId, number: 'LINK-0001', name: 'Ratna Sari', sex: 'P' });
    expect((await users().getUser(admin, id)).member).toEqual(linked.member);
    const listed = await users().listUsers(admin, { limit: 50, q: 'ratna@spn.test' });
    expect(listed.items.map((item) => item.member)).toEqual([linked.member]);

    const rows = await auditRows(id, 'user.link_member');
    expect(rows).toEqual([
      { action: 'user.link_member', actor_id: adminId, unit_id: tree.dpcA1, details: { memberId } },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Ratna');
    // Only the link changed: no rename/deactivate row for a link-only request.
    expect(await auditRows(id, 'user.update')).toEqual([]);

    // Linking the same member again changes nothing and writes nothing.
    await users().updateUser(admin, id, { memberNumber: 'LINK-0001' });
    expect(await auditRows(id, 'user.link_member')).toHaveLength(1);
  });

  it('unlinks with null and audits the unlink', async () => {
    const memberId = await createMember(ctx, {
      number: 'LINK-0002',
      name: 'Dewi Lestari',
      unitId: tree.dpcA1,
    });
    const id = await createUser(ctx, { email: 'dewi@spn.test', homeUnitId: tree.dpcA1 });
    await users().updateUser(admin, id, { memberNumber: 'LINK-0002' });
    const unlinked = await users().updateUser(admin, id, { memberNumber: null });
    expect(unlinked.member).toBeNull();
    expect((await users().getUser(admin, id)).member).toBeNull();
    const rows = await auditRows(id, 'user.unlink_member');
    expect(rows).toEqual([
      { action: 'user.unlink_member', actor_id: adminId, unit_id: tree.dpcA1, details: { memberId } },
    ]);
    // Unlinking an unlinked account is a no-op.
    await users().updateUser(admin, id, { memberNumber: null });
    expect(await auditRows(id, 'user.unlink_member')).toHaveLength(1);
    // The member is free again for another account.
    const other = await createUser(ctx, { email: 'dewi.lain@spn.test', homeUnitId: tree.dpcA1 });
    expect((await users().updateUser(admin, other, { memberNumber: 'LINK-0002' })).member?.id).toBe(memberId);
  });

  it('combines a rename and a link in one request, each with its own audit row', async () => {
    await createMember(ctx, { number: 'LINK-0003', name: 'Wati', unitId: tree.pspA1x, sex: null });
    const id = await createUser(ctx, { email: 'wati@spn.test', homeUnitId: tree.pspA1x });
    const changed = await users().updateUser(admin, id, {
      displayName: 'Wati S.',
      memberNumber: 'LINK-0003',
    });
    expect(changed).toMatchObject({ displayName: 'Wati S.', member: { number: 'LINK-0003', sex: null } });
    expect(await auditRows(id, 'user.update')).toEqual([
      expect.objectContaining({ details: { fields: ['displayName'] } }),
    ]);
    expect(await auditRows(id, 'user.link_member')).toHaveLength(1);
  });

  it('refuses an unknown number as a validation error on memberNumber', async () => {
    const id = await createUser(ctx, { email: 'tanpa@spn.test', homeUnitId: tree.dpcA1 });
    const error = await users()
      .updateUser(admin, id, { memberNumber: 'NOPE-9999' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    expect((error as AppError).details).toEqual({ fields: [{ path: 'memberNumber', message: 'invalid' }] });
    expect((await users().getUser(admin, id)).member).toBeNull();
    expect(await auditRows(id, 'user.link_member')).toEqual([]);
  });

  it("reports a member outside the actor's scope exactly like an unknown number", async () => {
    await createMember(ctx, { number: 'BANTEN-0001', name: 'Orang Banten', unitId: tree.dpcB1 });
    const jabarId = await createUser(ctx, {
      email: 'admin.jabar@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'admin', unitId: tree.dpdA }],
    });
    const target = await createUser(ctx, { email: 'staf.jabar@spn.test', homeUnitId: tree.dpcA1 });
    const outcome = (memberNumber: string) =>
      users()
        .updateUser(jabarAdmin(jabarId), target, { memberNumber })
        .then(
          () => undefined,
          (caught: unknown) => caught as AppError,
        );
    const outside = await outcome('BANTEN-0001');
    const unknown = await outcome('NOPE-0000');
    expect(outside).toBeInstanceOf(AppError);
    expect({ code: outside?.code, message: outside?.message, details: outside?.details }).toEqual({
      code: unknown?.code,
      message: unknown?.message,
      details: unknown?.details,
    });
    expect(outside?.code).toBe('validation_failed');
    expect((await users().getUser(admin, target)).member).toBeNull();
    // A member inside the subtree links fine for the same administrator.
    await createMember(ctx, { number: 'JABAR-0001', name: 'Orang Jabar', unitId: tree.pspA1x });
    expect(
      (await users().updateUser(jabarAdmin(jabarId), target, { memberNumber: 'JABAR-0001' })).member?.number,
    ).toBe('JABAR-0001');
    // And an account outside the subtree stays not found, whatever the member.
    const bantenUser = await createUser(ctx, { email: 'staf.banten@spn.test', homeUnitId: tree.dpcB1 });
    await expectCode(
      users().updateUser(jabarAdmin(jabarId), bantenUser, { memberNumber: 'JABAR-0001' }),
      'not_found',
    );
  });

  it('refuses a member already linked to another account as a conflict on memberNumber', async () => {
    await createMember(ctx, { number: 'LINK-0004', name: 'Yanti', unitId: tree.pspA1x });
    const first = await createUser(ctx, { email: 'yanti@spn.test', homeUnitId: tree.pspA1x });
    const second = await createUser(ctx, { email: 'yanti.dua@spn.test', homeUnitId: tree.pspA1x });
    await users().updateUser(admin, first, { memberNumber: 'LINK-0004' });
    const error = await users()
      .updateUser(admin, second, { memberNumber: 'LINK-0004' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
    expect((error as AppError).details).toEqual({ fields: [{ path: 'memberNumber', message: 'conflict' }] });
    expect((await users().getUser(admin, second)).member).toBeNull();
    expect((await users().getUser(admin, first)).member?.number).toBe('LINK-0004');
  });
});
