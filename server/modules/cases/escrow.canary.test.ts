import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { canaryForms, pgDump, rowDump } from '../../test/dumps.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { reportAt, seedCaseTeam } from './cases.test-support.ts';
import {
  matchKeys,
  normaliseEmployeeNumber,
  normaliseName,
  normalisePhone,
  normaliseReporterContact,
  normaliseWorkplace,
} from './escrow.ts';

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

describe('escrow identifiers are never stored in clear', () => {
  it('no named identifier, in its given or normalised form, appears in a database dump', async () => {
    const team = await seedCaseTeam(ctx, tree);
    const named = {
      namedName: 'Bapak Kanari Soedjatmiko',
      namedWorkplace: 'PT Kanariwerk Djaja Tbk',
      namedPhone: '0812 9876 5432',
      namedEmployeeNumber: 'KNR-0098765',
    };
    const service = ctx.services.casesService;
    // One sealed report, then a second from someone else: both open and are linked.
    const first = await service.submitReport(
      reportAt(tree.pspA1x, { ...named, sealUntilMatch: true, contactValue: '0856 1111 0001' }),
      [],
    );
    const second = await service.submitReport(
      reportAt(tree.pspA1x, {
        namedName: 'Kanari Sudjatmiko',
        namedWorkplace: 'Kanariwerk Jaya',
        sealUntilMatch: true,
        contactValue: '0856 1111 0002',
      }),
      [],
    );
    const stored = await ctx.db
      .selectFrom('cases')
      .select(['id', 'escrow'])
      .where('id', 'in', [first.caseId, second.caseId])
      .execute();
    expect(stored.map((row) => row.escrow)).toEqual(['opened', 'opened']);
    // The identifiers are really kept (sealed) for the team.
    const detail = await service.getCase(
      {
        userId: team.coordinatorRoot.userId,
        label: 'dpp',
        requestId: 'test',
        language: 'id',
        principal: {
          userId: team.coordinatorRoot.userId,
          grants: [{ role: 'case_coordinator', unitId: tree.root, unitPath: `/${tree.root}/` }],
        },
      },
      first.caseId,
    );
    expect(detail.namedPerson?.name).toBe(named.namedName);

    const secrets = [
      named.namedName,
      'Soedjatmiko',
      'Sudjatmiko',
      'Kanariwerk',
      normaliseName(named.namedName)!,
      normaliseWorkplace(named.namedWorkplace)!,
      normalisePhone(named.namedPhone)!,
      normalisePhone(named.namedPhone)!.slice(1),
      '081298765432',
      normaliseEmployeeNumber(named.namedEmployeeNumber)!,
      named.namedEmployeeNumber,
      normaliseReporterContact('whatsapp', '0856 1111 0001')!,
      '+6285611110001',
      ...matchKeys({
        name: named.namedName,
        workplace: named.namedWorkplace,
        phone: named.namedPhone,
        employeeNumber: named.namedEmployeeNumber,
      }).map((key) => key.value),
    ];
    const { rows } = await sql<{
      major: number;
    }>`SELECT current_setting('server_version_num')::int / 10000 AS major`.execute(ctx.db);
    const dumps = [await rowDump(ctx.db)];
    const pgDumped = await pgDump(test.url, rows[0]!.major);
    if (pgDumped !== null) dumps.push(pgDumped);
    for (const dump of dumps) {
      expect(dump).toContain(first.caseId);
      expect(dump).toContain('escrow_match');
      const lower = dump.toLowerCase();
      for (const secret of secrets) {
        expect(lower.includes(secret.toLowerCase()), secret).toBe(false);
        for (const form of canaryForms(secret).slice(1))
          expect(dump.includes(form), `${secret} as ${form}`).toBe(false);
      }
    }
  });
});
