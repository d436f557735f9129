/**
 * Text PostgreSQL cannot store, or that is not Unicode text at all: the NUL character (PostgreSQL refuses
 * it in `text`) and UTF-16 surrogates without their pair (JSON can spell them, `"\ud800"`, and they have
 * no UTF-8 form). Request validation refuses both in every string and key, so no route has to remember.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point of this expression
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isUnsafeText = (value: string): boolean => UNSAFE_TEXT.test(value);

/** Deepest nesting accepted in a request value (no form of ours nests beyond a few levels). */
export const MAX_DEPTH = 32;

export type UnsafeFinding = { path: (string | number)[]; reason: 'invalid_character' | 'too_deep' };

/**
 * The first string (value or key) in `data` that holds unsafe text, or a nesting deeper than MAX_DEPTH.
 * Walks with an explicit stack, so a hostile depth cannot overflow the call stack.
 */
export function findUnsafeText(data: unknown): UnsafeFinding | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (isUnsafeText(value)) return { path, reason: 'invalid_character' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_DEPTH) return { path, reason: 'too_deep' };
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    if (Buffer.isBuffer(value)) continue;
    for (const [key, item] of Object.entries(value)) {
      if (isUnsafeText(key))
        return {
          path: [...path, key.replace(new RegExp(UNSAFE_TEXT, 'g'), '?')],
          reason: 'invalid_character',
        };
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}
