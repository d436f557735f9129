import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';
import { findUnsafeText } from './text-safety.ts';

/** fastify-type-provider-zod marks its validation issues with this symbol (read by the error handler). */
const ZOD_ISSUE = Symbol.for('ZodFastifySchemaValidationError');

/**
 * The app's validator compiler: the zod one, after a check that applies to every route's body, query,
 * params and headers at once — no string may hold NUL or a lone surrogate (server/platform/text-safety.ts),
 * and no value may nest deeper than any form of ours. The field is named in the 400 answer.
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data) => {
    const finding = findUnsafeText(data);
    if (finding) {
      const issue: FastifySchemaValidationError & { [ZOD_ISSUE]: true } = {
        [ZOD_ISSUE]: true,
        keyword: finding.reason,
        instancePath: `/${finding.path.join('/')}`,
        schemaPath: `#/${finding.path.join('/')}/${finding.reason}`,
        message: finding.reason,
        params: {},
      };
      return { error: [issue] };
    }
    return validate(data);
  };
};
