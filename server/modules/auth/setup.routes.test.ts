import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestApp, createTestContext, TestClient } from '../../test/helpers.ts';

/**
 * Issue 18: first-run setup asks who the case coordinator at the top unit is. She is invited and put
 * forward as case coordinator there; like every case role it waits for a second person (issue 17), so
 * setup alone never makes a case role take effect.
 */
let own: TestDatabase | undefined;
afterEach(async () => {
  await own?.drop();
  own = undefined;
});

async function freshInstall() {
  own = await createTestDatabase();
  const ctx = createTestContext(own.db, own.url);
  const app = await createTestApp(ctx);
  const token = await ctx.services.authService.issueSetupToken();
  return { ctx, app, token, client: new TestClient(app) };
}

const admin = {
  email: 'ketua@spn.test',
  displayName: 'Ketua Umum',
  password: 'Setara-Untuk-Semua-1',
  language: 'id',
};

describe('POST /api/v1/setup with the top unit’s case coordinator', () => {
  it('invites her and puts her forward; the role waits for a second person', async () => {
    const { ctx, app, token, client } = await freshInstall();
    try {
      const response = await client.post('/api/v1/setup', {
        ...admin,
        token,
        coordinator: { email: 'koordinator@spn.test', displayName: 'Dewi Koordinator' },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual({ ok: true, coordinatorInvited: true });
      const coordinator = await ctx.db
        .selectFrom('users')
        .select(['id', 'home_unit_id', 'password_hash'])
        .where('email', '=', 'koordinator@spn.test')
        .executeTakeFirstOrThrow();
      expect(coordinator.password_hash).toBeNull();
      const root = await ctx.db
        .selectFrom('units')
        .select('id')
        .where('parent_id', 'is', null)
        .executeTakeFirstOrThrow();
      expect(coordinator.home_unit_id).toBe(root.id);
      // Put forward by the first administrator, not in effect.
      const first = await ctx.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', admin.email)
        .executeTakeFirstOrThrow();
      expect(
        await ctx.db
          .selectFrom('pending_role_grants')
          .select(['user_id', 'role', 'unit_id', 'requested_by'])
          .execute(),
      ).toEqual([
        { user_id: coordinator.id, role: 'case_coordinator', unit_id: root.id, requested_by: first.id },
      ]);
      expect(
        await ctx.db.selectFrom('role_grants').select('id').where('user_id', '=', coordinator.id).execute(),
      ).toEqual([]);
      const invitation = await ctx.db
        .selectFrom('outbox')
        .select('body_text')
        .where('recipient', '=', 'koordinator@spn.test')
        .execute();
      expect(invitation).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('without a coordinator, setup works as before; naming the administrator herself is a field error', async () => {
    const { ctx, app, token, client } = await freshInstall();
    try {
      const same = await client.post('/api/v1/setup', {
        ...admin,
        token,
        coordinator: { email: admin.email, displayName: 'Ketua' },
      });
      expect(same.statusCode).toBe(400);
      expect(same.json()).toMatchObject({
        code: 'validation_failed',
        fields: [
          {
            path: 'coordinator.email',
            message: 'Koordinator kasus harus orang lain, bukan administrator pertama.',
          },
        ],
      });
      expect(await ctx.services.authService.isSetupNeeded()).toBe(true);
      const plain = await client.post('/api/v1/setup', { ...admin, token });
      expect(plain.statusCode).toBe(201);
      expect(plain.json()).toEqual({ ok: true, coordinatorInvited: false });
      expect(await ctx.db.selectFrom('pending_role_grants').select('id').execute()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
