import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createMember, createTestContext, seedTree, type TestContext, type Tree } from '../test/helpers.ts';
import { loadDemoCommitment } from './demo-commitment.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  for (let index = 0; index < 10; index += 1)
    await createMember(ctx, { number: `D-${index}`, name: `Anggota ${index}`, unitId: tree.pspA1x });
});
afterAll(async () => {
  await test.drop();
});

describe('demo Joint Commitment', () => {
  it('v1 is adopted by DPP and every DPD, co-signed by PSPs, and signed by two in five members of the first DPD', async () => {
    const result = await loadDemoCommitment(test.db);
    const rows = await test.db.selectFrom('commitment_signatures').selectAll().execute();
    const units = rows.filter((row) => row.kind === 'unit').map((row) => row.unit_id);
    expect(units.sort()).toEqual([tree.root, tree.dpdA, tree.dpdB].sort());
    expect(rows.filter((row) => row.kind === 'psp_company').map((row) => row.unit_id)).toEqual([tree.pspA1x]);
    expect(rows.filter((row) => row.kind === 'member')).toHaveLength(4);
    expect(result).toEqual({ adoptions: 4, signatures: 4 });
    // Every signature has its history row.
    const events = await test.db.selectFrom('commitment_signature_events').select('signature_id').execute();
    expect(events).toHaveLength(rows.length);
  });
});
