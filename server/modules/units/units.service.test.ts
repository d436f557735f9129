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
