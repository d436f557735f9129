import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The two static files of the reporting pages, read once at start-up. Their URLs carry a hash of the
 * content, so browsers may cache them for a year and still get a changed file at once.
 */
function asset(file: string, type: string) {
  const body = readFileSync(new URL(`./assets/${file}`, import.meta.url));
  const version = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { route: `/lapor/assets/${file}`, url: `/lapor/assets/${file}?v=${version}`, body, type };
}

export const publicAssets = {
  stylesheet: asset('lapor.css', 'text/css; charset=utf-8'),
  script: asset('keluar.js', 'text/javascript; charset=utf-8'),
};
