import { http } from 'msw';
import {
  API_KEY_PREFIX,
  API_KEY_VISIBLE_CHARS,
  ApiKeyListSchema,
  CreateApiKeyRequestSchema,
  CreatedApiKeySchema,
} from '@contract/api-keys';
import { answer } from './mock-answer';
import { API, guard, noContent, parseBody, recordRoute } from './mock-api';
import { db, mockNowIso, nextMockId } from './mock-db';

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `rpk_` and 40 random letters and digits; only its first characters are kept. */
function generateKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(40));
  return `${API_KEY_PREFIX}${Array.from(bytes, (b) => KEY_ALPHABET[b % KEY_ALPHABET.length]).join('')}`;
}

const withApiKey = recordRoute((id) => db.apiKeys.find((k) => k.id === id), 'API key');

export const apiKeyHandlers = [
  http.get(`${API}/api-keys`, () =>
    guard('signedIn', () => {
      const items = [...db.apiKeys].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return answer(ApiKeyListSchema, { items });
    }),
  ),

  http.post(`${API}/api-keys`, ({ request }) =>
    guard('admin', async (user) => {
      const parsed = await parseBody(request, CreateApiKeyRequestSchema);
      if (!parsed.ok) return parsed.response;
      const key = generateKey();
      const record = {
        id: nextMockId(),
        name: parsed.data.name,
        prefix: key.slice(0, API_KEY_VISIBLE_CHARS),
        createdAt: mockNowIso(),
        createdBy: user.name,
        lastUsedAt: null,
        revokedAt: null,
      };
      db.apiKeys.push(record);
      return answer(CreatedApiKeySchema, { ...record, key }, 201);
    }),
  ),

  http.delete(`${API}/api-keys/:id`, ({ params }) =>
    withApiKey(params, 'admin', (record) => {
      // Idempotent; the key stays listed, with the time it stopped working.
      record.revokedAt ??= mockNowIso();
      return noContent();
    }),
  ),
];
