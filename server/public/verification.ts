import type { Language } from '../../shared/roles.ts';

/**
 * Public verification of documents the union issues with a printed code: training certificates now,
 * Joint Commitment signatures later (issue 13). A module registers a kind: how to read a typed code of
 * its own (length, alphabet, check character) and how to look it up. The page (/verifikasi) is the same
 * for every kind: it shows only what the lookup returns, and one generic answer when no kind knows the code.
 */

export type VerificationState = 'valid' | 'revoked' | 'expired';

/** What the page shows of a document; the lookup keeps out anything that must not reach the public. */
export interface VerifiedDocument {
  /** Key in the `public` texts naming the kind of document (`verify.kinds.trainingCertificate`). */
  titleKey: string;
  /** The holder's name, already masked ("Siti R****"). */
  holder: string;
  state: VerificationState;
  /** Date of revocation (YYYY-MM-DD, Asia/Jakarta) when revoked. */
  revokedOn: string | null;
  /** Last day of validity (YYYY-MM-DD) when there is one. */
  validUntil: string | null;
  /** The dates the document covers (a class's first and last day, YYYY-MM-DD), shown formatted. */
  period: { from: string; to: string } | null;
  /** Further lines, in the page's language: a label key in `public` texts and its value. */
  facts: { labelKey: string; value: string }[];
  /** Keys in the `public` texts for the holder's label and the closing line on what the page shows. */
  holderKey: string;
  noteKey: string;
}

export interface VerificationContext {
  language: Language;
  /** Today in Asia/Jakarta (YYYY-MM-DD), for expiry. */
  today: string;
}

export interface VerificationKind {
  /** A short name for logs (`training_certificate`); never the code. */
  kind: string;
  /** The canonical code of what a person typed, or null when it cannot be a code of this kind. */
  normalise(typed: string): string | null;
  /** The document, or null when the code is unknown. */
  lookup(code: string, context: VerificationContext): Promise<VerifiedDocument | null>;
}

export interface VerificationRegistry {
  register(kind: VerificationKind): void;
  /** The canonical code of the first kind that can read it, or null. */
  canonical(typed: string): string | null;
  /** The document and its kind, or null for anything unknown, malformed or of no kind. */
  resolve(
    typed: string,
    context: VerificationContext,
  ): Promise<{ kind: string; code: string; document: VerifiedDocument } | null>;
}

export function createVerificationRegistry(initial: VerificationKind[] = []): VerificationRegistry {
  const kinds: VerificationKind[] = [];
  const registry: VerificationRegistry = {
    register(kind) {
      if (kinds.some((known) => known.kind === kind.kind))
        throw new Error(`verification kind ${kind.kind} twice`);
      kinds.push(kind);
    },
    canonical(typed) {
      for (const kind of kinds) {
        const code = kind.normalise(typed);
        if (code) return code;
      }
      return null;
    },
    async resolve(typed, context) {
      for (const kind of kinds) {
        const code = kind.normalise(typed);
        if (!code) continue;
        const document = await kind.lookup(code, context);
        if (document) return { kind: kind.kind, code, document };
      }
      return null;
    },
  };
  for (const kind of initial) registry.register(kind);
  return registry;
}
