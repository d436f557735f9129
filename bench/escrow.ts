// Escrow matching ("Lapor bersama"): normalisation and token throughput (pure), the match lookup among
// many stored tokens (p50/p95), and a sealed report through the service with the lookup and the lock
// (p50/p95, Argon2id receipt hash included). Uses its own throwaway database next to the bench database
// (DATABASE_URL's server) and fills it with synthetic cases; prints, asserts nothing.
// Run: npx tsx bench/escrow.ts (or npm run bench:escrow); BENCH_ESCROW_CASES sets the stored cases.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createServices } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createEscrowRepository } from '../server/modules/cases/escrow.repository.ts';
import { createMatchTokenizer } from '../server/modules/cases/escrow.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase, migrateToLatest } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { adminQuery, BENCH_URL, say, serverOf, withDatabaseName } from './bench-database.ts';
import { formatLatency } from './bench-support.ts';

const CASES = Number(process.env.BENCH_ESCROW_CASES ?? 50_000);
const LOOKUPS = 300;
const REPORTS = 40;

const format = (values: number[]) => formatLatency(values, 2);

const first = ['Muhammad', 'Moch.', 'Budi', 'Siti', 'Agus', 'Dewi', 'Joko', 'Sri', 'Hendra', 'Tjahjo'];
const last = ['Soedjono', 'Santoso', 'Wijaya', 'Rahayu', 'Hartono', 'Setiawan', 'Kusuma', 'Pratama'];
const nameOf = (index: number) =>
  `Bapak ${first[index % first.length]} ${last[Math.floor(index / first.length) % last.length]} ${index}`;
const workplaceOf = (index: number) => `PT Pabrik Nomor ${index % 997} Tbk`;

// 1. Pure: normalise and tokenise.
const tokenizer = createMatchTokenizer(randomBytes(32));
const pureCount = 100_000;
let started = performance.now();
for (let index = 0; index < pureCount; index += 1)
  tokenizer.tokens({
    name: nameOf(index),
    workplace: workplaceOf(index),
    phone: `0812${String(index).padStart(8, '0')}`,
    employeeNumber: `00${index}`,
  });
const pureMs = performance.now() - started;
say(`normalise + 3 tokens: ${Math.round(pureCount / (pureMs / 1000)).toLocaleString('en')} reports/s`);

// 2. A database with CASES synthetic cases, each with three tokens.
const { adminUrl } = serverOf(BENCH_URL);
const name = 'setara_bench_escrow';
const url = withDatabaseName(adminUrl, name);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name}`]);
const db = createDatabase(url, 10);
await migrateToLatest(db);
const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', SETARA_JOBS: 'false' });
const masterKey = generateMasterKey();
const keyring = createKeyring(db, masterKey);
const services = createServices({
  config,
  db,
  databaseUrl: url,
  keyring,
  mailer: createMailer(db, { from: config.MAIL_FROM }),
});
const root = await services.unitsService.ensureRootUnit('DPP SPN');
const keyId = await keyring.createDataKey('case');
started = performance.now();
await sql`
  INSERT INTO cases (id, reference, data_key_id, receipt_index, receipt_hash, channel, reporter_role, forms,
    place, relationship, named_office, handling_unit_id, routing_reason, received_at, content_sealed, escrow)
  SELECT gen_random_uuid(), 'B-' || n, ${keyId}::uuid, 'x', 'x', 'web', 'korban', '{KS01}', 'area_kerja',
    'atasan', 'tidak_ada', ${root.id}, 'place_unknown', now(), 'x',
    CASE WHEN n % 2 = 0 THEN 'sealed' ELSE NULL END
  FROM generate_series(1, ${CASES}) AS n`.execute(db);
const secret = await keyring.secretFor('escrow-match');
const stored = createMatchTokenizer(secret);
const ids = (await db.selectFrom('cases').select('id').orderBy('reference').execute()).map((row) => row.id);
const escrow = createEscrowRepository();
for (let offset = 0; offset < ids.length; offset += 2_000) {
  const rows = ids.slice(offset, offset + 2_000).flatMap((caseId, slice) => {
    const index = offset + slice;
    return stored
      .tokens({
        name: nameOf(index),
        workplace: workplaceOf(index),
        phone: `0812${String(index).padStart(8, '0')}`,
        employeeNumber: `00${index}`,
      })
      .map((token) => ({ case_id: caseId, kind: token.kind, token: token.token }));
  });
  await db.insertInto('case_match_tokens').values(rows).execute();
}
await sql`ANALYZE case_match_tokens`.execute(db);
say(
  `stored: ${CASES.toLocaleString('en')} cases, ${(CASES * 3).toLocaleString('en')} tokens in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

// 3. The match lookup (what runs under the lock for each new report).
const lookups: number[] = [];
for (let index = 0; index < LOOKUPS; index += 1) {
  const probe = stored.tokens({
    name: nameOf(index * 7),
    workplace: workplaceOf(index * 7),
    phone: '0899 0000 0000',
  });
  const at = performance.now();
  await escrow.holdersOf(db, '00000000-0000-4000-8000-000000000000', probe);
  lookups.push(performance.now() - at);
}
say(`match lookup among ${(CASES * 3).toLocaleString('en')} tokens: ${format(lookups)}`);

// 4. A sealed report through the service (receipt hash, sealing, tokens, lock, lookup, audit).
const reports: number[] = [];
for (let index = 0; index < REPORTS; index += 1) {
  const at = performance.now();
  await services.casesService.submitReport(
    {
      reporterRole: 'korban',
      forms: ['KS01'],
      narrative: 'Bench',
      incidentDateApproximate: false,
      place: 'area_kerja',
      relationship: 'atasan',
      namedOffice: 'tidak_ada',
      namedName: `Nama Baru ${index}`,
      namedWorkplace: 'PT Bench Baru',
      wishes: [],
      asksDpp: false,
      sameGenderHandler: false,
      contactMethod: 'none',
      consentToProcess: true,
      consentToContact: false,
      sealUntilMatch: true,
    },
    [],
  );
  reports.push(performance.now() - at);
}
say(`sealed report through the service (no match): ${format(reports)}`);

await db.destroy();
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
