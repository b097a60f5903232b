import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { UpdateAgentRequestSchema } from './agents';
import { CreateApiKeyRequestSchema } from './api-keys';
import { LoginRequestSchema } from './auth';
import { EXAMPLE_PAYLOADS } from './call-event-examples';
import { IngestEventRequestSchema } from './call-events';
import { DeliveryListQuerySchema } from './deliveries';
import { ApiErrorSchema } from './errors';
import { isSafeText, PROTOTYPE_KEYS, UNSAFE_TEXT_MESSAGE } from './text';
import { CreateWebhookRequestSchema, UpdateWebhookRequestSchema } from './webhooks';

const HOSTILE = {
  NUL: 'a\u0000b',
  'a lone high surrogate': 'a\uD800b',
  'a lone low surrogate': 'a\uDC00b',
  'a high surrogate at the end': 'ab\uDBFF',
  'a reversed pair': '\uDC00\uD800',
};

/** The first message zod reports at this dotted path, as the server's `fields` would show it. */
function messageAt(schema: z.ZodType, input: unknown, path: string): string | undefined {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  return result.error.issues.find((issue) => issue.path.map(String).join('.') === path)?.message;
}

function ingestion(eventType: 'post-conversation' | 'analytics-completed') {
  const {
    agentId,
    callId,
    eventType: type,
    ...details
  } = structuredClone(EXAMPLE_PAYLOADS[eventType].metadata);
  return { agentId, callId, eventType: type, metadata: details } as Record<string, unknown> & {
    metadata: Record<string, unknown>;
  };
}

describe('isSafeText', () => {
  it('accepts ordinary text, astral characters, RTL overrides and zero-width characters', () => {
    for (const value of [
      '',
      'plain',
      '😀 \uD83D\uDE00',
      '\u202Eevil\u202C',
      'zero\u200Bwidth',
      '\uFFFF',
    ])
      expect(isSafeText(value)).toBe(true);
  });

  it.each(Object.entries(HOSTILE))('refuses %s', (_name, value) => {
    expect(isSafeText(value)).toBe(false);
  });
});

describe('every request schema refuses NUL and unpaired surrogates, naming the field', () => {
  const post = ingestion('post-conversation');
  const analytics = ingestion('analytics-completed');
  const cases: [string, z.ZodType, (bad: string) => unknown, string][] = [
    [
      'a transcript entry',
      IngestEventRequestSchema,
      (bad) => ({
        ...post,
        metadata: {
          ...post.metadata,
          transcript: [{ role: 'user', content: bad, timestamp: '2025-01-01T00:00:00Z' }],
        },
      }),
      'metadata.transcript.0.content',
    ],
    [
      'a variable value',
      IngestEventRequestSchema,
      (bad) => ({ ...post, metadata: { ...post.metadata, variables: { name: bad } } }),
      'metadata.variables.name',
    ],
    [
      'a variable name',
      IngestEventRequestSchema,
      (bad) => ({ ...post, metadata: { ...post.metadata, variables: { [bad]: 'x' } } }),
      'metadata.variables.<bad>',
    ],
    [
      'the recording URL',
      IngestEventRequestSchema,
      (bad) => ({
        ...post,
        metadata: { ...post.metadata, recordingUrl: `https://rec.example.com/${bad}` },
      }),
      'metadata.recordingUrl',
    ],
    [
      'the analytics summary',
      IngestEventRequestSchema,
      (bad) => ({
        ...analytics,
        metadata: {
          ...analytics.metadata,
          analytics: { ...(analytics.metadata.analytics as object), summary: bad },
        },
      }),
      'metadata.analytics.summary',
    ],
    [
      'the endpoint URL',
      CreateWebhookRequestSchema,
      (bad) => ({ url: `https://hooks.example.com/${bad}` }),
      'url',
    ],
    [
      'the endpoint description',
      UpdateWebhookRequestSchema,
      (bad) => ({ description: bad }),
      'description',
    ],
    [
      'a custom header value',
      CreateWebhookRequestSchema,
      (bad) => ({ url: 'https://hooks.example.com', headers: { 'X-A': bad } }),
      'headers.X-A',
    ],
    ['an agent name', UpdateAgentRequestSchema, (bad) => ({ name: bad }), 'name'],
    [
      'an agent description',
      UpdateAgentRequestSchema,
      (bad) => ({ description: bad }),
      'description',
    ],
    ['an API key name', CreateApiKeyRequestSchema, (bad) => ({ name: bad }), 'name'],
    [
      'a password',
      LoginRequestSchema,
      (bad) => ({ email: 'a@example.com', password: bad }),
      'password',
    ],
  ];

  it.each(cases)('%s', (_name, schema, build, path) => {
    for (const bad of Object.values(HOSTILE)) {
      // The variable-name case keys the issue by the hostile name itself.
      const at = path.replace('<bad>', bad);
      expect(messageAt(schema, build(bad), at), JSON.stringify(bad)).toBe(UNSAFE_TEXT_MESSAGE);
    }
    // Header values are ASCII by their own rule; everywhere else an astral character is fine.
    const good = path.startsWith('headers.') ? 'ok' : 'ok \uD83D\uDE00';
    expect(schema.safeParse(build(good)).success).toBe(true);
  });

  it('refuses them in an email address, a call id and a cursor too', () => {
    for (const bad of Object.values(HOSTILE)) {
      expect(
        LoginRequestSchema.safeParse({ email: `a${bad}@example.com`, password: 'x' }).success,
      ).toBe(false);
      expect(DeliveryListQuerySchema.safeParse({ callId: `c${bad}` }).success).toBe(false);
      expect(DeliveryListQuerySchema.safeParse({ cursor: `c${bad}` }).success).toBe(false);
    }
  });
});

describe('prototype keys', () => {
  const post = ingestion('post-conversation');

  it.each(PROTOTYPE_KEYS)('refuses %s as a custom header name and as a variable name', (key) => {
    const headers = JSON.parse(`{"${key}": "x"}`) as unknown;
    expect(
      messageAt(
        CreateWebhookRequestSchema,
        { url: 'https://a.example.com', headers },
        `headers.${key}`,
      ),
    ).toContain(`${key} cannot be used as a name`);
    const variables = JSON.parse(`{"ok": "1", "${key}": "x"}`) as unknown;
    expect(
      messageAt(
        IngestEventRequestSchema,
        { ...post, metadata: { ...post.metadata, variables } },
        `metadata.variables.${key}`,
      ),
    ).toContain(`${key} cannot be used as a name`);
  });

  it('reports a header name’s own message rather than zod’s "Invalid key in record"', () => {
    expect(
      messageAt(
        CreateWebhookRequestSchema,
        { url: 'https://a.example.com', headers: { 'Bad Name': 'x' } },
        'headers.Bad Name',
      ),
    ).toMatch(/^Header names may use/);
  });
});

describe('answers', () => {
  it('an error that echoes a hostile field name still parses', () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'a\u0000: x',
        fields: { '\uD800': 'x', constructor: 'Unknown field' },
      },
    };
    expect(ApiErrorSchema.safeParse(body).success).toBe(true);
  });
});
