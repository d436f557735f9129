import enEmail from './en/email.json' with { type: 'json' };
import enErrors from './en/errors.json' with { type: 'json' };
import idEmail from './id/email.json' with { type: 'json' };
import idErrors from './id/errors.json' with { type: 'json' };

/** Server-side namespaces; the SPA loads its own `web` namespace next to these. */
export const serverResources = {
  id: { errors: idErrors, email: idEmail },
  en: { errors: enErrors, email: enEmail },
} as const;
