import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignMoves, campaignStatuses, sixteenDaysOf } from '../../../shared/campaign-taxonomies.ts';
import { addressedRoots, boundsFailures, canMoveCampaign, reachOf, womenShareBp } from './campaign-rules.ts';

const tally = fc.record({
  women: fc.integer({ min: 0, max: 100_000 }),
  men: fc.integer({ min: 0, max: 100_000 }),
  unknown: fc.integer({ min: 0, max: 100_000 }),
});
const path = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
  .map((ids) => `/${ids.join('/')}/`);

describe('16 Days template', () => {
  it('runs 25 November to 10 December of any year: sixteen consecutive days, each with a theme', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (year) => {
        const { startsOn, endsOn, days } = sixteenDaysOf(year);
        expect(startsOn).toBe(`${year}-11-25`);
        expect(endsOn).toBe(`${year}-12-10`);
        expect(days).toHaveLength(16);
        days.forEach((day, index) => {
          expect(
            new Date(`${day.date}T00:00:00Z`).getTime() - new Date(`${startsOn}T00:00:00Z`).getTime(),
          ).toBe(index * 86_400_000);
          expect(day.theme.id.length && day.theme.en.length).toBeTruthy();
        });
      }),
    );
  });
});

describe('status moves', () => {
  it('only draft → active → closed, closed is final, never back', () => {
    for (const from of campaignStatuses)
      for (const to of campaignStatuses) {
        const order = campaignStatuses.indexOf(to) - campaignStatuses.indexOf(from);
        expect(canMoveCampaign(from, to), `${from} → ${to}`).toBe(order > 0);
      }
    expect(campaignMoves.closed).toEqual([]);
  });
});

describe('bounds of a sub-campaign or activity', () => {
  it('a unit outside the owner subtree and dates outside the campaign are each named', () => {
    const outer = { unitPath: '/1/2/', startsOn: '2026-11-25', endsOn: '2026-12-10' };
    expect(
      boundsFailures(outer, { unitPath: '/1/2/5/', startsOn: '2026-11-25', endsOn: '2026-12-10' }),
    ).toEqual([]);
    expect(
      boundsFailures(outer, { unitPath: '/1/3/', startsOn: '2026-11-24', endsOn: '2026-12-10' }),
    ).toEqual(['unit_outside_owner', 'dates_outside_campaign']);
    // '/1/22/' is not inside '/1/2/' although its text starts alike.
    expect(
      boundsFailures(outer, { unitPath: '/1/22/', startsOn: '2026-11-26', endsOn: '2026-11-26' }),
    ).toEqual(['unit_outside_owner']);
  });
});

describe('reach against the membership addressed', () => {
  it('the domain example: 120 reached (22 women) at a PSP of 1,400 members, 89% women', () => {
    const reach = reachOf({ women: 22, men: 98, unknown: 0 }, { women: 1246, men: 154, unknown: 0 });
    expect(reach.reachedWomenShareBp).toBe(1833);
    expect(reach.addressedWomenShareBp).toBe(8900);
    expect(reach.gapBp).toBe(-7067);
    expect(reach.coverageBp).toBe(857);
  });

  it('gap = reached share − addressed share; unknown sex counts in coverage, never in the shares', () => {
    fc.assert(
      fc.property(tally, tally, (reached, addressed) => {
        const reach = reachOf(reached, addressed);
        const bump = reachOf({ ...reached, unknown: reached.unknown + 1 }, addressed);
        expect(bump.reachedWomenShareBp).toBe(reach.reachedWomenShareBp);
        expect(bump.gapBp).toBe(reach.gapBp);
        if (reach.gapBp !== null)
          expect(reach.gapBp).toBe(reach.reachedWomenShareBp! - reach.addressedWomenShareBp!);
        const share = womenShareBp(reached);
        if (share !== null) {
          expect(share).toBeGreaterThanOrEqual(0);
          expect(share).toBeLessThanOrEqual(10_000);
        }
        expect(reach.coverageBp === null).toBe(addressed.women + addressed.men + addressed.unknown === 0);
      }),
    );
  });

  it('addressed units are counted once: a host inside another host subtree is dropped', () => {
    fc.assert(
      fc.property(fc.array(path, { maxLength: 8 }), (paths) => {
        const roots = addressedRoots(paths);
        for (const host of paths) expect(roots.some((root) => host.startsWith(root))).toBe(true);
        for (const root of roots)
          expect(roots.filter((other) => other !== root && root.startsWith(other))).toEqual([]);
        expect(new Set(roots).size).toBe(roots.length);
      }),
    );
  });
});
