import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgreementDetail,
  AgreementSummary,
  ChecklistVersionView,
} from '../../../shared/contracts/agreements.ts';
import type { Role } from '../../../shared/roles.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  signInCaseWorker,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

/**
 * Collective agreements over HTTP on PostgreSQL (issue 14). The rules, stated apart from the code:
 * - an agreement belongs to a PSP; its record, coding, gap list and document file are reached by that PSP's
 *   officers and those above with org_admin or gender_officer — not by another PSP's officers, not by
 *   another DPD's, and not by case roles (case_coordinator, case_handler, legal_aid), viewers or trainers;
 * - the document is size-limited and its type sniffed from the bytes; a refused upload writes nothing;
 * - coding appends: the latest answer of an item is current, the earlier ones its history;
 * - the national checklist is versioned; only a gender officer at DPP makes a new version, and an agreement
 *   coded against an older version shows the items the new one added as new, on its gap list;
 * - the gap list exports as XLSX and PDF, and every change and export writes an audit row.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
let siblingPsp = 0;
let agreementId = 0;
let fileId = 0;

async function account(name: string, role: Role, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role, unitId }] });
  if (role === 'case_coordinator' || role === 'case_handler' || role === 'legal_aid') {
    who[name] = await signInCaseWorker(app, ctx, email);
    return;
  }
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}
const ok = <T>(response: { statusCode: number; body: string; json: () => unknown }, status = 200): T => {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
};
const problemOf = (response: { statusCode: number; json: () => unknown }) => ({
  status: response.statusCode,
  code: (response.json() as { code: string }).code,
});
const agreementBody = (unitId: number) => ({
  unitId,
  kind: 'pkb',
  companyName: 'PT Garmen Sejahtera',
  parties: 'PSP SPN PT Garmen Sejahtera dan PT Garmen Sejahtera',
  registrationNumber: 'KEP.123/PHIJSK/2025',
  startsOn: '2025-01-01',
  endsOn: '2026-12-31',
  status: 'in_force',
});

async function upload(client: TestClient, id: number, content: Buffer, name = 'pkb.pdf') {
  const boundary = `----setara${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/v1/agreements/${id}/files`,
    payload,
    headers: {
      cookie: client.cookieHeader(),
      'x-csrf-token': await client.ensureCsrf(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}
const fileRows = async () => (await test.db.selectFrom('agreement_files').select('id').execute()).length;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { AGREEMENT_FILE_MAX_MB: '1' } });
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('orgRoot', 'org_admin', tree.root);
  siblingPsp = ok<{ id: number }>(
    await who.orgRoot!.post('/api/v1/units', {
      parentId: tree.dpcA1,
      name: 'PSP Tekstil',
      code: 'PSP-TEKSTIL',
      level: 'PSP',
    }),
    201,
  ).id;
  await account('dpp', 'gender_officer', tree.root);
  await account('dpc', 'gender_officer', tree.dpcA1);
  await account('psp', 'org_admin', tree.pspA1x);
  await account('sibling', 'gender_officer', siblingPsp);
  await account('banten', 'gender_officer', tree.dpdB);
  await account('viewer', 'viewer', tree.root);
  await account('trainer', 'trainer', tree.root);
  await account('coordinator', 'case_coordinator', tree.root);
  await account('handler', 'case_handler', tree.pspA1x);
  await account('legal', 'legal_aid', tree.dpcA1);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('agreements, their documents and the access matrix', () => {
  it('a DPC gender officer records a PSP’s PKB; only a PSP may hold one', async () => {
    const created = ok<AgreementDetail>(
      await who.dpc!.post('/api/v1/agreements', agreementBody(tree.pspA1x)),
      201,
    );
    agreementId = created.id;
    expect(created).toMatchObject({
      unitId: tree.pspA1x,
      kind: 'pkb',
      checklistVersion: 1,
      codedAgainstVersion: null,
      files: [],
    });
    expect(created.sheet).toHaveLength(15);
    expect(created.gaps.every((gap) => gap.reason === 'not_coded')).toBe(true);
    expect(problemOf(await who.dpc!.post('/api/v1/agreements', agreementBody(tree.dpcA1)))).toEqual({
      status: 409,
      code: 'agreement_state',
    });
    // Another DPD's officer cannot record one for a PSP outside her subtree: it does not exist for her.
    expect(problemOf(await who.banten!.post('/api/v1/agreements', agreementBody(tree.pspA1x)))).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(
      problemOf(
        await who.dpc!.post('/api/v1/agreements', { ...agreementBody(tree.pspA1x), endsOn: '2024-12-31' }),
      ),
    ).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('the document: sniffed, size-limited, stored with its SHA-256; a refused upload writes nothing', async () => {
    const added = ok<AgreementDetail>(await upload(who.psp!, agreementId, pdf, '../PKB 2025.pdf'), 201);
    expect(added.files).toHaveLength(1);
    expect(added.files[0]).toMatchObject({
      fileName: 'PKB_2025.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    fileId = added.files[0]!.id;
    const before = await fileRows();
    expect(problemOf(await upload(who.psp!, agreementId, Buffer.from('not a pdf at all'), 'x.pdf'))).toEqual({
      status: 415,
      code: 'unsupported_media_type',
    });
    expect(
      problemOf(await upload(who.psp!, agreementId, Buffer.concat([pdf, Buffer.alloc(1024 * 1024 + 1)]))),
    ).toEqual({ status: 413, code: 'payload_too_large' });
    expect(problemOf(await upload(who.sibling!, agreementId, pdf))).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect(await fileRows()).toBe(before);
  });

  it.each([
    ['the PSP’s own org admin', 'psp', 200],
    ['the DPC gender officer above it', 'dpc', 200],
    ['the DPP gender officer', 'dpp', 200],
    ['the DPP org admin', 'orgRoot', 200],
    ['another PSP’s gender officer', 'sibling', 404],
    ['another DPD’s gender officer', 'banten', 404],
    ['a case coordinator at DPP', 'coordinator', 403],
    ['a case handler at the PSP itself', 'handler', 403],
    ['legal aid at the DPC', 'legal', 403],
    ['a viewer at DPP', 'viewer', 403],
    ['a trainer at DPP', 'trainer', 403],
  ])(
    '%s: the agreement file answers %s, and so do the record and its gap list',
    async (_label, name, status) => {
      const client = who[name]!;
      const file = await client.get(`/api/v1/agreements/${agreementId}/files/${fileId}`);
      expect(file.statusCode).toBe(status);
      if (status === 200) expect(file.rawPayload.equals(pdf)).toBe(true);
      else expect(file.body).not.toContain('%PDF');
      expect((await client.get(`/api/v1/agreements/${agreementId}`)).statusCode).toBe(status);
      expect((await client.get(`/api/v1/agreements/${agreementId}/gaps/pdf`)).statusCode).toBe(status);
      const list = await client.get('/api/v1/agreements');
      if (status === 403) expect(list.statusCode).toBe(403);
      else
        expect(ok<{ items: AgreementSummary[] }>(list).items.some((item) => item.id === agreementId)).toBe(
          status === 200,
        );
    },
  );
});

describe('coding and the gap list', () => {
  it('recoding appends: the latest answer is current, the earlier one its history', async () => {
    ok(
      await who.dpc!.post(`/api/v1/agreements/${agreementId}/codings`, {
        itemCode: 'prohibition',
        answer: 'no',
      }),
      201,
    );
    const recoded = ok<AgreementDetail>(
      await who.psp!.post(`/api/v1/agreements/${agreementId}/codings`, {
        itemCode: 'prohibition',
        answer: 'partial',
        excerpt: 'Pengusaha dan pekerja dilarang melakukan pelecehan seksual.',
        article: 'Pasal 42',
      }),
      201,
    );
    const row = recoded.sheet.find((entry) => entry.item.code === 'prohibition')!;
    expect(row.answer).toBe('partial');
    expect(row.current).toMatchObject({ article: 'Pasal 42', versionNumber: 1 });
    expect(row.history.map((coding) => coding.answer)).toEqual(['no']);
    ok(
      await who.dpc!.post(`/api/v1/agreements/${agreementId}/codings`, {
        itemCode: 'maternity_leave',
        answer: 'yes',
      }),
      201,
    );
    const detail = ok<AgreementDetail>(
      await who.dpc!.post(`/api/v1/agreements/${agreementId}/codings`, {
        itemCode: 'complaint_channel',
        answer: 'no',
      }),
      201,
    );
    expect(detail.codedAgainstVersion).toBe(1);
    expect(detail.counts).toEqual({ yes: 1, partial: 1, no: 1, not_coded: 12 });
    expect(detail.gaps.slice(0, 2).map((gap) => [gap.item.code, gap.reason])).toEqual([
      ['complaint_channel', 'missing'],
      ['prohibition', 'partial'],
    ]);
    expect(detail.gaps.some((gap) => gap.item.code === 'maternity_leave')).toBe(false);
    const codings = await test.db.selectFrom('agreement_codings').select('id').execute();
    expect(codings).toHaveLength(4);
    expect(
      problemOf(
        await who.dpc!.post(`/api/v1/agreements/${agreementId}/codings`, { itemCode: 'nope', answer: 'yes' }),
      ),
    ).toEqual({ status: 409, code: 'agreement_state' });
    expect(
      problemOf(
        await who.sibling!.post(`/api/v1/agreements/${agreementId}/codings`, {
          itemCode: 'prohibition',
          answer: 'yes',
        }),
      ),
    ).toEqual({ status: 404, code: 'not_found' });
  });

  it('only a DPP gender officer makes a checklist version; items new in it show as new', async () => {
    const v1 = ok<{ items: ChecklistVersionView[]; canEdit: boolean }>(
      await who.dpp!.get('/api/v1/agreement-checklists'),
    );
    expect(v1.canEdit).toBe(true);
    expect(ok<{ canEdit: boolean }>(await who.dpc!.get('/api/v1/agreement-checklists')).canEdit).toBe(false);
    const items = [
      ...v1.items[0]!.items.map(({ code, group, titleId, titleEn }) => ({ code, group, titleId, titleEn })),
      {
        code: 'online_harassment',
        group: 'violence',
        titleId: 'Pelecehan daring',
        titleEn: 'Online harassment',
      },
    ];
    expect(problemOf(await who.dpc!.post('/api/v1/agreement-checklists', { items }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(problemOf(await who.orgRoot!.post('/api/v1/agreement-checklists', { items }))).toEqual({
      status: 403,
      code: 'forbidden',
    });
    expect(
      problemOf(await who.dpp!.post('/api/v1/agreement-checklists', { items: [items[0], items[0]] })),
    ).toEqual({ status: 409, code: 'agreement_state' });
    const v2 = ok<ChecklistVersionView>(
      await who.dpp!.post('/api/v1/agreement-checklists', { note: 'Ditambah pelecehan daring', items }),
      201,
    );
    expect(v2).toMatchObject({ number: 2 });
    expect(v2.items).toHaveLength(16);
    const detail = ok<AgreementDetail>(await who.psp!.get(`/api/v1/agreements/${agreementId}`));
    expect(detail).toMatchObject({ checklistVersion: 2, codedAgainstVersion: 1 });
    expect(detail.sheet.find((row) => row.item.code === 'online_harassment')).toMatchObject({ isNew: true });
    expect(detail.gaps.find((gap) => gap.item.code === 'online_harassment')?.reason).toBe('new');
    expect(detail.gaps.find((gap) => gap.item.code === 'training')?.reason).toBe('not_coded');
  });

  it('exports the gap list as XLSX and PDF, each an audited export', async () => {
    const xlsx = await who.dpc!.get(`/api/v1/agreements/${agreementId}/gaps/xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdfFile = await who.dpc!.get(`/api/v1/agreements/${agreementId}/gaps/pdf`);
    expect(pdfFile.statusCode).toBe(200);
    expect(pdfFile.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const actions = (
      await test.db.selectFrom('audit_log').select('action').where('object_type', '=', 'agreement').execute()
    ).map((row) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'agreement.create',
        'agreement.file_add',
        'agreement.code',
        'agreement.gap_export',
      ]),
    );
  });

  it('changes dates and status; the status today follows the dates (the test clock is 22 Nov 2026)', async () => {
    const put = (body: Record<string, unknown>) =>
      who.psp!.request('PUT', `/api/v1/agreements/${agreementId}`, {
        ...agreementBody(tree.pspA1x),
        ...body,
      });
    const before = ok<AgreementSummary[]>(
      await who.psp!.get('/api/v1/agreements').then((response) => ({
        ...response,
        json: () => (response.json() as { items: AgreementSummary[] }).items,
      })),
    );
    expect(before.find((item) => item.id === agreementId)).toMatchObject({
      statusToday: 'in_force',
      expiringSoon: true,
    });
    expect(ok<AgreementDetail>(await put({ endsOn: '2025-06-30' }))).toMatchObject({
      endsOn: '2025-06-30',
      statusToday: 'expired',
      expiringSoon: false,
    });
    expect(
      ok<AgreementDetail>(await put({ endsOn: '2025-06-30', status: 'under_negotiation' })).statusToday,
    ).toBe('under_negotiation');
    expect(
      ok<AgreementDetail>(
        await put({ endsOn: '2025-06-30', extendedUntil: '2026-06-30', status: 'in_force' }),
      ),
    ).toMatchObject({ statusToday: 'expired', extendedUntil: '2026-06-30' });
    expect(
      problemOf(
        await who.sibling!.request('PUT', `/api/v1/agreements/${agreementId}`, agreementBody(tree.pspA1x)),
      ),
    ).toEqual({
      status: 404,
      code: 'not_found',
    });
  });
});

describe('reminders before an agreement ends (the job)', () => {
  it('mails the PSP’s officers and its DPC’s gender officer once, naming only the PSP and the date', async () => {
    // The test clock stands at 22 Nov 2026: an agreement ending 15 Feb 2027 is inside its 3-month window.
    const ending = ok<AgreementDetail>(
      await who.dpc!.post('/api/v1/agreements', {
        ...agreementBody(siblingPsp),
        companyName: 'PT Rahasia Dagang',
        startsOn: '2025-02-16',
        endsOn: '2027-02-15',
      }),
      201,
    );
    const outbox = () =>
      test.db
        .selectFrom('outbox')
        .select(['recipient', 'subject', 'body_text'])
        .orderBy('recipient')
        .execute();
    const before = (await outbox()).length;
    const sent = await ctx.services.agreementsService.sendDueReminders();
    const mails = (await outbox()).slice(before);
    expect(sent).toBe(2);
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(['dpc@spn.test', 'sibling@spn.test']);
    for (const mail of mails) {
      expect(mail.subject).toContain('PSP Tekstil');
      expect(mail.body_text).toContain('15 Februari 2027');
      expect(mail.body_text).toContain(`/agreements/${ending.id}`);
      expect(mail.body_text).not.toContain('PT Rahasia Dagang');
    }
    // A second run (or a second instance) sends nothing more.
    expect(await ctx.services.agreementsService.sendDueReminders()).toBe(0);
    expect(await outbox()).toHaveLength(before + 2);
  });
});
