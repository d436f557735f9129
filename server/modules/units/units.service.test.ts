import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import type { Actor } from '../../platform/context.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let actor: Actor;
const paths = async () =>
  Object.fromEntries(
    (await test.db.selectFrom('units').select(['id', 'path', 'depth']).execute()).map((row) => [row.id, row]),
  );

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  actor = {
    userId: '00000000-0000-4000-8000-000000000001',
    label: 'org@spn.test',
    requestId: 'r',
    language: 'id',
    principal: {
      userId: 'x',
      grants: [{ role: 'org_admin', unitId: tree.root, unitPath: `/${tree.root}/` }],
    },
  };
});
afterAll(() => test.drop());

const service = () => ctx.services.unitsService;
async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

describe('unit tree', () => {
  it('creates a child below its parent level with a unique code, and audits it', async () => {
    const unit = await service().createUnit(actor, {
      parentId: tree.dpcA1,
      name: 'PSP PT Kulit Jaya',
      code: 'PSP-3201-002',
      level: 'PSP',
    });
    expect(unit).toMatchObject({ parentId: tree.dpcA1, depth: 3, level: 'PSP', active: true, childCount: 0 });
    expect((await paths())[unit.id]?.path).toBe(`${(await paths())[tree.dpcA1]?.path}${unit.id}/`);
    await expectCode(
      service().createUnit(actor, { parentId: tree.dpcA1, name: 'Dup', code: 'psp-3201-002', level: 'PSP' }),
      'conflict',
    );
    await expectCode(
      service().createUnit(actor, { parentId: tree.dpcA1, name: 'Wrong level', code: 'X-1', level: 'DPD' }),
      'validation_failed',
    );
    await expectCode(
      service().createUnit(actor, { parentId: tree.dpcA1, name: 'Unknown level', code: 'X-2', level: 'RT' }),
      'validation_failed',
    );
    const audit = await test.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'unit.create')
      .execute();
    expect(audit.map((row) => row.object_id)).toContain(String(unit.id));
  });

  it('moves a whole subtree in one step, rewriting paths and depths', async () => {
    // DPC Bogor (with its PSPs) moves from DPD Jawa Barat to DPD Banten.
    const before = await paths();
    await service().moveUnit(actor, tree.dpcA1, tree.dpdB);
    const after = await paths();
    expect(after[tree.dpcA1]?.path).toBe(`${before[tree.dpdB]?.path}${tree.dpcA1}/`);
    expect(after[tree.pspA1x]?.path).toBe(`${before[tree.dpdB]?.path}${tree.dpcA1}/${tree.pspA1x}/`);
    expect(after[tree.pspA1x]?.depth).toBe(3);
    const children = await service().listUnits(actor, { parentId: tree.dpdB, includeInactive: false });
    expect(children.map((unit) => unit.id)).toContain(tree.dpcA1);
    await service().moveUnit(actor, tree.dpcA1, tree.dpdA);
    expect((await paths())[tree.pspA1x]?.path).toBe(before[tree.pspA1x]?.path);
  });

  it('refuses cycles and moving the root', async () => {
    await expectCode(service().moveUnit(actor, tree.dpdA, tree.pspA1x), 'unit_cycle');
    await expectCode(service().moveUnit(actor, tree.dpdA, tree.dpdA), 'unit_cycle');
    await expectCode(service().moveUnit(actor, tree.root, tree.dpdA), 'unit_is_root');
  });

  it('keeps the level order on a move: a unit only ever goes under a unit of a higher level (issue 17)', async () => {
    const before = await paths();
    // A DPC under a PSP, a DPC under another DPC, a DPD under a DPC of another DPD: each refused on parentId.
    for (const [unit, parent] of [
      [tree.dpcB1, tree.pspA1x],
      [tree.dpcB1, tree.dpcA1],
      [tree.dpdB, tree.dpcA1],
    ] as const) {
      const error = await service()
        .moveUnit(actor, unit, parent)
        .then(
          () => undefined,
          (caught: unknown) => caught as { code: string; details?: { fields?: { path: string }[] } },
        );
      expect(error?.code, `${unit} under ${parent}`).toBe('validation_failed');
      expect(error?.details?.fields?.map((field) => field.path)).toEqual(['parentId']);
    }
    expect(await paths()).toEqual(before);
    // A PSP may move straight under a DPD: below its level, even if not the next one.
    await service().moveUnit(actor, tree.pspA1x, tree.dpdB);
    await service().moveUnit(actor, tree.pspA1x, tree.dpcA1);
    expect((await paths())[tree.pspA1x]?.path).toBe(before[tree.pspA1x]?.path);
  });

  it('deactivates only leaves (or units whose children are inactive) and hides them by default', async () => {
    await expectCode(service().setUnitActive(actor, tree.dpdB, false), 'unit_has_children');
    await service().setUnitActive(actor, tree.dpcB1, false);
    await service().setUnitActive(actor, tree.dpdB, false);
    expect(
      (await service().listUnits(actor, { parentId: tree.root, includeInactive: false })).map(
        (unit) => unit.id,
      ),
    ).not.toContain(tree.dpdB);
    expect(
      (await service().listUnits(actor, { parentId: tree.root, includeInactive: true })).map(
        (unit) => unit.id,
      ),
    ).toContain(tree.dpdB);
    await expectCode(service().setUnitActive(actor, tree.dpcB1, true), 'validation_failed');
    await service().setUnitActive(actor, tree.dpdB, true);
    await service().setUnitActive(actor, tree.dpcB1, true);
    await expectCode(service().setUnitActive(actor, tree.root, false), 'unit_is_root');
  });

  it('searches by name or code within scope, treating % and _ literally', async () => {
    expect(
      (await service().listUnits(actor, { q: 'bogor', includeInactive: false })).map((unit) => unit.id),
    ).toEqual([tree.dpcA1]);
    expect((await service().listUnits(actor, { q: 'dpd-3', includeInactive: false })).length).toBe(2);
    expect(await service().listUnits(actor, { q: '%', includeInactive: false })).toEqual([]);
  });

  it('keeps the audit chain intact through all of it', async () => {
    expect((await verifyAuditChain(test.db)).ok).toBe(true);
  });

  it('serialises concurrent moves so the tree stays consistent', async () => {
    await Promise.all([
      service().moveUnit(actor, tree.dpcB1, tree.dpdA),
      service().moveUnit(actor, tree.dpcA1, tree.dpdB),
    ]);
    const after = await paths();
    for (const row of Object.values(after)) {
      const segments = row.path.split('/').filter(Boolean);
      expect(segments.length - 1).toBe(row.depth);
      expect(segments.at(-1)).toBe(String(row.id));
    }
  });
});

describe('unit details, regions, merge and history', () => {
  it('ships 38 provinces and 514 regencies/cities with Kemendagri codes, searchable', async () => {
    const provinces = await service().listRegions({ kind: 'province' });
    expect(provinces).toHaveLength(38);
    expect(provinces.find((region) => region.code === '73')?.name).toBe('Sulawesi Selatan');
    expect(await service().listRegions({ kind: 'regency' })).toHaveLength(514);
    const bogor = await service().listRegions({ q: 'bogor' });
    expect(bogor.map((region) => region.code).sort()).toEqual(['32.01', '32.71']);
    expect(
      (await service().listRegions({ provinceCode: '36', kind: 'regency' })).every((region) =>
        region.code.startsWith('36.'),
      ),
    ).toBe(true);
  });

  it('a DPD takes a province, a DPC a regency, a PSP its company and sector', async () => {
    expect(
      (
        await service().updateUnitDetails(actor, tree.dpdA, {
          regionCode: '32',
          disnakerNumber: 'No. 568/DPD/2001',
        })
      ).regionName,
    ).toBe('Jawa Barat');
    await expectCode(
      service().updateUnitDetails(actor, tree.dpdA, { regionCode: '32.01' }),
      'validation_failed',
    );
    expect((await service().updateUnitDetails(actor, tree.dpcA1, { regionCode: '32.01' })).regionName).toBe(
      'Kabupaten Bogor',
    );
    await expectCode(
      service().updateUnitDetails(actor, tree.dpcA1, { regionCode: '99.99' }),
      'validation_failed',
    );
    await expectCode(
      service().updateUnitDetails(actor, tree.dpcA1, { sector: 'garmen' }),
      'validation_failed',
    );
    const psp = await service().updateUnitDetails(actor, tree.pspA1x, {
      companyName: 'PT Garmen Sejahtera',
      sector: 'garmen',
      foundedOn: '2003-04-01',
    });
    expect(psp).toMatchObject({
      companyName: 'PT Garmen Sejahtera',
      sector: 'garmen',
      foundedOn: '2003-04-01',
    });
  });

  it('merges a PSP into another: members move with dated history, the source stays as merged', async () => {
    const other = await service().createUnit(actor, {
      parentId: tree.dpcA1,
      name: 'PSP PT Tekstil Bogor',
      code: 'PSP-3201-009',
      level: 'PSP',
    });
    const { id: memberId } = await test.db
      .insertInto('members')
      .values({
        member_number: 'MRG-1',
        full_name: 'Lina',
        sex: 'P',
        gender_self: null,
        birth_year: null,
        phone: null,
        email: null,
        home_unit_id: other.id,
        employer: null,
        job_title: null,
        joined_on: '2020-01-01',
        status: 'aktif',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await test.db
      .insertInto('member_status_history')
      .values({
        member_id: memberId,
        status: 'aktif',
        unit_id: other.id,
        valid_from: '2020-01-01',
        reason: null,
        recorded_by: null,
      })
      .execute();
    const merged = await service().mergeUnit(actor, other.id, tree.pspA1x, '2026-11-22');
    expect(merged.active).toBe(false);
    expect((await service().getUnitDetails(actor, other.id)).mergedIntoId).toBe(tree.pspA1x);
    const member = await test.db
      .selectFrom('members')
      .select('home_unit_id')
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    expect(member.home_unit_id).toBe(tree.pspA1x);
    const history = await test.db
      .selectFrom('member_status_history')
      .select(['unit_id', 'valid_from', 'reason'])
      .where('member_id', '=', memberId)
      .orderBy('valid_from')
      .execute();
    expect(history).toEqual([
      { unit_id: other.id, valid_from: '2020-01-01', reason: null },
      { unit_id: tree.pspA1x, valid_from: '2026-11-22', reason: 'merge' },
    ]);
    expect((await service().unitHistory(actor, other.id)).items.map((event) => event.kind)).toEqual([
      'merged',
      'created',
    ]);
    expect((await service().unitHistory(actor, tree.pspA1x)).items[0]).toMatchObject({
      kind: 'absorbed',
      occurredOn: '2026-11-22',
    });
    await expectCode(service().mergeUnit(actor, tree.dpdA, tree.dpcA1, '2026-10-01'), 'validation_failed');
    await expectCode(service().mergeUnit(actor, tree.dpdA, tree.dpdA, '2026-10-01'), 'unit_cycle');
  });
});
