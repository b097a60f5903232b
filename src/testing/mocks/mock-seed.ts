/**
 * The demo organisation of mock mode: agents and endpoints, a history of deliveries that shows every
 * state the pages can show (delivered, retried, failed, still retrying, skipped), and API keys.
 */
import { disabledReason } from '@contract/api-messages';
import type { EventType } from '@contract/event-types';
import {
  createDelivery,
  createPastDelivery,
  randomCallId,
  recordAttempt,
  redeliverToUrl,
  requeue,
  type MockAttemptOutcome,
} from './mock-deliveries';
import {
  createMockAgent,
  createMockApiKey,
  createMockWebhook,
  db,
  mockNow,
  nextMockId,
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
 * A small believable organisation: five agents, five endpoints (one failing for two days, one
 * disabled by the delivery engine with skipped deliveries, one that does not verify signatures, one
 * about to answer 410 Gone), a couple of days of deliveries and three API keys. Every delivery comes
 * from an agent subscribed to that endpoint for that event (one endpoint per agent, decision 0005),
 * so no page contradicts another. Returns the records so callers can refer to them.
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
    disabledReason: disabledReason.failing,
    disabledAt: new Date(now - 3 * DAY).toISOString(),
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
  const afterHours = createMockAgent({
    ...created(28),
    name: 'After-hours line',
    description: 'Takes messages when the practice is closed.',
  });
  const voicemail = createMockAgent({
    ...created(27),
    name: 'Voicemail transcription',
    description: 'Transcribes voicemails for the front desk.',
  });
  subscribeMockAgent(reception.id, crm.id, ALL_EVENTS, created(27).updatedAt);
  subscribeMockAgent(reminders.id, crm.id, ['post-conversation'], created(27).updatedAt);
  subscribeMockAgent(survey.id, analytics.id, ALL_EVENTS, created(27).updatedAt);
  subscribeMockAgent(
    afterHours.id,
    legacy.id,
    ['pre-conversation', 'post-conversation'],
    created(27).updatedAt,
  );
  const staging = createMockWebhook({
    ...created(2),
    // As long as real receivers' URLs get (a tunnel's host, a versioned path, a query): every page that
    // shows it must wrap or truncate it, never stretch.
    url: 'https://staging-eu-west-1.preview-environments.northwind.example/api/v2/integrations/ringpost/webhooks/calls?tenant=northwind-health&environment=staging&source=voice-agents',
    description: 'Staging receiver (signature checks not wired up yet)',
    receiver: 'accepts-anything',
  });

  // A week of ordinary traffic to CRM (a Reception call every 70 minutes, most delivered at once), with
  // an outage three days ago when the receiver answered 503 for two hours and the retries got through:
  // what the health chart and a long Deliveries list show.
  for (let ago = 7 * DAY - 2 * HOUR; ago > 47 * HOUR; ago -= 70 * MINUTE) {
    const start = now - ago;
    const outage = ago < 3 * DAY + HOUR && ago > 3 * DAY - HOUR;
    const callId = randomCallId('call');
    ALL_EVENTS.forEach((eventType, index) => {
      createPastDelivery({
        webhook: crm,
        agent: reception,
        eventType,
        callId,
        at: start + index * (2 * MINUTE + 40_000),
        outcomes: outage
          ? ['unavailable', 'unavailable', 'ok']
          : (ago / MINUTE) % 11 < 1
            ? ['timeout', 'ok']
            : ['ok'],
      });
    });
  }

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
  // Gave up after eight timeouts; Sam redelivered it the next morning, and it went through.
  const redelivered = createPastDelivery({
    webhook: crm,
    agent: reminders,
    eventType: 'post-conversation',
    callId: randomCallId('call'),
    at: now - 45 * HOUR,
    outcomes: Array<MockAttemptOutcome>(8).fill('timeout'),
    final: true,
  });
  requeue(redelivered, now - 6 * HOUR, 'redelivery', 'Sam Support');
  recordAttempt(redelivered, crm, now - 6 * HOUR, 'ok');
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
  const failedFirst = createPastDelivery({
    webhook: analytics,
    agent: survey,
    eventType: 'post-conversation',
    callId: randomCallId('call'),
    at: now - 2 * DAY - 3 * HOUR,
    outcomes: ['error-page', ...Array<MockAttemptOutcome>(7).fill('bad-gateway')],
    final: true,
  });
  const failedSecond = createPastDelivery({
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
  // One that answered bytes that are not text, and was tried once more on the staging receiver.
  const binary = createPastDelivery({
    webhook: analytics,
    agent: survey,
    eventType: 'analytics-completed',
    callId: randomCallId('call'),
    at: now - 1 * DAY - 8 * HOUR,
    outcomes: ['binary', ...Array<MockAttemptOutcome>(7).fill('bad-gateway')],
    final: true,
  });
  db.clockOffsetMs -= 3 * HOUR;
  redeliverToUrl(binary, 'https://staging.northwind.example/webhooks/calls', 'Sam Support');
  db.clockOffsetMs += 3 * HOUR;
  // A call whose Start is still being retried: its End waits for it (per-call order).
  const waitingCall = randomCallId('call');
  createPastDelivery({
    webhook: analytics,
    agent: survey,
    eventType: 'pre-conversation',
    callId: waitingCall,
    at: now - 40 * MINUTE,
    outcomes: ['bad-gateway', 'bad-gateway', 'bad-gateway'],
  });
  createDelivery({
    webhook: analytics,
    agentId: survey.id,
    callId: waitingCall,
    eventType: 'post-conversation',
    createdAtMs: now - 36 * MINUTE,
  });
  analytics.failingSince = new Date(now - 2 * DAY - 3 * HOUR).toISOString();
  // Yesterday an admin retried what had failed since the outage began; it failed again.
  db.retryJobs.push({
    id: nextMockId(),
    webhookId: analytics.id,
    since: new Date(now - 2 * DAY - 4 * HOUR).toISOString(),
    status: 'completed',
    deliveryIds: [failedFirst.id, failedSecond.id],
    requeued: 2,
    createdAt: new Date(now - 20 * HOUR).toISOString(),
    createdBy: 'Ada Admin',
    finishedAt: new Date(now - 20 * HOUR + 800).toISOString(),
  });
  [failedFirst, failedSecond].forEach((delivery, index) => {
    const at = now - 20 * HOUR + index * 400;
    requeue(delivery, at, 'redelivery', 'Ada Admin');
    recordAttempt(delivery, analytics, at, 'bad-gateway');
  });

  // Legacy: unreachable for days, then disabled; what came in since was skipped.
  for (const ago of [7 * DAY, 6 * DAY + 4 * HOUR]) {
    createPastDelivery({
      webhook: legacy,
      agent: afterHours,
      eventType: 'post-conversation',
      callId: randomCallId('call'),
      at: now - ago,
      outcomes: Array<MockAttemptOutcome>(8).fill('connect'),
      final: true,
    });
  }
  const skippedCall = randomCallId('call');
  skippedDelivery(legacy, afterHours, 'pre-conversation', skippedCall, now - 20 * HOUR);
  skippedDelivery(legacy, afterHours, 'post-conversation', skippedCall, now - 20 * HOUR + 95_000);
  skippedDelivery(legacy, afterHours, 'post-conversation', randomCallId('call'), now - 4 * HOUR);
  legacy.failingSince = null;

  // An archive that has been switched off at its end: the next event gets 410 Gone, a few seconds
  // after the page opens, and the engine disables the endpoint (mock mode shows it without a reload).
  const archive = createMockWebhook({
    ...created(1),
    url: 'https://archive.northwind.example/calls',
    description: 'Old call archive (being retired)',
    receiver: 'gone',
  });
  subscribeMockAgent(voicemail.id, archive.id, ['post-conversation'], created(1).updatedAt);
  const retiring = createDelivery({
    webhook: archive,
    agentId: voicemail.id,
    callId: randomCallId('call'),
    eventType: 'post-conversation',
    createdAtMs: now,
  });
  retiring.nextAttemptAt = new Date(now + 15_000).toISOString();

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
    webhooks: { crm, analytics, legacy, staging, archive },
    agents: { reception, reminders, survey, afterHours, voicemail },
    apiKeys,
  };
}
