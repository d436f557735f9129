import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsItems } from '../../../shared/case-taxonomy.ts';
import { createServices } from '../../app.ts';
import {
  checkMasterKeyFingerprint,
  createKeyring,
  generateMasterKey,
  rotateMasterKey,
} from '../../platform/crypto.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestContext,
  seedTree,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import type { CasesService } from './cases.service.ts';
import {
  actorOf,
  createCaseWorker,
  makeOfficer,
  reportAt,
  seedCaseTeam,
  tinyPng,
} from './cases.test-support.ts';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let service: CasesService;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;

const allRights = rightsItems.map((item) => ({ item, status: 'diberikan' as const }));

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  team = await seedCaseTeam(ctx, tree);
  // The service under test, without the lookup floor's real sleep.
  service = ctx.services.casesService;
});
afterAll(async () => {
  await test.drop();
});

const actor = (worker: { userId: string }) => actorOf(ctx, worker.userId);

describe('public reporting', () => {
  it('routes a report from a PSP to its DPD, hands out a 16-digit receipt and stores no receipt in clear', async () => {
    const { caseId, receipt, firstContactDueAt } = await service.submitReport(reportAt(tree.pspA1x), []);
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(firstContactDueAt.getTime() - ctx.clock.now().getTime()).toBe(48 * 3_600_000);
    const row = await ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.handling_unit_id).toBe(tree.dpdA);
    expect(row.routing_reason).toBe('place_dpd');
    expect(JSON.stringify(row)).not.toContain(receipt.replace(/ /g, ''));
    expect(row.next_deadline_kind).toBe('first_contact');
    expect(await service.findCaseByReceipt(receipt)).toBe(caseId);
    expect(await service.findCaseByReceipt(receipt.replace(/ /g, '-'))).toBe(caseId);
  });

  it('a receipt keeps working after the master key is rotated', async () => {
    const { caseId, receipt } = await service.submitReport(reportAt(tree.pspA1x), []);
    const newKey = generateMasterKey();
    await checkMasterKeyFingerprint(ctx.db, ctx.masterKey, 'test');
    await rotateMasterKey(ctx.db, ctx.masterKey, newKey);
    const afterRotation = createServices({
      config: ctx.config,
      db: ctx.db,
      databaseUrl: ctx.databaseUrl,
      keyring: createKeyring(ctx.db, newKey),
      mailer: ctx.mailer,
      clock: ctx.clock,
    }).casesService;
    expect(await afterRotation.findCaseByReceipt(receipt)).toBe(caseId);
    expect((await afterRotation.reporterView(caseId)).state).toBe('received');
    await rotateMasterKey(ctx.db, newKey, ctx.masterKey);
  });

  it('answers null for a wrong or malformed receipt, and takes at least the floor either way', async () => {
    const { receipt } = await service.submitReport(reportAt(tree.pspA1x), []);
    const wrong = receipt.slice(0, -1) + ((Number(receipt.at(-1)) + 1) % 10);
    const started = Date.now();
    expect(await service.findCaseByReceipt(wrong)).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    expect(await service.findCaseByReceipt('12345')).toBeNull();
  });

  it('sends unknown places and reports that ask for DPP to DPP, and DPD officers to DPP', async () => {
    const rows = await Promise.all([
      service.submitReport(reportAt(null), []),
      service.submitReport(reportAt(tree.pspA1x, { asksDpp: true }), []),
      service.submitReport(
        reportAt(tree.pspA1x, { relationship: 'pengurus_serikat', namedOffice: 'DPD' }),
        [],
      ),
    ]);
    const stored = await ctx.db
      .selectFrom('cases')
      .select(['id', 'handling_unit_id', 'routing_reason'])
      .where(
        'id',
        'in',
        rows.map((row) => row.caseId),
      )
      .execute();
    expect(stored.map((row) => row.handling_unit_id)).toEqual([tree.root, tree.root, tree.root]);
    expect(stored.map((row) => row.routing_reason).sort()).toEqual(
      ['asked_dpp', 'named_officer_dpd_or_above', 'place_unknown'].sort(),
    );
  });

  it('shows the reporter the state, next step and the team’s messages, never internal notes', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    await service.addNote(coordinator, caseId, 'CATATAN-INTERNAL-RAHASIA');
    await service.sendMessage(coordinator, caseId, 'Kami sudah menerima laporan Ibu.');
    await service.addReporterMessage(caseId, 'Terima kasih, saya bisa ditelepon sore.', [
      { name: 'foto.png', data: tinyPng },
    ]);
    const view = await service.reporterView(caseId);
    expect(view.state).toBe('received');
    expect(view.nextStep?.kind).toBe('first_contact');
    expect(view.messages.map((message) => [message.from, message.body])).toEqual([
      ['team', 'Kami sudah menerima laporan Ibu.'],
      ['reporter', 'Terima kasih, saya bisa ditelepon sore.'],
    ]);
    expect(view.files.map((file) => [file.from, file.name])).toEqual([['reporter', 'foto.png']]);
    expect(JSON.stringify(view)).not.toContain('CATATAN-INTERNAL-RAHASIA');
  });

  it('refuses files whose bytes are not an accepted type, and writes nothing', async () => {
    const before = await ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      service.submitReport(reportAt(tree.pspA1x), [
        { name: 'foto.png', data: Buffer.from('MZ\x90\x00 not a png') },
      ]),
    ).rejects.toMatchObject({ code: 'unsupported_media_type' });
    await expect(
      service.submitReport(reportAt(tree.pspA1x), [
        { name: 'x.png', data: Buffer.alloc(11 * 1024 * 1024, 1) },
      ]),
    ).rejects.toMatchObject({ code: 'payload_too_large' });
    const after = await ctx.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('lists active DPDs for the public form', async () => {
    expect((await service.listReportingUnits()).map((unit) => unit.id).sort()).toEqual(
      [tree.dpdA, tree.dpdB].sort(),
    );
  });
});

describe('need-to-know access', () => {
  it('the DPD coordinator sees her unit’s cases; other DPDs, DPP and unassigned handlers see nothing', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    const unitList = await service.listCases(coordinator, { scope: 'unit', sort: 'deadline', limit: 100 });
    expect(unitList.items.map((item) => item.id)).toContain(caseId);
    for (const outsider of [
      team.coordinatorB,
      team.handlerB,
      team.coordinatorRoot,
      team.handlerA,
      team.legalA,
    ]) {
      const who = await actor(outsider);
      await expect(service.getCase(who, caseId)).rejects.toMatchObject({ code: 'not_found' });
      for (const scope of ['mine', 'unit'] as const)
        expect(
          (await service.listCases(who, { scope, sort: 'deadline', limit: 100 })).items.map(
            (item) => item.id,
          ),
        ).not.toContain(caseId);
    }
  });

  it('a handler sees a case once assigned, and every read is logged by part', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    await service.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
    const handler = await actor(team.handlerA);
    const mine = await service.listCases(handler, { scope: 'mine', sort: 'deadline', limit: 100 });
    expect(mine.items.find((item) => item.id === caseId)?.myRoles).toEqual(['handler']);
    const detail = await service.getCase(handler, caseId);
    expect(detail.narrative).toContain('Supervisor saya');
    expect(detail.identity?.contactValue).toBe('081234567890');
    const log = await service.accessLog(coordinator, caseId);
    expect(
      log.items
        .filter((entry) => entry.user.id === team.handlerA.userId)
        .map((entry) => entry.part)
        .sort(),
    ).toEqual(['files', 'identity', 'messages', 'named_person', 'narrative', 'notes'].sort());
  });

  it('legal aid needs the survivor’s consent, sees only what advice needs, and loses access when it is withdrawn', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    await expect(
      service.assign(coordinator, caseId, { userId: team.legalA.userId, role: 'legal_aid' }),
    ).rejects.toMatchObject({ code: 'consent_required' });
    await service.recordConsent(coordinator, caseId, { route: 'bantuan_hukum', status: 'given', note: null });
    await service.assign(coordinator, caseId, { userId: team.legalA.userId, role: 'legal_aid' });
    const legal = await actor(team.legalA);
    const detail = await service.getCase(legal, caseId);
    expect(detail.myRoles).toEqual(['legal_aid']);
    expect(detail.narrative).not.toBeNull();
    expect(detail.identity).toBeNull();
    expect(detail.messages).toBeNull();
    expect(detail.notes).toBeNull();
    await expect(service.sendMessage(legal, caseId, 'Halo')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.accessLog(legal, caseId)).rejects.toMatchObject({ code: 'forbidden' });
    // Her reads of protective measures and referrals are logged too (issue 17), once there are any.
    const legalParts = async () =>
      (await service.accessLog(coordinator, caseId)).items
        .filter((entry) => entry.user.id === team.legalA.userId)
        .map((entry) => entry.part);
    expect(await legalParts()).not.toContain('referrals');
    await service.addMeasure(coordinator, caseId, {
      kind: 'larangan_kontak',
      status: 'berlaku',
      description: 'Terlapor dilarang menghubungi korban',
    });
    const withMeasure = await service.getCase(legal, caseId);
    expect(withMeasure.measures.map((measure) => measure.description)).toEqual([
      'Terlapor dilarang menghubungi korban',
    ]);
    expect((await legalParts()).filter((part) => part === 'referrals')).toHaveLength(1);
    await service.recordConsent(coordinator, caseId, {
      route: 'bantuan_hukum',
      status: 'withdrawn',
      note: null,
    });
    await expect(service.getCase(legal, caseId)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('conflicts of interest', () => {
  it('refuses the named person, officers of the named person’s PSP and anyone who recused', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    // The named person works at the PSP; a handler account is his; another handler is an officer there.
    const named = await createCaseWorker(ctx, {
      email: 'terlapor@spn.test',
      homeUnitId: tree.dpdA,
      grants: [
        { role: 'case_handler', unitId: tree.dpdA },
        { role: 'case_coordinator', unitId: tree.dpdA },
      ],
      sex: 'L',
      memberUnitId: tree.pspA1x,
    });
    const officer = await createCaseWorker(ctx, {
      email: 'ketua.psp@spn.test',
      homeUnitId: tree.dpdA,
      grants: [{ role: 'case_handler', unitId: tree.dpdA }],
      memberUnitId: tree.pspA1x,
    });
    await makeOfficer(ctx, officer.memberId, tree.pspA1x, 'Ketua PSP');
    // Before the link, the named person is simply the unit's coordinator.
    expect((await service.getCase(await actor(named), caseId)).myRoles).toContain('coordinator');
    await service.reroute(coordinator, caseId, {
      namedMemberId: named.memberId,
      reason: 'Terlapor dikenali',
    });
    await expect(service.getCase(await actor(named), caseId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      service.assign(coordinator, caseId, { userId: named.userId, role: 'handler' }),
    ).rejects.toMatchObject({ code: 'handler_conflict' });
    await expect(
      service.assign(coordinator, caseId, { userId: officer.userId, role: 'handler' }),
    ).rejects.toMatchObject({ code: 'handler_conflict' });
    const assignable = await service.assignable(coordinator, caseId);
    expect(assignable.items.find((item) => item.user.id === officer.userId)?.excluded).toBe(true);
    expect(assignable.items.find((item) => item.user.id === team.handlerA.userId)?.excluded).toBe(false);

    await service.assign(coordinator, caseId, { userId: team.handlerA2.userId, role: 'handler' });
    const handler = await actor(team.handlerA2);
    await service.recuse(handler, caseId, 'Saya saudara terlapor');
    await expect(service.getCase(handler, caseId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      service.assign(coordinator, caseId, { userId: team.handlerA2.userId, role: 'handler' }),
    ).rejects.toMatchObject({ code: 'handler_conflict' });
  });

  it('the coordinator finds member records for the named person inside the handling unit only', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const inside = await createMember(ctx, {
      number: 'SPN-BUDI-1',
      name: 'Budi Santoso',
      unitId: tree.pspA1x,
      sex: 'L',
    });
    await createMember(ctx, { number: 'SPN-BUDI-2', name: 'Budi Santosa', unitId: tree.dpcB1, sex: 'L' });
    const coordinator = await actor(team.coordinatorA);
    const found = await service.namedCandidates(coordinator, caseId, 'budi santos');
    expect(found.items.map((item) => item.id)).toEqual([inside]);
    expect(
      (await service.namedCandidates(coordinator, caseId, 'SPN-BUDI-1')).items.map((item) => item.id),
    ).toEqual([inside]);
    await service.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
    await expect(service.namedCandidates(await actor(team.handlerA), caseId, 'budi')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      service.namedCandidates(await actor(team.coordinatorB), caseId, 'budi'),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses a handler from another DPD, and respects the same-gender request', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x, { sameGenderHandler: true }), []);
    const coordinator = await actor(team.coordinatorA);
    await expect(
      service.assign(coordinator, caseId, { userId: team.handlerB.userId, role: 'handler' }),
    ).rejects.toMatchObject({ code: 'handler_not_eligible' });
    await expect(
      service.assign(coordinator, caseId, { userId: team.handlerA2.userId, role: 'handler' }),
    ).rejects.toMatchObject({ code: 'same_gender_required' });
    const assignable = await service.assignable(coordinator, caseId);
    expect(assignable.items.find((item) => item.user.id === team.handlerA.userId)?.sameGender).toBe(true);
    expect(assignable.items.find((item) => item.user.id === team.handlerA2.userId)?.sameGender).toBe(false);
    const detail = await service.assign(coordinator, caseId, {
      userId: team.handlerA.userId,
      role: 'handler',
    });
    expect(detail.sameGenderHandler).toBe(true);
    expect(detail.assignments.map((assignment) => assignment.user.id)).toEqual([team.handlerA.userId]);
  });

  it('linking a named person who is a DPD officer moves the case to DPP; the DPD team loses it', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    await service.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
    const dpdOfficer = await createMember(ctx, {
      number: 'SPN-DPD-KETUA',
      name: 'Ketua DPD',
      unitId: tree.pspA1x,
      sex: 'L',
    });
    await makeOfficer(ctx, dpdOfficer, tree.dpdA, 'Ketua DPD');
    await expect(
      service.reroute(coordinator, caseId, { namedMemberId: dpdOfficer, reason: 'Terlapor Ketua DPD' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const row = await ctx.db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row.handling_unit_id).toBe(tree.root);
    await expect(service.getCase(await actor(team.handlerA), caseId)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await service.getCase(await actor(team.coordinatorRoot), caseId)).namedPerson?.member?.name).toBe(
      'Ketua DPD',
    );
  });
});

describe('workflow and guard rails', () => {
  it('runs the SOP from received to closed, recording who, when and why', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x, { forms: ['KS02', 'KP01'] }), []);
    const coordinator = await actor(team.coordinatorA);
    await service.assign(coordinator, caseId, { userId: team.handlerA.userId, role: 'handler' });
    const handler = await actor(team.handlerA);
    ctx.clock.advance(3 * 3_600_000);
    let detail = await service.transition(handler, caseId, { to: 'triage', reason: 'Telepon pertama, aman' });
    expect(detail.firstContactAt).toBe(ctx.clock.now().toISOString());
    expect(detail.deadlines.find((d) => d.kind === 'first_contact')).toMatchObject({
      done: true,
      late: false,
    });
    await expect(
      service.transition(handler, caseId, {
        to: 'monitoring',
        reason: 'x-y-z',
        outcome: 'sanksi_perusahaan',
      }),
    ).rejects.toMatchObject({ code: 'transition_not_allowed' });
    await service.transition(handler, caseId, { to: 'handling', reason: 'Rencana disepakati' });
    await expect(
      service.transition(coordinator, caseId, {
        to: 'monitoring',
        reason: 'Damai',
        outcome: 'mediasi_damai',
      }),
    ).rejects.toMatchObject({ code: 'mediation_forbidden' });
    await service.transition(coordinator, caseId, {
      to: 'monitoring',
      reason: 'SP3 untuk pelaku',
      outcome: 'sanksi_perusahaan',
    });
    await expect(
      service.transition(coordinator, caseId, { to: 'closed', reason: 'Selesai', closingReason: 'selesai' }),
    ).rejects.toMatchObject({ code: 'rights_not_reviewed' });
    await service.reviewRights(handler, caseId, { items: allRights.slice(0, 3) });
    await expect(
      service.transition(coordinator, caseId, { to: 'closed', reason: 'Selesai', closingReason: 'selesai' }),
    ).rejects.toMatchObject({ code: 'rights_not_reviewed' });
    await service.reviewRights(handler, caseId, { items: allRights });
    detail = await service.transition(coordinator, caseId, {
      to: 'closed',
      reason: 'Selesai',
      closingReason: 'selesai',
    });
    expect(detail).toMatchObject({
      state: 'closed',
      closingReason: 'selesai',
      outcome: 'sanksi_perusahaan',
      // A closed case keeps its retaliation check-ins after the outcome (case-checkins.ts).
      nextDeadline: expect.objectContaining({ kind: 'checkin_30' }) as unknown,
    });
    detail = await service.transition(coordinator, caseId, {
      to: 'handling',
      reason: 'Ada pembalasan: dipindah shift',
    });
    expect(detail).toMatchObject({ state: 'handling', closingReason: null });
    const transitions = detail.timeline.filter((entry) => entry.kind === 'transition');
    expect(transitions.map((entry) => [entry.facts.from, entry.facts.to, entry.text])).toEqual([
      ['received', 'triage', 'Telepon pertama, aman'],
      ['triage', 'handling', 'Rencana disepakati'],
      ['handling', 'monitoring', 'SP3 untuk pelaku'],
      ['monitoring', 'closed', 'Selesai'],
      ['closed', 'handling', 'Ada pembalasan: dipindah shift'],
    ]);
    expect(transitions.every((entry) => entry.actor.length > 0)).toBe(true);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('object_id', '=', caseId)
      .where('action', '=', 'case.transition')
      .execute();
    expect(audit).toHaveLength(5);
    expect(JSON.stringify(audit)).not.toContain('Telepon pertama');
  });

  it('no referral without consent; an emergency referral is flagged for the coordinator’s review', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    await expect(
      service.addReferral(coordinator, caseId, {
        service: 'laporan_polisi',
        referredOn: '2026-11-22',
        recipient: null,
      }),
    ).rejects.toMatchObject({ code: 'consent_required' });
    let detail = await service.addReferral(coordinator, caseId, {
      service: 'layanan_kesehatan',
      referredOn: '2026-11-22',
      recipient: 'Puskesmas',
      emergencyReason: 'Luka, perlu visum segera; korban tidak sadar',
    });
    expect(detail.referrals[0]).toMatchObject({
      emergency: true,
      needsReview: true,
      service: 'layanan_kesehatan',
    });
    detail = await service.reviewReferral(coordinator, caseId, detail.referrals[0]!.id);
    expect(detail.referrals[0]?.needsReview).toBe(false);
    await service.recordConsent(coordinator, caseId, {
      route: 'rujukan_uptd_ppa',
      status: 'given',
      note: 'Lisan, di kantor',
    });
    detail = await service.addReferral(coordinator, caseId, {
      service: 'rujukan_uptd_ppa',
      referredOn: '2026-11-22',
      recipient: 'UPTD PPA Kab. Bogor',
    });
    expect(detail.referrals[1]).toMatchObject({ emergency: false, needsReview: false });
    detail = await service.updateReferral(coordinator, caseId, detail.referrals[1]!.id, {
      status: 'selesai',
      outcome: 'Konseling 4x',
    });
    expect(detail.referrals[1]).toMatchObject({ status: 'selesai', outcome: 'Konseling 4x' });
    // Consent withdrawn: no new referral on that route.
    await service.recordConsent(coordinator, caseId, {
      route: 'rujukan_uptd_ppa',
      status: 'withdrawn',
      note: null,
    });
    await expect(
      service.addReferral(coordinator, caseId, {
        service: 'rujukan_uptd_ppa',
        referredOn: '2026-11-23',
        recipient: null,
      }),
    ).rejects.toMatchObject({ code: 'consent_required' });
  });

  it('the ethics process applies only to union officers or union events, with consent', async () => {
    const coordinator = await actor(team.coordinatorA);
    const plain = await service.submitReport(reportAt(tree.pspA1x), []);
    await expect(
      service.setEthics(coordinator, plain.caseId, { status: 'diajukan', note: null }),
    ).rejects.toMatchObject({
      code: 'ethics_not_applicable',
    });
    const officer = await service.submitReport(
      reportAt(tree.pspA1x, { relationship: 'pengurus_serikat', namedOffice: 'PSP' }),
      [],
    );
    await expect(
      service.setEthics(coordinator, officer.caseId, { status: 'diajukan', note: null }),
    ).rejects.toMatchObject({
      code: 'consent_required',
    });
    await service.recordConsent(coordinator, officer.caseId, {
      route: 'proses_etik',
      status: 'given',
      note: null,
    });
    const detail = await service.setEthics(coordinator, officer.caseId, {
      status: 'diajukan',
      note: 'Ke Dewan Kehormatan',
    });
    expect(detail.ethics).toMatchObject({ status: 'diajukan', note: 'Ke Dewan Kehormatan' });
    expect(detail.ethicsApplicable).toBe(true);
  });

  it('measures, notes and files are recorded and shown on the case', async () => {
    const { caseId } = await service.submitReport(reportAt(tree.pspA1x), []);
    const coordinator = await actor(team.coordinatorA);
    let detail = await service.addMeasure(coordinator, caseId, {
      kind: 'pemisahan_kerja',
      status: 'diminta',
      description: 'Pindah lini',
      startedOn: null,
    });
    detail = await service.updateMeasure(coordinator, caseId, detail.measures[0]!.id, 'berlaku');
    expect(detail.measures[0]).toMatchObject({
      kind: 'pemisahan_kerja',
      status: 'berlaku',
      description: 'Pindah lini',
    });
    detail = await service.uploadFile(coordinator, caseId, { name: 'bukti.png', data: tinyPng });
    expect(detail.files?.map((file) => [file.name, file.mediaType])).toEqual([['bukti.png', 'image/png']]);
    const file = await service.downloadFile(coordinator, caseId, detail.files![0]!.id);
    expect(file.data.equals(tinyPng)).toBe(true);
    await expect(
      service.downloadFile(await actor(team.coordinatorB), caseId, detail.files![0]!.id),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('deadlines in lists', () => {
  it('sorts by next deadline, filters late cases, and a team message resets the update deadline', async () => {
    const coordinator = await actor(team.coordinatorA);
    const first = await service.submitReport(reportAt(tree.pspA1x), []);
    ctx.clock.advance(3_600_000);
    const second = await service.submitReport(reportAt(tree.pspA1x), []);
    const ids = [first.caseId, second.caseId];
    const sorted = (
      await service.listCases(coordinator, { scope: 'unit', sort: 'deadline', limit: 100 })
    ).items
      .map((item) => item.id)
      .filter((id) => ids.includes(id));
    expect(sorted).toEqual(ids);
    ctx.clock.advance(48 * 3_600_000 - 30 * 60_000);
    const late = (
      await service.listCases(coordinator, { scope: 'unit', sort: 'deadline', deadline: 'late', limit: 100 })
    ).items;
    expect(late.map((item) => item.id)).toContain(first.caseId);
    expect(late.map((item) => item.id)).not.toContain(second.caseId);
    expect(late.find((item) => item.id === first.caseId)?.nextDeadline).toMatchObject({
      kind: 'first_contact',
      late: true,
    });
  });

  it('pages with a keyset cursor without repeating or skipping', async () => {
    const coordinator = await actor(team.coordinatorA);
    for (let index = 0; index < 3; index += 1) await service.submitReport(reportAt(tree.pspA1x), []);
    const all = (
      await service.listCases(coordinator, { scope: 'unit', sort: 'received', limit: 100 })
    ).items.map((item) => item.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.listCases(coordinator, {
        scope: 'unit',
        sort: 'received',
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
  });
});

describe('staff intake', () => {
  it('records an oral report and hands back a receipt that works on the follow-up page', async () => {
    const handler = await actor(team.handlerA);
    const { case: created, receipt } = await service.intake(handler, {
      ...reportAt(tree.pspA1x),
      channel: 'telepon',
    });
    expect(created.channel).toBe('telepon');
    expect(await service.findCaseByReceipt(receipt)).toBe(created.id);
    // Recording a report does not make the handler its handler: the coordinator assigns.
    await expect(service.getCase(handler, created.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await service.getCase(await actor(team.coordinatorA), created.id)).channel).toBe('telepon');
  });
});
