import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ancestorAtDepth,
  chooseHandlingUnit,
  routeToStaffedUnit,
  unitsOnTheWayUp,
  type RoutingInput,
} from './case-routing.ts';

// DPP 1 → DPD 2 (Jawa Barat) → DPC 3 → PSP 4; DPD 5 (Banten).
const dpp = { id: 1, path: '/1/', depth: 0 };
const dpd = { id: 2, path: '/1/2/', depth: 1 };
const dpc = { id: 3, path: '/1/2/3/', depth: 2 };
const psp = { id: 4, path: '/1/2/3/4/', depth: 3 };
const base: RoutingInput = {
  root: dpp,
  placeUnit: psp,
  asksDpp: false,
  namedOffice: 'tidak_ada',
  namedOfficeUnits: [],
};

describe('routing (domain/cases.md)', () => {
  it.each([
    { name: 'place at a PSP goes to its DPD', input: base, unitId: 2, reason: 'place_dpd' },
    {
      name: 'place at a DPC goes to its DPD',
      input: { ...base, placeUnit: dpc },
      unitId: 2,
      reason: 'place_dpd',
    },
    { name: 'place at the DPD itself', input: { ...base, placeUnit: dpd }, unitId: 2, reason: 'place_dpd' },
    {
      name: 'unknown place goes to DPP',
      input: { ...base, placeUnit: null },
      unitId: 1,
      reason: 'place_unknown',
    },
    {
      name: 'place at DPP goes to DPP',
      input: { ...base, placeUnit: dpp },
      unitId: 1,
      reason: 'place_unknown',
    },
    { name: 'the reporter asks for DPP', input: { ...base, asksDpp: true }, unitId: 1, reason: 'asked_dpp' },
    {
      name: 'named DPD officer (as reported) goes to DPP',
      input: { ...base, namedOffice: 'DPD' as const },
      unitId: 1,
      reason: 'named_officer_dpd_or_above',
    },
    {
      name: 'named DPP officer (as reported) goes to DPP',
      input: { ...base, namedOffice: 'DPP' as const },
      unitId: 1,
      reason: 'named_officer_dpd_or_above',
    },
    {
      name: 'linked member holding office at the DPD goes to DPP, never to her own DPD team',
      input: { ...base, namedOfficeUnits: [dpd] },
      unitId: 1,
      reason: 'named_officer_dpd_or_above',
    },
    {
      name: 'a PSP officer is handled at the DPD, not by her PSP',
      input: { ...base, namedOffice: 'PSP' as const, namedOfficeUnits: [psp] },
      unitId: 2,
      reason: 'place_dpd',
    },
    {
      name: 'a DPC officer is handled at the DPD, not by her DPC',
      input: { ...base, namedOffice: 'DPC' as const, namedOfficeUnits: [dpc] },
      unitId: 2,
      reason: 'place_dpd',
    },
  ])('$name', ({ input, unitId, reason }) => {
    const decision = chooseHandlingUnit(input);
    expect(decision.unitId).toBe(unitId);
    expect(decision.reason).toBe(reason);
    // The named person never holds office at the unit chosen, except at the very top (flagged).
    expect(
      input.namedOffice === 'DPP' || input.namedOfficeUnits.some((unit) => unit.id === decision.unitId),
    ).toBe(decision.conflictAtHandlingUnit);
  });
  it('flags a DPP officer handled at DPP so handlers are chosen outside that board', () => {
    expect(chooseHandlingUnit({ ...base, namedOfficeUnits: [dpp] })).toEqual({
      unitId: 1,
      reason: 'named_officer_dpd_or_above',
      conflictAtHandlingUnit: true,
    });
    expect(chooseHandlingUnit({ ...base, namedOffice: 'DPP' }).conflictAtHandlingUnit).toBe(true);
    expect(chooseHandlingUnit({ ...base, namedOffice: 'DPD' }).conflictAtHandlingUnit).toBe(false);
  });
  it('reads ancestors off a materialised path', () => {
    expect(ancestorAtDepth('/1/2/3/4/', 1)).toBe(2);
    expect(ancestorAtDepth('/1/', 1)).toBeUndefined();
  });
});

describe('a report always has a responsible team (issue 18: coordinator fallback)', () => {
  const all = new Set([1, 2, 3, 4]);
  const without = (...missing: number[]) => new Set([...all].filter((id) => !missing.includes(id)));
  const staffedRoute = (staffed: ReadonlySet<number>, input: Partial<RoutingInput> = {}) =>
    routeToStaffedUnit({ ...base, ...input, staffedUnitIds: staffed });

  it.each([
    {
      name: 'every unit staffed: the DPD handles it, no fallback',
      staffed: all,
      input: {},
      expected: { unitId: 2, fallbackFromUnitId: null, unstaffed: false },
    },
    {
      name: 'no coordinator at the PSP where it happened: the DPD still handles it',
      staffed: without(4),
      input: {},
      expected: { unitId: 2, fallbackFromUnitId: null, unstaffed: false },
    },
    {
      name: 'no coordinator at the DPC: the DPD still handles it',
      staffed: without(3),
      input: { placeUnit: dpc },
      expected: { unitId: 2, fallbackFromUnitId: null, unstaffed: false },
    },
    {
      name: 'no coordinator at the DPD: up to DPP, recorded as a fallback from the DPD',
      staffed: without(2),
      input: {},
      expected: { unitId: 1, fallbackFromUnitId: 2, unstaffed: false },
    },
    {
      name: 'no coordinator at PSP, DPC or DPD: DPP',
      staffed: without(2, 3, 4),
      input: {},
      expected: { unitId: 1, fallbackFromUnitId: 2, unstaffed: false },
    },
    {
      name: 'a DPC coordinator does not take a DPD case (never down, never sideways)',
      staffed: new Set([3]),
      input: {},
      expected: { unitId: 1, fallbackFromUnitId: 2, unstaffed: true },
    },
    {
      name: 'no coordinator at DPP, the DPD staffed: the DPD handles it',
      staffed: without(1),
      input: {},
      expected: { unitId: 2, fallbackFromUnitId: null, unstaffed: false },
    },
    {
      name: 'no coordinator at DPP and the case belongs to DPP: waits at DPP, unstaffed',
      staffed: without(1),
      input: { placeUnit: null },
      expected: { unitId: 1, fallbackFromUnitId: null, unstaffed: true },
    },
    {
      name: 'no coordinator anywhere: waits at DPP, unstaffed, with the DPD it was meant for',
      staffed: new Set<number>(),
      input: {},
      expected: { unitId: 1, fallbackFromUnitId: 2, unstaffed: true },
    },
    {
      name: 'no coordinator anywhere, place unknown',
      staffed: new Set<number>(),
      input: { placeUnit: null },
      expected: { unitId: 1, fallbackFromUnitId: null, unstaffed: true },
    },
  ])('$name', ({ staffed, input, expected }) => {
    expect(staffedRoute(staffed, input)).toMatchObject(expected);
  });

  it('keeps the routing reason and never hands a DPD case to a unit below or beside it', () => {
    const dpdBanten = { id: 5, path: '/1/5/', depth: 1 };
    const decision = staffedRoute(new Set([2, 3]), { placeUnit: dpdBanten });
    expect(decision).toEqual({
      unitId: 1,
      reason: 'place_dpd',
      conflictAtHandlingUnit: false,
      fallbackFromUnitId: 5,
      unstaffed: true,
    });
  });

  it('a named DPP officer reaching DPP by fallback is flagged; a PSP officer is not', () => {
    expect(staffedRoute(without(2), { namedOfficeUnits: [dpp] })).toMatchObject({
      unitId: 1,
      conflictAtHandlingUnit: true,
    });
    expect(staffedRoute(without(2), { namedOffice: 'PSP', namedOfficeUnits: [psp] })).toMatchObject({
      unitId: 1,
      conflictAtHandlingUnit: false,
      fallbackFromUnitId: 2,
    });
  });

  it('holds for any tree position and any staffing (property)', () => {
    const units = [dpp, dpd, dpc, psp];
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...units), { nil: null }),
        fc.subarray([1, 2, 3, 4]),
        fc.boolean(),
        fc.constantFrom<RoutingInput['namedOffice']>('tidak_ada', 'PSP', 'DPC', 'DPD', 'DPP'),
        (placeUnit, staffedIds, asksDpp, namedOffice) => {
          const staffed = new Set(staffedIds);
          const input = { ...base, placeUnit, asksDpp, namedOffice };
          const plain = chooseHandlingUnit(input);
          const decision = routeToStaffedUnit({ ...input, staffedUnitIds: staffed });
          // Always a unit on the way up from the plain choice: the choice itself or DPP.
          expect([plain.unitId, 1]).toContain(decision.unitId);
          // Staffed whenever any unit on the way up is staffed; otherwise DPP, unstaffed.
          const upward = plain.unitId === 1 ? [1] : [plain.unitId, 1];
          expect(decision.unstaffed).toBe(!upward.some((id) => staffed.has(id)));
          if (!decision.unstaffed) expect(staffed.has(decision.unitId)).toBe(true);
          // The fallback is recorded exactly when the case left the unit first chosen.
          expect(decision.fallbackFromUnitId).toBe(decision.unitId === plain.unitId ? null : plain.unitId);
          expect(decision.reason).toBe(plain.reason);
        },
      ),
    );
  });

  it('asks about the top unit and the place ancestry', () => {
    expect(unitsOnTheWayUp({ root: dpp, placeUnit: psp })).toEqual([1, 2, 3, 4]);
    expect(unitsOnTheWayUp({ root: dpp, placeUnit: null })).toEqual([1]);
  });
});
