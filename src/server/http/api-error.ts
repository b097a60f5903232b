/**
 * Errors are values at the edge: handlers throw an ApiError, and the app's error handler renders it in
 * the one envelope `{ error: { code, message, fields? } }` (src/contract/errors.ts).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { notFoundMessage } from '@contract/api-messages';
import {
  fieldErrorsOf,
  summariseFieldErrors,
  type ApiErrorBody,
  type ErrorCode,
  type FieldErrors,
} from '@contract/errors';

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

export const notFound = (what: Parameters<typeof notFoundMessage>[0]) =>
  new ApiError(404, 'not_found', notFoundMessage(what));

/** Zod issues → the 400 envelope, naming each field (src/contract/errors.ts). */
export function validationError(error: z.ZodError, prefix?: string): ApiError {
  const fields = fieldErrorsOf(error.issues, prefix);
  return new ApiError(400, 'validation_failed', summariseFieldErrors(fields), fields);
}
