import enEmail from './en/email.json' with { type: 'json' };
import enErrors from './en/errors.json' with { type: 'json' };
import enExports from './en/exports.json' with { type: 'json' };
import enImports from './en/imports.json' with { type: 'json' };
import enPublic from './en/public.json' with { type: 'json' };
import idEmail from './id/email.json' with { type: 'json' };
import idErrors from './id/errors.json' with { type: 'json' };
import idExports from './id/exports.json' with { type: 'json' };
import idImports from './id/imports.json' with { type: 'json' };
import idPublic from './id/public.json' with { type: 'json' };

/** Server-side namespaces; the SPA loads its own `web` namespace next to these. */
export const serverResources = {
  id: { errors: idErrors, email: idEmail, imports: idImports, public: idPublic, exports: idExports },
  en: { errors: enErrors, email: enEmail, imports: enImports, public: enPublic, exports: enExports },
} as const;
