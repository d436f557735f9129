import { useState } from 'react';
import type { FormErrors } from '@mantine/form';
import type { ErrorCode } from '../../shared/errors.ts';
import { ApiError } from './api.ts';

interface FormLike {
  getValues: () => object;
  setErrors: (errors: FormErrors) => void;
}

/** `body.email`, `/email` and `email` all name the form field `email`. */
function fieldName(path: string, fields: readonly string[]): string | null {
  const normalised = path
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/^body\./, '');
  if (fields.includes(normalised)) return normalised;
  const first = normalised.split('.')[0] ?? '';
  return fields.includes(first) ? first : null;
}

/**
 * Puts the server's `fields` next to the matching inputs, and a whole-request error whose code names one
 * field (e.g. `weak_password` → the new password input) on that input.
 * @returns true when every part of the error found an input, so no separate alert is needed.
 */
export function applyFieldErrors(
  form: FormLike,
  error: unknown,
  codeFields: Partial<Record<ErrorCode, string>> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const names = Object.keys(form.getValues());
  const errors: FormErrors = {};
  let unmatched = 0;
  for (const field of error.fields) {
    const name = fieldName(field.path, names);
    if (name) errors[name] = field.message;
    else unmatched += 1;
  }
  const codeField = codeFields[error.code];
  if (codeField && names.includes(codeField) && !errors[codeField]) errors[codeField] = error.detail;
  if (Object.keys(errors).length === 0) return false;
  form.setErrors(errors);
  return unmatched === 0 && (error.fields.length > 0 || Boolean(codeField));
}

/**
 * Error state for a form that talks to the API: field errors go to the inputs, anything left over is
 * returned as `error` for an `<ErrorAlert>` above the submit button.
 */
export function useApiFormErrors(form: FormLike, codeFields: Partial<Record<ErrorCode, string>> = {}) {
  const [error, setError] = useState<unknown>(null);
  const handleError = (cause: unknown) => {
    const handled = applyFieldErrors(form, cause, codeFields);
    setError(handled ? null : cause);
  };
  const clearError = () => setError(null);
  return { error, handleError, clearError };
}
