import { z } from 'zod';
import { languages } from '../roles.ts';

export const languageSchema = z.enum(languages);
export const uuidSchema = z.uuid();
export const unitIdSchema = z.coerce.number().int().positive();
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
