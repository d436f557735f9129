import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { Actor } from '../../platform/context.ts';
import type { Role } from '../../../shared/roles.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestContext,
  seedTree,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let pspBanten: number;
const paths: Record<number, string> = {};

function actorWith(role: Role, unitId: number): Actor {
  return {
    userId: '00000000-0000-4000-8000-00000000000a',
    label: `${role}@spn.test`,
    requestId: 'r',
    language: 'id',
    principal: { userId: 'a', grants: [{ role, unitId, unitPath: paths[unitId]! }] },
  };
}
async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}
const service = () => ctx.services.membersService;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-11-22T03:00:00Z'));
  tree = await seedTree(ctx);
  const root = await test.db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('id', '=', tree.dpcB1)
    .executeTakeFirstOrThrow();
  const { id } = await test.db
    .insertInto('units')
    .values({
      parent_id: tree.dpcB1,
      path: 'tmp',
      depth: 3,
      name: 'PSP PT Sepatu Banten',
      code: 'PSP-3673-001',
      level: 'PSP',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await test.db
    .updateTable('units')
    .set({ path: `${root.path}${id}/` })
    .where('id', '=', id)
    .execute();
  pspBanten = id;
  for (const row of await test.db.selectFrom('units').select(['id', 'path']).execute())
    paths[row.id] = row.path;
  await createMember(ctx, {
    number: 'JB-001',
    name: 'Siti Rahayu',
    unitId: tree.pspA1x,
    sex: 'P',
    validFrom: '2019-03-01',
  });
  await createMember(ctx, {
    number: 'JB-002',
    name: 'Dewi Lestari',
    unitId: tree.pspA1x,
    sex: 'P',
    validFrom: '2021-05-10',
  });
  await createMember(ctx, {
    number: 'JB-003',
    name: 'Budi Santoso',
    unitId: tree.pspA1x,
    sex: 'L',
    validFrom: '2018-01-15',
  });
  await createMember(ctx, {
    number: 'JB-004',
    name: 'Ratna Sari',
    unitId: tree.pspA1x,
    sex: null,
    validFrom: '2022-07-01',
  });
  await createMember(ctx, {
    number: 'BT-001',
    name: 'Siti Aminah',
    unitId: pspBanten,
    sex: 'P',
    validFrom: '2020-02-02',
  });
});
afterAll(() => test.drop());

describe('members: access by subtree', () => {
  it('an org_admin of DPD Jawa Barat lists, searches and counts only its own members', async () => {
    const jabar = actorWith('org_admin', tree.dpdA);
    const all = await service().listMembers(jabar, { sort: 'name', direction: 'asc', limit: 50 });
    expect(all.items.map((item) => item.memberNumber).sort()).toEqual([
      'JB-001',
      'JB-002',
      'JB-003',
      'JB-004',
    ]);
    const siti = await service().listMembers(jabar, { q: 'siti', sort: 'name', direction: 'asc', limit: 50 });
    expect(siti.items.map((item) => item.memberNumber)).toEqual(['JB-001']);
    // The list says how many match in all, scoped and filtered as the rows are (issue 18).
    expect(all.total).toBe(4);
    expect(siti.total).toBe(1);
    const firstPage = await service().listMembers(jabar, { sort: 'name', direction: 'asc', limit: 2 });
    expect(firstPage).toMatchObject({ total: 4 });
    const secondPage = await service().listMembers(jabar, {
      sort: 'name',
      direction: 'asc',
      limit: 2,
      cursor: firstPage.nextCursor!,
    });
    expect(secondPage.items).toHaveLength(2);
    expect(secondPage.total).toBeUndefined();
    const counts = await service().countMembers(jabar, {});
    expect(counts.byStatus.aktif).toEqual({ L: 1, P: 2, unknown: 1 });
  });

  it('cannot read a Banten member by direct id, by unit filter, by number search or by export', async () => {
    const jabar = actorWith('org_admin', tree.dpdA);
    const banten = await test.db
      .selectFrom('members')
      .select('id')
      .where('member_number', '=', 'BT-001')
      .executeTakeFirstOrThrow();
    await expectCode(service().getMember(jabar, banten.id), 'not_found');
    await expectCode(
      service().listMembers(jabar, { unitId: tree.dpdB, sort: 'name', direction: 'asc', limit: 50 }),
      'not_found',
    );
    expect(
      (await service().listMembers(jabar, { q: 'BT-001', sort: 'name', direction: 'asc', limit: 50 })).items,
    ).toEqual([]);
    const exported: string[] = [];
    for await (const batch of await service().exportMembers(jabar, {}, 'csv'))
      exported.push(...batch.map((row) => row.memberNumber));
    expect(exported.sort()).toEqual(['JB-001', 'JB-002', 'JB-003', 'JB-004']);
    await expectCode(
      service().changeStatus(jabar, banten.id, { status: 'keluar', validFrom: '2026-01-01' }),
      'not_found',
    );
    await expectCode(
      service().createMember(jabar, {
        memberNumber: 'X-1',
        fullName: 'X',
        sex: 'P',
        unitId: pspBanten,
        status: 'aktif',
      }),
      'validation_failed',
    );
  });

  it('shows contact data to org_admin but not to a gender officer, who still sees names', async () => {
    const id = (
      await test.db
        .selectFrom('members')
        .select('id')
        .where('member_number', '=', 'JB-001')
        .executeTakeFirstOrThrow()
    ).id;
    expect((await service().getMember(actorWith('org_admin', tree.dpdA), id)).contact).toEqual({
      phone: '0812000000',
      email: null,
    });
    const seen = await service().getMember(actorWith('gender_officer', tree.dpdA), id);
    expect(seen.fullName).toBe('Siti Rahayu');
    expect(seen.contact).toBeNull();
    await expectCode(service().getMember(actorWith('viewer', tree.root), id), 'not_found');
    await expectCode(
      service().updateMember(actorWith('gender_officer', tree.dpdA), id, { jobTitle: 'x' }),
      'forbidden',
    );
  });

  it('audits every export, without personal data', async () => {
    const rows = await test.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'member.export')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/Siti|JB-00/);
  });
});

describe('members: search and pages', () => {
  it('finds a name despite a typo, and by exact number', async () => {
    const admin = actorWith('org_admin', tree.root);
    expect(
      (
        await service().listMembers(admin, { q: 'Rahyu', sort: 'name', direction: 'asc', limit: 10 })
      ).items.map((item) => item.fullName),
    ).toContain('Siti Rahayu');
    expect(
      (
        await service().listMembers(admin, { q: 'lestary', sort: 'name', direction: 'asc', limit: 10 })
      ).items.map((item) => item.fullName),
    ).toContain('Dewi Lestari');
    expect(
      (
        await service().listMembers(admin, { q: 'JB-003', sort: 'name', direction: 'asc', limit: 10 })
      ).items.map((item) => item.fullName),
    ).toEqual(['Budi Santoso']);
  });

  it('pages through every member with keyset cursors in each sort order, without repeats', async () => {
    const admin = actorWith('org_admin', tree.root);
    for (const sort of ['name', 'number', 'joined'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await service().listMembers(admin, { sort, direction, cursor, limit: 2 });
          seen.push(...page.items.map((item) => item.memberNumber));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toHaveLength(5);
        expect(new Set(seen).size).toBe(5);
      }
    }
    const byName = await service().listMembers(admin, { sort: 'name', direction: 'asc', limit: 5 });
    expect(byName.items.map((item) => item.fullName)).toEqual([
      'Budi Santoso',
      'Dewi Lestari',
      'Ratna Sari',
      'Siti Aminah',
      'Siti Rahayu',
    ]);
  });

  it('filters by sex including unknown, never guessing', async () => {
    const admin = actorWith('org_admin', tree.root);
    expect(
      (
        await service().listMembers(admin, { sex: 'unknown', sort: 'name', direction: 'asc', limit: 10 })
      ).items.map((item) => item.fullName),
    ).toEqual(['Ratna Sari']);
    expect(
      (await service().listMembers(admin, { sex: 'L', sort: 'name', direction: 'asc', limit: 10 })).items,
    ).toHaveLength(1);
  });
});

describe('members: dated status history', () => {
  it('recomputes counts as of any past date', async () => {
    const admin = actorWith('org_admin', tree.root);
    const dewi = (
      await test.db
        .selectFrom('members')
        .select('id')
        .where('member_number', '=', 'JB-002')
        .executeTakeFirstOrThrow()
    ).id;
    await service().changeStatus(admin, dewi, {
      status: 'phk',
      validFrom: '2024-06-30',
      reason: 'PHK massal',
    });
    await service().changeStatus(admin, dewi, {
      status: 'aktif',
      validFrom: '2025-02-01',
      reason: 'Dipekerjakan kembali',
    });
    const on = async (asOf: string) =>
      (await service().countMembers(admin, { unitId: tree.dpdA, asOf })).byStatus;
    expect((await on('2017-12-31')).aktif).toBeUndefined();
    expect((await on('2020-01-01')).aktif).toEqual({ L: 1, P: 1, unknown: 0 });
    expect((await on('2024-07-01')).aktif).toEqual({ L: 1, P: 1, unknown: 1 });
    expect((await on('2024-07-01')).phk).toEqual({ L: 0, P: 1, unknown: 0 });
    expect((await on('2025-03-01')).aktif).toEqual({ L: 1, P: 2, unknown: 1 });
    const detail = await service().getMember(admin, dewi);
    expect(detail.status).toBe('aktif');
    expect(detail.history.map((row) => [row.status, row.validFrom])).toEqual([
      ['aktif', '2025-02-01'],
      ['phk', '2024-06-30'],
      ['aktif', '2021-05-10'],
    ]);
  });

  it('a backdated change does not override a later one; a future one waits for its date', async () => {
    const admin = actorWith('org_admin', tree.root);
    const budi = (
      await test.db
        .selectFrom('members')
        .select('id')
        .where('member_number', '=', 'JB-003')
        .executeTakeFirstOrThrow()
    ).id;
    await service().changeStatus(admin, budi, { status: 'keluar', validFrom: '2027-01-01' });
    expect((await service().getMember(admin, budi)).status).toBe('aktif');
    await service().changeStatus(admin, budi, { status: 'non_aktif', validFrom: '2018-06-01' });
    expect((await service().getMember(admin, budi)).status).toBe('non_aktif');
  });

  it('a transfer moves the member from a date and keeps where she was before', async () => {
    const admin = actorWith('org_admin', tree.root);
    const ratna = (
      await test.db
        .selectFrom('members')
        .select('id')
        .where('member_number', '=', 'JB-004')
        .executeTakeFirstOrThrow()
    ).id;
    await service().transferMember(admin, ratna, {
      unitId: pspBanten,
      validFrom: '2026-01-01',
      reason: 'Pindah kerja',
    });
    expect((await service().getMember(admin, ratna)).unitId).toBe(pspBanten);
    expect(
      (await service().countMembers(admin, { unitId: tree.dpdA, asOf: '2025-12-31' })).byStatus.aktif
        ?.unknown,
    ).toBe(1);
    expect(
      (await service().countMembers(admin, { unitId: tree.dpdA, asOf: '2026-01-02' })).byStatus.aktif
        ?.unknown ?? 0,
    ).toBe(0);
    await expectCode(
      service().transferMember(admin, ratna, { unitId: tree.dpdA, validFrom: '2026-02-01' }),
      'validation_failed',
    );
  });

  it('creates a member with one history row and refuses a taken number', async () => {
    const admin = actorWith('org_admin', tree.root);
    const created = await service().createMember(admin, {
      memberNumber: 'JB-010',
      fullName: 'Nur Aini',
      sex: 'P',
      unitId: tree.pspA1x,
      joinedOn: '2026-11-01',
      status: 'calon',
    });
    expect(created.history).toEqual([expect.objectContaining({ status: 'calon', validFrom: '2026-11-01' })]);
    await expectCode(
      service().createMember(admin, {
        memberNumber: 'JB-010',
        fullName: 'Dup',
        sex: 'P',
        unitId: tree.pspA1x,
        status: 'aktif',
      }),
      'conflict',
    );
    await expectCode(
      service().createMember(admin, {
        memberNumber: 'JB-011',
        fullName: 'Di DPC',
        sex: 'P',
        unitId: tree.dpcA1,
        status: 'aktif',
      }),
      'validation_failed',
    );
  });
});
