import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { commitmentRepository } from './commitment.repository.ts';

/**
 * The public counters of /komitmen (issue 13 "Privacy"): people with an open signature of the active
 * version, per DPD by the signer's unit anywhere in its subtree; people under no DPD in a row of their own;
 * withdrawn, invalidated and superseded signatures and unit acts never counted.
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
});
afterAll(() => test.drop());

describe('public counters by DPD', () => {
  it('counts open signatures of people per DPD subtree, people under no DPD apart, nothing else', async () => {
    const version = await test.db
      .selectFrom('commitment_versions')
      .select('id')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    let n = 0;
    const sign = async (unitId: number, status: string, count: number) => {
      for (let index = 0; index < count; index += 1) {
        n += 1;
        await test.db
          .insertInto('commitment_signatures')
          .values({
            version_id: version.id,
            kind: 'person',
            unit_id: unitId,
            person_name: `Penanda tangan ${n}`,
            signed_on: '2025-11-16',
            channel: 'public',
            status,
            status_reason: status === 'invalidated' ? 'ganda' : null,
          })
          .execute();
      }
    };
    // Jawa Barat: 4 at a PSP two levels down, 2 at the DPD itself, 1 pending; withdrawn and invalidated
    // ones do not count.
    await sign(tree.pspA1x, 'valid', 4);
    await sign(tree.dpdA, 'valid', 2);
    await sign(tree.dpcA1, 'pending', 1);
    await sign(tree.pspA1x, 'withdrawn', 3);
    await sign(tree.pspA1x, 'invalidated', 1);
    await sign(tree.dpcB1, 'valid', 5);
    // Signed at the DPP: under no DPD.
    await sign(tree.root, 'valid', 2);
    await sign(tree.root, 'superseded', 2);
    // A unit's adoption is an act, not a person.
    await test.db
      .insertInto('commitment_signatures')
      .values({
        version_id: version.id,
        kind: 'unit',
        unit_id: tree.dpdB,
        forum: 'Rapat Pleno',
        verification_code: '0123456789AB',
        signed_on: '2025-11-16',
        channel: 'staff',
        status: 'valid',
      })
      .execute();
    const rows = await commitmentRepository.peopleByRegion(test.db, version.id);
    expect(rows).toEqual([
      { id: tree.dpdB, name: 'DPD Banten', count: 5 },
      { id: tree.dpdA, name: 'DPD Jawa Barat', count: 7 },
      { id: null, name: null, count: 2 },
    ]);
  });
});
