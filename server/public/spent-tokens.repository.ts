import type { Db, DbOrTx } from '../platform/database.ts';

/** The only code that reads or writes `spent_form_tokens` (migration 2026-12-07T1900). */
export const spentTokensRepository = {
  /** Spends the token; false when it was spent already (by this report's twin, a resend). */
  async spend(handle: DbOrTx, row: { tokenId: Buffer; sealedReceipt: Buffer; expiresAt: Date }) {
    const inserted = await handle
      .insertInto('spent_form_tokens')
      .values({ token_id: row.tokenId, sealed_receipt: row.sealedReceipt, expires_at: row.expiresAt })
      .onConflict((conflict) => conflict.column('token_id').doNothing())
      .returning('token_id')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  async find(handle: DbOrTx, tokenId: Buffer): Promise<Buffer | undefined> {
    const row = await handle
      .selectFrom('spent_form_tokens')
      .select('sealed_receipt')
      .where('token_id', '=', tokenId)
      .executeTakeFirst();
    return row?.sealed_receipt;
  },

  /** Rows of tokens that have expired: an expired token is refused before it is looked up. */
  async purgeExpired(db: Db, now: Date): Promise<number> {
    const result = await db.deleteFrom('spent_form_tokens').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
