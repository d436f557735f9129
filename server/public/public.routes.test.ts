import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCaseWorker } from '../modules/cases/cases.test-support.ts';
import { createTestDatabase, type TestDatabase } from '../test/database.ts';
import {
  createTestApp,
  createTestContext,
  createUser,
  seedTree,
  type TestContext,
  type Tree,
} from '../test/helpers.ts';
import { publicAssets } from './assets.ts';
import {
  inputValue,
  multipart,
  postForm,
  receiptPattern,
  reportFields,
  tinyPng,
  withoutTokens,
  type Fields,
} from './public.test-support.ts';
import {
  addressBucket,
  databaseThrottleKeys,
  globalBucket,
  tricklePerMinute,
  windowStartOf,
} from './throttle.ts';
import { createFollowUpToken, createFormToken, derivePublicKeys } from './tokens.ts';
import { QUICK_EXIT_URL } from './views/layout.tsx';

let test: TestDatabase;
let ctx: TestContext;
let tree: Tree;
let app: FastifyInstance;
let keys: ReturnType<typeof derivePublicKeys>;

beforeAll(async () => {
  test = await createTestDatabase();
  ctx = createTestContext(test.db, test.url);
  tree = await seedTree(ctx);
  // A set-up install: DPP has a case coordinator, so /lapor promises first contact (public.channel.test.ts
  // covers the install without one).
  await createCaseWorker(ctx, {
    email: 'koordinator.dpp@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'case_coordinator', unitId: tree.root }],
  });
  // An administrator at the top unit hears when a public page spends its global cap.
  await createUser(ctx, {
    email: 'admin.dpp@spn.test',
    homeUnitId: tree.root,
    grants: [{ role: 'admin', unitId: tree.root }],
  });
  app = await createTestApp(ctx);
  keys = derivePublicKeys(ctx.masterKey.key);
});
afterAll(async () => {
  await app.close();
  await test.drop();
});
beforeEach(async () => {
  await test.db.deleteFrom('public_throttle').execute();
});

const caseCount = async () => (await test.db.selectFrom('cases').select('id').execute()).length;
const messageCount = async () => (await test.db.selectFrom('case_messages').select('id').execute()).length;

const submitReport = (
  fields: Fields = reportFields(),
  options: Partial<Parameters<typeof postForm>[1]> = {},
) => postForm(app, { formPage: '/lapor', url: '/lapor', fields, ...options });
/** Mails to administrators that a public page spent its global cap (one per window). */
const busyMails = async () =>
  (
    await test.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('subject', 'like', '%batas global%')
      .executeTakeFirstOrThrow()
  ).count;
const checkReceipt = (receipt: string, extra: Fields = {}, remoteAddress?: string) =>
  postForm(app, { formPage: '/lapor/cek', url: '/lapor/cek', fields: { receipt, ...extra }, remoteAddress });

/** Submits a valid report and opens its status page; returns the receipt and the status page. */
async function reportAndOpen(fields: Fields = reportFields()) {
  const receiptPage = await submitReport(fields);
  expect(receiptPage.statusCode).toBe(200);
  const receipt = receiptPattern.exec(receiptPage.body)?.[0] ?? '';
  const status = await checkReceipt(receipt);
  expect(status.statusCode).toBe(200);
  return { receiptPage, receipt, status };
}

const sendMessage = (statusHtml: string, fields: Fields, files?: Parameters<typeof multipart>[1]) =>
  app.inject({
    method: 'POST',
    url: '/lapor/cek/pesan',
    payload: multipart(
      {
        _token: inputValue(statusHtml, '_token') ?? '',
        followUp: inputValue(statusHtml, 'followUp') ?? '',
        ...fields,
      },
      files,
    ),
  });

describe('public pages: headers and markup', () => {
  it('send no-store, no cookie, the strict CSP and no inline script on every page', async () => {
    const { receiptPage, status } = await reportAndOpen();
    const pages = [
      await app.inject({ url: '/lapor' }),
      await app.inject({ url: '/lapor?lang=en' }),
      await app.inject({ url: '/lapor/cek' }),
      receiptPage,
      status,
      await sendMessage(status.body, { body: 'Halo tim' }),
      await submitReport({ reporterRole: 'korban' }),
      await checkReceipt('0000 0000 0000 0000'),
      await app.inject({ method: 'POST', url: '/lapor', payload: multipart({ _token: 'forged' }) }),
    ];
    for (const response of pages) {
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.pragma).toBe('no-cache');
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      const html = response.body;
      expect(html.startsWith('<!doctype html>')).toBe(true);
      // Every script is an external file of our own; no inline script, no third-party resource.
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts).toEqual([`<script src="${publicAssets.script.url}" defer=""></script>`.slice(0, -9)]);
      expect(html).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
      expect(html).not.toMatch(/\son[a-z]+=/i);
      const external = [...html.matchAll(/(?:src|href)="(https?:)?\/\/[^"]*"/g)].map((match) => match[0]);
      expect(external).toEqual([`href="${QUICK_EXIT_URL}"`]);
      // The quick exit is the first link, the title is neutral.
      expect(html.indexOf(QUICK_EXIT_URL)).toBeLessThan(html.indexOf('<main>'));
      expect(html).toMatch(
        /<title>(Layanan Anggota|Member services|Periksa isian – Layanan Anggota)<\/title>/,
      );
      // Every form opts out of autofill.
      for (const form of html.match(/<form\b[^>]*>/g) ?? []) expect(form).toMatch(/autocomplete="off"/i);
    }
  });

  it('serves the stylesheet and the quick-exit script as cacheable files without cookies', async () => {
    for (const asset of Object.values(publicAssets)) {
      const response = await app.inject({ url: asset.url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(asset.type);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const css = await app.inject({ url: publicAssets.stylesheet.url });
    expect(css.body).toContain('@media print');
  });

  it('answers unknown /lapor addresses with a plain page of its own, never the staff app', async () => {
    for (const url of ['/lapor/cek/pesan', '/lapor/apa-saja', '/lapor/assets/tidak-ada.css?lang=en']) {
      const response = await app.inject({ url });
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.body).toContain('id="keluar" href="https://www.bmkg.go.id/cuaca"');
    }
    expect((await app.inject({ url: '/lapor/cek/pesan' })).body).toContain('name="receipt"');
    const missing = await app.inject({ url: '/lapor/assets/tidak-ada.css?lang=en' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');
  });

  it('renders the report page in Bahasa Indonesia by default and in English with ?lang=en', async () => {
    const id = await app.inject({ url: '/lapor' });
    expect(id.body).toContain('<html lang="id">');
    expect(id.body).toContain('Keluar cepat');
    expect(id.body).toContain('UU TPKS Pasal 68–70');
    expect(id.body).toContain('action="/lapor"');
    expect(id.body).toContain('href="/lapor?lang=en"');
    // The DPD choice lists the active DPDs, with "don't know" first.
    expect(id.body).toContain(`<option value="${tree.dpdA}">DPD Jawa Barat</option>`);
    expect(id.body).toMatch(
      /<select id="f-placeUnitId" name="placeUnitId"><option value="" selected="">Tidak tahu/,
    );
    expect(id.body).toMatch(/encType="multipart\/form-data"/i);
    expect(id.body).toContain('type="file"');
    expect(id.body).toContain('multiple');
    const en = await app.inject({ url: '/lapor?lang=en' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Quick exit');
    expect(en.body).toContain('action="/lapor?lang=en"');
    expect(en.body).toContain('href="/lapor/cek?lang=en"');
    expect(en.body).not.toContain('Kirim laporan');
    const check = await app.inject({ url: '/lapor/cek?lang=en' });
    expect(check.body).toContain('action="/lapor/cek?lang=en"');
    expect(check.body).toContain('Receipt number (16 digits)');
  });

  it('labels every input and groups choices in fieldsets with legends', async () => {
    const html = (await app.inject({ url: '/lapor' })).body;
    const ids = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map(
      (match) => match[1],
    );
    for (const id of ids) expect(html).toContain(`for="${id}"`);
    // Inputs without an id (checkboxes, radios) sit inside their label.
    const bare = [...html.matchAll(/<input\b(?![^>]*\bid=)(?![^>]*type="hidden")[^>]*>/g)];
    for (const match of bare)
      expect(html.lastIndexOf('<label', match.index)).toBeGreaterThan(
        html.lastIndexOf('</label>', match.index),
      );
    expect((html.match(/<fieldset/g) ?? []).length).toBe((html.match(/<legend>/g) ?? []).length);
    expect((html.match(/<fieldset/g) ?? []).length).toBeGreaterThanOrEqual(10);
  });
});

describe('POST /lapor', () => {
  it('keeps every value and names each bad field when the report is incomplete', async () => {
    const casesBefore = await caseCount();
    const response = await submitReport({
      reporterRole: 'saksi',
      narrative: 'Cerita <b>saya</b> & "kutipan"',
      forms: [],
      place: '',
      relationship: 'rekan_kerja',
      wishes: ['dukungan', 'bantuan_hukum'],
      placeDetail: 'PT Maju',
      contactMethod: 'phone',
      contactValue: '',
      incidentDate: '2026-11-01',
      incidentDateApproximate: 'on',
      namedOffice: 'DPC',
      survivorAgeBand: '18-24',
    });
    expect(response.statusCode).toBe(422);
    const html = response.body;
    expect(html).toContain('<title>Periksa isian – Layanan Anggota</title>');
    // The summary links to each field, in page order, with its message.
    expect(html).toContain('role="alert"');
    const links = [...html.matchAll(/<a href="#f-([a-zA-Z]+)">/g)].map((match) => match[1]);
    expect(links).toEqual(['forms', 'place', 'contactValue', 'consentToProcess']);
    expect(html).toContain('Pilih paling sedikit satu hal yang terjadi.');
    expect(html).toContain('Centang persetujuan ini agar laporan bisa diterima.');
    expect(html).toMatch(
      /id="f-contactValue"[^>]*aria-describedby="h-contactValue e-contactValue"[^>]*aria-invalid="true"/,
    );
    // What she wrote is all still there, escaped.
    expect(html).toContain('Cerita &lt;b&gt;saya&lt;/b&gt; &amp; &quot;kutipan&quot;</textarea>');
    expect(html).toMatch(/value="saksi" checked=""|checked="" value="saksi"/);
    expect(html).toMatch(/checked="" value="rekan_kerja"/);
    expect(html).toMatch(/checked="" value="dukungan"/);
    expect(html).toMatch(/checked="" value="bantuan_hukum"/);
    expect(html).toMatch(/checked="" value="phone"/);
    expect(html).toMatch(/name="incidentDateApproximate" checked=""/);
    expect(html).toContain('value="2026-11-01"');
    expect(html).toContain('value="PT Maju"');
    expect(html).toContain('<option value="DPC" selected="">');
    expect(html).toContain('<option value="18-24" selected="">');
    // A fresh form token, so she can send it again.
    expect(inputValue(html, '_token')).toMatch(/^report\./);
    expect(await caseCount()).toBe(casesBefore);
  });

  it('keeps a language switch after a failed submit, which re-sends the answers in the other language', async () => {
    const casesBefore = await caseCount();
    const withoutConsent = Object.fromEntries(
      Object.entries(reportFields()).filter(([name]) => name !== 'consentToProcess'),
    );
    const failed = await submitReport(withoutConsent);
    expect(failed.statusCode).toBe(422);
    // The header's switch is still there; it leads to the button in the form (a link would lose answers).
    expect(failed.body).toMatch(/<a class="lang" href="#ganti-bahasa" lang="en">English<\/a>/);
    const button = /<button type="submit" id="ganti-bahasa"[^>]*>/.exec(failed.body)?.[0] ?? '';
    expect(button).toContain('name="_language"');
    expect(button).toContain('value="en"');
    expect(button).toContain('formAction="/lapor?lang=en"');
    expect(button).toContain('formNoValidate');
    // The report's own button comes first, so Enter in a field still sends the report.
    expect(failed.body.indexOf('id="ganti-bahasa"')).toBeGreaterThan(failed.body.indexOf('Kirim laporan'));

    const switched = await postForm(app, {
      formPage: '/lapor',
      url: '/lapor?lang=en',
      fields: { ...withoutConsent, _language: 'en' },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.body).toContain('<html lang="en">');
    expect(switched.body).toContain('Mandor saya berkata kasar');
    // Nothing was checked or sent: no error summary, no case; the way back to Indonesian is there too.
    expect(switched.body).not.toContain('role="alert"');
    expect(switched.body).toMatch(/<a class="lang" href="#ganti-bahasa" lang="id">Bahasa Indonesia<\/a>/);
    const back = /<button type="submit" id="ganti-bahasa"[^>]*>/.exec(switched.body)?.[0] ?? '';
    expect(back).toContain('value="id"');
    expect(back).toContain('formAction="/lapor"');
    expect(await caseCount()).toBe(casesBefore);
  });

  it('says files must be chosen again, and names the file problem', async () => {
    const casesBefore = await caseCount();
    const response = await submitReport(reportFields(), {
      files: [{ name: 'catatan.exe', data: Buffer.from('MZ not a picture at all') }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('Ada berkas yang jenisnya tidak bisa diterima.');
    expect(response.body).toContain(
      'Berkas yang tadi Anda pilih belum terkirim. Pilih lagi sebelum mengirim.',
    );
    expect(response.body).toContain('Mandor saya berkata kasar');
    const tooMany = await submitReport(reportFields(), {
      files: Array.from({ length: 6 }, (_, index) => ({ name: `foto-${index}.png`, data: tinyPng })),
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('Paling banyak 5 berkas sekali kirim.');
    // The consents come before the files in the form, so they survive the cut-off upload.
    expect(tooMany.body).toMatch(/name="consentToProcess" checked=""/);
    const tooLarge = await submitReport(reportFields(), {
      files: [{ name: 'besar.png', data: Buffer.concat([tinyPng, Buffer.alloc(10 * 1024 * 1024)]) }],
    });
    expect(tooLarge.statusCode).toBe(422);
    expect(tooLarge.body).toContain('lebih dari 10 MB');
    expect(await caseCount()).toBe(casesBefore);
  });

  it('accepts evidence of several megabytes (the multipart limits, not the 1 MB body limit, apply)', async () => {
    const casesBefore = await caseCount();
    const photo = Buffer.concat([tinyPng, Buffer.alloc(3 * 1024 * 1024, 1)]);
    const response = await submitReport(reportFields(), {
      files: [
        { name: 'foto-1.png', data: photo },
        { name: 'foto-2.png', data: photo },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(receiptPattern);
    expect(await caseCount()).toBe(casesBefore + 1);
  });

  it('refuses a missing, forged or expired form token with 403 and keeps the answers', async () => {
    const casesBefore = await caseCount();
    const expired = createFormToken(keys.form, 'report', new Date(ctx.clock.now().getTime() - 3 * 3600_000));
    const forged = createFormToken(derivePublicKeys(Buffer.alloc(32, 7)).form, 'report', new Date());
    const wrongForm = createFormToken(keys.form, 'check', new Date());
    for (const token of [undefined, 'report.9999999999999.abc.def', expired, forged, wrongForm]) {
      const response = await app.inject({
        method: 'POST',
        url: '/lapor',
        payload: multipart({ ...(token ? { _token: token } : {}), ...reportFields() }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Formulir ini sudah terlalu lama dibuka');
      expect(response.body).toContain('Mandor saya berkata kasar');
      expect(inputValue(response.body, '_token')).toMatch(/^report\./);
    }
    expect(await caseCount()).toBe(casesBefore);
  });

  it('shows the receipt once, grouped 4-4-4-4, with no case content on the page', async () => {
    const casesBefore = await caseCount();
    const canary = 'KENARI-7f3a9c-narasi';
    const response = await submitReport(
      reportFields({
        narrative: `Cerita ${canary}`,
        namedName: 'Nama-Terlapor-Kenari',
        placeDetail: 'Tempat-Kenari',
        reporterName: 'Pelapor-Kenari',
        contactMethod: 'whatsapp',
        contactValue: '0812-kenari',
        safeTimes: 'Jam-Kenari',
        consentToContact: 'on',
      }),
      { files: [{ name: 'bukti-kenari.png', data: tinyPng }] },
    );
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/<p class="digits">\d{4} \d{4} \d{4} \d{4}<\/p>/);
    expect(html).toContain('Nomor ini hanya ditampilkan sekali.');
    expect(html).toContain('Tulis nomor ini sekarang');
    expect(html).toMatch(/Paling lambat [A-Z][a-z]+, \d{1,2} [A-Z][a-z]+ \d{4} pukul \d{2}\.\d{2} WIB/);
    expect(html).toContain('href="/lapor/cek"');
    expect(html).not.toContain('<form');
    expect(html).not.toMatch(/Kenari|KENARI|kenari/);
    // No redirect: the receipt is in the page, never in a URL or header.
    expect(response.headers.location).toBeUndefined();
    const receipt = receiptPattern.exec(html)?.[0] ?? '';
    expect(JSON.stringify(response.headers)).not.toContain(receipt.replace(/ /g, ''));
    expect(await caseCount()).toBe(casesBefore + 1);
  });

  it('takes one report per form token: a resend shows the first receipt, twins at once make one case', async () => {
    const sendWith = (token: string, fields: Fields, remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/lapor',
        payload: multipart({ _token: token, ...fields }),
        remoteAddress,
      });
    const freshToken = async () => inputValue((await app.inject({ url: '/lapor' })).body, '_token') ?? '';

    // An incomplete send does not spend the token: the corrected resend is the report.
    const token = await freshToken();
    const casesBefore = await caseCount();
    expect((await sendWith(token, reportFields({ forms: [] }), '198.51.100.40')).statusCode).toBe(422);
    const first = await sendWith(token, reportFields(), '198.51.100.40');
    expect(first.statusCode).toBe(200);
    const receipt = receiptPattern.exec(first.body)?.[0];
    expect(receipt).toBeDefined();
    // Back and send again, even with other answers: the same receipt page, nothing new stored.
    const again = await sendWith(token, reportFields({ narrative: 'Kedua kalinya' }), '198.51.100.40');
    expect(again.statusCode).toBe(200);
    expect(receiptPattern.exec(again.body)?.[0]).toBe(receipt);
    expect(await caseCount()).toBe(casesBefore + 1);

    // A double tap: both sends in flight at once, one case, both answered with its receipt.
    const twinToken = await freshToken();
    const twins = await Promise.all([
      sendWith(twinToken, reportFields(), '198.51.100.41'),
      sendWith(twinToken, reportFields(), '198.51.100.41'),
    ]);
    expect(twins.map((response) => response.statusCode)).toEqual([200, 200]);
    const receipts = twins.map((response) => receiptPattern.exec(response.body)?.[0]);
    expect(receipts[0]).toBeDefined();
    expect(receipts[1]).toBe(receipts[0]);
    expect(await caseCount()).toBe(casesBefore + 2);

    // What the server keeps of a spent token names no case and shows no receipt to whoever reads it.
    const spent = await test.db.selectFrom('spent_form_tokens').selectAll().execute();
    expect(spent.length).toBeGreaterThanOrEqual(2);
    for (const row of spent) {
      expect(Object.keys(row).sort()).toEqual(['expires_at', 'sealed_receipt', 'token_id']);
      for (const digits of [receipt, receipts[0]])
        expect(row.sealed_receipt.toString('latin1')).not.toContain(digits!.replace(/ /g, '').slice(0, 8));
    }
  });

  it('answers the sixth report from one address within the hour with a 429 page that keeps the answers', async () => {
    for (let index = 0; index < 5; index += 1)
      expect((await submitReport(reportFields(), { remoteAddress: '198.51.100.20' })).statusCode).toBe(200);
    const refused = await submitReport(reportFields({ narrative: 'Laporan keenam' }), {
      remoteAddress: '198.51.100.20',
    });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('Terlalu banyak percobaan');
    expect(refused.body).toContain('Laporan keenam</textarea>');
    expect((await submitReport(reportFields(), { remoteAddress: '198.51.100.21' })).statusCode).toBe(200);
    const buckets = await test.db.selectFrom('public_throttle').select('bucket').execute();
    for (const { bucket } of buckets) {
      expect(bucket).toMatch(/^submit:([0-9a-f]{32}|global)$/);
      expect(bucket).not.toContain('198.51.100');
    }
  });
});

describe('following up with the receipt', () => {
  it('runs the whole journey: report, receipt, status, message, files', async () => {
    const { receipt, status } = await reportAndOpen(
      reportFields({ narrative: 'Narasi rahasia untuk tim saja' }),
    );
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    const html = status.body;
    expect(html).toContain('Diterima: laporan Anda sudah masuk dan menunggu pendamping.');
    expect(html).toMatch(/Kontak pertama dari pendamping: paling lambat .+ WIB\./);
    expect(html).toContain('Belum ada pesan.');
    // The status page shows state and messages, never the report itself.
    expect(html).not.toContain('Narasi rahasia');
    expect(html).not.toContain(receipt);
    expect(inputValue(html, 'followUp')).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const sent = await sendMessage(
      html,
      { body: 'Saya ingin bicara dengan pendamping perempuan.\nTerima kasih.' },
      [{ name: 'tangkapan-layar.png', data: tinyPng, type: 'image/png' }],
    );
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Pesan Anda terkirim.');
    expect(sent.body).toContain('Saya ingin bicara dengan pendamping perempuan.\nTerima kasih.');
    expect(sent.body).toMatch(/<strong>Anda<\/strong> · <time dateTime="[^"]+">[^<]+ WIB<\/time>/);
    expect(sent.body).toContain('tangkapan-layar.png');

    // Files alone are a message too; the page keeps working with the token it just issued.
    const filesOnly = await sendMessage(sent.body, { body: '' }, [{ name: 'foto-2.png', data: tinyPng }]);
    expect(filesOnly.statusCode).toBe(200);
    expect(filesOnly.body).toContain('foto-2.png');

    // The same receipt, typed with dashes, opens the same case in English.
    const english = await postForm(app, {
      formPage: '/lapor/cek?lang=en',
      url: '/lapor/cek?lang=en',
      fields: { receipt: receipt.replace(/ /g, '-') },
    });
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Received: your report has arrived');
    expect(english.body).toContain('action="/lapor/cek/pesan?lang=en"');
    expect(english.body).toContain('Terima kasih.');
  });

  it('gives one generic answer for every wrong receipt', async () => {
    const answers = await Promise.all(
      ['0000 0000 0000 0000', '1234', '', 'bukan nomor', '9999-9999-9999-99990'].map((receipt) =>
        checkReceipt(receipt),
      ),
    );
    const texts = new Set(answers.map((answer) => withoutTokens(answer.body)));
    expect(texts.size).toBe(1);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(404);
      expect(answer.body).toContain(
        'Kami tidak menemukan laporan dengan nomor tanda terima ini. Periksa lagi angkanya.',
      );
    }
  });

  it('limits receipt checks to 10 per address and 300 overall per 15 minutes', async () => {
    const now = ctx.clock.now();
    const windows = [
      windowStartOf('lookup', now),
      new Date(windowStartOf('lookup', now).getTime() + 15 * 60_000),
    ];
    const day = (date: Date) => date;
    for (const window of windows)
      await test.db
        .insertInto('public_throttle')
        .values({
          bucket: await addressBucket(databaseThrottleKeys(test.db), 'lookup', '203.0.113.9', day(window)),
          window_start: window,
          hits: 10,
        })
        .execute();
    const refused = await checkReceipt('1111 2222 3333 4444', {}, '203.0.113.9');
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Terlalu banyak percobaan');
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect((await checkReceipt('1111 2222 3333 4444', {}, '203.0.113.10')).statusCode).toBe(404);
    for (const window of windows)
      await test.db
        .insertInto('public_throttle')
        .values({ bucket: globalBucket('lookup'), window_start: window, hits: 300 })
        .onConflict((conflict) => conflict.columns(['bucket', 'window_start']).doUpdateSet({ hits: 300 }))
        .execute();
    // Over the global cap the channel degrades instead of closing: the minute's trickle still gets an
    // answer, the rest are asked to wait until the next minute, and the administrators hear of it once.
    const outboxBefore = await busyMails();
    const answers = [];
    for (let visitor = 11; visitor < 11 + tricklePerMinute('lookup') + 3; visitor += 1)
      answers.push(await checkReceipt('1111 2222 3333 4444', {}, `203.0.113.${visitor}`));
    const passed = answers.filter((answer) => answer.statusCode === 404);
    expect(passed.length).toBeGreaterThanOrEqual(1);
    expect(passed.length).toBeLessThanOrEqual(tricklePerMinute('lookup'));
    const waiting = answers.filter((answer) => answer.statusCode === 429);
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    for (const answer of waiting) {
      expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(answer.body).toContain('1 menit');
    }
    expect((await busyMails()) - outboxBefore).toBe(1);
  });

  it('sends an expired or forged follow-up back to the receipt form, keeping the unsent message', async () => {
    const { status } = await reportAndOpen();
    const caseId = (
      await test.db.selectFrom('cases').select('id').orderBy('received_at', 'desc').executeTakeFirstOrThrow()
    ).id;
    const messagesBefore = await messageCount();
    const expired = createFollowUpToken(
      keys.followUp,
      caseId,
      new Date(ctx.clock.now().getTime() - 31 * 60_000),
    );
    for (const followUp of [expired, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '']) {
      const response = await app.inject({
        method: 'POST',
        url: '/lapor/cek/pesan',
        payload: multipart({
          _token: inputValue(status.body, '_token') ?? '',
          followUp,
          body: 'Pesan yang belum terkirim',
        }),
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Halaman laporan Anda ditutup otomatis demi keamanan.');
      expect(response.body).toContain('action="/lapor/cek"');
      expect(inputValue(response.body, 'draft')).toBe('Pesan yang belum terkirim');
      expect(response.body).not.toContain('Belum ada pesan.');
    }
    expect(await messageCount()).toBe(messagesBefore);
  });

  it('asks for a message or a file, and refuses a stale form token while keeping the draft', async () => {
    const { status } = await reportAndOpen();
    const empty = await sendMessage(status.body, { body: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Tulis pesan atau pilih berkas.');
    expect(empty.body).toContain('href="#f-body"');
    const stale = await app.inject({
      method: 'POST',
      url: '/lapor/cek/pesan',
      payload: multipart({
        _token: createFormToken(keys.form, 'message', new Date(ctx.clock.now().getTime() - 31 * 60_000)),
        followUp: inputValue(status.body, 'followUp') ?? '',
        body: 'Draf saya',
      }),
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.body).toContain('Formulir ini sudah terlalu lama dibuka');
    expect(stale.body).toContain('Draf saya</textarea>');
  });
});

describe('public pages: only the encodings the forms send', () => {
  it('refuses a JSON body on /lapor with the form again, and creates nothing', async () => {
    const before = await caseCount();
    const page = await app.inject({ url: '/lapor' });
    const token = inputValue(page.body, '_token') ?? '';
    const response = await app.inject({
      method: 'POST',
      url: '/lapor',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ _token: token, ...reportFields() }),
    });
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('name="_token"');
    expect(await caseCount()).toBe(before);
  });

  it('answers a multipart body without a boundary with the form again (400), never a 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/lapor',
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('name="_token"');
  });
});
