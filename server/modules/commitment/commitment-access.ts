import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../../shared/errors.ts';
import { can, scopeOf, type Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/database.ts';
import type { SignatureKind, SignatureStatus } from './commitment-rules.ts';

/**
 * The one door into Joint Commitment signatures (issue 13: "no page or answer reveals whether a given
 * person signed, except to that person with her receipt and to staff in scope"). Every staff route, the
 * public pledge pages and any job that reaches a signature goes through this file:
 *
 * - staff: `commitment.manage` over the unit the signature counts under (the member's home unit at signing,
 *   the adopting unit, or the region a person outside the membership named). A DPC officer reaches her
 *   subtree's signatures and nothing else; a signature outside it is `not_found`, as if it did not exist.
 *   Lists filter by the same scope in SQL (`signatureScopeSql`).
 * - the signer: her receipt code, only ever compared as an HMAC under a key derived from the master key
 *   (`receiptHash`), so the database never holds a receipt and cannot test a guessed one.
 * - versions are national: authoring and activating needs `commitment.manage` at the top unit; reading
 *   them needs `commitment.manage` anywhere.
 */

export interface SignatureRow {
  id: string;
  version_id: number;
  version_number: number;
  version_status: string;
  kind: SignatureKind;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  member_id: string | null;
  status: SignatureStatus;
}

const signatureColumns = [
  's.id',
  's.version_id',
  'v.number as version_number',
  'v.status as version_status',
  's.kind',
  's.unit_id',
  'u.path as unit_path',
  'u.name as unit_name',
  's.member_id',
  's.status',
] as const;

/** The HMAC of a canonical receipt code: the only form in which a receipt reaches the database. */
export function receiptHash(key: Buffer, code: string): Buffer {
  return createHmac('sha256', key).update(`commitment-receipt:${code}`).digest();
}

/** The receipt key, derived from the master key (never stored). */
export const commitmentReceiptKey = (masterKey: Buffer): Buffer =>
  createHmac('sha256', masterKey).update('setara-commitment-receipt').digest();

/**
 * Loads (with `lock`, locks) a signature for staff. Unknown or outside the caller's scope: 404.
 */
export async function openSignature(
  handle: DbOrTx,
  principal: Principal,
  signatureId: string,
  options: { lock?: boolean } = {},
): Promise<SignatureRow> {
  if (!/^[0-9]{1,18}$/.test(signatureId)) throw new AppError('not_found');
  let query = handle
    .selectFrom('commitment_signatures as s')
    .innerJoin('commitment_versions as v', 'v.id', 's.version_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select(signatureColumns)
    .where('s.id', '=', signatureId);
  if (options.lock) query = query.forUpdate('s');
  const row = (await query.executeTakeFirst()) as SignatureRow | undefined;
  if (!row || !can(principal, 'commitment.manage', row.unit_path)) throw new AppError('not_found');
  return row;
}

/** The signature a receipt belongs to (the signer's own door), or null: one answer for every failure. */
export async function openSignatureByReceipt(
  handle: DbOrTx,
  key: Buffer,
  canonicalCode: string,
  options: { lock?: boolean } = {},
): Promise<(SignatureRow & { receipt_issued_at: Date }) | null> {
  let query = handle
    .selectFrom('commitment_receipts as r')
    .innerJoin('commitment_signatures as s', 's.id', 'r.signature_id')
    .innerJoin('commitment_versions as v', 'v.id', 's.version_id')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([...signatureColumns, 'r.issued_at as receipt_issued_at'])
    .where('r.receipt_hash', '=', receiptHash(key, canonicalCode));
  if (options.lock) query = query.forUpdate('s');
  return (
    ((await query.executeTakeFirst()) as (SignatureRow & { receipt_issued_at: Date }) | undefined) ?? null
  );
}

/** Subtree roots in which the caller reaches signatures (empty: none). */
export const signatureScope = (principal: Principal): string[] => scopeOf(principal, 'commitment.manage');

/** SQL condition on a units alias' path: inside the caller's signature scope. */
export function signatureScopeSql(principal: Principal, pathColumn: string) {
  return signatureScopeSqlFor(signatureScope(principal), pathColumn);
}

/** The same condition for scope roots already computed (`u.path` by default). */
export function signatureScopeSqlFor(roots: readonly string[], pathColumn = 'u.path') {
  return sql<boolean>`${sql.ref(pathColumn)} LIKE ANY (SELECT r || '%' FROM unnest(${[...roots]}::text[]) r)`;
}

/** Reading versions: any commitment officer. */
export function assertMayReadVersions(principal: Principal): void {
  if (signatureScope(principal).length === 0) throw new AppError('forbidden');
}

/** Authoring and activating versions: `commitment.manage` at the top unit (the commitment is national). */
export async function assertMayAuthorVersions(handle: DbOrTx, principal: Principal): Promise<void> {
  const root = await handle
    .selectFrom('units')
    .select('path')
    .where('parent_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!root || !can(principal, 'commitment.manage', root.path)) throw new AppError('forbidden');
}

/** A unit (for a new signature) the caller may sign for: inside her scope, else 404 like any unknown unit. */
export async function openUnitForSigning(handle: DbOrTx, principal: Principal, unitId: number) {
  const unit = await handle
    .selectFrom('units')
    .select(['id', 'path', 'name', 'level', 'company_name', 'active'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit || !can(principal, 'commitment.manage', unit.path)) throw new AppError('not_found');
  return unit;
}

/** A member (for a staff-entered signature) inside the caller's scope, by her home unit; else 404. */
export async function openMemberForSigning(handle: DbOrTx, principal: Principal, memberId: string) {
  if (!/^[0-9]{1,18}$/.test(memberId)) throw new AppError('not_found');
  const member = await handle
    .selectFrom('members as m')
    .innerJoin('units as u', 'u.id', 'm.home_unit_id')
    .select(['m.id', 'm.full_name', 'm.member_number', 'm.sex', 'm.home_unit_id', 'u.path as unit_path'])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!member || !can(principal, 'commitment.manage', member.unit_path)) throw new AppError('not_found');
  return member;
}

/**
 * A recorded paper list (and so its sheet photos) inside the caller's scope, by the unit where the sheet
 * was signed; else 404 like a missing one. A photo of a sheet shows who signed, so it is read only here.
 */
export async function openPaperList(
  handle: DbOrTx,
  principal: Principal,
  id: number,
  options: { lock?: boolean } = {},
) {
  const query = handle
    .selectFrom('commitment_paper_lists as l')
    .innerJoin('units as u', 'u.id', 'l.unit_id')
    .innerJoin('commitment_versions as v', 'v.id', 'l.version_id')
    .select([
      'l.id',
      'l.unit_id',
      'u.name as unit_name',
      'u.path as unit_path',
      'l.signed_on',
      'v.number as version_number',
      'l.row_count',
      'l.by_number',
      'l.by_name',
      'l.merged',
      'l.unmatched',
      'l.entered_at',
    ])
    .where('l.id', '=', id);
  const list = await (options.lock ? query.forUpdate('l') : query).executeTakeFirst();
  if (!list || !can(principal, 'commitment.manage', list.unit_path)) throw new AppError('not_found');
  return list;
}
