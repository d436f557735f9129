// Imports the bench CSV files through the imports service (upload → validate → run), each into a fresh
// copy of the bench database, and times a bare COPY of the same file into a plain table for comparison.
// Prints rows/s, the ratio, and peak RSS of this process (sampled every 50 ms) for 100k and 1M rows.
// Run after `npm run bench:data`: npm run bench:import
import { createReadStream, existsSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createImportsRepository } from '../server/modules/imports/imports.repository.ts';
import { createImportsService } from '../server/modules/imports/imports.service.ts';
import { systemClock } from '../server/platform/context.ts';
import { createDatabase } from '../server/platform/database.ts';
import {
  adminQuery,
  BENCH_URL,
  MEMBERS_CSV,
  MEMBERS_CSV_100K,
  say,
  serverOf,
  withDatabaseName,
} from './bench-database.ts';

const { adminUrl, name } = serverOf(BENCH_URL);
const copyName = `${name}_import`;
const copyUrl = withDatabaseName(BENCH_URL, copyName);
const levels = ['DPP', 'DPD', 'DPC', 'PSP', 'PA'];

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000));

async function freshCopy(): Promise<void> {
  await adminQuery(adminUrl, [
    `DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`,
    `CREATE DATABASE ${copyName} TEMPLATE ${name}`,
  ]);
}

async function importThroughService(file: string) {
  await freshCopy();
  const db = createDatabase(copyUrl, 4);
  await db
    .insertInto('users')
    .values({ email: 'bench@spn.test', display_name: 'Bench', home_unit_id: 1 })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  const imports = createImportsService({
    db,
    imports: createImportsRepository(),
    clock: systemClock,
    levels,
    connectionString: () => copyUrl,
  });
  const actor = await imports.systemActor('bench');
  global.gc?.();
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const uploaded = await imports.uploadFile(actor, 'members', file, createReadStream(file));
  const t1 = performance.now();
  const validation = await imports.validateImport(actor, uploaded.id, uploaded.suggestedMapping);
  const t2 = performance.now();
  const { done } = await imports.startRun(actor, uploaded.id, 'valid_only');
  await done;
  const t3 = performance.now();
  const job = await imports.getJob(actor, uploaded.id);
  await imports.close();
  await db.destroy();
  return {
    rows: uploaded.totalRows,
    uploadMs: t1 - t0,
    validateMs: t2 - t1,
    runMs: t3 - t2,
    totalMs: t3 - t0,
    peakRss,
    validation: validation.summary,
    summary: job.summary,
  };
}

async function bareCopy(file: string): Promise<number> {
  const client = new pg.Client({ connectionString: copyUrl });
  await client.connect();
  await client.query(`DROP TABLE IF EXISTS bench_bare_copy;
    CREATE TABLE bench_bare_copy (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text,
      c9 text, c10 text, c11 text)`);
  const started = performance.now();
  await pipeline(
    createReadStream(file),
    client.query(copyFrom('COPY bench_bare_copy FROM STDIN WITH (FORMAT csv, HEADER true)')),
  );
  const ms = performance.now() - started;
  await client.query('DROP TABLE bench_bare_copy');
  await client.end();
  return ms;
}

for (const file of [MEMBERS_CSV, MEMBERS_CSV_100K])
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run bench:data first`);

const results = [];
for (const file of [MEMBERS_CSV_100K, MEMBERS_CSV]) {
  say(`\n${file} (${mb(statSync(file).size)})`);
  const result = await importThroughService(file);
  const copyMs = await bareCopy(file);
  const serviceRate = rate(result.rows, result.totalMs);
  const copyRate = rate(result.rows, copyMs);
  say(
    `  service import: ${result.rows.toLocaleString('en')} rows in ${(result.totalMs / 1000).toFixed(1)} s = ` +
      `${serviceRate.toLocaleString('en')} rows/s (upload ${(result.uploadMs / 1000).toFixed(1)} s, ` +
      `validate ${(result.validateMs / 1000).toFixed(1)} s, run ${(result.runMs / 1000).toFixed(1)} s)`,
  );
  say(`  bare COPY:      ${(copyMs / 1000).toFixed(1)} s = ${copyRate.toLocaleString('en')} rows/s`);
  say(`  ratio (bare COPY rate / service rate): ${(copyRate / serviceRate).toFixed(1)}×`);
  say(`  peak RSS during the service import: ${mb(result.peakRss)}`);
  say(`  summary: ${JSON.stringify(result.summary)}`);
  results.push({ file, serviceRate, copyRate, peakRss: result.peakRss });
}
clearInterval(sampler);
await adminQuery(adminUrl, [`DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`]);
say('\nfile                         service rows/s   bare COPY rows/s   ratio   peak RSS');
for (const row of results)
  say(
    `${row.file.padEnd(28)} ${String(row.serviceRate).padStart(14)}   ${String(row.copyRate).padStart(16)}   ` +
      `${(row.copyRate / row.serviceRate).toFixed(1).padStart(5)}×   ${mb(row.peakRss)}`,
  );
