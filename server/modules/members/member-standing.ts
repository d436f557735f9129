import { sql, type Expression, type RawBuilder } from 'kysely';
import { departedStatuses } from '../../../shared/taxonomies.ts';

/**
 * The date a member left the union (keluar, PHK, meninggal), as her status history stands on `date`, or
 * NULL while she is a member then. One SQL fragment for every place that counts office holders: the body
 * page, the quota evaluator and the dashboard summary (shared/taxonomies.ts, departedStatuses).
 */
export function departedOn(
  memberId: Expression<string> | RawBuilder<string>,
  date: string | Expression<string> | RawBuilder<string>,
): RawBuilder<string | null> {
  return sql<string | null>`(
    SELECT CASE WHEN h.status = ANY(${[...departedStatuses]}::text[]) THEN h.valid_from::text END
    FROM member_status_history h
    WHERE h.member_id = ${memberId} AND h.valid_from <= ${date}::date
    ORDER BY h.valid_from DESC, h.id DESC
    LIMIT 1
  )`;
}
