import { z } from 'zod';
import { idSchema } from './common.ts';
import {
  appointmentBases,
  assemblyKinds,
  bodyKinds,
  credentialStatuses,
  delegationCategories,
  memberStatuses,
  positionCategories,
  sectors,
  sexes,
} from '../taxonomies.ts';

const isoDate = z.iso.date();
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

// ── Regions ──────────────────────────────────────────────────────────────────────────────────────────
export const regionView = z.object({
  code: z.string(),
  kind: z.enum(['province', 'regency']),
  provinceCode: z.string().nullable(),
  name: z.string(),
});
export type RegionView = z.infer<typeof regionView>;
export const listRegionsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: z.enum(['province', 'regency']).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});
export const listRegionsResponse = z.object({ items: z.array(regionView) });

// ── Unit details and history ─────────────────────────────────────────────────────────────────────────
export const unitDetailsView = z.object({
  id: z.number().int(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  companyName: z.string().nullable(),
  sector: z.enum(sectors).nullable(),
  disnakerNumber: z.string().nullable(),
  foundedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  memberCount: z.number().int(),
});
export type UnitDetailsView = z.infer<typeof unitDetailsView>;
export const updateUnitDetailsBody = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2}(\.\d{2})?$/)
    .nullable()
    .optional(),
  companyName: optionalText(200),
  sector: z.enum(sectors).nullable().optional(),
  disnakerNumber: optionalText(100),
  foundedOn: isoDate.nullable().optional(),
});
export type UpdateUnitDetailsBody = z.infer<typeof updateUnitDetailsBody>;
export const mergeUnitBody = z.object({ targetId: idSchema, effectiveOn: isoDate });
export const unitEventView = z.object({
  id: z.string(),
  kind: z.string(),
  occurredOn: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const unitHistoryResponse = z.object({ items: z.array(unitEventView) });

// ── Members ──────────────────────────────────────────────────────────────────────────────────────────
export const memberStatusSchema = z.enum(memberStatuses);
/** `unknown` in filters and forms stands for a NULL sex. */
export const sexFilter = z.enum([...sexes, 'unknown']);

export const memberListItem = z.object({
  id: z.string(),
  memberNumber: z.string(),
  fullName: z.string(),
  sex: z.enum(sexes).nullable(),
  status: memberStatusSchema,
  unitId: z.number().int(),
  unitName: z.string(),
  joinedOn: z.string().nullable(),
});
export type MemberListItem = z.infer<typeof memberListItem>;

export const listMembersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  unitId: idSchema.optional(),
  sex: sexFilter.optional(),
  status: memberStatusSchema.optional(),
  positionCategory: z.enum(positionCategories).optional(),
  /** Without a sort: best match first when searching (`relevance`), else by name. */
  sort: z.enum(['name', 'number', 'joined', 'relevance']).optional(),
  direction: z.enum(['asc', 'desc']).default('asc'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMembersQuery = z.infer<typeof listMembersQuery>;
export const listMembersResponse = z.object({
  items: z.array(memberListItem),
  nextCursor: z.string().nullable(),
  /** How many members match the filters in all; given with the first page only (no cursor). */
  total: z.number().int().optional(),
});

export const statusHistoryView = z.object({
  id: z.string(),
  status: memberStatusSchema,
  unitId: z.number().int(),
  unitName: z.string(),
  validFrom: z.string(),
  reason: z.string().nullable(),
});
export const memberAppointmentView = z.object({
  id: z.string(),
  positionId: z.number().int(),
  positionTitle: z.string(),
  category: z.enum(positionCategories),
  bodyId: z.number().int(),
  bodyName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  basis: z.enum(appointmentBases),
  decreeNumber: z.string().nullable(),
});
export type MemberAppointmentView = z.infer<typeof memberAppointmentView>;

export const memberDetail = memberListItem.extend({
  genderSelf: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  employer: z.string().nullable(),
  jobTitle: z.string().nullable(),
  /** Contact data: null fields when the caller may not see contact data in this subtree. */
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  history: z.array(statusHistoryView),
  appointments: z.array(memberAppointmentView),
});
export type MemberDetail = z.infer<typeof memberDetail>;

export const createMemberBody = z.object({
  memberNumber: z.string().trim().min(1).max(40),
  fullName: z.string().trim().min(1).max(200),
  sex: z.enum(sexes).nullable(),
  genderSelf: optionalText(100),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional(),
  unitId: idSchema,
  employer: optionalText(200),
  jobTitle: optionalText(200),
  joinedOn: isoDate.nullable().optional(),
  status: memberStatusSchema.default('aktif'),
});
export type CreateMemberBody = z.infer<typeof createMemberBody>;
export const updateMemberBody = createMemberBody
  .omit({ memberNumber: true, unitId: true, status: true })
  .partial();
export type UpdateMemberBody = z.infer<typeof updateMemberBody>;
export const changeMemberStatusBody = z.object({
  status: memberStatusSchema,
  validFrom: isoDate,
  reason: optionalText(500),
});
export const transferMemberBody = z.object({
  unitId: idSchema,
  validFrom: isoDate,
  reason: optionalText(500),
});

export const memberCountsQuery = z.object({
  unitId: idSchema.optional(),
  asOf: isoDate.optional(),
});
export const memberCountsResponse = z.object({
  asOf: z.string(),
  byStatus: z.record(
    z.string(),
    z.object({ L: z.number().int(), P: z.number().int(), unknown: z.number().int() }),
  ),
});

export const exportMembersQuery = listMembersQuery
  .omit({ cursor: true, limit: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

// ── Bodies, positions, appointments ──────────────────────────────────────────────────────────────────
export const appointmentView = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  memberNumber: z.string(),
  sex: z.enum(sexes).nullable(),
  /** The date the holder left the union (keluar, PHK, meninggal): her seat counts as vacant since. */
  leftOn: z.string().nullable(),
  termStart: z.string(),
  termEnd: z.string().nullable(),
  basis: z.enum(appointmentBases),
  decreeNumber: z.string().nullable(),
});
export const positionView = z.object({
  id: z.number().int(),
  title: z.string(),
  category: z.enum(positionCategories),
  seats: z.number().int(),
  sortOrder: z.number().int(),
  /** Appointments current on the requested date. */
  holders: z.array(appointmentView),
  vacantSeats: z.number().int(),
});
export const bodyView = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  kind: z.enum(bodyKinds),
  name: z.string(),
  statutorySeats: z.number().int().nullable(),
  active: z.boolean(),
  positions: z.array(positionView),
  filledSeats: z.number().int(),
  vacantSeats: z.number().int(),
});
export type BodyView = z.infer<typeof bodyView>;
export const listBodiesQuery = z.object({ asOf: isoDate.optional() });
export const listBodiesResponse = z.object({ items: z.array(bodyView) });
export const createBodyBody = z.object({
  kind: z.enum(bodyKinds),
  name: z.string().trim().min(1).max(200),
  statutorySeats: z.number().int().min(0).max(1000).nullable().optional(),
});
export const updateBodyBody = createBodyBody.partial().extend({ active: z.boolean().optional() });
export const createPositionBody = z.object({
  title: z.string().trim().min(1).max(200),
  category: z.enum(positionCategories),
  seats: z.number().int().min(1).max(500).default(1),
  sortOrder: z.number().int().min(0).max(10000).default(0),
});
export const updatePositionBody = createPositionBody.partial();
export const appointBody = z.object({
  memberId: z.string().regex(/^\d+$/),
  termStart: isoDate,
  termEnd: isoDate.nullable().optional(),
  basis: z.enum(appointmentBases),
  decreeNumber: optionalText(100),
});
export type AppointBody = z.infer<typeof appointBody>;
export const endAppointmentBody = z.object({ termEnd: isoDate });

// ── Assemblies and delegations ───────────────────────────────────────────────────────────────────────
export const delegateView = z.object({
  id: z.string(),
  memberId: z.string(),
  /** Null unless the caller reads members of the delegate's unit (member.read there). */
  memberName: z.string().nullable(),
  memberNumber: z.string().nullable(),
  sex: z.enum(sexes).nullable(),
  credentialStatus: z.enum(credentialStatuses),
  note: z.string().nullable(),
});
export const allocationView = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  category: z.enum(delegationCategories),
  seats: z.number().int(),
  delegates: z.array(delegateView),
});
export const assemblyView = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  kind: z.enum(assemblyKinds),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
export const assemblyDetail = assemblyView.extend({ allocations: z.array(allocationView) });
export type AssemblyDetail = z.infer<typeof assemblyDetail>;
export const listAssembliesResponse = z.object({ items: z.array(assemblyView) });
export const createAssemblyBody = z.object({
  unitId: idSchema,
  kind: z.enum(assemblyKinds),
  name: z.string().trim().min(1).max(200),
  startsOn: isoDate,
  endsOn: isoDate.nullable().optional(),
});
export const createAllocationBody = z.object({
  unitId: idSchema,
  category: z.enum(delegationCategories),
  seats: z.number().int().min(0).max(10000),
});
export const addDelegateBody = z.object({ memberId: z.string().regex(/^\d+$/) });
export const updateDelegateBody = z.object({
  credentialStatus: z.enum(credentialStatuses),
  note: optionalText(500),
});
