import type { NamedOfficeLevel } from '../../../shared/case-taxonomy.ts';

/** A unit as routing sees it: materialised path `/1/4/9/` and depth (0 = the top unit, DPP). */
export interface RoutingUnit {
  id: number;
  path: string;
  depth: number;
}

export type RoutingReason = 'place_unknown' | 'asked_dpp' | 'named_officer_dpd_or_above' | 'place_dpd';

export interface RoutingInput {
  root: RoutingUnit;
  /** Where it happened, when the reporter (or the team) named a unit. */
  placeUnit: RoutingUnit | null;
  asksDpp: boolean;
  /** The named person's union office as the reporter gave it. */
  namedOffice: NamedOfficeLevel;
  /** Units where the linked member of the named person holds a current appointment. */
  namedOfficeUnits: readonly RoutingUnit[];
}

export interface RoutingDecision {
  unitId: number;
  reason: RoutingReason;
  /**
   * The named person holds office at the unit chosen (only possible at DPP, the top): the coordinator
   * must pick handlers outside that board; flagged for review on the case.
   */
  conflictAtHandlingUnit: boolean;
}

/** Id of the ancestor at `depth` on a materialised path, or undefined when the path is shallower. */
export function ancestorAtDepth(path: string, depth: number): number | undefined {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids[depth];
}

/**
 * domain/cases.md, "Routing and conflicts of interest": the handling unit is the case team of the DPD
 * where it happened; DPP handles it when the place is unknown, when the reporter asks for DPP, or when
 * the named person holds office at DPD level or above. A named person who holds office at unit U is never
 * handled by U's own team (DPC and PSP officers are handled at DPD, DPD officers at DPP).
 */
export function chooseHandlingUnit(input: RoutingInput): RoutingDecision {
  const atRoot = (reason: RoutingReason): RoutingDecision => ({
    unitId: input.root.id,
    reason,
    conflictAtHandlingUnit:
      input.namedOffice === 'DPP' || input.namedOfficeUnits.some((unit) => unit.depth === 0),
  });
  const officerHigh =
    input.namedOffice === 'DPD' ||
    input.namedOffice === 'DPP' ||
    input.namedOfficeUnits.some((unit) => unit.depth <= 1);
  if (officerHigh) return atRoot('named_officer_dpd_or_above');
  if (input.asksDpp) return atRoot('asked_dpp');
  const dpdId = input.placeUnit ? ancestorAtDepth(input.placeUnit.path, 1) : undefined;
  if (dpdId === undefined) return atRoot('place_unknown');
  return { unitId: dpdId, reason: 'place_dpd', conflictAtHandlingUnit: false };
}

/** Where a case goes once the unit routing chose is checked for someone who can act on it. */
export interface StaffedRoutingDecision extends RoutingDecision {
  /** The unit routing chose first when it had no case coordinator and the case went up the tree. */
  fallbackFromUnitId: number | null;
  /**
   * No unit on the way up, the top unit included, has an active case coordinator: the case waits at the
   * top unit and nobody can act on it until one is appointed (administrators are warned).
   */
  unstaffed: boolean;
}

/**
 * issue 18, "a report can reach nobody": a report always has a responsible team. Routing picks the
 * handling unit by the domain rules (chooseHandlingUnit); when that unit has no active case coordinator
 * the case goes up the tree to the nearest ancestor that has one, the top unit (DPP) last. Going up never
 * lands on a unit where the named person holds office below DPP (those cases are already at DPP or at a
 * DPD above the officer's own unit), and a case that reaches DPP keeps the DPP conflict flag.
 * `staffedUnitIds` holds the units with an active case coordinator (at least those on the way up).
 */
export function routeToStaffedUnit(
  input: RoutingInput & { staffedUnitIds: ReadonlySet<number> },
): StaffedRoutingDecision {
  const chosen = chooseHandlingUnit(input);
  // The chosen unit is the top unit or the DPD above the place: both lie on the place's path.
  const ids = (input.placeUnit?.path ?? input.root.path).split('/').filter(Boolean).map(Number);
  const upward = ids.slice(0, ids.indexOf(chosen.unitId) + 1).reverse();
  const staffed = upward.find((unitId) => input.staffedUnitIds.has(unitId));
  const unitId = staffed ?? input.root.id;
  const conflictAtRoot =
    input.namedOffice === 'DPP' || input.namedOfficeUnits.some((unit) => unit.depth === 0);
  return {
    unitId,
    reason: chosen.reason,
    conflictAtHandlingUnit: unitId === input.root.id ? conflictAtRoot : chosen.conflictAtHandlingUnit,
    fallbackFromUnitId: unitId === chosen.unitId ? null : chosen.unitId,
    unstaffed: staffed === undefined,
  };
}

/** The units whose coordinators routing needs to know about: the top unit and the place's ancestry. */
export function unitsOnTheWayUp(input: Pick<RoutingInput, 'root' | 'placeUnit'>): number[] {
  const ids = (input.placeUnit?.path ?? input.root.path).split('/').filter(Boolean).map(Number);
  return [...new Set([input.root.id, ...ids])];
}
