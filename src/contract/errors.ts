/**
 * The one error envelope every API failure uses, on every route: `{ error: { code, message, fields? } }`.
 * `fields` maps a dotted input path (`url`, `headers.X-Api-Key`, `eventTypes`) to a human message so that
 * forms can show each message beside its own input.
 */
import { z } from 'zod';
import { answerRecord, answerString } from './text';

export const ERROR_CODES = [
  'invalid_json',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'origin_mismatch',
  'host_not_allowed',
  'not_found',
  'conflict',
  'webhook_in_use',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const FieldErrorsSchema = answerRecord(answerString());
export type FieldErrors = z.infer<typeof FieldErrorsSchema>;

export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: answerString(),
    fields: FieldErrorsSchema.optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;

/**
 * Zod issues → `fields`: the first message per dotted input path, an unknown field named as such. The
 * server and the mock API both answer with this, so a form shows the same message against either.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldErrors {
  const fields: FieldErrors = {};
  // Own properties only: `fields[path] ??=` reads Object.prototype for `constructor` or `toString` (and so
  // drops them), and assigning `__proto__` would set the prototype instead of naming the field.
  const put = (path: string, message: string) => {
    if (!Object.hasOwn(fields, path))
      Object.defineProperty(fields, path, { value: message, enumerable: true, writable: true });
  };
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) put([base, key].filter(Boolean).join('.'), 'Unknown field');
    } else if (issue.code === 'invalid_key') {
      put(base || '(body)', issue.issues[0]?.message ?? issue.message);
    } else {
      put(base || '(body)', issue.message);
    }
  }
  return fields;
}

/** One sentence for the envelope's `message`: the field and its problem, or how many fields are wrong. */
export function summariseFieldErrors(fields: FieldErrors): string {
  const paths = Object.keys(fields);
  const first = paths[0];
  return paths.length === 1 && first !== undefined
    ? `${first}: ${fields[first] ?? ''}`
    : `The request has ${paths.length} invalid fields: ${paths.join(', ')}`;
}
