import { http } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiErrorSchema } from '@contract/errors';
import { WebhookListSchema } from '@contract/webhooks';
import { API, apiError } from './mock-api';
import { answer, MockAnswerMismatch } from './mock-answer';
import { createMockWebhook, db, resetMockDb, signInMockUser } from './mock-db';
import { server } from '../msw-server';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  resetMockDb();
  signInMockUser('admin');
});
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

/** The mismatch is logged as well as thrown; these tests expect it, so keep it out of the output. */
function quietErrors() {
  return vi.spyOn(console, 'error').mockImplementation(() => undefined);
}

const get = (path: string) => fetch(`http://localhost/api/v1${path}`);

describe('answer', () => {
  it('answers a body the schema accepts as it is, with the status', async () => {
    const body = { items: [] };
    const response = answer(WebhookListSchema, body, 201);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(body);
  });

  it('throws for a body the schema refuses, naming each wrong field', () => {
    const logged = quietErrors();
    const broken = {
      items: [{ id: 'hook-1', url: 'https://x.example', createdAt: 'yesterday' }],
    } as never;
    expect(() => answer(WebhookListSchema, broken)).toThrow(MockAnswerMismatch);
    expect(() => answer(WebhookListSchema, broken)).toThrow(/items\[0\]\.id[\s\S]*createdAt/);
    expect(logged).toHaveBeenCalledWith(expect.any(MockAnswerMismatch));
  });

  it('holds the error envelope to the contract too: an unknown code is refused', async () => {
    quietErrors();
    expect(() => apiError(418, 'teapot' as never, 'No coffee')).toThrow(MockAnswerMismatch);
    const conflict = apiError(409, 'conflict', 'Taken', { url: 'Taken' });
    expect(ApiErrorSchema.parse(await conflict.json())).toEqual({
      error: { code: 'conflict', message: 'Taken', fields: { url: 'Taken' } },
    });
  });
});

describe('a mock answer that breaks the contract', () => {
  it('fails the request loudly instead of reaching the code under test', async () => {
    quietErrors();
    server.use(
      http.get(`${API}/webhooks`, () =>
        answer(WebhookListSchema, { items: [{ id: 42 }] } as never),
      ),
    );
    const response = await get('/webhooks');
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).toContain('MockAnswerMismatch');
  });

  it('is caught on the real routes: a record the mock db holds wrongly never reaches a list', async () => {
    const logged = quietErrors();
    createMockWebhook({ createdAt: '20 Nov 2026' });
    expect(db.webhooks).toHaveLength(1);

    const response = await get('/webhooks');
    expect(response.status).toBe(500);
    expect(logged.mock.calls[0]?.[0]).toBeInstanceOf(MockAnswerMismatch);
    expect(String(logged.mock.calls[0]?.[0])).toContain('createdAt');
  });
});
