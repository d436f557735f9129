import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { Actor } from '../../platform/context.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestContext,
  seedTree,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { vacantSeats } from './bodies.service.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let admin: Actor;
let banten: Actor;
const members: Record<string, string> = {};

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  ctx.clock.set(new Date('2026-11-22T03:00:00Z'));
  tree = await seedTree(ctx);
  const pathOf = async (id: number) =>
    (await test.db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
  admin = {
    userId: '00000000-0000-4000-8000-00000000000b',
    label: 'org',
    requestId: 'r',
    language: 'id',
    principal: {
      userId: 'o',
      grants: [{ role: 'org_admin', unitId: tree.dpdA, unitPath: await pathOf(tree.dpdA) }],
    },
  };
  banten = {
    ...admin,
    principal: {
      userId: 'b',
      grants: [{ role: 'org_admin', unitId: tree.dpdB, unitPath: await pathOf(tree.dpdB) }],
    },
  };
  members.siti = await createMember(ctx, {
    number: 'M-1',
    name: 'Siti Rahayu',
    unitId: tree.pspA1x,
    sex: 'P',
  });
  members.budi = await createMember(ctx, {
    number: 'M-2',
    name: 'Budi Santoso',
    unitId: tree.pspA1x,
    sex: 'L',
  });
  members.ani = await createMember(ctx, { number: 'M-3', name: 'Ani Wijaya', unitId: tree.pspA1x, sex: 'P' });
});
afterAll(() => test.drop());

const service = () => ctx.services.bodiesService;

describe('bodies, positions and appointments', () => {
  it('vacant seats never go below zero', () => {
    expect([vacantSeats(1, 0), vacantSeats(3, 1), vacantSeats(1, 2)]).toEqual([1, 2, 0]);
  });

  it('builds a DPC board whose empty seats show as vacant', async () => {
    let board = await service().createBody(admin, tree.dpcA1, {
      kind: 'executive',
      name: 'Pengurus DPC Kabupaten Bogor',
      statutorySeats: 5,
    });
    board = await service().createPosition(admin, board.id, {
      title: 'Ketua',
      category: 'strategic',
      seats: 1,
      sortOrder: 1,
    });
    board = await service().createPosition(admin, board.id, {
      title: 'Wakil Ketua',
      category: 'strategic',
      seats: 2,
      sortOrder: 2,
    });
    board = await service().createPosition(admin, board.id, {
      title: 'Sekretaris',
      category: 'administrative',
      seats: 1,
      sortOrder: 3,
    });
    expect(board.positions.map((position) => [position.title, position.vacantSeats])).toEqual([
      ['Ketua', 1],
      ['Wakil Ketua', 2],
      ['Sekretaris', 1],
    ]);
    expect(board).toMatchObject({ filledSeats: 0, vacantSeats: 5 });
  });

  it('appoints Siti Sekretaris with an SK number; the seat is then full', async () => {
    const [board] = await service().listBodies(admin, tree.dpcA1);
    const sekretaris = board!.positions.find((position) => position.title === 'Sekretaris')!;
    const after = await service().appoint(admin, sekretaris.id, {
      memberId: members.siti!,
      termStart: '2025-01-01',
      termEnd: '2029-12-31',
      basis: 'elected',
      decreeNumber: 'SK/012/DPC-BGR/2025',
    });
    const filled = after.positions.find((position) => position.id === sekretaris.id)!;
    expect(filled.holders).toEqual([
      expect.objectContaining({
        memberName: 'Siti Rahayu',
        sex: 'P',
        basis: 'elected',
        decreeNumber: 'SK/012/DPC-BGR/2025',
      }),
    ]);
    expect(filled.vacantSeats).toBe(0);
    expect(after).toMatchObject({ filledSeats: 1, vacantSeats: 4 });
    await expectCode(
      service().appoint(admin, sekretaris.id, {
        memberId: members.ani!,
        termStart: '2026-01-01',
        basis: 'appointed',
      }),
      'conflict',
    );
    await expectCode(
      service().appoint(admin, sekretaris.id, {
        memberId: members.siti!,
        termStart: '2025-06-01',
        basis: 'elected',
      }),
      'conflict',
    );
  });

  it('an acting officer (Plt) fills a seat after the holder leaves; history stays by date', async () => {
    const [board] = await service().listBodies(admin, tree.dpcA1);
    const sekretaris = board!.positions.find((position) => position.title === 'Sekretaris')!;
    const holding = sekretaris.holders[0]!;
    await service().endAppointment(admin, holding.id, '2026-06-30');
    const after = await service().appoint(admin, sekretaris.id, {
      memberId: members.ani!,
      termStart: '2026-07-01',
      basis: 'acting',
    });
    expect(
      after.positions
        .find((position) => position.id === sekretaris.id)!
        .holders.map((holder) => [holder.memberName, holder.basis]),
    ).toEqual([['Ani Wijaya', 'acting']]);
    const earlier = await service().listBodies(admin, tree.dpcA1, '2026-03-01');
    expect(
      earlier[0]!.positions
        .find((position) => position.id === sekretaris.id)!
        .holders.map((holder) => holder.memberName),
    ).toEqual(['Siti Rahayu']);
    const member = await ctx.services.membersService.getMember(admin, members.siti!);
    expect(member.appointments).toEqual([
      expect.objectContaining({ positionTitle: 'Sekretaris', termEnd: '2026-06-30' }),
    ]);
  });

  it('checks scope: another DPD cannot see or change the board', async () => {
    const [board] = await service().listBodies(admin, tree.dpcA1);
    await expectCode(service().listBodies(banten, tree.dpcA1), 'not_found');
    await expectCode(
      service().createPosition(banten, board!.id, { title: 'x', category: 'other', seats: 1, sortOrder: 0 }),
      'not_found',
    );
    const budiInBanten = await createMember(ctx, { number: 'M-9', name: 'Orang Banten', unitId: tree.dpcB1 });
    const ketua = board!.positions.find((position) => position.title === 'Ketua')!;
    await expectCode(
      service().appoint(admin, ketua.id, {
        memberId: budiInBanten,
        termStart: '2026-01-01',
        basis: 'elected',
      }),
      'validation_failed',
    );
    await expectCode(
      service().appoint(admin, ketua.id, {
        memberId: members.budi!,
        termStart: '2026-01-01',
        termEnd: '2025-01-01',
        basis: 'elected',
      }),
      'validation_failed',
    );
  });

  it('writes an audit row per change', async () => {
    const actions = (await test.db.selectFrom('audit_log').select('action').execute()).map(
      (row) => row.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['body.create', 'position.create', 'appointment.create', 'appointment.end']),
    );
  });
});

describe('assemblies and delegations', () => {
  it('records a Kongres, allocations per unit and category, delegates and credential decisions', async () => {
    const rootPath = (
      await test.db.selectFrom('units').select('path').where('id', '=', tree.root).executeTakeFirstOrThrow()
    ).path;
    const dpp: Actor = {
      ...admin,
      principal: { userId: 'd', grants: [{ role: 'org_admin', unitId: tree.root, unitPath: rootPath }] },
    };
    const assemblies = ctx.services.assembliesService;
    let kongres = await assemblies.createAssembly(dpp, {
      unitId: tree.root,
      kind: 'kongres',
      name: 'Kongres VI SPN',
      startsOn: '2026-12-01',
      endsOn: '2026-12-03',
    });
    kongres = await assemblies.addAllocation(dpp, kongres.id, {
      unitId: tree.dpdA,
      category: 'executive',
      seats: 2,
    });
    kongres = await assemblies.addAllocation(dpp, kongres.id, {
      unitId: tree.dpdA,
      category: 'komite_perempuan',
      seats: 1,
    });
    const executive = kongres.allocations.find((allocation) => allocation.category === 'executive')!;
    // The DPD (not the organiser) submits its own members.
    await assemblies.addDelegate(admin, executive.id, members.siti!);
    kongres = await assemblies.addDelegate(admin, executive.id, members.budi!);
    await expectCode(assemblies.addDelegate(admin, executive.id, members.ani!), 'conflict');
    await expectCode(assemblies.addDelegate(banten, executive.id, members.ani!), 'not_found');
    const delegates = kongres.allocations.find((allocation) => allocation.id === executive.id)!.delegates;
    expect(delegates.map((delegate) => [delegate.memberName, delegate.credentialStatus])).toEqual([
      ['Siti Rahayu', 'submitted'],
      ['Budi Santoso', 'submitted'],
    ]);
    // Only the organiser decides credentials; a returned delegate frees the seat.
    await expectCode(
      assemblies.updateDelegate(admin, delegates[1]!.id, { credentialStatus: 'returned' }),
      'forbidden',
    );
    await assemblies.updateDelegate(dpp, delegates[1]!.id, {
      credentialStatus: 'returned',
      note: 'Kurang 30% perempuan',
    });
    kongres = await assemblies.addDelegate(admin, executive.id, members.ani!);
    expect(
      kongres.allocations
        .find((allocation) => allocation.id === executive.id)!
        .delegates.map((delegate) => delegate.credentialStatus),
    ).toEqual(['submitted', 'returned', 'submitted']);
    expect((await assemblies.listAssemblies(banten)).map((assembly) => assembly.name)).toContain(
      'Kongres VI SPN',
    );
    await expectCode(
      assemblies.addAllocation(admin, kongres.id, { unitId: tree.dpdA, category: 'executive', seats: 10 }),
      'forbidden',
    );
  });
});
