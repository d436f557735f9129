import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createTestContext, type TestContext } from '../test/helpers.ts';
import { reportAt } from '../modules/cases/cases.test-support.ts';
import { DemoRefusedError, loadDemoData } from './demo-data.ts';

/** The demo never mixes synthetic data into an install that holds anything real (issue 18). */
let test: TestDatabase;
let ctx: TestContext;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  await ctx.services.unitsService.ensureRootUnit('DPP');
});
afterAll(() => test.drop());

describe('demo data on a live install', () => {
  it('refuses a fresh install that already took one public report, and writes nothing', async () => {
    await ctx.services.casesService.submitReport(reportAt(null), []);
    const error = await loadDemoData(test.db, { targetMembers: 10 }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DemoRefusedError);
    expect((error as Error).message).toContain('1 cases');
    expect(await test.db.selectFrom('members').select('id').execute()).toEqual([]);
    expect(await test.db.selectFrom('cases').select('id').execute()).toHaveLength(1);
    expect(await test.db.selectFrom('units').select('id').execute()).toHaveLength(1);
  });
});
