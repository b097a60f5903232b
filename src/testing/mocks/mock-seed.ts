/**
 * The demo organisation of mock mode: agents and endpoints, a history of deliveries that shows every
 * state the pages can show (delivered, retried, failed, still retrying, skipped), and API keys.
 */
import type { EventType } from '@contract/event-types';
import {
  createDelivery,
  createPastDelivery,
  randomCallId,
  type MockAttemptOutcome,
} from './mock-deliveries';
import {
  createMockAgent,
  createMockApiKey,
  createMockWebhook,
  mockNow,
  subscribeMockAgent,
  type AgentRecord,
  type WebhookRecord,
} from './mock-db';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function skippedDelivery(
  webhook: WebhookRecord,
  agent: AgentRecord,
  eventType: EventType,
  callId: string,
  at: number,
) {
  return createDelivery({ webhook, agentId: agent.id, callId, eventType, createdAtMs: at });
}

const ALL_EVENTS: readonly EventType[] = [
  'pre-conversation',
  'post-conversation',
  'analytics-completed',
];

/**
 * A small believable organisation: three agents, four endpoints (one failing for two days, one
 * disabled by the delivery engine with skipped deliveries, one that does not verify signatures), two
 * agents subscribed, a couple of days of deliveries and three API keys. Returns the records so
 * callers can refer to them.
 */
export function seedMockDb() {
  const now = mockNow();
  // Created before any of the deliveries below, in the order the lists show them.
  const created = (daysAgo: number) => {
    const at = new Date(now - daysAgo * DAY).toISOString();
    return { createdAt: at, updatedAt: at };
  };
  const crm = createMockWebhook({
    ...created(30),
    url: 'https://crm.northwind.example/hooks/ringpost',
    description: 'CRM sync: call outcomes and transcripts',
    headers: { 'X-Api-Key': 'nw_live_4f9a2c' },
  });
  const analytics = createMockWebhook({
    ...created(29),
    url: 'https://analytics.northwind.example/ingest/calls',
    description: 'Warehouse ingestion',
    receiver: 'server-error',
  });
  const legacy = createMockWebhook({
    ...created(28),
    url: 'https://legacy.northwind.example/webhook',
    status: 'disabled',
    disabledReason: 'Disabled automatically on 24 Nov 2026: every delivery failed for 5 days',
    receiver: 'unreachable',
  });
  const reception = createMockAgent({
    ...created(30),
    name: 'Reception',
    description: 'Answers inbound calls, books and moves appointments.',
  });
  const reminders = createMockAgent({
    ...created(29),
    name: 'Appointment reminders',
    description: 'Calls patients the day before their appointment.',
  });
  const survey = createMockAgent({
    ...created(28),
    name: 'Satisfaction survey',
    description: 'Asks three questions after a visit.',
  });
  subscribeMockAgent(reception.id, crm.id, ALL_EVENTS, created(27).updatedAt);
  subscribeMockAgent(reminders.id, crm.id, ['post-conversation'], created(27).updatedAt);
  const staging = createMockWebhook({
    ...created(2),
    url: 'https://staging.northwind.example/webhooks/calls',
    description: 'Staging receiver (signature checks not wired up yet)',
    receiver: 'accepts-anything',
  });

  // CRM: every call of Reception (three events each) and every reminder's End, mostly delivered at
  // once; one retried after a timeout, one after two 503s, one that gave up.
  const receptionCalls: [
    agoMs: number,
    outcomes?: Partial<Record<EventType, MockAttemptOutcome[]>>,
  ][] = [
    [2 * HOUR],
    [5 * HOUR],
    [9 * HOUR],
    [20 * HOUR, { 'post-conversation': ['timeout', 'ok'] }],
    [26 * HOUR],
    [31 * HOUR, { 'analytics-completed': ['unavailable', 'unavailable', 'ok'] }],
    [44 * HOUR],
  ];
  for (const [ago, special] of receptionCalls) {
    const callId = randomCallId('call');
    const start = now - ago;
    const times: Record<EventType, number> = {
      'pre-conversation': start,
      'post-conversation': start + 3 * MINUTE + 12_000,
      'analytics-completed': start + 3 * MINUTE + 51_000,
    };
    for (const eventType of ALL_EVENTS) {
      createPastDelivery({
        webhook: crm,
        agent: reception,
        eventType,
        callId,
        at: times[eventType],
        outcomes: special?.[eventType] ?? ['ok'],
      });
    }
  }
  for (const ago of [1 * HOUR, 3 * HOUR, 7 * HOUR, 23 * HOUR]) {
    createPastDelivery({
      webhook: crm,
      agent: reminders,
      eventType: 'post-conversation',
      callId: randomCallId('call'),
      at: now - ago,
      outcomes: ['ok'],
    });
  }
  createPastDelivery({
    webhook: crm,
    agent: reminders,
    eventType: 'post-conversation',
    callId: randomCallId('call'),
    at: now - 46 * HOUR,
    outcomes: Array<MockAttemptOutcome>(8).fill('timeout'),
    final: true,
  });
  createPastDelivery({
    webhook: crm,
    agent: null,
    eventType: 'pre-conversation',
    callId: randomCallId('test'),
    at: now - 30 * MINUTE,
    outcomes: ['ok'],
  });
  crm.failingSince = null;

  // Analytics: fine three days ago, failing for the last two; one delivery is still being retried.
  for (const ago of [3 * DAY + 2 * HOUR, 3 * DAY + 5 * HOUR]) {
    createPastDelivery({
      webhook: analytics,
      agent: survey,
      eventType: 'analytics-completed',
      callId: randomCallId('call'),
      at: now - ago,
      outcomes: ['ok'],
    });
  }
  createPastDelivery({
    webhook: analytics,
    agent: survey,
    eventType: 'post-conversation',
    callId: randomCallId('call'),
    at: now - 2 * DAY - 3 * HOUR,
    outcomes: ['error-page', ...Array<MockAttemptOutcome>(7).fill('bad-gateway')],
    final: true,
  });
  createPastDelivery({
    webhook: analytics,
    agent: survey,
    eventType: 'analytics-completed',
    callId: randomCallId('call'),
    at: now - 1 * DAY - 6 * HOUR,
    outcomes: Array<MockAttemptOutcome>(8).fill('bad-gateway'),
    final: true,
  });
  createPastDelivery({
    webhook: analytics,
    agent: survey,
    eventType: 'post-conversation',
    callId: randomCallId('call'),
    at: now - 1 * HOUR,
    outcomes: ['bad-gateway', 'bad-gateway', 'bad-gateway', 'bad-gateway'],
  });
  analytics.failingSince = new Date(now - 2 * DAY - 3 * HOUR).toISOString();

  // Legacy: unreachable for days, then disabled; what came in since was skipped.
  for (const ago of [7 * DAY, 6 * DAY + 4 * HOUR]) {
    createPastDelivery({
      webhook: legacy,
      agent: survey,
      eventType: 'post-conversation',
      callId: randomCallId('call'),
      at: now - ago,
      outcomes: Array<MockAttemptOutcome>(8).fill('connect'),
      final: true,
    });
  }
  const skippedCall = randomCallId('call');
  skippedDelivery(legacy, survey, 'pre-conversation', skippedCall, now - 20 * HOUR);
  skippedDelivery(legacy, survey, 'post-conversation', skippedCall, now - 20 * HOUR + 95_000);
  skippedDelivery(legacy, survey, 'post-conversation', randomCallId('call'), now - 4 * HOUR);
  legacy.failingSince = null;

  const apiKeys = {
    production: createMockApiKey({
      name: 'Voice platform (production)',
      prefix: 'rpk_3kF9aQ2x',
      createdAt: new Date(now - 20 * DAY).toISOString(),
      lastUsedAt: new Date(now - 2 * MINUTE).toISOString(),
    }),
    staging: createMockApiKey({
      name: 'Voice platform (staging)',
      prefix: 'rpk_Hq7LmZ0c',
      createdAt: new Date(now - 40 * DAY).toISOString(),
      lastUsedAt: new Date(now - 6 * DAY).toISOString(),
      revokedAt: new Date(now - 5 * DAY).toISOString(),
    }),
    loadTest: createMockApiKey({
      name: 'Load test',
      prefix: 'rpk_Vb81xTpe',
      createdAt: new Date(now - 1 * DAY).toISOString(),
    }),
  };

  return {
    webhooks: { crm, analytics, legacy, staging },
    agents: { reception, reminders, survey },
    apiKeys,
  };
}
