import { sql, type RawBuilder } from 'kysely';

/**
 * THE filter every case statistic passes through: which rows of `cases` (under `alias`) are counted.
 *
 * Sealed escrow reports ("Lapor bersama") are not counted until they open: a report waiting for a
 * second report naming the same person must leave no trace, not even a "< 5". A sealed report that was
 * withdrawn never opened, so it never counts either. (`escrow` is among the statistics role's columns.)
 */
export function countedInStatistics(alias: string): RawBuilder<boolean> {
  const escrow = sql.ref(`${alias}.escrow`);
  return sql<boolean>`(${escrow} IS NULL OR ${escrow} NOT IN ('sealed', 'withdrawn'))`;
}
