import { sql, type RawBuilder } from 'kysely';

/**
 * THE filter every case statistic passes through: which rows of `cases` (under `alias`) are counted.
 *
 * Sealed escrow reports ("Lapor bersama") must not be counted until they are opened: a report waiting
 * for a second report naming the same person must leave no trace, not even a "< 5". The escrow feature
 * adds a column on `cases` that marks them; wire it here, and only here, e.g.
 *   return sql`NOT ${sql.ref(`${alias}.escrow_sealed`)}`;
 * and add that column to the statistics role's grants (a new migration: `GRANT SELECT (escrow_sealed)
 * ON cases TO setara_case_statistics`), since the statistics may read only granted columns.
 */
export function countedInStatistics(alias: string): RawBuilder<boolean> {
  void alias;
  return sql<boolean>`true`;
}
