/** Machine credentials for the call platform's ingestion (`Authorization: Bearer <key>`). */
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { answerString, text } from './text';

export const API_KEY_PREFIX = 'rpk_';
/** How much of a key the list shows, so that people can tell keys apart without seeing them. */
export const API_KEY_VISIBLE_CHARS = 12;

export const CreateApiKeyRequestSchema = z.strictObject({
  name: text().trim().min(1, 'Give the key a name').max(100, 'Names are at most 100 characters'),
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequestSchema>;

export const ApiKeySchema = z.object({
  id: IdSchema,
  name: answerString(),
  /** The key's first characters, e.g. `rpk_3kF9aQ2x`. */
  prefix: answerString(),
  createdAt: TimestampSchema,
  createdBy: answerString().nullable(),
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** Returned once, at creation: the only time the whole key is shown. */
export const CreatedApiKeySchema = ApiKeySchema.extend({ key: answerString() });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) });
export type ApiKeyList = z.infer<typeof ApiKeyListSchema>;
