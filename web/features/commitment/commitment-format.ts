/** `ABCD-EFGH-JKMN`: receipt codes in groups of four, as printed (server/platform/check-codes.ts groupCode). */
export const groupCodeForPrint = (code: string): string => code.match(/.{1,4}/g)?.join('-') ?? code;
