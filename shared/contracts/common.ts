import { z } from 'zod';
import { languages } from '../roles.ts';

export const languageSchema = z.enum(languages);
export const uuidSchema = z.uuid();
/** Largest value of a PostgreSQL `integer` (int4) column. */
export const INT4_MAX = 2_147_483_647;
/**
 * The one schema of an `integer` id (units, bodies, positions, assemblies, allocations…), in path
 * parameters, queries and bodies alike: decimal digits only — `0x10`, `1e3`, `+7`, ` 7` and `7.0` are
 * refused rather than read as numbers — and within int4, so PostgreSQL never sees an out-of-range value.
 * A JSON body may send it as a number.
 */
export const idSchema = z.union([
  z.int().min(1).max(INT4_MAX),
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number)
    .pipe(z.int().max(INT4_MAX)),
]);
/** The id of a `bigint` row (members, appointments, delegates), kept as a string: 1 to 18 decimal digits. */
export const bigIdSchema = z.string().regex(/^[1-9][0-9]{0,17}$/);
export const emailSchema = z
  .email()
  .max(254)
  .transform((value) => value.trim().toLowerCase());
/** Length and the common-password check run in the service so the message can say why. */
export const passwordSchema = z.string().min(1).max(256);
export const cursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const okResponse = z.object({ ok: z.literal(true) });
export type OkResponse = z.infer<typeof okResponse>;
