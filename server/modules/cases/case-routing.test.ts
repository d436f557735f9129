import { describe, expect, it } from 'vitest';
import { ancestorAtDepth, chooseHandlingUnit, type RoutingInput } from './case-routing.ts';

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
