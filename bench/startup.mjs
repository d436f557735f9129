#!/usr/bin/env node
// Prints how long `npm start` takes on the embedded database until /readyz answers: first start (initdb,
// migrations, key creation) and second start (existing data). Run: node bench/startup.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dataDir = mkdtempSync(path.join(tmpdir(), 'setara-bench-startup-'));
const port = 3950;

async function timeStart(label) {
  const started = performance.now();
  const env = {
    ...process.env,
    PORT: String(port),
    SETARA_DATA_DIR: dataDir,
    SETARA_EMBEDDED_PG_PORT: '5598',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['scripts/start.mjs'], { env, stdio: 'ignore', detached: true });
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyMs = performance.now() - started;
  const stopping = performance.now();
  process.kill(-child.pid, 'SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  console.log(
    `${label}: ready in ${Math.round(readyMs)} ms, stopped in ${Math.round(performance.now() - stopping)} ms`,
  );
  return readyMs;
}

try {
  const first = await timeStart('first start (initdb, migrations, new key)');
  const second = await timeStart('second start (existing data)');
  console.log(`second/first ratio: ${(second / first).toFixed(2)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
