import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestContext,
  createUser,
  seedTree,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

/**
 * Competency gates (training.md): a case role for an account linked to a member asks for a completed
 * class of its track: SOP case handling for handlers and coordinators, TKBH for legal aid. By default the
 * grant goes through with a warning (and the audit row says so); with SETARA_COMPETENCY_GATE=refuse it is
 * refused and nothing is written. Roles outside the case team, and accounts linked to no member, are
 * never held up.
 */
let test: TestDatabase;
let tree: Tree;
let warn: TestContext;
let refuse: TestContext;
let admin: Actor;
const account: Record<string, string> = {};

async function completed(ctx: TestContext, memberId: string, track: string) {
  const { id: programId } = await ctx.db
    .insertInto('training_programs')
    .values({ unit_id: tree.root, name: `Program ${track}`, starts_on: '2025-01-10', ends_on: '2025-01-11' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: classId } = await ctx.db
    .insertInto('training_classes')
    .values({
      program_id: programId,
      track,
      level: 'dasar',
      title: track,
      seats: 10,
      women_only: false,
      starts_on: '2025-01-10',
      ends_on: '2025-01-11',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('training_participants')
    .values({
      class_id: classId,
      member_id: memberId,
      nominating_unit_id: tree.root,
      status: 'completed',
      enrolment_code: `${track === 'tkbh' ? 'T' : 'S'}${memberId.padStart(7, '0')}`,
    })
    .execute();
}

beforeAll(async () => {
  test = await createTestDatabase();
  warn = createTestContext(test.db, test.url);
  refuse = createTestContext(test.db, test.url, { env: { SETARA_COMPETENCY_GATE: 'refuse' } });
  tree = await seedTree(warn);
  const adminId = await createUser(warn, {
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
  for (const [key, trained] of [
    ['untrained', []],
    ['sop', ['sop_kasus']],
    ['tkbh', ['tkbh']],
    ['both', ['sop_kasus', 'tkbh']],
  ] as const) {
    const memberId = await createMember(warn, {
      number: `M-${key}`,
      name: `Anggota ${key}`,
      unitId: tree.dpcA1,
    });
    for (const track of trained) await completed(warn, memberId, track);
    account[key] = await createUser(warn, { email: `${key}@spn.test`, homeUnitId: tree.dpdA, grants: [] });
    await warn.db.updateTable('users').set({ member_id: memberId }).where('id', '=', account[key]!).execute();
  }
  account.unlinked = await createUser(warn, {
    email: 'unlinked@spn.test',
    homeUnitId: tree.dpdA,
    grants: [],
  });
});
afterAll(() => test.drop());

const needs: Partial<Record<Role, string>> = {
  case_handler: 'sop_kasus',
  case_coordinator: 'sop_kasus',
  legal_aid: 'tkbh',
};
const holds: Record<string, string[]> = {
  untrained: [],
  sop: ['sop_kasus'],
  tkbh: ['tkbh'],
  both: ['sop_kasus', 'tkbh'],
  unlinked: [],
};

describe('competency gates on case roles', () => {
  it.each(['case_handler', 'case_coordinator', 'legal_aid', 'gender_officer', 'trainer'] as Role[])(
    'warn mode: %s is granted; a warning names the missing class exactly when the member lacks it',
    async (role) => {
      for (const key of Object.keys(holds)) {
        const result = await warn.services.usersService.grantRole(admin, account[key]!, {
          role,
          unitId: tree.dpdA,
        });
        // A case role waits for a second person; either way it was accepted (the gate only warns).
        expect([...result.grants, ...result.pendingGrants].some((grant) => grant.role === role)).toBe(true);
        const needed = needs[role];
        const lacking = needed !== undefined && key !== 'unlinked' && !holds[key]!.includes(needed);
        expect(result.warnings, `${role} for ${key}`).toEqual(
          lacking ? [{ code: 'competency_missing', tracks: [needed] }] : [],
        );
        await warn.db.deleteFrom('role_grants').where('user_id', '=', account[key]!).execute();
        await warn.db.deleteFrom('pending_role_grants').where('user_id', '=', account[key]!).execute();
      }
    },
  );

  it('refuse mode: the grant is refused with the missing class named, and nothing is written', async () => {
    const auditBefore = (await refuse.db.selectFrom('audit_log').select('id').execute()).length;
    await expect(
      refuse.services.usersService.grantRole(admin, account.tkbh!, {
        role: 'case_handler',
        unitId: tree.dpdA,
      }),
    ).rejects.toMatchObject({ code: 'competency_missing', details: { public: { tracks: ['sop_kasus'] } } });
    for (const table of ['role_grants', 'pending_role_grants'] as const)
      expect(
        await refuse.db.selectFrom(table).select('id').where('user_id', '=', account.tkbh!).execute(),
      ).toEqual([]);
    expect((await refuse.db.selectFrom('audit_log').select('id').execute()).length).toBe(auditBefore);
    const granted = await refuse.services.usersService.grantRole(admin, account.tkbh!, {
      role: 'legal_aid',
      unitId: tree.dpdA,
    });
    expect(granted.warnings).toEqual([]);
  });
});
