import { campaignMoves, type CampaignStatus } from '../../../shared/campaign-taxonomies.ts';
import type { ReachView, SexTally } from '../../../shared/contracts/campaigns.ts';
import { isWithin } from '../../platform/access.ts';

/**
 * Pure rules of education campaigns (campaigns-and-commitment.md "Campaigns"): status moves, the bounds
 * a sub-campaign, a day or an activity must keep, and reach against the membership addressed.
 */

export const canMoveCampaign = (from: CampaignStatus, to: CampaignStatus): boolean =>
  campaignMoves[from].includes(to);

export type BoundsFailure = 'unit_outside_owner' | 'dates_outside_campaign';

/** A sub-campaign or activity lies within its campaign: its unit in the owner's subtree, its dates inside. */
export function boundsFailures(
  outer: { unitPath: string; startsOn: string; endsOn: string },
  inner: { unitPath: string; startsOn: string; endsOn: string },
): BoundsFailure[] {
  const failures: BoundsFailure[] = [];
  if (!isWithin(inner.unitPath, outer.unitPath)) failures.push('unit_outside_owner');
  if (inner.startsOn < outer.startsOn || inner.endsOn > outer.endsOn) failures.push('dates_outside_campaign');
  return failures;
}

export const emptyTally = (): SexTally => ({ women: 0, men: 0, unknown: 0 });
export const addTallies = (a: SexTally, b: SexTally): SexTally => ({
  women: a.women + b.women,
  men: a.men + b.men,
  unknown: a.unknown + b.unknown,
});

/** Women's share among people whose sex is known, basis points (rounded); null when none is known. */
export function womenShareBp(tally: SexTally): number | null {
  const known = tally.women + tally.men;
  return known === 0 ? null : Math.round((tally.women * 10_000) / known);
}

/**
 * Reach against the membership addressed, read the way the proportionality view reads a body: the
 * women's share among the people reached minus the women's share among the members addressed, in basis
 * points. A socialisation at a PSP of 1,400 members (89% women) that reached 120 people (22 women)
 * shows 18.3% against 89.0%: a gap of −70.7 points. Unknown sex is counted apart, never guessed.
 */
export function reachOf(reached: SexTally, addressed: SexTally): ReachView {
  const reachedWomenShareBp = womenShareBp(reached);
  const addressedWomenShareBp = womenShareBp(addressed);
  const reachedTotal = reached.women + reached.men + reached.unknown;
  const addressedTotal = addressed.women + addressed.men + addressed.unknown;
  return {
    reached,
    addressed,
    reachedWomenShareBp,
    addressedWomenShareBp,
    gapBp:
      reachedWomenShareBp === null || addressedWomenShareBp === null
        ? null
        : reachedWomenShareBp - addressedWomenShareBp,
    coverageBp: addressedTotal === 0 ? null : Math.round((reachedTotal * 10_000) / addressedTotal),
  };
}

/**
 * The host units whose members a set of activities addresses, each counted once: a unit inside another
 * host's subtree is already counted with it (a DPC and one of its PSPs both hosting).
 */
export function addressedRoots(hostPaths: readonly string[]): string[] {
  const unique = [...new Set(hostPaths)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return unique.filter(
    (candidate, index) => !unique.slice(0, index).some((root) => isWithin(candidate, root)),
  );
}
