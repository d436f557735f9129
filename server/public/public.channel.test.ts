import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../shared/locales/en/public.json';
import id from '../../shared/locales/id/public.json';
import { createCaseWorker } from '../modules/cases/cases.test-support.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import { createTestApp, createTestContext, seedTree, type TestContext, type Tree } from '../test/helpers.ts';
import { postForm, receiptPattern, reportFields } from './public.test-support.ts';

/**
 * issue 18: /lapor is live from the first start. Until a case coordinator exists at the top unit it
 * promises no deadline — it says the channel is being set up — and still takes the report.
 */
let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

/** Text of the page with tags removed and entities of quotes undone, for plain-text assertions. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
const promise = id.next.items[2]!;

describe('/lapor before and after the case team exists', () => {
  it('on a fresh install says the channel is being set up, in id and en, and promises no deadline', async () => {
    const page = text((await app.inject({ url: '/lapor' })).body);
    expect(page).toContain(id.settingUp.heading);
    expect(page).toContain(id.settingUp.text);
    expect(page).not.toContain(promise);
    const english = text((await app.inject({ url: '/lapor?lang=en' })).body);
    expect(english).toContain(en.settingUp.heading);
    expect(english).not.toContain(en.next.items[2]!);
  });

  it('still accepts the report, and its receipt page promises no date', async () => {
    const before = await test.db.selectFrom('cases').select('id').execute();
    const response = await postForm(app, { formPage: '/lapor', url: '/lapor', fields: reportFields() });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(receiptPattern);
    const page = text(response.body);
    expect(page).toContain(id.receipt.settingUp);
    expect(page).not.toContain(id.receipt.firstContact.split('{{date}}')[1]!.trim().slice(0, 40));
    expect(await test.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length + 1);
  });

  it('once DPP has a case coordinator, promises first contact within 2 × 24 hours again', async () => {
    await createCaseWorker(ctx, {
      email: 'koordinator.dpp@spn.test',
      homeUnitId: tree.root,
      grants: [{ role: 'case_coordinator', unitId: tree.root }],
    });
    const page = text((await app.inject({ url: '/lapor' })).body);
    expect(page).toContain(promise);
    expect(page).not.toContain(id.settingUp.heading);
    const response = await postForm(app, { formPage: '/lapor', url: '/lapor', fields: reportFields() });
    const receipt = text(response.body);
    expect(receipt).not.toContain(id.receipt.settingUp);
    expect(receipt).toContain(id.receipt.firstContact.split('{{date}}')[1]!.trim().slice(0, 40));
  });
});
