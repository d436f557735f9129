// Paper lists of the Joint Commitment at scale (issue 13 benchmarks): 5,000 paper rows entered through
// POST /api/v1/commitment/paper-lists (ten sheets of 500, one per DPC) and matched against the 1M-member
// bench database (run `npm run bench:data` first). Each sheet is written as a DPC sends it: 45% of rows
// carry the member number, 45% only the name with one letter dropped (a typo), 10% are people outside the
// membership (invented surnames). Prints rows per second, the latency per sheet and each outcome's share,
// with the share left unmatched overall and among the typo'd members. The signatures it made are
// deleted at the end, so a second run measures the same work. Asserts nothing.
// Run: npm run bench:commitment-paper (DATABASE_URL as for bench:data)
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createKeyring, generateMasterKey } from '../server/platform/crypto.ts';
import { createDatabase } from '../server/platform/database.ts';
import { createMailer } from '../server/platform/mail.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import { BENCH_URL, say, seconds } from './bench-database.ts';
import { formatLatency, signIn } from './bench-support.ts';

const SHEETS = Number(process.env.BENCH_SHEETS ?? 10);
const ROWS_PER_SHEET = 500; // the contract's maximum per list
const EMAIL = 'bench.paper@spn.test';
const PASSWORD = 'Bench-Paper-Setara-2026';

const client = new pg.Client({ connectionString: BENCH_URL });
await client.connect();
const root = (await client.query<{ id: number }>('SELECT id FROM units WHERE parent_id IS NULL')).rows[0];
if (!root) throw new Error('No bench data: run npm run bench:data first');
const members = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM members')).rows[0]?.n);

// The DPCs: the first SHEETS DPCs (by id) with at least ROWS_PER_SHEET active members in their subtree.
const dpcs = (
  await client.query<{ id: number; path: string; name: string; members: number }>(
    `SELECT d.id, d.path, d.name, count(m.id)::int AS members FROM units d
     JOIN units u ON u.path LIKE d.path || '%' JOIN members m ON m.home_unit_id = u.id AND m.status = 'aktif'
     WHERE d.level = 'DPC' GROUP BY d.id HAVING count(m.id) >= $1 ORDER BY d.id LIMIT $2`,
    [ROWS_PER_SHEET, SHEETS],
  )
).rows;
if (dpcs.length < SHEETS) throw new Error(`only ${dpcs.length} DPCs with ${ROWS_PER_SHEET} members`);

const { id: userId } = (
  await client.query<{ id: string }>(
    `INSERT INTO users (email, display_name, home_unit_id, password_hash) VALUES ($1, 'Bench paper', $2, $3)
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
    [EMAIL, root.id, await hashPassword(PASSWORD)],
  )
).rows[0] as { id: string };
await client.query(
  `INSERT INTO role_grants (user_id, role, unit_id) SELECT $1, 'gender_officer', $2
   WHERE NOT EXISTS (SELECT 1 FROM role_grants WHERE user_id = $1 AND role = 'gender_officer')`,
  [userId, root.id],
);
// A previous run's signatures would all merge: start from none of them.
await client.query('DELETE FROM commitment_signatures WHERE created_by = $1', [userId]);

/** One letter dropped from the middle of the last word ("Ratih Hartati" → "Ratih Hartti"). */
const typo = (name: string) => {
  const words = name.split(' ');
  const last = words.at(-1) ?? '';
  const at = Math.floor(last.length / 2);
  words[words.length - 1] = last.length > 4 ? last.slice(0, at) + last.slice(at + 1) : last;
  return words.join(' ');
};
const syllables = ['zu', 'qo', 'xa', 'vy', 'kwe', 'fi', 'zo', 'qa'];
/** A surname no member has (syllables unlike Indonesian names), so the row is a person outside. */
const outsider = (index: number) =>
  `Tamu ${[0, 1, 2].map((k) => syllables[(index * 7 + k * 3) % syllables.length]).join('')}${index}`;

type Row = { memberNumber: string | null; name: string; sex: 'P' | 'L' | null };
const sheets: {
  unitId: number;
  rows: Row[];
  kinds: ('number' | 'typo' | 'outsider')[];
  expected: (string | null)[];
}[] = [];
for (const [sheet, dpc] of dpcs.entries()) {
  // Distinct members of the DPC's subtree, spread by a hash so sheets do not take the first rows.
  const picked = (
    await client.query<{ member_number: string; full_name: string; sex: 'P' | 'L' | null }>(
      `SELECT m.member_number, m.full_name, m.sex FROM members m JOIN units u ON u.id = m.home_unit_id
       WHERE u.path LIKE $1 AND m.status = 'aktif' ORDER BY hashint8(m.id), m.id LIMIT $2`,
      [`${dpc.path}%`, ROWS_PER_SHEET],
    )
  ).rows;
  const rows: Row[] = [];
  const kinds: ('number' | 'typo' | 'outsider')[] = [];
  const expected: (string | null)[] = [];
  for (const [index, member] of picked.entries()) {
    const slot = index % 20;
    expected.push(slot < 18 ? member.member_number : null);
    if (slot < 9) {
      rows.push({ memberNumber: member.member_number, name: member.full_name, sex: member.sex });
      kinds.push('number');
    } else if (slot < 18) {
      rows.push({ memberNumber: null, name: typo(member.full_name), sex: member.sex });
      kinds.push('typo');
    } else {
      rows.push({ memberNumber: null, name: outsider(sheet * ROWS_PER_SHEET + index), sex: null });
      kinds.push('outsider');
    }
  }
  sheets.push({ unitId: dpc.id, rows, kinds, expected });
}
const total = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
const share = (count: number, of: number) => `${((100 * count) / Math.max(1, of)).toFixed(1)}%`;
say(
  `${total.toLocaleString('en')} paper rows on ${sheets.length} sheets (one per DPC, ` +
    `${Math.min(...dpcs.map((d) => d.members)).toLocaleString('en')}–` +
    `${Math.max(...dpcs.map((d) => d.members)).toLocaleString('en')} active members each) ` +
    `against ${members.toLocaleString('en')} members`,
);

const config = loadConfig({
  ...process.env,
  DATABASE_URL: BENCH_URL,
  LOG_LEVEL: 'warn',
  SETARA_JOBS: 'false',
});
const db = createDatabase(BENCH_URL, 10);
const masterKey = generateMasterKey();
const app = await buildApp({
  config,
  db,
  databaseUrl: BENCH_URL,
  keyring: createKeyring(db, masterKey),
  masterKey,
  mailer: createMailer(db, { from: config.MAIL_FROM }),
  webRoot: '/nonexistent',
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const session = await signIn(address, EMAIL, PASSWORD);
const { token } = (await (await session.fetch('/api/v1/csrf')).json()) as { token: string };

const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const outcomes = { number: 0, name: 0, merged: 0, unmatched: 0 };
const byKind = {
  number: { rows: 0, unmatched: 0 },
  typo: { rows: 0, unmatched: 0 },
  outsider: { rows: 0, unmatched: 0 },
};
const latencies: number[] = [];
const matched: { signatureId: string; expected: string | null }[] = [];
const started = performance.now();
for (const sheet of sheets) {
  const at = performance.now();
  const response = await session.fetch('/api/v1/commitment/paper-lists', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token },
    body: JSON.stringify({ unitId: sheet.unitId, signedOn: today, rows: sheet.rows }),
  });
  const body = (await response.json()) as {
    counts: typeof outcomes;
    rows: { row: number; outcome: keyof typeof outcomes; signatureId: string }[];
  };
  latencies.push(performance.now() - at);
  if (!response.ok) throw new Error(`paper list: ${response.status} ${JSON.stringify(body)}`);
  for (const row of body.rows) {
    outcomes[row.outcome] += 1;
    const kind = byKind[sheet.kinds[row.row]!];
    kind.rows += 1;
    if (row.outcome === 'unmatched') kind.unmatched += 1;
    else matched.push({ signatureId: row.signatureId, expected: sheet.expected[row.row] ?? null });
  }
}
const elapsed = (performance.now() - started) / 1000;
say(
  `entered in ${seconds(started)} s: ${Math.round(total / elapsed).toLocaleString('en')} rows/s; ` +
    `per sheet of ${ROWS_PER_SHEET}: ${formatLatency(latencies, 0)}`,
);
say(
  `  outcomes: by number ${share(outcomes.number, total)}, by name ${share(outcomes.name, total)}, ` +
    `merged ${share(outcomes.merged, total)}, unmatched ${share(outcomes.unmatched, total)}`,
);
say(
  `  unmatched by row kind: numbered ${share(byKind.number.unmatched, byKind.number.rows)}, ` +
    `typo'd member names ${share(byKind.typo.unmatched, byKind.typo.rows)}, ` +
    `outsiders ${share(byKind.outsider.unmatched, byKind.outsider.rows)}`,
);

// A name match is only useful if it is the right member: compare with the member the row was made from.
const numbers = new Map(
  (
    await client.query<{ id: string; member_number: string }>(
      `SELECT s.id::text, m.member_number FROM commitment_signatures s JOIN members m ON m.id = s.member_id
       WHERE s.id = ANY($1::bigint[])`,
      [matched.map((row) => row.signatureId)],
    )
  ).rows.map((row) => [row.id, row.member_number]),
);
const wrong = matched.filter((row) => numbers.get(row.signatureId) !== row.expected).length;
say(
  `  matched to another member than the row's: ${wrong} of ${matched.length} (${share(wrong, matched.length)})`,
);

await client.query('DELETE FROM commitment_signatures WHERE created_by = $1', [userId]);
await app.close();
await db.destroy();
await client.end();
