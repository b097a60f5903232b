import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configureMockApi } from './mocks/mock-api';
import { db } from './mocks/mock-db';
import { server } from './msw-server';
import {
  DATA_SCENARIOS,
  DEFAULT_SCENARIO,
  MANY_DELIVERIES,
  applyScenario,
  parseScenario,
  type DataScenarioName,
} from './scenarios';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => configureMockApi({}));
afterAll(() => server.close());

describe('parseScenario', () => {
  it('takes the default for what is missing', () => {
    expect(parseScenario({})).toEqual({ scenario: DEFAULT_SCENARIO, problems: [] });
    expect(parseScenario({ role: 'viewer', data: null }).scenario).toEqual({
      ...DEFAULT_SCENARIO,
      role: 'viewer',
    });
  });

  it('reports an unknown value with the allowed ones, and keeps the default for it', () => {
    const { scenario, problems } = parseScenario({ role: 'boss', network: 'slow' });
    expect(scenario).toEqual({ ...DEFAULT_SCENARIO, network: 'slow' });
    expect(problems).toEqual([
      { part: 'role', value: 'boss', allowed: ['admin', 'support', 'viewer', 'none'] },
    ]);
  });
});

describe('applyScenario', () => {
  const build = (data: DataScenarioName) => {
    applyScenario({ data });
    return db;
  };

  it('empty: an organisation with nothing in it', () => {
    const { agents, webhooks, deliveries, apiKeys } = build('empty');
    expect([agents, webhooks, deliveries, apiKeys].map((table) => table.length)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('no-endpoints: agents, but no endpoint, subscription or delivery', () => {
    const { agents, webhooks, subscriptions, deliveries } = build('no-endpoints');
    expect(agents.length).toBeGreaterThan(0);
    expect([webhooks, subscriptions, deliveries].map((table) => table.length)).toEqual([0, 0, 0]);
  });

  it('disabled-endpoint: one disabled endpoint with skipped deliveries', () => {
    const { webhooks, deliveries } = build('disabled-endpoint');
    expect(webhooks.map((webhook) => webhook.status)).toEqual(['disabled']);
    expect(deliveries.some((delivery) => delivery.status === 'skipped')).toBe(true);
  });

  it('failing-endpoint: one endpoint failing, with failed deliveries', () => {
    const { webhooks, deliveries } = build('failing-endpoint');
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]?.failingSince).not.toBeNull();
    expect(deliveries.some((delivery) => delivery.status === 'failed')).toBe(true);
  });

  it('many-deliveries: 5,000 deliveries', () => {
    expect(build('many-deliveries').deliveries).toHaveLength(MANY_DELIVERIES);
  });

  it.each(Object.keys(DATA_SCENARIOS) as DataScenarioName[])(
    '%s: every delivery of an agent goes where its subscription sends that event',
    (data) => {
      const { deliveries, subscriptions } = build(data);
      for (const delivery of deliveries.filter((d) => d.agentId !== null)) {
        const subscription = subscriptions.find((s) => s.agentId === delivery.agentId);
        expect(subscription?.webhookId, delivery.id).toBe(delivery.webhookId);
        expect(subscription?.eventTypes, delivery.id).toContain(delivery.eventType);
      }
    },
  );

  it('signs in the role, or nobody', async () => {
    applyScenario({ role: 'support' });
    const me = await fetch('http://localhost/api/v1/auth/me');
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('support');
    applyScenario({ role: 'none' });
    expect((await fetch('http://localhost/api/v1/auth/me')).status).toBe(401);
  });
});

describe('network modes', () => {
  it('offline: every route fails as a network error', async () => {
    applyScenario({ network: 'offline' });
    await expect(fetch('http://localhost/api/v1/agents')).rejects.toThrow(TypeError);
    await expect(
      fetch('http://localhost/api/v1/auth/login', { method: 'POST', body: '{}' }),
    ).rejects.toThrow(TypeError);
  });

  it('server-errors: every route answers 500 in the error envelope', async () => {
    applyScenario({ network: 'server-errors' });
    const response = await fetch('http://localhost/api/v1/webhooks');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on our side' },
    });
  });

  it('instant: answers as usual', async () => {
    applyScenario({ network: 'instant' });
    expect((await fetch('http://localhost/api/v1/agents')).status).toBe(200);
  });
});
