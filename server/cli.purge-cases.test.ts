import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsItems } from '../shared/case-taxonomy.ts';
import { actorOf, reportAt, seedCaseTeam } from './modules/cases/cases.test-support.ts';
import { createTestDatabase, type TestDatabase } from './test/database.ts';
import { createTestContext, seedTree, type TestContext } from './test/helpers.ts';

let test: TestDatabase;
let ctx: TestContext;
const ids = { old: '', recent: '' };

/** `setara …` against the test database, with the test context's master key. */
function setara(args: string[]) {
  const result = spawnSync(process.execPath, [path.resolve('bin/setara.mjs'), ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: test.url,
      SETARA_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'setara-purge-')),
      SETARA_MASTER_KEY: ctx.masterKey.key.toString('base64'),
      LOG_LEVEL: 'silent',
    },
    timeout: 60_000,
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  const tree = await seedTree(ctx);
  const team = await seedCaseTeam(ctx, tree);
  const coordinator = await actorOf(ctx, team.coordinatorA.userId);
  for (const key of ['old', 'recent'] as const) {
    const { caseId } = await ctx.services.casesService.submitReport(
      reportAt(tree.pspA1x, { narrative: 'KANARI-CLI-NARASI' }),
      [],
    );
    await ctx.services.casesService.reviewRights(coordinator, caseId, {
      items: rightsItems.map((item) => ({ item, status: 'diberikan' as const })),
    });
    await ctx.services.casesService.transition(coordinator, caseId, {
      to: 'closed',
      reason: 'Ditarik',
      closingReason: 'ditarik_korban',
    });
    ids[key] = caseId;
  }
  // The CLI runs on the real clock: one case closed long ago, one closed today.
  await ctx.db
    .updateTable('cases')
    .set({ closed_at: new Date('2020-01-15T00:00:00Z') })
    .where('id', '=', ids.old)
    .execute();
  await ctx.db.updateTable('cases').set({ closed_at: new Date() }).where('id', '=', ids.recent).execute();
}, 60_000);
afterAll(() => test.drop());

const purgedAt = async (id: string) =>
  (await ctx.db.selectFrom('cases').select('purged_at').where('id', '=', id).executeTakeFirstOrThrow())
    .purged_at;

describe('setara purge-cases', () => {
  it('--dry-run lists what would go (coded data only) and changes nothing; then purges once', async () => {
    const references = await ctx.db
      .selectFrom('cases')
      .select(['id', 'reference'])
      .where('id', 'in', [ids.old, ids.recent])
      .execute();
    const referenceOf = (id: string) => references.find((row) => row.id === id)?.reference ?? '';

    const dry = setara(['purge-cases', '--dry-run']);
    expect(dry.status, dry.out).toBe(0);
    expect(dry.out).toContain(`${referenceOf(ids.old)}  ditarik_korban  closed 2020-01-15  due 2021-01-15`);
    expect(dry.out).not.toContain(referenceOf(ids.recent));
    expect(dry.out).toContain('Dry run: 1 case(s) would be purged. Nothing changed.');
    expect(dry.out).not.toContain('KANARI');
    expect(await purgedAt(ids.old)).toBeNull();

    const run = setara(['purge-cases']);
    expect(run.status, run.out).toBe(0);
    expect(run.out).toContain('Purged 1 case(s)');
    expect(await purgedAt(ids.old)).not.toBeNull();
    expect(await purgedAt(ids.recent)).toBeNull();

    const again = setara(['purge-cases']);
    expect(again.out).toContain('Purged 0 case(s)');
  });

  it('refuses a bad batch size', () => {
    const bad = setara(['purge-cases', '--batch-size', '0']);
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/batch-size/);
  });
});
