import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

/**
 * Proves the boundaries rules in eslint.config.js bite (issue 10): the repository's own config lints
 * snippets placed, by file path only, in a feature, in the app shell and in platform. The fixture files
 * do not exist, so type information is switched off and only the boundaries rules run (fast, and no
 * type-aware rule can fail on a file the TypeScript project does not hold).
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: tseslint.configs.disableTypeChecked,
  ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/'),
});

/** The boundaries errors ESLint reports for `code` at `filePath`; fails on a parse error (it would hide them). */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages
    .filter((message) => message.ruleId === 'boundaries/dependencies' && message.severity === 2)
    .map((message) => message.message);
}

const unitsRoute = 'web/features/units/routes/fixture.tsx';
const platformFile = 'server/platform/fixture.ts';

describe('web/features: a feature never imports another feature', () => {
  it('fails an import of another feature', async () => {
    const errors = await boundaryErrors(
      unitsRoute,
      "import { QuotaRulesPage } from '../../quota/routes/quota-rules-page.tsx';\nexport const Page = QuotaRulesPage;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('web/features/units may not import web/features/quota');
  });

  it('fails the same import without extension, as import(), and as a re-export', async () => {
    const snippets = [
      "import { QuotaRulesPage } from '../../quota/routes/quota-rules-page';\nexport const Page = QuotaRulesPage;\n",
      "export const load = () => import('../../quota/routes/quota-rules-page.tsx');\n",
      "export { QuotaRulesPage } from '../../quota/routes/quota-rules-page.tsx';\n",
    ];
    for (const code of snippets) expect(await boundaryErrors(unitsRoute, code), code).toHaveLength(1);
  });

  it('tells apart features whose names share a prefix', async () => {
    const code =
      "import { useShareFormat } from '../../quota-dashboard/components/share-format.ts';\nexport const use = useShareFormat;\n";
    const errors = await boundaryErrors('web/features/quota/routes/fixture.tsx', code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('web/features/quota may not import web/features/quota-dashboard');
  });

  it('allows web/lib, web/components, shared/ and the feature itself', async () => {
    const snippets = [
      "import { paths } from '../../../lib/paths.ts';\nexport const unitsPath = paths;\n",
      "import { ErrorAlert } from '../../../components/error-alert.tsx';\nexport const Alert = ErrorAlert;\n",
      "import { AppError } from '../../../../shared/errors.ts';\nexport const Failure = AppError;\n",
      "import { UnitsPage } from './units-page.tsx';\nexport const Page = UnitsPage;\n",
    ];
    for (const code of snippets) expect(await boundaryErrors(unitsRoute, code), code).toEqual([]);
  });

  it('lets the app shell import any feature', async () => {
    const code = "export const load = () => import('../features/quota/routes/quota-rules-page.tsx');\n";
    expect(await boundaryErrors('web/app/fixture.tsx', code)).toEqual([]);
  });
});

describe('server/platform never imports server/modules', () => {
  it('fails an import of a module', async () => {
    const errors = await boundaryErrors(
      platformFile,
      "import { evaluate } from '../modules/quota/quota-engine.ts';\nexport const judge = evaluate;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('server/platform may not import server/modules/quota');
  });

  it('allows platform and shared/', async () => {
    const code =
      "import { isoDateIn } from './dates.ts';\nimport { AppError } from '../../shared/errors.ts';\nexport const both = [isoDateIn, AppError];\n";
    expect(await boundaryErrors(platformFile, code)).toEqual([]);
  });

  it('keeps the allow-list to its exact file pairs', async () => {
    const sessionType =
      "import type { SessionContext } from '../modules/auth/auth.service.ts';\nexport type Session = SessionContext;\n";
    // The listed pair: http.ts takes the session type from auth.service.ts.
    expect(await boundaryErrors('server/platform/http.ts', sessionType)).toEqual([]);
    // The same import from any other platform file, a value import, or another module still fails.
    expect(await boundaryErrors(platformFile, sessionType)).toHaveLength(1);
    const value =
      "import { createAuthService } from '../modules/auth/auth.service.ts';\nexport const auth = createAuthService;\n";
    expect(await boundaryErrors('server/platform/http.ts', value)).toHaveLength(1);
    const other =
      "import type { QuotaRule } from '../modules/quota/quota-engine.ts';\nexport type Rule = QuotaRule;\n";
    expect(await boundaryErrors('server/platform/http.ts', other)).toHaveLength(1);
  });
});
