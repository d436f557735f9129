import { sql } from 'kysely';
import { countedStatuses } from '../../../shared/taxonomies.ts';
import type { DbOrTx } from '../../platform/database.ts';

/**
 * The coverage of a Joint Commitment version under one unit, as of a day (issue 13 "Coverage"): computed
 * live. Members are those active on the day by their status history (the unit and status in force then,
 * as members.repository countsAsOf reads them); a signature counts when its status on that day, read from
 * its history, was open (pending or valid). Indexes: commitment_signatures_version_idx and
 * commitment_signature_events_signature_idx; a summary table refreshed in batches is the next step at the
 * scale of the bench (see docs/features/commitment.md).
 */

/**
 * A signature's status at the end of `asOf` (Asia/Jakarta), from its history. A signature entered later
 * than the day it was signed (a paper list, a back-dated staff entry) had its first status from that day:
 * callers also require `signed_on <= asOf`.
 */
const statusAsOf = (signature: string, asOf: string) => sql<string | null>`coalesce(
  (SELECT e.status FROM commitment_signature_events e
    WHERE e.signature_id = ${sql.ref(signature)}
      AND e.at < ((${asOf}::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
    ORDER BY e.at DESC, e.id DESC LIMIT 1),
  (SELECT e.status FROM commitment_signature_events e
    WHERE e.signature_id = ${sql.ref(signature)} ORDER BY e.at, e.id LIMIT 1)
)`;

const openAsOf = (signature: string, asOf: string) =>
  sql<boolean>`${statusAsOf(signature, asOf)} IN ('pending', 'valid')`;

export const coverageRepository = {
  /** Per row unit (the unit and its children) and sex: active members and, of them, signers. */
  async membersAndSigners(handle: DbOrTx, options: { unitId: number; asOf: string; versionId: number }) {
    const { unitId, asOf, versionId } = options;
    const result = await sql<{ unit_id: number; sex: string | null; members: number; signers: number }>`
      WITH standing AS (
        SELECT DISTINCT ON (member_id) member_id, status, unit_id
        FROM member_status_history
        WHERE valid_from <= ${asOf}::date
        ORDER BY member_id, valid_from DESC, id DESC
      ), root AS (
        SELECT id, path, depth FROM units WHERE id = ${unitId}
      ), counted AS MATERIALIZED (
        -- Each active member with the child of the row unit that contains her (from her unit's path),
        -- so rows are found by position rather than by a prefix join the planner cannot estimate.
        SELECT st.member_id, m.sex,
          (string_to_array(btrim(u.path, '/'), '/'))[root.depth + 2]::int AS child_id
        FROM standing st
        JOIN members m ON m.id = st.member_id
        JOIN units u ON u.id = st.unit_id
        CROSS JOIN root
        WHERE st.status = ANY(${[...countedStatuses]}::text[]) AND starts_with(u.path, root.path)
      ), signed AS (
        SELECT s.member_id FROM commitment_signatures s
        WHERE s.version_id = ${versionId} AND s.kind = 'member' AND s.signed_on <= ${asOf}::date
          AND ${openAsOf('s.id', asOf)}
      )
      -- Every member counts in the unit's own row (the total) and in her child unit's row.
      SELECT r.unit_id, c.sex, count(*)::int AS members,
        count(*) FILTER (WHERE c.member_id IN (SELECT member_id FROM signed))::int AS signers
      FROM counted c
      CROSS JOIN LATERAL (
        SELECT (SELECT id FROM root) AS unit_id
        UNION ALL SELECT c.child_id WHERE c.child_id IS NOT NULL
      ) r
      GROUP BY r.unit_id, c.sex
    `.execute(handle);
    return result.rows;
  },

  /** Per row unit: adoption of the unit itself, adoptions in its subtree, PSPs and co-signed PSPs. */
  async actsPerRow(handle: DbOrTx, options: { unitId: number; asOf: string; versionId: number }) {
    const { unitId, asOf, versionId } = options;
    const result = await sql<{
      id: number;
      name: string;
      level: string;
      adopted: boolean;
      units_adopted: number;
      psps: number;
      psps_co_signed: number;
    }>`
      WITH acts AS (
        SELECT s.kind, s.unit_id, u.path FROM commitment_signatures s JOIN units u ON u.id = s.unit_id
        WHERE s.version_id = ${versionId} AND s.kind IN ('unit', 'psp_company')
          AND s.signed_on <= ${asOf}::date AND ${openAsOf('s.id', asOf)}
      )
      SELECT r.id, r.name, r.level,
        EXISTS (SELECT 1 FROM acts a WHERE a.kind = 'unit' AND a.unit_id = r.id) AS adopted,
        (SELECT count(DISTINCT a.unit_id) FROM acts a WHERE a.kind = 'unit' AND a.path LIKE r.path || '%')::int
          AS units_adopted,
        (SELECT count(*) FROM units p WHERE p.level = 'PSP' AND p.active AND p.path LIKE r.path || '%')::int
          AS psps,
        (SELECT count(DISTINCT a.unit_id) FROM acts a
          WHERE a.kind = 'psp_company' AND a.path LIKE r.path || '%')::int AS psps_co_signed
      FROM units r
      WHERE r.id = ${unitId} OR (r.parent_id = ${unitId} AND r.active)
      ORDER BY (r.id = ${unitId}) DESC, r.name
    `.execute(handle);
    return result.rows;
  },

  /**
   * Officers' coverage per body ("18 of 21 DPC board members signed v1"): each active body of the unit and
   * of its children, the members holding one of its posts on the day (an appointment whose term covers
   * it; a member holding two posts counts once) and, of them, those with an open member signature.
   */
  async bodies(handle: DbOrTx, options: { unitId: number; asOf: string; versionId: number }) {
    const { unitId, asOf, versionId } = options;
    const result = await sql<{
      body_id: number;
      body_name: string;
      kind: string;
      unit_id: number;
      unit_name: string;
      level: string;
      holders: number;
      signed: number;
    }>`
      WITH signed AS (
        SELECT s.member_id FROM commitment_signatures s
        WHERE s.version_id = ${versionId} AND s.kind = 'member' AND s.signed_on <= ${asOf}::date
          AND ${openAsOf('s.id', asOf)}
      ), holders AS (
        SELECT DISTINCT p.body_id, a.member_id
        FROM appointments a JOIN positions p ON p.id = a.position_id
        WHERE a.term_start <= ${asOf}::date AND (a.term_end IS NULL OR a.term_end >= ${asOf}::date)
      )
      SELECT b.id AS body_id, b.name AS body_name, b.kind, u.id AS unit_id, u.name AS unit_name, u.level,
        count(h.member_id)::int AS holders,
        count(h.member_id) FILTER (WHERE h.member_id IN (SELECT member_id FROM signed))::int AS signed
      FROM bodies b
      JOIN units u ON u.id = b.unit_id
      LEFT JOIN holders h ON h.body_id = b.id
      WHERE b.active AND (u.id = ${unitId} OR (u.parent_id = ${unitId} AND u.active))
      GROUP BY b.id, u.id
      ORDER BY (u.id = ${unitId}) DESC, u.name, b.name
    `.execute(handle);
    return result.rows;
  },

  /** The adoptions and co-signatures themselves, for the list under the table. */
  async acts(handle: DbOrTx, options: { unitPath: string; asOf: string; versionId: number }) {
    const { unitPath, asOf, versionId } = options;
    const result = await sql<{
      id: string;
      kind: 'unit' | 'psp_company';
      unit_id: number;
      unit_name: string;
      level: string;
      forum: string | null;
      decree_number: string | null;
      company_name: string | null;
      signed_on: string;
    }>`
      SELECT s.id::text, s.kind, s.unit_id, u.name AS unit_name, u.level, s.forum, s.decree_number,
        s.company_name, s.signed_on::text
      FROM commitment_signatures s JOIN units u ON u.id = s.unit_id
      WHERE s.version_id = ${versionId} AND s.kind IN ('unit', 'psp_company')
        AND u.path LIKE ${`${unitPath}%`} AND s.signed_on <= ${asOf}::date AND ${openAsOf('s.id', asOf)}
      ORDER BY u.path, s.kind
      LIMIT 200
    `.execute(handle);
    return result.rows;
  },
};
