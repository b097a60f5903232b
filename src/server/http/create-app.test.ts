import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestOrganisation } from '../testing/test-app';
import { ApiErrorSchema } from '@contract/errors';
import { expectApiError } from '../testing/expect-api';
import { API_BODY_LIMIT } from './create-app';

let ctx: TestContext;
let org: TestOrganisation;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation();
});
afterAll(async () => {
  await ctx.close();
});

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown; summary?: string }>>;
}

async function openApi(): Promise<OpenApiDocument> {
  const response = await ctx.request('GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  return response.body as OpenApiDocument;
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every route of the API', async () => {
    const doc = await openApi();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'POST /api/v1/auth/login',
        'POST /api/v1/auth/logout',
        'POST /api/v1/auth/logout-all',
        'GET /api/v1/auth/me',
        'GET /api/v1/webhooks',
        'POST /api/v1/webhooks',
        'GET /api/v1/webhooks/{id}',
        'PATCH /api/v1/webhooks/{id}',
        'DELETE /api/v1/webhooks/{id}',
        'POST /api/v1/webhooks/{id}/rotate-secret',
        'POST /api/v1/webhooks/{id}/enable',
        'POST /api/v1/webhooks/{id}/disable',
        'GET /api/v1/agents',
        'GET /api/v1/agents/{id}',
        'PATCH /api/v1/agents/{id}',
        'PUT /api/v1/agents/{externalId}',
        'DELETE /api/v1/agents/{externalId}',
        'PUT /api/v1/agents/{id}/webhook-subscriptions',
        'DELETE /api/v1/agents/{id}/webhook-subscriptions',
        'POST /api/v1/agents/{id}/test-call',
        'POST /api/v1/webhooks/{id}/test',
        'POST /api/v1/webhooks/{id}/signature-test',
        'POST /api/v1/webhooks/{id}/replay-skipped',
        'POST /api/v1/events',
        'GET /api/v1/api-keys',
        'POST /api/v1/api-keys',
        'DELETE /api/v1/api-keys/{id}',
        'GET /api/v1/deliveries',
        'GET /api/v1/deliveries/{id}',
        'POST /api/v1/deliveries/{id}/redeliver',
        'POST /api/v1/deliveries/{id}/redeliver-to-url',
        'GET /api/v1/calls/{callId}',
        'GET /api/v1/webhooks/{id}/health',
        'GET /api/v1/webhooks/{id}/retry-jobs/preview',
        'POST /api/v1/webhooks/{id}/retry-jobs',
        'GET /api/v1/webhooks/{id}/retry-jobs',
        'GET /api/v1/webhooks/{id}/retry-jobs/{jobId}',
        'POST /api/v1/webhooks/{id}/retry-jobs/{jobId}/cancel',
        'GET /api/v1/live',
      ].sort(),
    );
  });

  it('every route but sign-in refuses a request without a session', async () => {
    const doc = await openApi();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        if (path === '/api/v1/auth/login') continue;
        const id = path.startsWith('/api/v1/deliveries')
          ? 'msg_01JX00000000000000000000AA'
          : crypto.randomUUID();
        const concrete = path
          .replace('{id}', id)
          .replace('{jobId}', crypto.randomUUID())
          .replace('{externalId}', 'crm-agent-1');
        const hasBody = ['post', 'put', 'patch'].includes(method);
        const response = await ctx.request(
          method.toUpperCase(),
          concrete,
          hasBody ? { body: {} } : {},
        );
        expect({ route: `${method} ${path}`, status: response.status }).toEqual({
          route: `${method} ${path}`,
          status: 401,
        });
      }
    }
  });

  it('has a reference page that loads Swagger UI from this server', async () => {
    const page = await ctx.request('GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('/api/docs/swagger-ui-bundle.js');
    const bundle = await ctx.app.request('/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await ctx.app.request('/api/docs/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});

describe('the API edge', () => {
  it('answers an unknown API route with a 404 envelope', async () => {
    expectApiError(
      await ctx.request('GET', '/api/v1/nope', { as: org.users.admin }),
      404,
      'not_found',
    );
  });

  it('refuses a body over the limit with 413 and changes nothing', async () => {
    const before = await ctx.snapshot();
    const response = await ctx.request('POST', '/api/v1/webhooks', {
      as: org.users.admin,
      body: { url: 'https://big.example.com', description: 'x'.repeat(API_BODY_LIMIT) },
    });
    expectApiError(response, 413, 'payload_too_large');
    expect(await ctx.snapshot()).toBe(before);
  });

  it('sends security headers', async () => {
    const response = await ctx.request('GET', '/api/v1/auth/me', { as: org.users.viewer });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('lets no cache keep an API answer: success, refusal or unknown route', async () => {
    const answers = {
      ok: await ctx.request('GET', '/api/v1/auth/me', { as: org.users.viewer }),
      unauthenticated: await ctx.request('GET', '/api/v1/agents'),
      invalid: await ctx.request('PATCH', `/api/v1/agents/${org.agents[0]?.id ?? ''}`, {
        as: org.users.admin,
        body: { name: '' },
      }),
      unknownRoute: await ctx.request('GET', '/api/v1/nope', { as: org.users.admin }),
    };
    expect(
      Object.fromEntries(
        Object.entries(answers).map(([name, r]) => [
          name,
          [r.status, r.headers.get('cache-control')],
        ]),
      ),
    ).toEqual({
      ok: [200, 'no-store'],
      unauthenticated: [401, 'no-store'],
      invalid: [400, 'no-store'],
      unknownRoute: [404, 'no-store'],
    });
  });

  it('reports health and readiness', async () => {
    expect((await ctx.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await ctx.request('GET', '/readyz')).body).toEqual({ status: 'ready' });
  });

  it('serves Prometheus metrics, queue gauges included', async () => {
    ctx.deps.metrics.countOutcome('succeeded');
    ctx.deps.metrics.observeAttemptSeconds(0.02);
    const response = await ctx.app.request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain(
      'ringpost_delivery_attempts_total{outcome="succeeded",failure="none"} 1',
    );
    expect(text).toContain('ringpost_delivery_attempt_duration_seconds_bucket{le="0.025"} 1');
    expect(text).toContain('ringpost_delivery_attempt_duration_seconds_count 1');
    expect(text).toMatch(/ringpost_delivery_queue_depth\{state="queued"\} \d+/);
    expect(text).toMatch(/ringpost_delivery_oldest_due_age_seconds \d/);
  });
});

describe('/metrics with RINGPOST_METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let guarded: TestContext;
  beforeAll(async () => {
    guarded = await createTestContext({ env: { RINGPOST_METRICS_TOKEN: token } });
  });
  afterAll(async () => {
    await guarded.close();
  });

  it.each([
    ['no credentials', undefined],
    ['a wrong token', `Bearer ${token}x`],
    ['a shorter token', 'Bearer metrics'],
    ['the token without the scheme', token],
  ])('refuses %s with 401 in the error envelope', async (_name, authorization) => {
    const response = await guarded.app.request('/metrics', {
      headers: authorization ? { authorization } : {},
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = ApiErrorSchema.parse(await response.json());
    expect(body.error.code).toBe('unauthenticated');
  });

  it('serves the metrics for the right bearer token', async () => {
    const response = await guarded.app.request('/metrics', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('ringpost_delivery_queue_depth');
  });
});
