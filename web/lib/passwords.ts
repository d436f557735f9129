/**
 * The server's password rule (at least 10 characters and not a common password). Only the length is
 * checked here, to answer early; the server checks both and explains a refusal in `detail`.
 */
export const minPasswordLength = 10;
