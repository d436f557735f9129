// Self check-in under load: 300 accepted participants check in through the public page (/hadir) within
// one session's window while the room code rotates (an injected clock walks through the window; the
// code is the one the room display would show at each moment). Two thirds scan the QR code (GET
// /hadir?k=…, then 5–90 s to type the enrolment code), one third type the code and send it in the grace
// period: 0–2 s after the code on the screen changed. Prints p50/p95 per check-in (the POST, in-process
// through inject: no network), the refusals (must be 0: every participant is genuine) and the compressed
// weight of /hadir and /verifikasi/<code> with the stylesheet. Prints, asserts nothing.
// Uses its own throwaway database on DATABASE_URL's server. Run: npx tsx bench/training-checkin.mjs
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { generateCheckedCode } from '../server/platform/check-codes.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { ROTATING_CODE_STEP_MS, rotatingCodeAt, rotatingCodeKey } from '../server/platform/rotating-code.ts';
import { checkInSubject } from '../server/modules/training/self-check-in.service.ts';
import { publicAssets } from '../server/public/assets.ts';
import { adminQuery, BENCH_URL, say, serverOf, withDatabaseName } from './bench-database.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 300);

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const inputValue = (html, name) =>
  /value="([^"]*)"/.exec(new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '')?.[1];

const { adminUrl } = serverOf(BENCH_URL);
const name = 'setara_bench_checkin';
const url = withDatabaseName(adminUrl, name);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const db = createDatabase(url, 10);
await migrateToLatest(db);

// The session starts at a step boundary; the window opens 30 minutes before.
const start = new Date(
  Math.ceil(Date.parse('2025-12-16T01:00:00Z') / ROTATING_CODE_STEP_MS) * ROTATING_CODE_STEP_MS,
);
let now = start.getTime() - 30 * 60 * 1000;
const clock = { now: () => new Date(now) };
const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', SETARA_JOBS: 'false' });
const masterKey = generateMasterKey();
const app = await buildApp({
  config,
  db,
  databaseUrl: url,
  keyring: createKeyring(db, masterKey),
  masterKey,
  mailer: createMailer(db, { from: config.MAIL_FROM }),
  clock,
  webRoot: '/nonexistent',
});
await app.ready();

const { id: unitId } = await db
  .insertInto('units')
  .values({ parent_id: null, path: 'tmp', depth: 0, name: 'DPD Jawa Barat', code: 'DPD-32', level: 'DPD' })
  .returning('id')
  .executeTakeFirstOrThrow();
await db
  .updateTable('units')
  .set({ path: `/${unitId}/` })
  .where('id', '=', unitId)
  .execute();
const { id: programId } = await db
  .insertInto('training_programs')
  .values({
    unit_id: unitId,
    name: 'Capacity Building SPN–KSPI',
    partners: ['KSPI'],
    starts_on: '2025-12-16',
    ends_on: '2025-12-18',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const { id: classId } = await db
  .insertInto('training_classes')
  .values({
    program_id: programId,
    track: 'perempuan',
    level: 'dasar',
    title: 'Gender Training for Leadership',
    seats: 1000,
    women_only: true,
    starts_on: '2025-12-16',
    ends_on: '2025-12-18',
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const { id: sessionId } = await db
  .insertInto('training_sessions')
  .values({
    class_id: classId,
    title: 'Hari 1',
    starts_at: start,
    ends_at: new Date(start.getTime() + 3 * 3600_000),
  })
  .returning('id')
  .executeTakeFirstOrThrow();
const participants = [];
for (let index = 0; index < PARTICIPANTS; index += 1) {
  const { id: memberId } = await db
    .insertInto('members')
    .values({
      member_number: `SPN-B-${index}`,
      full_name: `Peserta ${index}`,
      sex: 'P',
      birth_year: 1990,
      home_unit_id: unitId,
      status: 'aktif',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const enrolmentCode = generateCheckedCode(8);
  const { id } = await db
    .insertInto('training_participants')
    .values({
      class_id: classId,
      member_id: memberId,
      nominating_unit_id: unitId,
      status: 'accepted',
      enrolment_code: enrolmentCode,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  participants.push({ id, enrolmentCode });
}
const codeKey = rotatingCodeKey(masterKey.key);
const roomCode = (at) => rotatingCodeAt(codeKey, checkInSubject(sessionId), new Date(at)).code;

// Arrivals spread over 45 minutes from the window's opening, in time order; each on her own phone.
const arrivals = participants
  .map((participant, index) => ({
    ...participant,
    index,
    at: now + Math.floor(Math.random() * 45 * 60 * 1000),
  }))
  .sort((a, b) => a.at - b.at);
const timings = [];
const refused = { scanned: 0, grace: 0 };
let graceCount = 0;
for (const person of arrivals) {
  const typed = person.index % 3 === 0;
  const device = {
    'user-agent': `Bench/${person.index}`,
    'content-type': 'application/x-www-form-urlencoded',
  };
  const remoteAddress = `10.${person.index >> 8}.${person.index & 255}.1`;
  let fields;
  if (typed) {
    // She reads the code in the last moment of a step and sends it 0–2000 ms after the screen changed.
    const stepEnd = (Math.floor(person.at / ROTATING_CODE_STEP_MS) + 1) * ROTATING_CODE_STEP_MS;
    now = stepEnd - 1;
    const shown = roomCode(now);
    const form = await app.inject({ url: '/hadir', remoteAddress, headers: device });
    now = stepEnd + Math.floor(Math.random() * 2001);
    fields = { _token: inputValue(form.body, '_token'), k: shown, enrolment: person.enrolmentCode };
    graceCount += 1;
  } else {
    now = person.at;
    const form = await app.inject({ url: `/hadir?k=${roomCode(now)}`, remoteAddress, headers: device });
    now += 5000 + Math.floor(Math.random() * 85_000);
    fields = {
      _token: inputValue(form.body, '_token'),
      seen: inputValue(form.body, 'seen'),
      k: inputValue(form.body, 'k'),
      enrolment: person.enrolmentCode,
    };
  }
  const started = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: '/hadir',
    remoteAddress,
    headers: device,
    payload: new URLSearchParams(fields).toString(),
  });
  timings.push(performance.now() - started);
  if (response.statusCode !== 200) refused[typed ? 'grace' : 'scanned'] += 1;
}
const { count } = await db
  .selectFrom('training_attendance')
  .select((eb) => eb.fn.countAll().as('count'))
  .where('session_id', '=', sessionId)
  .executeTakeFirstOrThrow();

say(`Self check-in: ${PARTICIPANTS} participants in one session window, code rotating every 15 s`);
say(
  `  per check-in (POST /hadir): p50 ${percentile(timings, 50).toFixed(1)} ms, p95 ${percentile(timings, 95).toFixed(1)} ms`,
);
say(`  marks recorded: ${count} of ${PARTICIPANTS}`);
say(
  `  refusals of scanned codes (typed 5–90 s after the scan): ${refused.scanned} of ${PARTICIPANTS - graceCount}`,
);
say(
  `  false refusals inside the 2 s grace period (typed code sent 0–2 s after it changed): ${refused.grace} of ${graceCount}`,
);

// Page weights as sent: HTML, and HTML plus the stylesheet, raw / gzip / brotli.
const { code: certificateCode } = await db
  .insertInto('training_certificates')
  .values({ code: generateCheckedCode(12), participant_id: participants[0].id, valid_until: '2030-12-31' })
  .returning('code')
  .executeTakeFirstOrThrow();
const css = publicAssets.stylesheet.body;
say('Page weights (HTML + stylesheet):');
for (const [label, path] of [
  ['/hadir', '/hadir'],
  ['/hadir?k=… (scanned)', `/hadir?k=${roomCode(now)}`],
  ['/verifikasi', '/verifikasi'],
  ['/verifikasi/<code>', `/verifikasi/${certificateCode}`],
]) {
  const html = (await app.inject({ url: path, remoteAddress: '10.255.0.1' })).body;
  const raw = Buffer.byteLength(html) + css.length;
  const gzip = gzipSync(html).length + gzipSync(css).length;
  const brotli = brotliCompressSync(html).length + brotliCompressSync(css).length;
  say(
    `  ${label.padEnd(22)} raw ${kb(raw)}, gzip ${kb(gzip)}, brotli ${kb(brotli)} (HTML alone ${kb(Buffer.byteLength(html))} raw)`,
  );
}

await app.close();
await db.destroy();
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
