import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CoverageResponse,
  CreatedSignature,
  ListSignaturesResponse,
  PaperListDetail,
  PaperListResponse,
  SignatureDetail,
  VersionDetail,
} from '../../../shared/contracts/commitment.ts';
import { tinyPng } from '../cases/cases.test-support.ts';
import { multipartBody } from '../imports/imports.test-support.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createMember,
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';
import { canonicalSha256, versionOne } from './commitment-text.ts';
import publicId from '../../../shared/locales/id/public.json';

/**
 * The Joint Commitment over HTTP on PostgreSQL (issue 13). The rules, stated apart from the code:
 * - version 1 (Bogor, 16 Nov 2025) is active from the start, with the hash of its canonical text;
 *   versions are drafted and activated only by officers of the top unit;
 * - activating a new version supersedes the open signatures of the old one, which stay readable;
 * - staff enter members, persons outside the membership, unit adoptions and PSP–company co-signatures in
 *   their own subtree only; a DPC officer sees only its subtree's signatures, Banten nothing of Jawa Barat;
 * - one open signature per member and per unit and version; every status change keeps who, when and why;
 * - receipts never reach the database in clear.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};
const member: Record<string, string> = {};
const codes: Record<string, string> = {};

async function account(name: string, role: string, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}
const list = async (client: TestClient, query = '') => {
  const response = await client.get(`/api/v1/commitment/signatures${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ListSignaturesResponse;
};
const sign = async (client: TestClient, body: Record<string, unknown>, status = 201) => {
  const response = await client.post('/api/v1/commitment/signatures', { signedOn: '2025-11-16', ...body });
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as CreatedSignature;
};

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('national', 'gender_officer', tree.root);
  await account('jabar', 'gender_officer', tree.dpdA);
  await account('bogor', 'org_admin', tree.dpcA1);
  await account('banten', 'gender_officer', tree.dpdB);
  await account('viewer', 'viewer', tree.root);
  member.siti = await createMember(ctx, { number: 'JB-1', name: 'Siti Rahayu', unitId: tree.pspA1x });
  member.ani = await createMember(ctx, { number: 'JB-2', name: 'Ani Wulandari', unitId: tree.dpdA });
  member.wati = await createMember(ctx, { number: 'BT-1', name: 'Wati Serang', unitId: tree.dpcB1 });
  member.budi = await createMember(ctx, {
    number: 'JB-3',
    name: 'Budi Santoso',
    unitId: tree.pspA1x,
    sex: 'L',
  });
  // Left the union before the workshop: not an active member then, so not in the denominator.
  member.rina = await createMember(ctx, {
    number: 'JB-4',
    name: 'Rina Keluar',
    unitId: tree.pspA1x,
    status: 'keluar',
    validFrom: '2024-01-01',
  });
  await ctx.db
    .updateTable('units')
    .set({ company_name: 'PT Garmen Sejahtera' })
    .where('id', '=', tree.pspA1x)
    .execute();
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('versions', () => {
  it('version 1 is active, adopted in Bogor on 16 Nov 2025, marked as placeholder wording, with its hash', async () => {
    const response = await who.jabar!.get('/api/v1/commitment/versions');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: VersionDetail[]; canAuthor: boolean };
    expect(body.canAuthor).toBe(false);
    expect(body.items).toHaveLength(1);
    const [one] = body.items;
    expect(one).toMatchObject({
      number: 1,
      status: 'active',
      adoptedOn: '2025-11-16',
      wordingPlaceholder: true,
    });
    expect(one!.textSha256).toBe(canonicalSha256(versionOne).toString('hex'));
    const detail = (await who.jabar!.get(`/api/v1/commitment/versions/${one!.id}`)).json() as VersionDetail;
    expect(detail.points).toHaveLength(9);
    expect(detail.canonicalText.startsWith('SETARA-KOMITMEN/1\n[id]\n')).toBe(true);
  });

  it('only top-unit officers draft versions; other roles are refused', async () => {
    const body = {
      titleId: 'Komitmen Bersama v2',
      titleEn: 'Joint Commitment v2',
      points: [{ id: 'Satu', en: 'One' }],
      forum: 'Rakernas',
      adoptedOn: '2026-11-01',
    };
    expect((await who.jabar!.post('/api/v1/commitment/versions', body)).statusCode).toBe(403);
    expect((await who.viewer!.post('/api/v1/commitment/versions', body)).statusCode).toBe(403);
    expect((await who.viewer!.get('/api/v1/commitment/versions')).statusCode).toBe(403);
    const bad = await who.national!.post('/api/v1/commitment/versions', { ...body, points: [] });
    expect(bad.statusCode).toBe(400);
  });
});

describe('signatures by staff, in scope', () => {
  it('enters a member, a person, a unit adoption and a PSP with its company; each gets a receipt once', async () => {
    const siti = await sign(who.bogor!, { kind: 'member', memberId: member.siti });
    expect(siti).toMatchObject({ kind: 'member', name: 'Siti Rahayu', status: 'valid', unitId: tree.pspA1x });
    expect(siti.receiptCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(siti.events).toEqual([
      expect.objectContaining({ status: 'valid', actorName: expect.any(String) }),
    ]);
    const guest = await sign(who.jabar!, {
      kind: 'person',
      name: 'Rina dari KSPI',
      organisation: 'KSPI',
      sex: 'P',
      unitId: tree.dpdA,
    });
    expect(guest).toMatchObject({ kind: 'person', organisation: 'KSPI', memberId: null });
    const unit = await sign(who.jabar!, {
      kind: 'unit',
      unitId: tree.dpdA,
      forum: 'Rapat Pleno DPD',
      decreeNumber: 'SK-07/2025',
    });
    expect(unit).toMatchObject({ kind: 'unit', decreeNumber: 'SK-07/2025', forum: 'Rapat Pleno DPD' });
    expect(unit.verificationCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(siti.verificationCode).toBeNull();
    codes.unit = unit.verificationCode!;
    const psp = await sign(who.bogor!, {
      kind: 'psp_company',
      unitId: tree.pspA1x,
      forum: 'Perundingan bipartit',
      companySignatory: 'Bapak HRD',
      companySignatoryTitle: 'HR Manager',
    });
    expect(psp).toMatchObject({ kind: 'psp_company', companyName: 'PT Garmen Sejahtera' });
    codes.psp = psp.verificationCode!;
    // Both acts are public: the shared verification page confirms them, with no script and no cookie.
    const verified = await app.inject({ url: `/verifikasi/${codes.psp}` });
    expect(verified.statusCode).toBe(200);
    expect(verified.body).toContain('PSP PT Garmen Sejahtera');
    expect(verified.body).toContain('PT Garmen Sejahtera');
    expect(verified.body).toContain('Komitmen Bersama ditandatangani PSP bersama perusahaannya');
    // A body's public act names its signer and company, so the page never claims to hide them.
    expect(verified.body).toContain(publicId.verify.signedBy);
    expect(verified.body).toContain(publicId.verify.publicRecord);
    expect(verified.body).not.toContain(publicId.verify.privacy);
    expect(verified.body).not.toContain(`<dt>${publicId.verify.holder}</dt>`);
    expect(verified.headers['set-cookie']).toBeUndefined();
    // A receipt code (a person's) is never a verification code.
    expect((await app.inject({ url: `/verifikasi/${siti.receiptCode}` })).statusCode).toBe(404);
    // A PSP co-signature needs a PSP.
    await sign(
      who.jabar!,
      { kind: 'psp_company', unitId: tree.dpcA1, forum: 'x', companySignatory: 'y', companyName: 'z' },
      400,
    );

    // No receipt is stored in clear: the codes appear nowhere in the database's text.
    const dump = await ctx.db
      .selectFrom('commitment_receipts')
      .select((eb) => eb.fn<string>('encode', [eb.ref('receipt_hash'), eb.val('escape')]).as('raw'))
      .execute();
    for (const created of [siti, guest, unit, psp])
      expect(dump.some((row) => row.raw.includes(created.receiptCode))).toBe(false);
  });

  it('a member or a unit signs a version once: a duplicate is refused', async () => {
    const again = await who.jabar!.post('/api/v1/commitment/signatures', {
      kind: 'member',
      memberId: member.siti,
      signedOn: '2025-11-20',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'commitment_duplicate' });
    await sign(who.jabar!, { kind: 'unit', unitId: tree.dpdA, forum: 'Lagi' }, 409);
  });

  it('staff reach only their subtree: outside it a member, a unit and a signature look missing', async () => {
    await sign(who.bogor!, { kind: 'member', memberId: member.ani }, 404);
    await sign(who.bogor!, { kind: 'unit', unitId: tree.dpdA, forum: 'x' }, 404);
    await sign(who.banten!, { kind: 'member', memberId: member.siti }, 404);
    await sign(who.banten!, { kind: 'member', memberId: member.wati });
    const ani = await sign(who.jabar!, { kind: 'member', memberId: member.ani });

    const bogor = await list(who.bogor!);
    expect(bogor.items.map((item) => item.unitId).every((id) => [tree.dpcA1, tree.pspA1x].includes(id))).toBe(
      true,
    );
    expect(bogor.total).toBe(2);
    expect(bogor.items.some((item) => item.name === 'Ani Wulandari')).toBe(false);
    expect((await who.bogor!.get(`/api/v1/commitment/signatures/${ani.id}`)).statusCode).toBe(404);
    const banten = await list(who.banten!);
    expect(banten.items.map((item) => item.name)).toEqual(['Wati Serang']);
    expect((await who.banten!.get(`/api/v1/commitment/signatures/${ani.id}`)).statusCode).toBe(404);
    expect(
      (
        await who.banten!.post(`/api/v1/commitment/signatures/${ani.id}/decision`, {
          status: 'invalidated',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const national = await list(who.national!);
    expect(national.total).toBe(6);
    // Counts on the versions list follow the same scope.
    const versions = (await who.banten!.get('/api/v1/commitment/versions')).json() as {
      items: { signatures: Record<string, number> }[];
    };
    expect(versions.items[0]!.signatures.valid).toBe(1);
    // Filters: kind and unit subtree.
    expect((await list(who.national!, '?kind=unit')).total).toBe(1);
    expect((await list(who.national!, `?unitId=${tree.dpcA1}`)).total).toBe(2);
    expect((await list(who.national!, '?q=wati')).items.map((item) => item.name)).toEqual(['Wati Serang']);
  });

  it('invalidating needs a reason and keeps who, when and why; closed signatures stay closed', async () => {
    const [guest] = (await list(who.jabar!, '?kind=person')).items;
    const noReason = await who.jabar!.post(`/api/v1/commitment/signatures/${guest!.id}/decision`, {
      status: 'invalidated',
    });
    expect(noReason.statusCode).toBe(400);
    const done = await who.jabar!.post(`/api/v1/commitment/signatures/${guest!.id}/decision`, {
      status: 'invalidated',
      reason: 'Tercatat dua kali',
    });
    expect(done.statusCode, done.body).toBe(200);
    const detail = done.json() as SignatureDetail;
    expect(detail).toMatchObject({ status: 'invalidated', statusReason: 'Tercatat dua kali' });
    expect(detail.events.map((event) => event.status)).toEqual(['valid', 'invalidated']);
    const again = await who.jabar!.post(`/api/v1/commitment/signatures/${guest!.id}/decision`, {
      status: 'valid',
    });
    expect(again.json()).toMatchObject({ code: 'commitment_state' });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'commitment_signature')
      .execute();
    expect(audit.map((row) => row.action)).toContain('commitment.signature_decide');
  });
});

describe('coverage', () => {
  it('is signers ÷ active members by sex as of a day, with adoptions and PSP co-signatures, in scope', async () => {
    const response = await who.national!.get('/api/v1/commitment/coverage?asOf=2025-12-01');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as CoverageResponse;
    expect(body.versionNumber).toBe(1);
    const [total, ...children] = body.rows;
    expect(total).toMatchObject({
      unitId: tree.root,
      isTotal: true,
      members: { P: 3, L: 1, unknown: 0, total: 4 },
      signers: { P: 3, L: 0, total: 3 },
      coverage: { P: 10_000, L: 0, total: 7500 },
      unitsAdopted: 1,
      psps: 1,
      pspsCoSigned: 1,
    });
    const jabar = children.find((row) => row.unitId === tree.dpdA)!;
    expect(jabar).toMatchObject({
      adopted: true,
      members: { P: 2, L: 1 },
      signers: { P: 2, L: 0 },
      coverage: { total: 6666 },
    });
    const banten = children.find((row) => row.unitId === tree.dpdB)!;
    expect(banten).toMatchObject({
      adopted: false,
      members: { total: 1 },
      signers: { total: 1 },
      pspsCoSigned: 0,
    });
    expect(body.acts.map((act) => act.kind).sort()).toEqual(['psp_company', 'unit']);

    // Before anyone signed (the day before the workshop) nothing counts; the denominator stays.
    const before = (
      await who.national!.get('/api/v1/commitment/coverage?asOf=2025-11-15')
    ).json() as CoverageResponse;
    expect(before.rows[0]).toMatchObject({ members: { total: 4 }, signers: { total: 0 }, unitsAdopted: 0 });
  });

  it('counts officers per body: post holders on the day (once each) and how many of them signed', async () => {
    const { id: bodyId } = await ctx.db
      .insertInto('bodies')
      .values({ unit_id: tree.dpcA1, kind: 'executive', name: 'Pengurus DPC Bogor', statutory_seats: 5 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const post = async (title: string, sortOrder: number) =>
      (
        await ctx.db
          .insertInto('positions')
          .values({ body_id: bodyId, title, category: 'administrative', seats: 1, sort_order: sortOrder })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const appoint = (positionId: number, memberId: string, termStart: string, termEnd: string | null) =>
      ctx.db
        .insertInto('appointments')
        .values({
          position_id: positionId,
          member_id: memberId,
          term_start: termStart,
          term_end: termEnd,
          basis: 'elected',
          decree_number: null,
        })
        .execute();
    // Siti (signed) holds two posts and counts once; Budi (not signed) one; Rina's term ended before.
    await appoint(await post('Ketua', 1), member.siti!, '2025-01-01', null);
    await appoint(await post('Wakil Sekretaris', 2), member.siti!, '2025-01-01', null);
    await appoint(await post('Bendahara', 3), member.budi!, '2025-01-01', null);
    await appoint(await post('Sekretaris', 4), member.rina!, '2023-01-01', '2025-06-30');
    const at = async (asOf: string) =>
      (
        (
          await who.jabar!.get(`/api/v1/commitment/coverage?unitId=${tree.dpdA}&asOf=${asOf}`)
        ).json() as CoverageResponse
      ).bodies.find((body) => body.bodyId === bodyId);
    expect(await at('2025-12-01')).toMatchObject({ unitId: tree.dpcA1, holders: 2, signed: 1 });
    // Before the workshop nobody had signed; the post holders stay the denominator.
    expect(await at('2025-11-15')).toMatchObject({ holders: 2, signed: 0 });
    // A DPD Banten officer learns nothing of Jawa Barat's boards.
    expect((await who.banten!.get(`/api/v1/commitment/coverage?unitId=${tree.dpcA1}`)).statusCode).toBe(404);
  });

  it('opens at the top of the caller scope and never outside it', async () => {
    const bogor = (await who.bogor!.get('/api/v1/commitment/coverage')).json() as CoverageResponse;
    expect(bogor.unit.id).toBe(tree.dpcA1);
    expect(bogor.rows.map((row) => row.unitId)).toEqual([tree.dpcA1, tree.pspA1x]);
    expect((await who.banten!.get(`/api/v1/commitment/coverage?unitId=${tree.dpdA}`)).statusCode).toBe(404);
    expect((await who.viewer!.get('/api/v1/commitment/coverage')).statusCode).toBe(403);
  });
});

describe('a new version', () => {
  it('supersedes the open signatures of the old one, which stay readable; closed ones keep their status', async () => {
    const draft = await who.national!.post('/api/v1/commitment/versions', {
      titleId: 'Komitmen Bersama (Rakernas)',
      titleEn: 'Joint Commitment (Rakernas)',
      points: versionOne.points.map((point, index) =>
        index === 7
          ? { id: 'Sanksi organisasi yang diperbarui.', en: 'Revised organisational sanctions.' }
          : point,
      ),
      forum: 'Rakernas SPN',
      adoptedOn: '2026-11-20',
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const version = draft.json() as VersionDetail;
    expect(version).toMatchObject({ number: 2, status: 'draft', wordingPlaceholder: false });
    expect(version.textSha256).not.toBe(canonicalSha256(versionOne).toString('hex'));
    expect((await who.jabar!.post(`/api/v1/commitment/versions/${version.id}/activate`)).statusCode).toBe(
      403,
    );

    const activated = await who.national!.post(`/api/v1/commitment/versions/${version.id}/activate`);
    expect(activated.statusCode, activated.body).toBe(200);
    expect((activated.json() as VersionDetail).status).toBe('active');
    expect(
      (await who.national!.post(`/api/v1/commitment/versions/${version.id}/activate`)).json(),
    ).toMatchObject({
      code: 'commitment_state',
    });

    const old = await list(who.national!, '?versionId=1');
    expect(old.items.filter((item) => item.status === 'superseded')).toHaveLength(5);
    expect(old.items.filter((item) => item.status === 'invalidated')).toHaveLength(1);
    const siti = old.items.find((item) => item.name === 'Siti Rahayu')!;
    const detail = (
      await who.bogor!.get(`/api/v1/commitment/signatures/${siti.id}`)
    ).json() as SignatureDetail;
    expect(detail.events.map((event) => event.status)).toEqual(['valid', 'superseded']);
    const versions = (await who.national!.get('/api/v1/commitment/versions')).json() as {
      items: { number: number; status: string }[];
    };
    expect(versions.items.map((item) => [item.number, item.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    // The adoption of version 1 now reads as ended on the public verification page.
    const expired = await app.inject({ url: `/verifikasi/${codes.unit}?lang=en` });
    expect(expired.statusCode).toBe(200);
    expect(expired.body).toContain('Expired');
    expect(expired.body).toContain('DPD Jawa Barat');
    // The re-signing drive: Siti signs version 2 afresh.
    const resigned = await sign(who.bogor!, {
      kind: 'member',
      memberId: member.siti,
      signedOn: '2026-11-21',
    });
    expect(resigned.versionNumber).toBe(2);
  });
});

describe('paper lists', () => {
  it('matches rows by number or by the typo-tolerant name search, merges online signers, keeps the rest', async () => {
    const response = await who.jabar!.post('/api/v1/commitment/paper-lists', {
      unitId: tree.dpdA,
      signedOn: '2026-11-21',
      rows: [
        { memberNumber: 'JB-2', name: 'Ani W.' },
        { name: 'Budi Santso', sex: 'L' },
        { name: 'Siti Rahyu' },
        { name: 'Rina dari LSM Perempuan', sex: 'P' },
        // A number from Banten is outside this officer's scope: not matched, kept as written.
        { memberNumber: 'BT-1', name: 'Wati' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as PaperListResponse;
    expect(body.rows.map((row) => row.outcome)).toEqual([
      'number',
      'name',
      'merged',
      'unmatched',
      'unmatched',
    ]);
    expect(body.counts).toEqual({ number: 1, name: 1, merged: 1, unmatched: 2 });
    const paper = await list(who.jabar!, '?versionId=2&kind=person');
    expect(
      paper.items.map((item) => [item.name, item.status, item.channel, item.claimedMemberNumber]),
    ).toEqual([
      ['Wati', 'pending', 'paper', 'BT-1'],
      ['Rina dari LSM Perempuan', 'pending', 'paper', null],
    ]);
    const budi = (await list(who.jabar!, '?versionId=2&q=Budi')).items[0]!;
    expect(budi).toMatchObject({ kind: 'member', memberId: member.budi, channel: 'paper', status: 'valid' });
    // Outside one's scope a sheet cannot be entered at all.
    const outside = await who.banten!.post('/api/v1/commitment/paper-lists', {
      unitId: tree.dpdA,
      signedOn: '2026-11-21',
      rows: [{ name: 'X' }],
    });
    expect(outside.statusCode).toBe(404);
  });

  it('keeps a photo of the signed sheet with its list: sniffed, size-limited, only through the list', async () => {
    const entered = await who.bogor!.post('/api/v1/commitment/paper-lists', {
      unitId: tree.dpcA1,
      signedOn: '2026-11-22',
      rows: [{ name: 'Tamu Lembar Foto' }],
    });
    expect(entered.statusCode, entered.body).toBe(200);
    const { paperListId } = entered.json() as PaperListResponse;
    const detail = await who.bogor!.get(`/api/v1/commitment/paper-lists/${paperListId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      id: paperListId,
      unitId: tree.dpcA1,
      signedOn: '2026-11-22',
      versionNumber: 2,
      rowCount: 1,
      counts: { number: 0, name: 0, merged: 0, unmatched: 1 },
      photos: [],
    });
    const upload = async (client: TestClient, content: Buffer, name = 'lembar.png', type = 'image/png') => {
      const body = multipartBody(content, name, type);
      return app.inject({
        method: 'POST',
        url: `/api/v1/commitment/paper-lists/${paperListId}/photos`,
        payload: body.payload,
        headers: {
          cookie: client.cookieHeader(),
          'x-csrf-token': await client.ensureCsrf(),
          'content-type': body.contentType,
        },
      });
    };
    // A text file called .png is not a photo, whatever its name and declared type say.
    const text = await upload(who.bogor!, Buffer.from('Siti Rahayu, Budi Santoso'));
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ code: 'unsupported_media_type' });
    expect((await upload(who.bogor!, Buffer.alloc(0))).statusCode).toBe(400);
    const huge = await upload(who.bogor!, Buffer.concat([tinyPng, Buffer.alloc(10 * 1024 * 1024 + 1)]));
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'payload_too_large' });
    // Not multipart at all.
    const json = await who.bogor!.post(`/api/v1/commitment/paper-lists/${paperListId}/photos`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    // Outside the sheet's unit: 404 like a missing list, for the upload, the list and the download.
    expect((await upload(who.banten!, tinyPng)).statusCode).toBe(404);
    expect((await who.banten!.get(`/api/v1/commitment/paper-lists/${paperListId}`)).statusCode).toBe(404);
    const stored = await upload(who.bogor!, tinyPng);
    expect(stored.statusCode, stored.body).toBe(201);
    const photos = (stored.json() as PaperListDetail).photos;
    expect(photos).toEqual([expect.objectContaining({ mediaType: 'image/png', size: tinyPng.length })]);
    const url = `/api/v1/commitment/paper-lists/${paperListId}/photos/${photos[0]!.id}`;
    const download = await who.jabar!.get(url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(tinyPng)).toBe(true);
    expect((await who.banten!.get(url)).statusCode).toBe(404);
    expect((await who.viewer!.get(url)).statusCode).toBe(403);
    expect((await who.bogor!.get(`${url.replace(/\/photos\/\d+$/, '')}/photos/999999`)).statusCode).toBe(404);
    // The audit row says a photo came, never what it shows.
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'commitment.paper_photo_add')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ photoId: photos[0]!.id, size: tinyPng.length });
  });
});
