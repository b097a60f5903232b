/**
 * Errors are values at the edge: handlers throw an ApiError, and the app's error handler renders it in
 * the one envelope `{ error: { code, message, fields? } }` (src/contract/errors.ts).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { ApiErrorBody, ErrorCode, FieldErrors } from '@contract/errors';

export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Extra response headers, such as Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    };
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/** Zod issues → `fields` (first message per input path) and one summary sentence. */
export function validationError(error: z.ZodError, prefix?: string): ApiError {
  const fields: FieldErrors = {};
  // Own properties only: `fields[path] ??=` reads Object.prototype for `constructor` or `toString` (and so
  // drops them), and assigning `__proto__` would set the prototype instead of naming the field.
  const put = (path: string, message: string) => {
    if (!Object.hasOwn(fields, path))
      Object.defineProperty(fields, path, { value: message, enumerable: true, writable: true });
  };
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) put([base, key].filter(Boolean).join('.'), 'Unknown field');
    } else {
      put(base || '(body)', issue.message);
    }
  }
  const paths = Object.keys(fields);
  const first = paths[0];
  const message =
    paths.length === 1 && first !== undefined
      ? `${first}: ${fields[first] ?? ''}`
      : `The request has ${paths.length} invalid fields: ${paths.join(', ')}`;
  return new ApiError(400, 'validation_failed', message, fields);
}
