import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/database.ts';

/** A coded case for statistics tests: only the fields statistics read, the rest fixed dummies. */
export interface CodedCase {
  unitId: number;
  receivedAt: string;
  forms?: string[];
  place?: string;
  relationship?: string;
  sex?: 'L' | 'P' | null;
  ageBand?: string | null;
  outcome?: string | null;
  firstContactAt?: string | null;
  firstConsentAt?: string | null;
  outcomeAt?: string | null;
  closedAt?: string | null;
  referrals?: { service: string; status: string }[];
  consents?: { route: string; status: string; at: string }[];
}

/** Inserts cases directly with a dummy sealed content (statistics never open it). */
export async function insertCodedCases(db: Db, cases: CodedCase[]): Promise<string[]> {
  const { id: dataKeyId } = await db
    .insertInto('data_keys')
    .values({ purpose: 'case', wrapped: Buffer.from('dummy'), master_fingerprint: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: string[] = [];
  for (const [index, item] of cases.entries()) {
    const id = randomUUID();
    ids.push(id);
    await db
      .insertInto('cases')
      .values({
        id,
        reference: `ST-${index}-${id.slice(0, 6)}`,
        data_key_id: dataKeyId,
        receipt_index: '0',
        receipt_hash: 'x',
        channel: 'web',
        reporter_role: 'korban',
        forms: item.forms ?? ['KS01'],
        place: item.place ?? 'area_kerja',
        relationship: item.relationship ?? 'atasan',
        named_office: 'tidak_ada',
        wishes: [],
        asks_dpp: false,
        same_gender_handler: false,
        incident_date_approximate: false,
        survivor_sex: item.sex === undefined ? 'P' : item.sex,
        survivor_age_band: item.ageBand === undefined ? '25-44' : item.ageBand,
        place_unit_id: item.unitId,
        handling_unit_id: item.unitId,
        routing_reason: 'place',
        state: item.closedAt ? 'closed' : 'handling',
        outcome: item.outcome ?? null,
        received_at: item.receivedAt,
        first_contact_at: item.firstContactAt ?? null,
        first_consent_at: item.firstConsentAt ?? null,
        outcome_at: item.outcomeAt ?? null,
        closed_at: item.closedAt ?? null,
        content_sealed: 'sealed-canary-content',
      })
      .execute();
    for (const referral of item.referrals ?? [])
      await db
        .insertInto('case_referrals')
        .values({
          case_id: id,
          service: referral.service,
          referred_on: item.receivedAt.slice(0, 10),
          status: referral.status,
          created_at: item.receivedAt,
          emergency: false,
          needs_review: false,
        })
        .execute();
    for (const consent of item.consents ?? [])
      await db
        .insertInto('case_consents')
        .values({ case_id: id, route: consent.route, status: consent.status, recorded_at: consent.at })
        .execute();
  }
  return ids;
}
