// Public reporting pages: the weight of each page as sent (raw and gzip, HTML plus the stylesheet; budget
// ≤ 30 KB compressed per page) and the latency of a report submission through HTTP (multipart parse,
// validation, throttle, receipt generation and Argon2id hash, sealing, insert, receipt page), p50/p95.
// Uses its own throwaway database next to the bench database (DATABASE_URL's server); prints, asserts
// nothing. Run: npx tsx bench/public-pages.ts (or npm run bench:public)
import { gzipSync } from 'node:zlib';
import { createElement } from 'react';
import { buildApp, createServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { publicAssets } from '../server/public/assets.ts';
import { publicTranslator } from '../server/public/public-i18n.ts';
import { renderPage } from '../server/public/views/layout.tsx';
import { TestFormPage } from '../server/public/views/test-pages.tsx';
import { formatLatency } from './bench-support.ts';
import { adminQuery, BENCH_URL, say, serverOf, withDatabaseName } from './bench-database.ts';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 200);
const LOOKUPS = 10;
/** One DPD per province: the longest "where" list the form can show. */
const PROVINCES = 38;

const format = (values: number[]) => formatLatency(values);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const { adminUrl } = serverOf(BENCH_URL);
const name = 'setara_bench_public';
const url = withDatabaseName(adminUrl, name);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const db = createDatabase(url, 10);
await migrateToLatest(db);

const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', SETARA_JOBS: 'false' });
const masterKey = generateMasterKey();
const deps = {
  config,
  db,
  databaseUrl: url,
  keyring: createKeyring(db, masterKey),
  masterKey,
  mailer: createMailer(db, { from: config.MAIL_FROM }),
};
const root = await createServices(deps).unitsService.ensureRootUnit('DPP SPN');
for (let index = 1; index <= PROVINCES; index += 1) {
  const { id } = await db
    .insertInto('units')
    .values({
      parent_id: root.id,
      path: `tmp-${index}`,
      depth: 1,
      name: `DPD Provinsi ${index}`,
      code: `DPD-${index}`,
      level: 'DPD',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('units')
    .set({ path: `${root.path}${id}/` })
    .where('id', '=', id)
    .execute();
}

const app = await buildApp({ ...deps, webRoot: '/nonexistent' });
const address = await app.listen({ port: 0, host: '127.0.0.1' });

const tokenOf = (html: string, field: string) =>
  new RegExp(`name="${field}" value="([^"]*)"`).exec(html)?.[1] ?? '';
const report = (token: string, narrative: string) => {
  const form = new FormData();
  const fields: [string, string][] = [
    ['_token', token],
    ['reporterRole', 'korban'],
    ['forms', 'KS01'],
    ['forms', 'KP01'],
    ['narrative', narrative],
    ['incidentDate', '2026-11-10'],
    ['place', 'area_kerja'],
    ['placeUnitId', ''],
    ['relationship', 'atasan'],
    ['namedOffice', 'tidak_ada'],
    ['namedName', 'Pak Budi'],
    ['wishes', 'dukungan'],
    ['contactMethod', 'whatsapp'],
    ['contactValue', '081234567890'],
    ['safeTimes', 'Sore setelah pukul 17.00'],
    ['consentToProcess', 'on'],
    ['consentToContact', 'on'],
  ];
  for (const [key, value] of fields) form.append(key, value);
  return form;
};
const post = (path: string, body: FormData) => fetch(`${address}${path}`, { method: 'POST', body });
// Every request comes from 127.0.0.1: clear the counters between batches (outside the timed part).
const clearThrottle = () => db.deleteFrom('public_throttle').execute();

// ── Page weights ─────────────────────────────────────────────────────────────────────────────────────
const css = publicAssets.stylesheet.body;
const cssGzip = gzipSync(css).length;
const reportPage = await (await fetch(`${address}/lapor`)).text();
const narrative = 'Mandor saya berkata kasar dan menyentuh saya di gudang. '.repeat(20);
const receiptPage = await (await post('/lapor', report(tokenOf(reportPage, '_token'), narrative))).text();
const receipt = /\d{4} \d{4} \d{4} \d{4}/.exec(receiptPage)?.[0];
if (!receipt) throw new Error('No receipt on the receipt page');
const emptyForm = new FormData();
emptyForm.append('_token', tokenOf(reportPage, '_token'));
const errorPage = await (await post('/lapor', emptyForm)).text();
const checkPage = await (await fetch(`${address}/lapor/cek`)).text();
const testCodePage = await (await fetch(`${address}/tes`)).text();
// The pre/post test form as /tes serves it, 20 items of 4 options (rendered directly: no class needed).
const testFormPage = renderPage(
  createElement(TestFormPage, {
    page: { language: 'id', t: publicTranslator('id') },
    formToken: tokenOf(testCodePage, '_token'),
    enrolment: 'ABCD1234',
    phase: 'pre',
    classTitle: 'Gender Training for Leadership',
    items: Array.from({ length: 20 }, (_, index) => ({
      id: index + 1,
      stemId: `Pertanyaan ${index + 1}: apa yang dimaksud dengan kuota 30% perempuan dalam kepengurusan serikat?`,
      stemEn: null,
      options: [
        'Paling sedikit 30% kursi pengurus diisi perempuan',
        'Paling banyak 30% kursi pengurus diisi perempuan',
        'Kuota iuran anggota perempuan',
        'Tidak ada jawaban yang benar',
      ].map((text) => ({ id: text, en: null })),
    })),
  }),
);
const checkForm = () => {
  const form = new FormData();
  form.append('_token', tokenOf(checkPage, '_token'));
  form.append('receipt', receipt);
  return form;
};
let statusPage = await (await post('/lapor/cek', checkForm())).text();
// A status page with some history: three messages of a paragraph each.
for (let index = 0; index < 3; index += 1) {
  const form = new FormData();
  form.append('_token', tokenOf(statusPage, '_token'));
  form.append('followUp', tokenOf(statusPage, 'followUp'));
  form.append(
    'body',
    `Pesan ${index + 1}: ${'saya ingin menambah keterangan tentang kejadian itu. '.repeat(6)}`,
  );
  statusPage = await (await post('/lapor/cek/pesan', form)).text();
}
// The Joint Commitment pledge pages (issue 13, budget 15 KB gzip with the stylesheet).
const pledgePage = await (await fetch(`${address}/komitmen`)).text();
// The pledge form is urlencoded, as the browser sends it (no file field).
const pledgeDonePage = await (
  await fetch(`${address}/komitmen`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _token: tokenOf(pledgePage, '_token'), name: 'Siti Rahayu' }).toString(),
  })
).text();
if (!pledgeDonePage.includes('class="digits"')) throw new Error('No receipt on the pledge receipt page');
const pledgeCheckPage = await (await fetch(`${address}/komitmen/cek`)).text();
await clearThrottle();

say(
  `Public pages (${PROVINCES} DPDs in the form), HTML raw / gzip, and with the stylesheet (gzip ${kb(cssGzip)}):`,
);
const pages: [string, string][] = [
  ['GET /lapor', reportPage],
  ['POST /lapor, every field wrong', errorPage],
  ['receipt page', receiptPage],
  ['GET /lapor/cek', checkPage],
  ['GET /tes', testCodePage],
  ['/tes test form, 20 items', testFormPage],
  ['status page, 3 messages', statusPage],
  ['GET /komitmen', pledgePage],
  ['pledge receipt page', pledgeDonePage],
  ['GET /komitmen/cek', pledgeCheckPage],
];
for (const [label, html] of pages) {
  const gzip = gzipSync(html).length;
  say(
    `  ${label.padEnd(32)} ${kb(Buffer.byteLength(html)).padStart(8)} raw  ${kb(gzip).padStart(7)} gzip  ` +
      `${kb(gzip + cssGzip).padStart(7)} gzip with CSS`,
  );
}
say(`  ${'lapor.css'.padEnd(32)} ${kb(css.length).padStart(8)} raw  ${kb(cssGzip).padStart(7)} gzip`);

// ── Submission latency ───────────────────────────────────────────────────────────────────────────────
const token = tokenOf(reportPage, '_token');
const submit: number[] = [];
for (let index = 0; index < SUBMISSIONS; index += 1) {
  if (index % 5 === 0) await clearThrottle();
  const body = report(token, `${narrative} (${index})`);
  const started = performance.now();
  const response = await post('/lapor', body);
  const html = await response.text();
  submit.push(performance.now() - started);
  if (response.status !== 200 || !/\d{4} \d{4} \d{4} \d{4}/.test(html))
    throw new Error(`submission ${index}: ${response.status}`);
}
say(`\nPOST /lapor, ${SUBMISSIONS} sequential reports (receipt hash, sealing, insert): ${format(submit)}`);

const lookups: number[] = [];
await clearThrottle();
for (let index = 0; index < LOOKUPS; index += 1) {
  const started = performance.now();
  const response = await post('/lapor/cek', checkForm());
  await response.text();
  lookups.push(performance.now() - started);
}
say(`POST /lapor/cek, ${LOOKUPS} receipt checks (≥ 0.5 s floor by design): ${format(lookups)}`);

await app.close();
await db.destroy();
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
