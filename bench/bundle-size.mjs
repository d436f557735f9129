#!/usr/bin/env node
// Prints the staff app's first-load size: the JavaScript and CSS that index.html loads before any lazy
// route, plus the default language's texts (web/lib/messages-id.ts, fetched before the first screen),
// raw and gzip-compressed. Target (issue 11): ≤ 180 KB gzip; `--budget <KB>` makes it fail above a budget
// (.ci/run uses it so a new module cannot quietly grow the first load).
// Run after `npm run build`: node bench/bundle-size.mjs [--budget 250]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve('dist/web');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
const language = readdirSync(path.join(dist, 'assets')).filter(
  (name) => name.startsWith('messages-id-') && name.endsWith('.js'),
);
let js = { raw: 0, gzip: 0 };
let css = { raw: 0, gzip: 0 };
for (const asset of new Set([...assets, ...language.map((name) => `/assets/${name}`)])) {
  const content = readFileSync(path.join(dist, asset));
  const bucket = asset.endsWith('.js') ? js : css;
  const gzip = gzipSync(content, { level: 9 }).length;
  bucket.raw += content.length;
  bucket.gzip += gzip;
  console.log(
    `  ${asset}: ${(content.length / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`,
  );
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `first-load JavaScript: ${kb(js.raw)} raw, ${kb(js.gzip)} gzip (target ≤ 180 KB gzip: ${js.gzip <= 180 * 1024 ? 'met' : 'NOT met'})`,
);
console.log(`first-load CSS: ${kb(css.raw)} raw, ${kb(css.gzip)} gzip`);
const budgetAt = process.argv.indexOf('--budget');
if (budgetAt > 0) {
  const budget = Number(process.argv[budgetAt + 1]) * 1024;
  if (js.gzip > budget) {
    console.log(`over the budget of ${kb(budget)} gzip`);
    process.exitCode = 1;
  } else console.log(`within the budget of ${kb(budget)} gzip`);
}
