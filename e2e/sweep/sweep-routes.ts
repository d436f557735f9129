import type { paths } from '../../web/lib/paths.ts';

/** Pages of the signed-out layout (the router's PublicLayout): checked signed out, once per language. */
export const signedOutPages = new Set<keyof typeof paths>(['login', 'setup', 'resetPassword']);
/**
 * Routes the sweep cannot open as a signed-in role, each with the reason; everything else is swept.
 * `enrol` is reached only in the half-signed-in enrolment stage, which journeys.spec.ts checks with axe.
 */
export const notSwept: Partial<Record<keyof typeof paths, string>> = { enrol: 'enrolment stage only' };

/**
 * Server-rendered pages reporters and the public use; they must work with JavaScript off. `/hadir?k=` is the
 * address a room display's QR code carries (the code filled in); the certificate pages are added by the
 * sweep with codes of its demo data (see `publicRecordPages`).
 */
export const publicPages = [
  '/lapor',
  '/lapor/cek',
  '/hadir',
  '/hadir?k=123456',
  '/tes',
  '/verifikasi',
  '/komitmen',
  '/komitmen/cek',
  '/materi',
  // The demo's national leaflet (server/demo/demo-materials.ts gives it this address).
  '/materi/leaflet-ilo-190',
];

/** The verification page of a valid and of a revoked demo certificate (codes from the sweep's setup). */
export const publicRecordPages = (certificates: { valid: string; revoked: string }): string[] => [
  `/verifikasi/${certificates.valid}`,
  `/verifikasi/${certificates.revoked}`,
];

/**
 * Public pages that answer 404 by design and must still be a whole, accessible page: a well-formed
 * certificate code (its check character right) that names no certificate, and a material address that
 * names no published material.
 */
export const publicNotFoundPages = ['/verifikasi/YE5VFP0N24N4', '/materi/tidak-ada'];
