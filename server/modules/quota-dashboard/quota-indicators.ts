/**
 * Indicators of representation (ITUC, ETUC, IndustriALL, ILO): women's share, the representation gap
 * (body share − membership share, in points) and the parity ratio (body share ÷ membership share).
 * Integers only: shares are basis points (10000 = 100%). Unknown sex stays in the total and is reported
 * beside the share, never split between women and men.
 */
export interface Counts {
  women: number;
  men: number;
  unknown: number;
}

/** women / total in basis points, rounded half up; null when nobody is counted. */
export function shareBp(women: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.floor((women * 20000 + total) / (2 * total));
}

export function withShare(counts: Counts) {
  const total = counts.women + counts.men + counts.unknown;
  return {
    women: counts.women,
    men: counts.men,
    unknown: counts.unknown,
    total,
    womenShareBp: shareBp(counts.women, total),
  };
}

/** Body share − membership share, in basis points (100 bp = 1 point). */
export function gapBp(bodyShare: number | null, membershipShare: number | null): number | null {
  return bodyShare === null || membershipShare === null ? null : bodyShare - membershipShare;
}

/** Body share ÷ membership share × 100, rounded half up (100 = parity); null when undefined. */
export function parityPercent(bodyShare: number | null, membershipShare: number | null): number | null {
  if (bodyShare === null || membershipShare === null || membershipShare === 0) return null;
  return Math.floor((bodyShare * 200 + membershipShare) / (2 * membershipShare));
}

/** A body's counts against the membership it represents. */
export function representation(body: Counts, membership: Counts) {
  const counted = withShare(body);
  const membershipShare = withShare(membership).womenShareBp;
  return {
    ...counted,
    gapBp: gapBp(counted.womenShareBp, membershipShare),
    parityPercent: parityPercent(counted.womenShareBp, membershipShare),
  };
}

export function addCounts<T extends Counts>(rows: readonly T[]): Counts {
  return rows.reduce(
    (sum, row) => ({
      women: sum.women + row.women,
      men: sum.men + row.men,
      unknown: sum.unknown + row.unknown,
    }),
    { women: 0, men: 0, unknown: 0 },
  );
}
