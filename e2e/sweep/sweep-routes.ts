import type { paths } from '../../web/lib/paths.ts';

/** Pages of the signed-out layout (the router's PublicLayout): checked signed out, once per language. */
export const signedOutPages = new Set<keyof typeof paths>(['login', 'setup', 'resetPassword']);
/**
 * Routes the sweep cannot open as a signed-in role, each with the reason; everything else is swept.
 * `enrol` is reached only in the half-signed-in enrolment stage, which journeys.spec.ts checks with axe.
 */
export const notSwept: Partial<Record<keyof typeof paths, string>> = { enrol: 'enrolment stage only' };

/** Server-rendered pages reporters and the public use; they must work with JavaScript off. */
export const publicPages = ['/lapor', '/lapor/cek'];
