import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsItems } from '../../../shared/case-taxonomy.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { createTestContext, seedTree, type TestContext, type Tree } from '../../test/helpers.ts';
import { actorOf, reportAt, seedCaseTeam } from './cases.test-support.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Planted in the narrative, the named person and the reporter's identity: must never reach a reminder. */
const CANARY = 'KANARI-7f3a91';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let team: Awaited<ReturnType<typeof seedCaseTeam>>;
let smtp: SMTPServer;
let inbox: { to: string[]; raw: string }[] = [];
const allRights = rightsItems.map((item) => ({ item, status: 'diberikan' as const }));

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, {
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SETARA_PUBLIC_URL: 'https://setara.spn.test' },
  });
  tree = await seedTree(ctx);
  team = await seedCaseTeam(ctx, tree);
});
afterAll(async () => {
  ctx.mailer.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
  await test.drop();
});

const actor = (worker: { userId: string }) => actorOf(ctx, worker.userId);
const reminders = () => ctx.services.caseRemindersService.sendDueReminders();
const mailsAbout = (caseId: string) => inbox.filter((mail) => mail.raw.includes(caseId));
/** Quoted-printable soft line breaks undone, so a long link reads whole. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

async function newCase() {
  const { caseId } = await ctx.services.casesService.submitReport(
    reportAt(tree.pspA1x, {
      narrative: `Dia mengancam saya ${CANARY} di gudang.`,
      namedName: `Pak ${CANARY}`,
      reporterName: `Ibu ${CANARY}`,
      forms: ['KS02'],
    }),
    [],
  );
  await ctx.services.casesService.assign(await actor(team.coordinatorA), caseId, {
    userId: team.handlerA.userId,
    role: 'handler',
  });
  // The coordinator's "new case at your unit" notice goes out first (case-coverage.service.ts); the
  // reminders below are what these tests follow.
  await ctx.mailer.deliverPending();
  return caseId;
}

describe('deadline reminders by email and in the staff inbox', () => {
  it('reminds handler and coordinator once before first contact falls due, with a link and no case content', async () => {
    const caseId = await newCase();
    const reference = (
      await ctx.db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()
    ).reference;
    inbox = [];
    // 25 h after receipt: first contact (48 h) is due within the 24 h lead time.
    ctx.clock.advance(25 * HOUR);
    const [first, second] = await Promise.all([reminders(), reminders()]);
    expect(await reminders()).toBe(0);
    expect(first + second).toBeGreaterThanOrEqual(2);
    const mails = mailsAbout(caseId);
    expect(mails.map((mail) => mail.to[0]).sort()).toEqual([
      'koordinator.jabar@spn.test',
      'pendamping.jabar@spn.test',
    ]);
    for (const mail of mails) {
      const body = plain(mail.raw);
      expect(body).toContain(`https://setara.spn.test/cases/${caseId}`);
      expect(body).toMatch(/Subject: Setara: ada kasus di unit Anda yang perlu ditindaklanjuti/);
      expect(body).not.toContain(CANARY);
      expect(body).not.toContain('KS02');
      expect(body).not.toContain(reference);
      expect(body).not.toContain('gudang');
    }
    // Nobody outside the case team hears of it.
    expect(inbox.flatMap((mail) => mail.to)).not.toContain('koordinator.banten@spn.test');
    expect(inbox.flatMap((mail) => mail.to)).not.toContain('tkbh.jabar@spn.test');

    const notes = await ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('kind', '<>', 'case_received')
      .execute();
    expect(notes.map((note) => [note.user_id, note.kind, note.link]).sort()).toEqual(
      [
        [team.coordinatorA.userId, 'case_deadline_near', `/cases/${caseId}`],
        [team.handlerA.userId, 'case_deadline_near', `/cases/${caseId}`],
      ].sort(),
    );
    expect(JSON.stringify(notes)).not.toContain(CANARY);
    const outbox = await ctx.db.selectFrom('outbox').selectAll().execute();
    expect(JSON.stringify(outbox)).not.toContain(CANARY);
    // The inbox API answers each user only her own.
    const handlerInbox = await ctx.services.notificationsService.list(await actor(team.handlerA), {
      limit: 50,
    });
    expect(handlerInbox.items.filter((item) => item.link === `/cases/${caseId}`)).toHaveLength(1);
    expect(handlerInbox.unread).toBeGreaterThanOrEqual(1);
    const outsider = await ctx.services.notificationsService.list(await actor(team.coordinatorB), {
      limit: 50,
    });
    expect(outsider).toEqual({ items: [], unread: 0 });
    await expect(
      ctx.services.notificationsService.markRead(await actor(team.coordinatorB), handlerInbox.items[0]!.id),
    ).rejects.toMatchObject({ code: 'not_found' });
    const after = await ctx.services.notificationsService.markRead(
      await actor(team.handlerA),
      handlerInbox.items[0]!.id,
    );
    expect(after.unread).toBe(handlerInbox.unread - 1);

    // Once missed, one more reminder each, and again only once.
    inbox = [];
    ctx.clock.advance(24 * HOUR);
    await reminders();
    await reminders();
    expect(
      mailsAbout(caseId)
        .map((mail) => mail.to[0])
        .sort(),
    ).toEqual(['koordinator.jabar@spn.test', 'pendamping.jabar@spn.test']);
    const missed = await ctx.db
      .selectFrom('notifications')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'case_deadline_missed')
      .execute();
    expect(missed).toHaveLength(2);
  });

  it('a recused handler is not reminded any more', async () => {
    const caseId = await newCase();
    await ctx.services.casesService.recuse(await actor(team.handlerA), caseId, 'Saya kenal terlapor');
    inbox = [];
    ctx.clock.advance(25 * HOUR);
    await reminders();
    expect(mailsAbout(caseId).map((mail) => mail.to[0])).toEqual(['koordinator.jabar@spn.test']);
  });
});

describe('retaliation check-ins', () => {
  it('are scheduled after the outcome, reminded when due, and a retaliation answer reopens a closed case', async () => {
    const service = ctx.services.casesService;
    const checkins = ctx.services.caseCheckinsService;
    const caseId = await newCase();
    const coordinator = await actor(team.coordinatorA);
    const handler = await actor(team.handlerA);
    expect((await checkins.list(handler, caseId)).items).toEqual([]);
    await expect(
      checkins.record(handler, caseId, 'checkin_30', {
        retaliation: false,
        retaliationKinds: [],
        reopen: false,
      }),
    ).rejects.toMatchObject({ code: 'checkin_not_scheduled' });

    await service.transition(handler, caseId, { to: 'triage', reason: 'Kontak pertama' });
    await service.transition(handler, caseId, { to: 'handling', reason: 'Rencana' });
    await service.transition(coordinator, caseId, {
      to: 'monitoring',
      reason: 'Sanksi',
      outcome: 'sanksi_perusahaan',
    });
    const outcomeAt = ctx.clock.now();
    let view = await checkins.list(handler, caseId);
    expect(view.items.map((item) => item.kind)).toEqual(['checkin_30', 'checkin_90', 'checkin_180']);
    const due30 = new Date(view.items[0]!.dueAt).getTime();
    expect(due30 - outcomeAt.getTime()).toBeGreaterThanOrEqual(30 * DAY);
    expect(due30 - outcomeAt.getTime()).toBeLessThan(35 * DAY);

    // The contract renewal date is sealed; its check-in joins the schedule.
    const renewal = new Date(outcomeAt.getTime() + 60 * DAY).toISOString().slice(0, 10);
    view = await checkins.setContractRenewal(handler, caseId, { contractRenewalOn: renewal });
    expect(view.contractRenewalOn).toBe(renewal);
    expect(view.items.map((item) => item.kind)).toContain('checkin_contract');
    const stored = await ctx.db
      .selectFrom('cases')
      .select(['contract_renewal_sealed'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(stored.contract_renewal_sealed).not.toContain(renewal);

    await service.reviewRights(handler, caseId, { items: allRights });
    await service.transition(coordinator, caseId, {
      to: 'closed',
      reason: 'Selesai',
      closingReason: 'selesai',
    });
    // Closed, the case's next deadline (what the case list shows and sorts by) is the 30-day check-in.
    const listed = await service.getCase(coordinator, caseId);
    expect(listed.nextDeadline?.kind).toBe('checkin_30');
    expect(listed.deadlines.map((deadline) => deadline.kind)).toEqual([
      'checkin_30',
      'checkin_contract',
      'checkin_90',
      'checkin_180',
    ]);

    // Due check-ins go through the same reminders, after the case is closed too.
    inbox = [];
    ctx.clock.set(new Date(due30 - HOUR));
    await reminders();
    await reminders();
    expect(mailsAbout(caseId)).toHaveLength(2);

    // The handler finds no retaliation at 30 days: nothing changes.
    view = await checkins.record(handler, caseId, 'checkin_30', {
      retaliation: false,
      retaliationKinds: [],
      reopen: false,
    });
    expect(view.items[0]).toMatchObject({ kind: 'checkin_30', done: true, retaliation: false });
    await expect(
      checkins.record(handler, caseId, 'checkin_30', {
        retaliation: false,
        retaliationKinds: [],
        reopen: false,
      }),
    ).rejects.toMatchObject({ code: 'checkin_not_scheduled' });

    // At 90 days she was moved to another shift: a handler cannot reopen, so she records it and the
    // coordinator is told at once (without content); RT01 joins the case, which stays closed.
    await expect(
      checkins.record(handler, caseId, 'checkin_90', {
        retaliation: true,
        retaliationKinds: ['perubahan_shift'],
        reopen: true,
        reason: 'Dipindah shift malam',
      }),
    ).rejects.toMatchObject({ code: 'transition_not_allowed' });
    inbox = [];
    view = await checkins.record(handler, caseId, 'checkin_90', {
      retaliation: true,
      retaliationKinds: ['perubahan_shift'],
      note: `Catatan ${CANARY}`,
      reopen: false,
    });
    expect(view.items.find((item) => item.kind === 'checkin_90')).toMatchObject({
      done: true,
      retaliation: true,
      retaliationKinds: ['perubahan_shift'],
      note: `Catatan ${CANARY}`,
      reopened: false,
    });
    expect(mailsAbout(caseId).map((mail) => mail.to[0])).toEqual(['koordinator.jabar@spn.test']);
    expect(JSON.stringify(inbox)).not.toContain(CANARY);
    let current = await service.getCase(coordinator, caseId);
    expect(current).toMatchObject({ state: 'closed', forms: ['KS02', 'RT01'] });
    const row = await ctx.db
      .selectFrom('case_checkins')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('kind', '=', 'checkin_90')
      .executeTakeFirstOrThrow();
    expect(row.note_sealed).not.toContain(CANARY);

    // Before the contract renewal, threats: the coordinator reopens the case in the same step.
    inbox = [];
    view = await checkins.record(coordinator, caseId, 'checkin_contract', {
      retaliation: true,
      retaliationKinds: ['ancaman'],
      reopen: true,
      reason: 'Diancam tidak diperpanjang kontraknya',
    });
    expect(view.items.find((item) => item.kind === 'checkin_contract')).toMatchObject({
      done: true,
      reopened: true,
    });
    current = await service.getCase(coordinator, caseId);
    expect(current).toMatchObject({ state: 'handling', closingReason: null, forms: ['KS02', 'RT01'] });
    const transitions = current.timeline.filter((entry) => entry.kind === 'transition');
    expect(transitions.at(-1)?.facts).toMatchObject({ from: 'closed', to: 'handling', via: 'checkin' });
    expect(current.timeline.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['checkin', 'form_added', 'contract_renewal']),
    );
    // She recorded it herself: nobody else is mailed (only coordinators are told of retaliation).
    expect(mailsAbout(caseId)).toEqual([]);
  });

  it('only the case team sees check-ins: legal aid is refused, everyone else does not find the case', async () => {
    const caseId = await newCase();
    await expect(
      ctx.services.caseCheckinsService.list(await actor(team.coordinatorB), caseId),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      ctx.services.caseCheckinsService.list(await actor(team.handlerA2), caseId),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    const coordinator = await actor(team.coordinatorA);
    await ctx.services.casesService.recordConsent(coordinator, caseId, {
      route: 'bantuan_hukum',
      status: 'given',
      note: null,
    });
    await ctx.services.casesService.assign(coordinator, caseId, {
      userId: team.legalA.userId,
      role: 'legal_aid',
    });
    await expect(
      ctx.services.caseCheckinsService.list(await actor(team.legalA), caseId),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await ctx.services.caseCheckinsService.list(coordinator, caseId)).allowed.record).toBe(true);
  });
});

describe('the reporter’s next update', () => {
  it('is shown and moves with a message or a change of state from the team', async () => {
    const caseId = await newCase();
    const service = ctx.services.casesService;
    const start = ctx.clock.now();
    const first = await service.reporterView(caseId);
    expect(first.nextUpdateAt?.getTime()).toBe(start.getTime() + 14 * DAY);
    ctx.clock.advance(3 * DAY);
    await service.sendMessage(await actor(team.handlerA), caseId, 'Kami sudah membaca laporan Anda.');
    expect((await service.reporterView(caseId)).nextUpdateAt?.getTime()).toBe(start.getTime() + 17 * DAY);
    ctx.clock.advance(2 * DAY);
    await service.transition(await actor(team.handlerA), caseId, { to: 'triage', reason: 'Kontak pertama' });
    expect((await service.reporterView(caseId)).nextUpdateAt?.getTime()).toBe(start.getTime() + 19 * DAY);
  });
});
