import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { canaryForms, pgDump, rowDump } from '../../test/dumps.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { actorOf, reportAt, seedCaseTeam, tinyPng } from './cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
});
afterAll(async () => {
  await test.drop();
});

describe('case content is encrypted at rest', () => {
  it('no canary planted in a report, messages, notes, files or reasons appears in a database dump', async () => {
    const team = await seedCaseTeam(ctx, tree);
    const canaries = {
      narrative: 'KANARI-NARASI-7Q2X',
      named: 'KANARI-TERLAPOR-9W1Z',
      contact: 'KANARI-KONTAK-3P8M',
      reporterMessage: 'KANARI-PESAN-PELAPOR-4K7T',
      teamMessage: 'KANARI-PESAN-TIM-6D2R',
      note: 'KANARI-CATATAN-1H5V',
      file: 'KANARI-BERKAS-8J3N',
      fileName: 'KANARI-NAMA-BERKAS-2B6C',
      reason: 'KANARI-ALASAN-5F9L',
      recipient: 'KANARI-RUJUKAN-0S4G',
    };
    const service = ctx.services.casesService;
    const { caseId, receipt } = await service.submitReport(
      reportAt(tree.pspA1x, {
        narrative: `Kejadian: ${canaries.narrative}`,
        namedName: canaries.named,
        contactValue: canaries.contact,
      }),
      [{ name: `${canaries.fileName}.png`, data: Buffer.concat([tinyPng, Buffer.from(canaries.file)]) }],
    );
    await service.addReporterMessage(caseId, canaries.reporterMessage, []);
    const coordinator = await actorOf(ctx, team.coordinatorA.userId);
    await service.sendMessage(coordinator, caseId, canaries.teamMessage);
    await service.addNote(coordinator, caseId, canaries.note);
    await service.recordConsent(coordinator, caseId, {
      route: 'rujukan_satgas_ppks',
      status: 'given',
      note: canaries.reason,
    });
    await service.addReferral(coordinator, caseId, {
      service: 'rujukan_satgas_ppks',
      referredOn: '2026-11-22',
      recipient: canaries.recipient,
    });
    await service.transition(coordinator, caseId, { to: 'triage', reason: canaries.reason });
    // The content is really there, readable through the service.
    const detail = await service.getCase(coordinator, caseId);
    expect(detail.narrative).toContain(canaries.narrative);
    expect(detail.messages?.map((message) => message.body)).toContain(canaries.teamMessage);

    const { rows } = await sql<{
      major: number;
    }>`SELECT current_setting('server_version_num')::int / 10000 AS major`.execute(ctx.db);
    const dumps = [await rowDump(ctx.db)];
    const pgDumped = await pgDump(test.url, rows[0]!.major);
    if (pgDumped !== null) dumps.push(pgDumped);
    for (const dump of dumps) {
      expect(dump).toContain(caseId);
      for (const [field, canary] of Object.entries(canaries))
        for (const form of canaryForms(canary))
          expect(dump.includes(form), `${field} as ${form}`).toBe(false);
      expect(dump).not.toContain(receipt.replace(/ /g, ''));
      expect(dump).not.toContain(receipt);
    }
  });
});
