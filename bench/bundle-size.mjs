#!/usr/bin/env node
// Prints the staff app's first-load size: the JavaScript and CSS that index.html loads before any lazy
// route, raw and gzip-compressed. Target (DESIGN): initial JavaScript ≤ 250 KB compressed.
// Run after `npm run build`: node bench/bundle-size.mjs
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve('dist/web');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
let js = { raw: 0, gzip: 0 };
let css = { raw: 0, gzip: 0 };
for (const asset of new Set(assets)) {
  const content = readFileSync(path.join(dist, asset));
  const bucket = asset.endsWith('.js') ? js : css;
  bucket.raw += content.length;
  bucket.gzip += gzipSync(content, { level: 9 }).length;
  console.log(
    `  ${asset}: ${(content.length / 1024).toFixed(1)} KB raw, ${(gzipSync(content, { level: 9 }).length / 1024).toFixed(1)} KB gzip`,
  );
}
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `first-load JavaScript: ${kb(js.raw)} raw, ${kb(js.gzip)} gzip (target ≤ 250 KB gzip: ${js.gzip <= 250 * 1024 ? 'met' : 'NOT met'})`,
);
console.log(`first-load CSS: ${kb(css.raw)} raw, ${kb(css.gzip)} gzip`);
