import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { caseRoles, roles, type Role } from '../../../shared/roles.ts';
import { can } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, createUser, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';

/**
 * Issue 17: an administrator granted herself case_coordinator and read her DPD's cases. Nobody grants a
 * role to their own account (users.service.test.ts); a case role takes effect only when a second person
 * confirms it — an administrator over the unit who is neither the grantee nor the one who asked, or a
 * case coordinator of a unit above — and the unit's existing case team is told by email and in the inbox.
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
const people: Record<string, string> = {};

/** The actor as the session would build it: grants read from the database on every request. */
async function actor(name: string): Promise<Actor> {
  const userId = people[name]!;
  const grants = await ctx.db
    .selectFrom('role_grants')
    .innerJoin('units', 'units.id', 'role_grants.unit_id')
    .select(['role_grants.role', 'units.id as unitId', 'units.path as unitPath'])
    .where('user_id', '=', userId)
    .execute();
  return {
    userId,
    label: name,
    requestId: 'r',
    language: 'id',
    principal: { userId, grants: grants.map((grant) => ({ ...grant, role: grant.role as Role })) },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

let accounts = 0;
async function newGrantee(homeUnitId: number): Promise<string> {
  accounts += 1;
  return createUser(ctx, { email: `calon${accounts}@spn.test`, homeUnitId });
}

const unitPath = async (unitId: number) =>
  (await ctx.db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirstOrThrow()).path;

/** Whether the account can open the case team's screens at the unit: the role is in effect. */
async function inEffect(userId: string, role: Role, unitId: number): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  const name = Object.entries(people).find(([, id]) => id === userId)?.[0];
  if (name)
    expect(can((await actor(name)).principal, 'case.work', await unitPath(unitId))).toBe(Boolean(row));
  return Boolean(row);
}

const service = () => ctx.services.usersService;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  const make = async (name: string, role: Role, unitId: number) => {
    people[name] = await createUser(ctx, {
      email: `${name.toLowerCase()}@spn.test`,
      homeUnitId: unitId,
      grants: [{ role, unitId }],
    });
  };
  await make('adminDpp', 'admin', tree.root);
  await make('adminDpp2', 'admin', tree.root);
  await make('adminJabar', 'admin', tree.dpdA);
  await make('adminBanten', 'admin', tree.dpdB);
  await make('coordDpp', 'case_coordinator', tree.root);
  await make('coordJabar', 'case_coordinator', tree.dpdA);
  await make('handlerJabar', 'case_handler', tree.dpdA);
  await make('coordBanten', 'case_coordinator', tree.dpdB);
  await make('handlerDpp', 'case_handler', tree.root);
  await make('officerDpp', 'gender_officer', tree.root);
  // DPC Kota Serang is left to the notification test: nobody else is granted anything there.
  await make('handlerSerang', 'case_handler', tree.dpcB1);
});
afterAll(() => test.drop());

describe('a case role waits for a second person', () => {
  it('every case role, asked for at every level, is pending and opens nothing until confirmed', async () => {
    for (const role of caseRoles)
      for (const unitId of [tree.root, tree.dpdA, tree.dpcA1, tree.pspA1x]) {
        const grantee = await newGrantee(unitId);
        const answer = await service().grantRole(await actor('adminDpp'), grantee, { role, unitId });
        expect(answer.outcome, `${role}@${unitId}`).toBe('pending');
        expect(answer.grants).toEqual([]);
        expect(answer.pendingGrants).toEqual([
          expect.objectContaining({
            role,
            unitId,
            requestedBy: expect.objectContaining({ id: people.adminDpp }),
          }),
        ]);
        expect(await inEffect(grantee, role, unitId)).toBe(false);
      }
  });

  it('every other role takes effect when granted', async () => {
    for (const role of roles.filter((candidate) => !(caseRoles as readonly Role[]).includes(candidate))) {
      const grantee = await newGrantee(tree.dpdA);
      const answer = await service().grantRole(await actor('adminJabar'), grantee, {
        role,
        unitId: tree.dpdA,
      });
      expect(answer.outcome, role).toBe('granted');
      expect(answer.pendingGrants).toEqual([]);
      expect(answer.grants.map((grant) => grant.role)).toEqual([role]);
    }
  });

  it('neither the one who asked nor the grantee can confirm; strangers to the unit learn nothing', async () => {
    const grantee = await newGrantee(tree.dpdA);
    const { pendingGrants } = await service().grantRole(await actor('adminJabar'), grantee, {
      role: 'case_coordinator',
      unitId: tree.dpdA,
    });
    const pendingId = pendingGrants[0]!.id;
    expect(await codeOf(service().confirmPendingGrant(await actor('adminJabar'), pendingId))).toBe(
      'second_person_required',
    );
    // The grantee is an account with no role yet; made an administrator elsewhere, she still cannot.
    people.grantee = grantee;
    await ctx.db
      .insertInto('role_grants')
      .values({ user_id: grantee, role: 'admin', unit_id: tree.root, granted_by: null })
      .execute();
    expect(await codeOf(service().confirmPendingGrant(await actor('grantee'), pendingId))).toBe(
      'second_person_required',
    );
    // Same unit's coordinator and handler, another DPD's admin and coordinator, a handler above: not theirs.
    for (const name of [
      'coordJabar',
      'handlerJabar',
      'adminBanten',
      'coordBanten',
      'handlerDpp',
      'officerDpp',
    ])
      expect(await codeOf(service().confirmPendingGrant(await actor(name), pendingId)), name).toBe(
        'not_found',
      );
    expect(await inEffect(grantee, 'case_coordinator', tree.dpdA)).toBe(false);
    for (const name of ['adminBanten', 'coordJabar', 'handlerJabar'])
      expect(
        (await service().listPendingGrants(await actor(name))).items.map((item) => item.id),
        name,
      ).not.toContain(pendingId);
  });

  it('a second administrator over the unit, or a coordinator above it, confirms; the role is then in effect', async () => {
    const confirmers: [string, number][] = [
      ['adminDpp2', tree.dpdA],
      ['adminJabar', tree.dpcA1],
      ['coordDpp', tree.dpdA],
      ['coordJabar', tree.dpcA1],
      ['coordDpp', tree.pspA1x],
    ];
    for (const [confirmer, unitId] of confirmers) {
      const grantee = await newGrantee(unitId);
      const asked = await service().grantRole(await actor('adminDpp'), grantee, {
        role: 'case_handler',
        unitId,
      });
      const pendingId = asked.pendingGrants[0]!.id;
      const listed = (await service().listPendingGrants(await actor(confirmer))).items.find(
        (item) => item.id === pendingId,
      );
      expect(listed, `${confirmer} sees the request at ${unitId}`).toMatchObject({ canConfirm: true });
      await service().confirmPendingGrant(await actor(confirmer), pendingId);
      expect(await inEffect(grantee, 'case_handler', unitId), `${confirmer}@${unitId}`).toBe(true);
      const row = await ctx.db
        .selectFrom('role_grants')
        .select(['granted_by', 'confirmed_by'])
        .where('user_id', '=', grantee)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ granted_by: people.adminDpp, confirmed_by: people[confirmer] });
      expect(
        await ctx.db.selectFrom('pending_role_grants').where('id', '=', pendingId).select('id').execute(),
      ).toEqual([]);
      // Once: a second confirmation finds nothing to confirm.
      expect(await codeOf(service().confirmPendingGrant(await actor(confirmer), pendingId))).toBe(
        'not_found',
      );
      const trail = await ctx.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id'])
        .where('object_id', '=', grantee)
        .orderBy('id')
        .execute();
      expect(trail).toEqual([
        { action: 'role.grant_requested', actor_id: people.adminDpp },
        { action: 'role.grant', actor_id: people[confirmer] },
      ]);
    }
  });

  it("the unit's case team is told by email and in the inbox when a case role is asked for and when it takes effect", async () => {
    const grantee = await newGrantee(tree.dpcB1);
    await ctx.db.deleteFrom('notifications').execute();
    await ctx.db.deleteFrom('outbox').execute();
    const asked = await service().grantRole(await actor('adminDpp'), grantee, {
      role: 'legal_aid',
      unitId: tree.dpcB1,
    });
    const told = async (kind: string) =>
      (
        await ctx.db
          .selectFrom('notifications')
          .select(['user_id', 'case_id'])
          .where('kind', '=', kind)
          .execute()
      )
        .map((row) => {
          expect(row.case_id).toBeNull();
          return Object.entries(people).find(([, id]) => id === row.user_id)?.[0] ?? row.user_id;
        })
        .sort();
    const mailed = async () =>
      (await ctx.db.selectFrom('outbox').select('recipient').execute()).map((row) => row.recipient).sort();
    // Told in the inbox: the case team of DPC Kota Serang (its handler, the coordinators above it) and
    // the administrators who may confirm (another DPP admin, Banten's, and `grantee`, made a DPP admin in
    // an earlier test). Not the one who asked, not the new grantee, not Jawa Barat's people.
    expect(await told('case_role_requested')).toEqual(
      ['adminBanten', 'adminDpp2', 'coordBanten', 'coordDpp', 'grantee', 'handlerSerang'].sort(),
    );
    // By email: the case team only.
    expect(await mailed()).toEqual(['coordbanten@spn.test', 'coorddpp@spn.test', 'handlerserang@spn.test']);

    await ctx.db.deleteFrom('outbox').execute();
    await service().confirmPendingGrant(await actor('coordDpp'), asked.pendingGrants[0]!.id);
    expect(await told('case_role_confirmed')).toEqual(['coordBanten', 'handlerSerang']);
    expect(await mailed()).toEqual(['coordbanten@spn.test', 'handlerserang@spn.test']);
    const mail = await ctx.db.selectFrom('outbox').select(['subject', 'body_text']).executeTakeFirstOrThrow();
    expect(mail.subject).toContain('DPC Kota Serang');
    expect(mail.body_text).toContain('/role-confirmations');
  });

  it('the one who asked withdraws, a confirmer declines; neither leaves the role in effect', async () => {
    for (const who of ['adminJabar', 'adminDpp2']) {
      const grantee = await newGrantee(tree.dpdA);
      const asked = await service().grantRole(await actor('adminJabar'), grantee, {
        role: 'case_coordinator',
        unitId: tree.dpdA,
      });
      await service().withdrawPendingGrant(await actor(who), asked.pendingGrants[0]!.id);
      expect(await inEffect(grantee, 'case_coordinator', tree.dpdA)).toBe(false);
      expect((await service().getUser(await actor('adminDpp'), grantee)).pendingGrants).toEqual([]);
    }
    const grantee = await newGrantee(tree.dpdA);
    const asked = await service().grantRole(await actor('adminJabar'), grantee, {
      role: 'case_coordinator',
      unitId: tree.dpdA,
    });
    expect(
      await codeOf(service().withdrawPendingGrant(await actor('coordBanten'), asked.pendingGrants[0]!.id)),
    ).toBe('not_found');
  });

  it('asking again for a pending or held case role changes nothing', async () => {
    const grantee = await newGrantee(tree.dpdA);
    const first = await service().grantRole(await actor('adminDpp'), grantee, {
      role: 'case_handler',
      unitId: tree.dpdA,
    });
    const again = await service().grantRole(await actor('adminDpp'), grantee, {
      role: 'case_handler',
      unitId: tree.dpdA,
    });
    expect(again.pendingGrants.map((item) => item.id)).toEqual(first.pendingGrants.map((item) => item.id));
    await service().confirmPendingGrant(await actor('adminDpp2'), first.pendingGrants[0]!.id);
    const held = await service().grantRole(await actor('adminDpp'), grantee, {
      role: 'case_handler',
      unitId: tree.dpdA,
    });
    expect(held.outcome).toBe('granted');
    expect(held.pendingGrants).toEqual([]);
    expect(held.grants).toHaveLength(1);
  });
});
