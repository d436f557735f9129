import type { Migration } from 'kysely';
import * as platform from './2026-11-22T1300-platform.ts';
import * as organisation from './2026-11-22T1400-organisation.ts';
import * as cases from './2026-12-01T1000-cases.ts';
import * as quotaRules from './2026-12-01T1500-quota-rules.ts';
import * as quotaSummary from './2026-12-01T1600-quota-summary.ts';

/**
 * Every migration, in order. Listed statically (not read from the folder) so they load the same way
 * under tsx, Vitest and any bundler. Add new files at the end; never edit a landed one.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T1300-platform': platform,
  '2026-11-22T1400-organisation': organisation,
  '2026-12-01T1000-cases': cases,
  '2026-12-01T1500-quota-rules': quotaRules,
  '2026-12-01T1600-quota-summary': quotaSummary,
};
