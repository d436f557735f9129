import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityDetail, CampaignDetail } from '../../../shared/contracts/campaigns.ts';
import type { MaterialDetail, MaterialSummary } from '../../../shared/contracts/materials.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  TestClient,
  type TestContext,
  type Tree,
} from '../../test/helpers.ts';

/**
 * The materials library over HTTP on PostgreSQL (issue 13 "Materials library"). The rules, stated apart
 * from the code:
 * - whoever manages campaigns at a unit (campaign.manage) manages its materials; an officer below the
 *   owner reads it (the national flyer) but cannot change it; an officer of another DPD learns nothing of
 *   a DPD's material (404), and a viewer reaches no material route;
 * - a version carries one file (size-limited, type sniffed from the bytes, SHA-256 kept) or, for a video,
 *   an https link; a refused upload writes nothing;
 * - only a material with a version can be published; /materi shows published materials only, without
 *   script or cookie, small, in both languages; a download is counted per version and day, and the
 *   counter is all that is stored;
 * - the campaigns that used a material come from the activities linked to its versions, each reader
 *   seeing the uses inside her own scope.
 */
let test: TestDatabase;
let ctx: TestContext;
let app: FastifyInstance;
let tree: Tree;
const who: Record<string, TestClient> = {};
const css = readFileSync(new URL('../../public/assets/lapor.css', import.meta.url));
/** A minimal PDF: enough for the type sniffer, as a print-ready flyer would start. */
const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
let nationalId = 0;
let jabarId = 0;
let bantenId = 0;
let videoId = 0;

async function account(name: string, role: string, unitId: number) {
  const email = `${name.toLowerCase()}@spn.test`;
  await createUser(ctx, { email, homeUnitId: unitId, grants: [{ role: role as never, unitId }] });
  const client = new TestClient(app);
  expect((await client.login(email)).statusCode).toBe(200);
  who[name] = client;
}
const ok = <T>(response: { statusCode: number; body: string; json: () => unknown }, status = 200): T => {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
};
const codeOf = (response: { json: () => unknown }) => (response.json() as { code: string }).code;
const create = (client: TestClient, body: Record<string, unknown>) =>
  client.post('/api/v1/materials', {
    language: 'id',
    audience: 'members',
    licence: 'cc_by_sa',
    kind: 'flyer',
    ...body,
  });

/** A multipart upload of `content` with an optional note, through the API with the client's session. */
async function upload(
  client: TestClient,
  materialId: number,
  content: Buffer,
  options: { name?: string; type?: string; note?: string } = {},
) {
  const boundary = `----setara${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  if (options.note !== undefined)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${options.note}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${options.name ?? 'leaflet.pdf'}"\r\n` +
        `Content-Type: ${options.type ?? 'application/pdf'}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return app.inject({
    method: 'POST',
    url: `/api/v1/materials/${materialId}/versions`,
    payload: Buffer.concat(parts),
    headers: {
      cookie: client.cookieHeader(),
      'x-csrf-token': await client.ensureCsrf(),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
}
const rowsOf = async () => ({
  versions: (await test.db.selectFrom('material_versions').select('id').execute()).length,
  files: (await test.db.selectFrom('material_files').select('id').execute()).length,
});

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url, { env: { MATERIAL_FILE_MAX_MB: '1' } });
  tree = await seedTree(ctx);
  app = await createTestApp(ctx);
  await account('national', 'gender_officer', tree.root);
  await account('jabar', 'gender_officer', tree.dpdA);
  await account('banten', 'gender_officer', tree.dpdB);
  await account('viewer', 'viewer', tree.root);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

describe('materials and their readers', () => {
  it('each officer creates a draft material at her unit; the slug comes from the title', async () => {
    const national = ok<MaterialDetail>(
      await create(who.national!, { ownerUnitId: tree.root, title: 'Stop Pelecehan di Tempat Kerja!' }),
      201,
    );
    nationalId = national.id;
    expect(national).toMatchObject({
      slug: 'stop-pelecehan-di-tempat-kerja',
      status: 'draft',
      latestVersion: null,
      canManage: true,
      versions: [],
    });
    jabarId = ok<MaterialDetail>(
      await create(who.jabar!, { ownerUnitId: tree.dpcA1, title: 'Poster Satgas PPKS', kind: 'poster' }),
      201,
    ).id;
    bantenId = ok<MaterialDetail>(
      await create(who.banten!, { ownerUnitId: tree.dpdB, title: 'Modul C190 Banten', kind: 'module' }),
      201,
    ).id;
    // Same title again: the next free address.
    const again = ok<MaterialDetail>(
      await create(who.national!, { ownerUnitId: tree.root, title: 'Stop pelecehan di tempat kerja' }),
      201,
    );
    expect(again.slug).toBe('stop-pelecehan-di-tempat-kerja-2');
    expect(
      codeOf(await create(who.national!, { ownerUnitId: tree.root, title: 'X', slug: again.slug })),
    ).toBe('conflict');
    // Nobody creates outside her scope; a viewer reaches no material route.
    expect((await create(who.jabar!, { ownerUnitId: tree.dpdB, title: 'Bukan milikku' })).statusCode).toBe(
      404,
    );
    expect((await who.viewer!.get('/api/v1/materials')).statusCode).toBe(403);
    const audit = await test.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'material.create')
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('a DPD officer sees her subtree and the national library, never another DPD’s materials', async () => {
    const titles = (list: { items: MaterialSummary[] }) => list.items.map((item) => item.id).sort();
    const jabar = ok<{ items: MaterialSummary[]; canCreate: boolean }>(
      await who.jabar!.get('/api/v1/materials'),
    );
    expect(titles(jabar)).toEqual(expect.arrayContaining([nationalId, jabarId]));
    expect(titles(jabar)).not.toContain(bantenId);
    expect(jabar.canCreate).toBe(true);
    const national = ok<{ items: MaterialSummary[] }>(await who.national!.get('/api/v1/materials'));
    expect(titles(national)).toEqual(expect.arrayContaining([nationalId, jabarId, bantenId]));
    expect((await who.banten!.get(`/api/v1/materials/${jabarId}`)).statusCode).toBe(404);
    const seen = ok<MaterialDetail>(await who.jabar!.get(`/api/v1/materials/${nationalId}`));
    expect(seen.canManage).toBe(false);
    expect((await upload(who.jabar!, nationalId, pdf)).statusCode).toBe(403);
    expect((await upload(who.banten!, jabarId, pdf)).statusCode).toBe(404);
  });
});

describe('versions', () => {
  it('refuses a bad upload and writes nothing: wrong bytes, empty, too large, not a file', async () => {
    const before = await rowsOf();
    // A text file called .pdf is not a PDF, whatever its name and declared type say.
    const text = await upload(who.national!, nationalId, Buffer.from('just some text'), { note: 'v1' });
    expect(text.statusCode).toBe(415);
    expect(codeOf(text)).toBe('unsupported_media_type');
    expect((await upload(who.national!, nationalId, Buffer.alloc(0))).statusCode).toBe(400);
    const large = Buffer.concat([pdf, Buffer.alloc(1024 * 1024)]);
    expect((await upload(who.national!, nationalId, large)).statusCode).toBe(413);
    const json = await who.national!.post(`/api/v1/materials/${nationalId}/versions`, { note: 'x' });
    expect(json.statusCode).toBe(415);
    expect(await rowsOf()).toEqual(before);
    const detail = ok<MaterialDetail>(await who.national!.get(`/api/v1/materials/${nationalId}`));
    expect(detail.versions).toEqual([]);
  });

  it('stores a version with its sniffed type, size and SHA-256, numbered per material, audited', async () => {
    const first = ok<MaterialDetail>(
      await upload(who.national!, nationalId, pdf, { name: 'Leaflet C190.pdf', note: 'Cetakan pertama' }),
      201,
    );
    expect(first.latestVersion).toBe(1);
    expect(first.versions[0]).toMatchObject({
      number: 1,
      note: 'Cetakan pertama',
      url: null,
      files: [
        {
          fileName: 'Leaflet_C190.pdf',
          mediaType: 'application/pdf',
          size: pdf.length,
          sha256: createHash('sha256').update(pdf).digest('hex'),
        },
      ],
    });
    const second = ok<MaterialDetail>(await upload(who.national!, nationalId, pdf), 201);
    expect(second.versions.map((version) => version.number)).toEqual([2, 1]);
    const file = second.versions[1]!.files[0]!;
    const download = await who.jabar!.get(`/api/v1/materials/${nationalId}/files/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await who.banten!.get(`/api/v1/materials/${jabarId}/files/${file.id}`)).statusCode).toBe(404);
    const audit = await test.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'material.version_add')
      .where('object_id', '=', String(nationalId))
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]!.details).toMatchObject({ version: 1, mediaType: 'application/pdf', size: pdf.length });
  });

  it('a video is a link, never a file; other kinds take no link', async () => {
    videoId = ok<MaterialDetail>(
      await create(who.national!, {
        ownerUnitId: tree.root,
        title: 'Video Berani Melapor',
        kind: 'video_link',
      }),
      201,
    ).id;
    const file = await upload(who.national!, videoId, pdf);
    expect(file.statusCode).toBe(409);
    expect(codeOf(file)).toBe('material_state');
    expect(
      (await who.national!.post(`/api/v1/materials/${videoId}/link-versions`, { url: 'http://x.test/v' }))
        .statusCode,
    ).toBe(400);
    const linked = ok<MaterialDetail>(
      await who.national!.post(`/api/v1/materials/${videoId}/link-versions`, {
        url: 'https://video.spn.test/berani-melapor',
      }),
      201,
    );
    expect(linked.versions[0]).toMatchObject({
      number: 1,
      url: 'https://video.spn.test/berani-melapor',
      files: [],
    });
    expect(
      codeOf(
        await who.national!.post(`/api/v1/materials/${nationalId}/link-versions`, { url: 'https://a.test' }),
      ),
    ).toBe('material_state');
  });
});

describe('publishing and use in campaigns', () => {
  it('publishes only a material with a version; the reader cannot publish', async () => {
    const empty = await who.jabar!.post(`/api/v1/materials/${jabarId}/publication`, { published: true });
    expect(empty.statusCode).toBe(409);
    expect(empty.json()).toMatchObject({ code: 'material_state', details: { rule: 'no_version' } });
    expect(
      (await who.jabar!.post(`/api/v1/materials/${nationalId}/publication`, { published: true })).statusCode,
    ).toBe(403);
    const published = ok<MaterialDetail>(
      await who.national!.post(`/api/v1/materials/${nationalId}/publication`, { published: true }),
    );
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    ok(await who.national!.post(`/api/v1/materials/${videoId}/publication`, { published: true }));
  });

  it('links a campaign activity to the version used; the campaigns using it are listed within scope', async () => {
    const campaign = ok<CampaignDetail>(
      await who.jabar!.post('/api/v1/campaigns', {
        ownerUnitId: tree.dpdA,
        title: '16 Hari — DPD Jawa Barat',
        startsOn: '2026-11-25',
        endsOn: '2026-12-10',
      }),
      201,
    );
    const activity = ok<ActivityDetail>(
      await who.jabar!.post(`/api/v1/campaigns/${campaign.id}/activities`, {
        kind: 'leaflet_distribution',
        hostUnitId: tree.pspA1x,
        heldOn: '2026-11-27',
        title: 'Pembagian leaflet di gerbang pabrik',
        reachMode: 'tally',
      }),
      201,
    );
    // Banten cannot reach Jawa Barat's activity, even with a material she sees.
    expect(
      (await who.banten!.post(`/api/v1/materials/${nationalId}/activities`, { activityId: activity.id }))
        .statusCode,
    ).toBe(404);
    const linked = ok<MaterialDetail>(
      await who.jabar!.post(`/api/v1/materials/${nationalId}/activities`, {
        activityId: activity.id,
        versionNumber: 1,
      }),
    );
    expect(linked.uses).toEqual([
      expect.objectContaining({
        activityId: activity.id,
        campaignId: campaign.id,
        campaignTitle: '16 Hari — DPD Jawa Barat',
        versionNumber: 1,
        heldOn: '2026-11-27',
      }),
    ]);
    expect(linked.campaigns).toEqual([{ id: campaign.id, title: '16 Hari — DPD Jawa Barat' }]);
    // The activity page names the library version it used.
    const seen = ok<ActivityDetail>(await who.jabar!.get(`/api/v1/campaign-activities/${activity.id}`));
    expect(seen.libraryMaterials).toEqual([
      { materialId: nationalId, title: 'Stop Pelecehan di Tempat Kerja!', kind: 'flyer', versionNumber: 1 },
    ]);
    // Twice is once.
    ok(
      await who.jabar!.post(`/api/v1/materials/${nationalId}/activities`, {
        activityId: activity.id,
        versionNumber: 1,
      }),
    );
    expect(
      (
        await who.jabar!.post(`/api/v1/materials/${nationalId}/activities`, {
          activityId: activity.id,
          versionNumber: 9,
        })
      ).statusCode,
    ).toBe(404);
    // The owner's manager sees every use; Banten sees the national material without Jawa Barat's uses.
    expect(ok<MaterialDetail>(await who.national!.get(`/api/v1/materials/${nationalId}`)).uses).toHaveLength(
      1,
    );
    expect(ok<MaterialDetail>(await who.banten!.get(`/api/v1/materials/${nationalId}`)).uses).toEqual([]);
    const links = await test.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'material.activity_link')
      .execute();
    expect(links).toHaveLength(1);
  });
});

describe('/materi: the public library', () => {
  it('lists published materials only, with no script, no cookie, small, in both languages', async () => {
    for (const url of [
      '/materi',
      '/materi?lang=en',
      '/materi/stop-pelecehan-di-tempat-kerja',
      `/materi/${nationalId}?lang=en`,
    ]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).not.toMatch(/<script/i);
      expect(gzipSync(response.body).length + gzipSync(css).length).toBeLessThanOrEqual(15 * 1024);
    }
    const list = (await app.inject({ url: '/materi' })).body;
    expect(list).toContain('Stop Pelecehan di Tempat Kerja!');
    expect(list).toContain('Video Berani Melapor');
    expect(list).not.toContain('Poster Satgas PPKS');
    expect(list).not.toContain('Modul C190 Banten');
    expect((await app.inject({ url: '/materi?lang=en' })).body).toContain('SPN materials library');
    const page = (await app.inject({ url: `/materi/${nationalId}?lang=en` })).body;
    expect(page).toContain('Version 2');
    expect(page).toContain(createHash('sha256').update(pdf).digest('hex'));
    expect(page).toContain('lang="en"');
    // A draft, an unknown address and a malformed one get the same answer.
    const bodies = new Set<string>();
    for (const url of [`/materi/${jabarId}`, '/materi/tidak-ada', '/materi/%00%3Cscript%3E']) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      bodies.add(response.body);
    }
    expect(bodies.size).toBe(1);
  });

  it('counts a download per version and day and stores nothing about who downloaded', async () => {
    const detail = ok<MaterialDetail>(await who.national!.get(`/api/v1/materials/${nationalId}`));
    const file = detail.versions[0]!.files[0]!;
    const url = `/materi/stop-pelecehan-di-tempat-kerja/unduh/${file.id}`;
    for (const address of ['203.0.113.7', '198.51.100.9']) {
      const response = await app.inject({
        url,
        remoteAddress: address,
        headers: { 'user-agent': 'Phone/1' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['content-disposition']).toContain('attachment');
      expect(response.rawPayload.equals(pdf)).toBe(true);
    }
    const counters = await test.db.selectFrom('material_downloads').selectAll().execute();
    expect(counters).toEqual([{ version_id: detail.versions[0]!.id, day_on: expect.any(String), count: 2 }]);
    // Only the counter: no column anywhere in the schema of this table could hold an address.
    expect(Object.keys(counters[0]!).sort()).toEqual(['count', 'day_on', 'version_id']);
    expect(JSON.stringify(await test.db.selectFrom('audit_log').selectAll().execute())).not.toContain(
      '203.0.113.7',
    );
    // A file of another material under this address is not found, and not counted.
    expect((await app.inject({ url: `/materi/${videoId}/unduh/${file.id}` })).statusCode).toBe(404);
    const video = await app.inject({ url: `/materi/${videoId}/video/1` });
    expect(video.statusCode).toBe(303);
    expect(video.headers.location).toBe('https://video.spn.test/berani-melapor');
    const after = ok<MaterialDetail>(await who.national!.get(`/api/v1/materials/${nationalId}`));
    expect(after.downloads).toBe(2);
    expect(after.versions[0]!.downloads).toBe(2);
  });

  it('an unpublished material leaves the public library at once', async () => {
    ok(await who.national!.post(`/api/v1/materials/${videoId}/publication`, { published: false }));
    expect((await app.inject({ url: `/materi/${videoId}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/materi/${videoId}/video/1` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/materi' })).body).not.toContain('Video Berani Melapor');
  });
});
