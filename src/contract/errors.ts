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
