import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportInput } from '../../../shared/contracts/cases.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import type { CasesService } from './cases.service.ts';
import { actorOf, reportAt, seedCaseTeam } from './cases.test-support.ts';
import { matchKeys } from './escrow.ts';
import type { EscrowService } from './escrow.service.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let cases: CasesService;
let escrow: EscrowService;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;
let reporterNumber = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  team = await seedCaseTeam(ctx, tree);
  cases = ctx.services.casesService;
  escrow = ctx.services.escrowService;
});
afterAll(async () => {
  await test.drop();
});

const actor = (worker: { userId: string }) => actorOf(ctx, worker.userId);

/** A report from a new reporter (her own WhatsApp number) naming a person; sealed unless told. */
function namedReport(named: Partial<ReportInput>, overrides: Partial<ReportInput> = {}): ReportInput {
  reporterNumber += 1;
  return reportAt(tree.pspA1x, {
    namedName: null,
    namedWorkplace: null,
    contactValue: `0813000${String(reporterNumber).padStart(5, '0')}`,
    sealUntilMatch: true,
    ...named,
    ...overrides,
  });
}

const row = (id: string) =>
  ctx.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Every way a staff member could come across a case: its page, links, and both list scopes. */
async function staffSees(worker: { userId: string }, id: string): Promise<boolean> {
  const who = await actor(worker);
  const lists = [
    ...(await cases.listCases(who, { scope: 'unit', sort: 'deadline', limit: 100 } as never)).items,
    ...(await cases.listCases(who, { scope: 'mine', sort: 'deadline', limit: 100 } as never)).items,
  ];
  const inList = lists.some((item) => item.id === id);
  const page = await cases.getCase(who, id).then(
    () => true,
    (error: { code?: string }) => {
      expect(error.code).toBe('not_found');
      return false;
    },
  );
  const links = await escrow.linkedCases(who, id).then(
    () => true,
    (error: { code?: string }) => {
      expect(error.code).toBe('not_found');
      return false;
    },
  );
  expect(inList).toBe(page);
  expect(links).toBe(page);
  return page;
}

describe('a sealed report', () => {
  it('is invisible to the DPD and the DPP team, has no deadline, and tells the reporter it is sealed', async () => {
    const { caseId } = await cases.submitReport(
      namedReport({ namedName: 'Hendra Wijaya', namedWorkplace: 'PT Tekstil Makmur' }),
      [],
    );
    const stored = await row(caseId);
    expect(stored.escrow).toBe('sealed');
    expect(stored.next_deadline_at).toBeNull();
    for (const worker of [team.coordinatorA, team.coordinatorRoot, team.coordinatorB, team.handlerA])
      expect(await staffSees(worker, caseId)).toBe(false);
    const view = await cases.reporterView(caseId);
    expect(view).toMatchObject({ escrow: 'sealed', matched: false });
  });

  it('needs something to match on', async () => {
    await expect(cases.submitReport(namedReport({ namedName: 'Hanya Nama' }), [])).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('matching', () => {
  it('two sealed reports naming the same person in different spellings open both at DPP, linked', async () => {
    const first = await cases.submitReport(
      namedReport({ namedName: 'Bapak Moch. Soedjono', namedWorkplace: 'PT Sinar Djaya Tbk' }),
      [],
    );
    expect(await staffSees(team.coordinatorRoot, first.caseId)).toBe(false);
    const second = await cases.submitReport(
      namedReport({ namedName: 'Muhammad Sujono, S.E.', namedWorkplace: 'Sinar Jaya' }),
      [],
    );
    for (const id of [first.caseId, second.caseId]) {
      const stored = await row(id);
      expect(stored).toMatchObject({
        escrow: 'opened',
        handling_unit_id: tree.root,
        routing_reason: 'escrow_match',
      });
      expect(stored.next_deadline_kind).toBe('first_contact');
      expect(await staffSees(team.coordinatorRoot, id)).toBe(true);
      // The place's DPD team never sees them: DPP handles a match.
      expect(await staffSees(team.coordinatorA, id)).toBe(false);
      expect(await cases.reporterView(id)).toMatchObject({ escrow: 'opened', matched: true });
    }
    const links = await escrow.linkedCases(await actor(team.coordinatorRoot), first.caseId);
    expect(links.map((link) => link.id)).toEqual([second.caseId]);
    expect(links[0]).toMatchObject({ reason: 'escrow_match', handlingUnit: { id: tree.root } });
    // Audited without identifiers; the DPP coordinators get a notice without content.
    const audits = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case.escrow_open')
      .where('object_id', 'in', [first.caseId, second.caseId])
      .execute();
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits).toLowerCase()).not.toMatch(/sujono|soedjono|sinar/);
    const mail = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'koordinator.dpp@spn.test')
      .execute();
    expect(mail.length).toBeGreaterThan(0);
    expect(JSON.stringify(mail).toLowerCase()).not.toMatch(/sujono|soedjono|sinar|K-20/i);
  });

  it('a phone number written 08… and +62… matches; an employee number with spaces and leading zeros too', async () => {
    const a = await cases.submitReport(namedReport({ namedPhone: '0812-7777-0001' }), []);
    const b = await cases.submitReport(namedReport({ namedPhone: '+62 812 7777 0001' }), []);
    expect((await row(a.caseId)).escrow).toBe('opened');
    expect((await row(b.caseId)).escrow).toBe('opened');
    // Once opened, the DPP team reads the number as the reporter wrote it (sealed in the case content).
    const opened = await cases.getCase(await actor(team.coordinatorRoot), a.caseId);
    expect(opened.namedPerson?.phone).toBe('0812-7777-0001');
    const c = await cases.submitReport(
      namedReport({ namedEmployeeNumber: '000 4711', namedWorkplace: 'PT Karya Abadi' }),
      [],
    );
    const d = await cases.submitReport(
      namedReport({ namedEmployeeNumber: '4711', namedWorkplace: 'Karya Abadi' }),
      [],
    );
    expect((await row(c.caseId)).escrow).toBe('opened');
    expect((await row(d.caseId)).escrow).toBe('opened');
  });

  it('different people do not match', async () => {
    const a = await cases.submitReport(
      namedReport({ namedName: 'Agus Salim', namedWorkplace: 'PT Baja Kuat' }),
      [],
    );
    const b = await cases.submitReport(
      namedReport({ namedName: 'Agus Halim', namedWorkplace: 'PT Baja Kuat' }),
      [],
    );
    const c = await cases.submitReport(
      namedReport({ namedName: 'Agus Salim', namedWorkplace: 'PT Baja Lemah' }),
      [],
    );
    for (const id of [a.caseId, b.caseId, c.caseId]) expect((await row(id)).escrow).toBe('sealed');
  });

  it('the same reporter twice does not match, whichever way she writes her number', async () => {
    const named = { namedName: 'Rudi Hartono', namedWorkplace: 'PT Sepatu Bagus' };
    const a = await cases.submitReport(namedReport(named, { contactValue: '0857 1234 0000' }), []);
    const b = await cases.submitReport(
      namedReport(
        { namedName: 'Roedi Hartono', namedWorkplace: 'Sepatu Bagus' },
        { contactValue: '+62857-1234-0000' },
      ),
      [],
    );
    expect((await row(a.caseId)).escrow).toBe('sealed');
    expect((await row(b.caseId)).escrow).toBe('sealed');
    // Someone else naming him opens all three.
    const c = await cases.submitReport(namedReport(named), []);
    for (const id of [a.caseId, b.caseId, c.caseId]) expect((await row(id)).escrow).toBe('opened');
  });

  it('a withdrawn report never matches and keeps no tokens; an opened one cannot be withdrawn', async () => {
    const named = { namedName: 'Darmawan Putra', namedWorkplace: 'PT Kayu Jati' };
    const a = await cases.submitReport(namedReport(named), []);
    expect(
      await ctx.db.selectFrom('case_match_tokens').selectAll().where('case_id', '=', a.caseId).execute(),
    ).not.toEqual([]);
    await escrow.withdraw(a.caseId);
    expect(
      await ctx.db.selectFrom('case_match_tokens').selectAll().where('case_id', '=', a.caseId).execute(),
    ).toEqual([]);
    expect(
      await ctx.db.selectFrom('case_match_reporters').selectAll().where('case_id', '=', a.caseId).execute(),
    ).toEqual([]);
    expect(await cases.reporterView(a.caseId)).toMatchObject({ escrow: 'withdrawn', state: 'closed' });
    const b = await cases.submitReport(namedReport(named), []);
    expect((await row(a.caseId)).escrow).toBe('withdrawn');
    expect((await row(b.caseId)).escrow).toBe('sealed');
    expect(await staffSees(team.coordinatorRoot, a.caseId)).toBe(false);
    await expect(escrow.withdraw(a.caseId)).rejects.toMatchObject({ code: 'conflict' });
    const c = await cases.submitReport(namedReport(named), []);
    expect((await row(b.caseId)).escrow).toBe('opened');
    await expect(escrow.withdraw(c.caseId)).rejects.toMatchObject({ code: 'conflict' });
    await expect(escrow.withdraw('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('a sealed report meeting an ordinary open case opens at DPP; the open case moves to DPP, linked', async () => {
    const named = { namedName: 'Slamet Riyadi', namedWorkplace: 'PT Roti Enak' };
    const open = await cases.submitReport(namedReport(named, { sealUntilMatch: false }), []);
    expect((await row(open.caseId)).handling_unit_id).toBe(tree.dpdA);
    expect(await staffSees(team.coordinatorA, open.caseId)).toBe(true);
    const sealed = await cases.submitReport(
      namedReport({ namedName: 'Slamet Rijadi', namedWorkplace: 'Roti Enak' }),
      [],
    );
    expect(await row(sealed.caseId)).toMatchObject({ escrow: 'opened', handling_unit_id: tree.root });
    expect(await row(open.caseId)).toMatchObject({
      escrow: null,
      handling_unit_id: tree.root,
      routing_reason: 'escrow_match',
    });
    const root = await actor(team.coordinatorRoot);
    expect((await escrow.linkedCases(root, sealed.caseId)).map((link) => link.id)).toEqual([open.caseId]);
    expect((await escrow.linkedCases(root, open.caseId)).map((link) => link.id)).toEqual([sealed.caseId]);
    expect(await cases.reporterView(open.caseId)).toMatchObject({ matched: true, escrow: null });
  });

  it('a staff intake naming the person opens a sealed report; intakes are never sealed', async () => {
    const sealed = await cases.submitReport(namedReport({ namedPhone: '0821 5555 9999' }), []);
    const { case: intake } = await cases.intake(await actor(team.coordinatorB), {
      ...namedReport({ namedPhone: '+6282155559999' }, { placeUnitId: tree.dpcB1 }),
      channel: 'telepon',
    });
    expect((await row(intake.id)).escrow).toBeNull();
    expect((await row(sealed.caseId)).escrow).toBe('opened');
    // The linked list shows only what the caller can see: Banten's coordinator lost the intake to DPP.
    expect(await staffSees(team.coordinatorB, intake.id)).toBe(false);
    expect((await escrow.linkedCases(await actor(team.coordinatorRoot), intake.id)).map((l) => l.id)).toEqual(
      [sealed.caseId],
    );
  });

  it('the link list leaves out a linked case the caller cannot see', async () => {
    const named = { namedName: 'Wawan Setiawan', namedWorkplace: 'PT Kertas Putih' };
    // A closed ordinary case stays at its DPD; the DPP coordinator does not see it, so no link is shown.
    const open = await cases.submitReport(namedReport(named, { sealUntilMatch: false }), []);
    await ctx.db
      .updateTable('cases')
      .set({ state: 'closed', closing_reason: 'selesai' })
      .where('id', '=', open.caseId)
      .execute();
    const sealed = await cases.submitReport(namedReport(named), []);
    expect((await row(sealed.caseId)).escrow).toBe('opened');
    expect((await row(open.caseId)).handling_unit_id).toBe(tree.dpdA);
    expect(await escrow.linkedCases(await actor(team.coordinatorRoot), sealed.caseId)).toEqual([]);
    expect(await escrow.linkedCases(await actor(team.coordinatorA), open.caseId)).toEqual([]);
  });
});

describe('tokens at rest', () => {
  it('cannot be tested with a guess computed without the key', async () => {
    const named = { namedName: 'Bambang Pamungkas', namedWorkplace: 'PT Bola Emas' };
    const { caseId } = await cases.submitReport(namedReport(named, { namedPhone: '081299990000' }), []);
    const stored = await ctx.db
      .selectFrom('case_match_tokens')
      .selectAll()
      .where('case_id', '=', caseId)
      .execute();
    expect(stored.map((token) => token.kind).sort()).toEqual(['name_workplace', 'phone']);
    const guesses = matchKeys({
      name: named.namedName,
      workplace: named.namedWorkplace,
      phone: '081299990000',
    }).flatMap(({ kind, value }) => [
      createHash('sha256').update(value).digest('hex'),
      createHash('sha256').update(`escrow-match:${kind}\0${value}`).digest('hex'),
      createHmac('sha256', randomBytes(32)).update(`escrow-match:${kind}\0${value}`).digest('hex'),
      createHmac('sha256', ctx.masterKey.key).update(`escrow-match:${kind}\0${value}`).digest('hex'),
    ]);
    const tokens = new Set(stored.map((token) => token.token));
    for (const guess of guesses) expect(tokens.has(guess)).toBe(false);
  });
});
