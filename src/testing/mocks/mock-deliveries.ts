/**
 * The delivery engine, simulated: deliveries are records whose state is worked out lazily from the
 * mock clock whenever the API is asked. A delivery waits a moment in the queue (pending), is sent
 * (delivering), and ends as the endpoint's pretend receiver decides: delivered, or failed and
 * retried on the real schedule until it gives up. Test calls publish their events on time the same
 * way. No timers run in the background, so tests move time with `advanceMockClock` and mock mode
 * simply follows the wall clock.
 */
import type {
  AttemptKind,
  DeliveryAttempt,
  DeliveryDetail,
  DeliverySummary,
  SignatureTestResult,
  TestCallResponse,
} from '@contract/deliveries';
import { disabledReason } from '@contract/api-messages';
import { EXAMPLE_PAYLOADS } from '@contract/call-event-examples';
import { EVENT_TYPES, type EventType } from '@contract/event-types';
import { maskHeaderValues } from '@contract/webhooks';
import {
  db,
  mockNow,
  type AgentRecord,
  type DeliveryRecord,
  type MockReceiver,
  type WebhookRecord,
} from './mock-db';

/** How long a new delivery waits for a worker before its first attempt. */
export const QUEUE_DELAY_MS = 700;
/** Waits before each retry (the default RINGPOST_RETRY_SCHEDULE: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), without jitter. */
export const RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
] as const;
/** Seconds between a test call's events (TestCallResponse.events[].publishAt). */
export const TEST_CALL_SPACING_MS = 3_000;

/** The example agent id of the documented payloads: what test events, which have no agent, carry. */
const EXAMPLE_AGENT_ID = EXAMPLE_PAYLOADS['pre-conversation'].metadata.agentId;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let deliverySequence = 0;

function crockford(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = (CROCKFORD[rest % 32] ?? '0') + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/**
 * `msg_` + a ULID: 10 characters of time, then (instead of 16 random ones) a counter and 10 random
 * characters, so that ids made in the same millisecond still sort in creation order.
 */
export function nextDeliveryId(createdAtMs: number): string {
  deliverySequence += 1;
  const random = Array.from(
    crypto.getRandomValues(new Uint8Array(10)),
    (b) => CROCKFORD[b % 32] ?? '0',
  ).join('');
  return `msg_${crockford(createdAtMs, 10)}${crockford(deliverySequence, 6)}${random}`;
}

function randomBase64(bytes: number): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))));
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export function randomCallId(prefix: string): string {
  return `${prefix}_${crockford(Date.now(), 10)}${randomHex(4).toUpperCase()}`;
}

function findWebhook(id: string): WebhookRecord | undefined {
  return db.webhooks.find((w) => w.id === id);
}

/** The body every attempt sends: the documented example of that event with this delivery's ids. */
function buildBody(
  id: string,
  webhook: WebhookRecord,
  agentId: string | null,
  callId: string,
  eventType: EventType,
): string {
  const example = structuredClone(EXAMPLE_PAYLOADS[eventType]);
  const agent = agentId ?? EXAMPLE_AGENT_ID;
  return JSON.stringify({
    ...example,
    id,
    event: `${agent}.${eventType}`,
    url: webhook.url,
    description: webhook.description ?? '',
    metadata: { ...example.metadata, agentId: agent, callId },
  });
}

export interface NewDelivery {
  webhook: WebhookRecord;
  agentId: string | null;
  callId: string;
  eventType: EventType;
  isTest?: boolean;
  createdAtMs?: number;
}

/** Records a delivery the way ingestion does: queued, or skipped at once while the endpoint is disabled. */
export function createDelivery({
  webhook,
  agentId,
  callId,
  eventType,
  isTest = false,
  createdAtMs = mockNow(),
}: NewDelivery): DeliveryRecord {
  const id = nextDeliveryId(createdAtMs);
  const skipped = webhook.status === 'disabled';
  const delivery: DeliveryRecord = {
    id,
    webhookId: webhook.id,
    agentId,
    callId,
    eventType,
    // What the server lists for a test event, which belongs to no agent: `test.<eventType>`.
    event: `${agentId ?? 'test'}.${eventType}`,
    isTest,
    body: buildBody(id, webhook, agentId, callId, eventType),
    status: skipped ? 'skipped' : 'pending',
    attempts: [],
    nextAttemptAt: skipped ? null : new Date(createdAtMs + QUEUE_DELAY_MS).toISOString(),
    nextAttemptKind: 'scheduled',
    nextAttemptRequestedBy: null,
    retriesLeft: RETRY_DELAYS_MS.length,
    createdAt: new Date(createdAtMs).toISOString(),
    completedAt: skipped ? new Date(createdAtMs).toISOString() : null,
  };
  db.deliveries.push(delivery);
  return delivery;
}

/** What one attempt against a receiver looks like. */
export type Outcome =
  | 'ok'
  | 'bad-gateway'
  | 'unavailable'
  | 'timeout'
  | 'connect'
  | 'error-page'
  | 'unauthorized'
  | 'binary'
  | 'gone';

const RECEIVER_OUTCOME: Record<MockReceiver, Outcome> = {
  verifies: 'ok',
  'accepts-anything': 'ok',
  'server-error': 'bad-gateway',
  unreachable: 'connect',
  gone: 'gone',
};

const OUTCOME_DURATION_MS: Record<Outcome, number> = {
  ok: 240,
  'bad-gateway': 610,
  unavailable: 95,
  timeout: 15_000,
  connect: 40,
  'error-page': 1_320,
  unauthorized: 60,
  binary: 35,
  gone: 80,
};

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function attemptResult(
  outcome: Outcome,
  webhook: WebhookRecord,
): Pick<DeliveryAttempt, 'response' | 'error'> {
  switch (outcome) {
    case 'ok':
      return {
        response: {
          status: 200,
          headers: { 'content-type': 'application/json', 'content-length': '17' },
          body: '{"received":true}',
          bodyEncoding: 'utf8',
          bodyTruncated: false,
        },
        error: null,
      };
    case 'unauthorized':
      return {
        response: {
          status: 401,
          headers: { 'content-type': 'application/json' },
          body: '{"error":"invalid signature"}',
          bodyEncoding: 'utf8',
          bodyTruncated: false,
        },
        error: { category: 'http_status', message: 'The endpoint answered 401 Unauthorized' },
      };
    case 'bad-gateway':
      return {
        response: {
          status: 502,
          headers: { 'content-type': 'text/html', server: 'nginx/1.25.3' },
          body: HTML_502,
          bodyEncoding: 'utf8',
          bodyTruncated: false,
        },
        error: { category: 'http_status', message: 'The endpoint answered 502 Bad Gateway' },
      };
    case 'unavailable':
      return {
        response: {
          status: 503,
          headers: { 'content-type': 'text/plain', 'retry-after': '5' },
          body: 'Service Unavailable: deploy in progress',
          bodyEncoding: 'utf8',
          bodyTruncated: false,
        },
        error: {
          category: 'http_status',
          message: 'The endpoint answered 503 Service Unavailable',
        },
      };
    case 'error-page':
      return {
        response: {
          status: 500,
          headers: { 'content-type': 'text/html; charset=utf-8', 'x-request-id': randomHex(8) },
          // The real page went on well past the 64 KiB Ringpost keeps.
          body: `<!doctype html>\n<html><head><title>Internal Server Error</title></head><body>\n<h1>Internal Server Error</h1>\n<pre>Traceback (most recent call last):\n  File "/srv/ingest/app.py", line 88, in receive\n    row = transform(payload["metadata"]["callData"])\nKeyError: 'callData'\n${'  … '.repeat(40)}`,
          bodyEncoding: 'utf8',
          bodyTruncated: true,
        },
        error: {
          category: 'http_status',
          message: 'The endpoint answered 500 Internal Server Error',
        },
      };
    case 'binary':
      return {
        response: {
          status: 500,
          headers: { 'content-type': 'application/octet-stream' },
          // "err" NUL 0xff: bytes that are not text Ringpost can store as such.
          body: 'ZXJyAP8=',
          bodyEncoding: 'base64',
          bodyTruncated: false,
        },
        error: {
          category: 'http_status',
          message: 'The endpoint answered 500 Internal Server Error',
        },
      };
    case 'gone':
      return {
        response: {
          status: 410,
          headers: { 'content-type': 'text/plain' },
          body: 'This webhook has been removed',
          bodyEncoding: 'utf8',
          bodyTruncated: false,
        },
        error: { category: 'http_status', message: 'The endpoint answered 410 Gone' },
      };
    case 'timeout':
      return {
        response: null,
        error: { category: 'timeout', message: 'No response within 15 s' },
      };
    case 'connect':
      return {
        response: null,
        error: {
          category: 'connect',
          message: `Could not connect to ${hostOf(webhook.url)} (ECONNREFUSED)`,
        },
      };
  }
}

/**
 * The headers of one attempt as the engine sends them, in the order it sets them; custom headers'
 * values are kept masked in the stored attempt, as the server keeps them.
 */
function requestHeaders(
  delivery: DeliveryRecord,
  webhook: WebhookRecord,
  atMs: number,
  withCustomHeaders = true,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Ringpost/0.1.0',
    'webhook-id': delivery.id,
    'webhook-timestamp': String(Math.floor(atMs / 1000)),
    'webhook-signature': `v1,${randomBase64(32)}`,
    'x-signature': randomHex(32),
    ...(withCustomHeaders ? maskHeaderValues(webhook.headers) : {}),
  };
}

function buildAttempt(
  delivery: DeliveryRecord,
  webhook: WebhookRecord,
  startedAtMs: number,
  outcome: Outcome,
  kind: AttemptKind,
  requestedBy: string | null,
  url: string,
): DeliveryAttempt {
  const durationMs = OUTCOME_DURATION_MS[outcome];
  const result = attemptResult(outcome, { ...webhook, url });
  // Custom headers are credentials for the endpoint: they go to its own origin only.
  const sameOrigin = URL.canParse(url) && new URL(url).origin === new URL(webhook.url).origin;
  return {
    number: delivery.attempts.length + 1,
    kind,
    requestedBy,
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs,
    headersMs: result.response ? Math.round(durationMs * 0.8) : null,
    request: { url, headers: requestHeaders(delivery, webhook, startedAtMs, sameOrigin) },
    ...result,
  };
}

/** Index of an event in a call: Start 0, End 1, Analytics Completed 2. */
const callOrder = (eventType: EventType) => EVENT_TYPES.indexOf(eventType);

/** Still on its way: the engine will make (another) attempt. */
const inFlight = (delivery: DeliveryRecord) => delivery.nextAttemptAt !== null;

/**
 * The delivery this one waits for (per-call order): the latest earlier event of the same call to the
 * same endpoint that is still on its way. End is not attempted before Start has settled, nor
 * Analytics Completed before End.
 */
export function blockingDelivery(delivery: DeliveryRecord): DeliveryRecord | undefined {
  let blocking: DeliveryRecord | undefined;
  for (const other of db.deliveries) {
    if (
      other !== delivery &&
      other.webhookId === delivery.webhookId &&
      other.callId === delivery.callId &&
      callOrder(other.eventType) < callOrder(delivery.eventType) &&
      inFlight(other) &&
      (!blocking || callOrder(other.eventType) > callOrder(blocking.eventType))
    ) {
      blocking = other;
    }
  }
  return blocking;
}

/** Adds one finished attempt and moves the delivery on: delivered, retried later, or failed. */
export function recordAttempt(
  delivery: DeliveryRecord,
  webhook: WebhookRecord,
  startedAtMs: number,
  outcome: Outcome,
): void {
  const attempt = buildAttempt(
    delivery,
    webhook,
    startedAtMs,
    outcome,
    delivery.nextAttemptKind,
    delivery.nextAttemptRequestedBy,
    webhook.url,
  );
  delivery.attempts.push(attempt);
  delivery.nextAttemptKind = 'scheduled';
  delivery.nextAttemptRequestedBy = null;
  const endedAtMs = startedAtMs + attempt.durationMs;
  if (attempt.error === null) {
    delivery.status = 'succeeded';
    delivery.nextAttemptAt = null;
    delivery.completedAt = new Date(endedAtMs).toISOString();
    webhook.failingSince = null;
  } else if (attempt.response?.status === 410) {
    // 410 Gone: the receiver says the endpoint is no more; the engine disables it and stops here.
    webhook.status = 'disabled';
    webhook.disabledReason = disabledReason.gone;
    webhook.disabledAt = new Date(endedAtMs).toISOString();
    webhook.failingSince = null;
    delivery.status = 'failed';
    delivery.nextAttemptAt = null;
    delivery.completedAt = new Date(endedAtMs).toISOString();
  } else {
    webhook.failingSince ??= new Date(startedAtMs).toISOString();
    const wait = RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - delivery.retriesLeft];
    if (delivery.retriesLeft > 0 && wait !== undefined) {
      delivery.retriesLeft -= 1;
      delivery.status = 'pending';
      delivery.nextAttemptAt = new Date(endedAtMs + wait).toISOString();
      return;
    }
    delivery.status = 'failed';
    delivery.nextAttemptAt = null;
    delivery.completedAt = new Date(endedAtMs).toISOString();
  }
  releaseWaiting(delivery, endedAtMs);
}

/** The call's later events, held back by this one, may go as soon as it has settled. */
function releaseWaiting(settled: DeliveryRecord, atMs: number) {
  for (const other of db.deliveries) {
    if (
      other.webhookId === settled.webhookId &&
      other.callId === settled.callId &&
      callOrder(other.eventType) > callOrder(settled.eventType) &&
      other.nextAttemptAt !== null &&
      Date.parse(other.nextAttemptAt) < atMs
    ) {
      other.nextAttemptAt = new Date(atMs).toISOString();
    }
  }
}

/** How a receiver at a URL that is not an endpoint answers (Redeliver to another URL). */
function outcomeForUrl(url: string): Outcome {
  const host = hostOf(url);
  if (/unreachable|down/.test(host)) return 'connect';
  if (/slow|timeout/.test(host)) return 'timeout';
  if (/broken|error/.test(host)) return 'bad-gateway';
  return 'ok';
}

/**
 * Redeliver to another URL: the same request, signed now, sent once to `url` and recorded as an
 * attempt of its own kind. Neither the endpoint nor the delivery's status changes.
 */
export function redeliverToUrl(
  delivery: DeliveryRecord,
  url: string,
  requestedBy: string,
): DeliveryAttempt {
  const webhook = findWebhook(delivery.webhookId);
  if (!webhook) throw new Error('The delivery has no endpoint');
  const attempt = buildAttempt(
    delivery,
    webhook,
    mockNow(),
    outcomeForUrl(url),
    'redelivery_to_url',
    requestedBy,
    url,
  );
  delivery.attempts.push(attempt);
  return attempt;
}

export interface PastDelivery {
  webhook: WebhookRecord;
  agent: AgentRecord | null;
  eventType: EventType;
  callId: string;
  at: number;
  /** One per attempt, in order. */
  outcomes: readonly Outcome[];
  /** Give up after the last outcome instead of scheduling another retry. */
  final?: boolean;
}

/** A delivery that already happened: its attempts at the times the retry schedule would have made them. */
export function createPastDelivery({
  webhook,
  agent,
  eventType,
  callId,
  at,
  outcomes,
  final,
}: PastDelivery) {
  const delivery = createDelivery({
    webhook: { ...webhook, status: 'enabled' },
    agentId: agent?.id ?? null,
    callId,
    eventType,
    isTest: agent === null,
    createdAtMs: at,
  });
  outcomes.forEach((outcome, index) => {
    if (final && index === outcomes.length - 1) delivery.retriesLeft = 0;
    const startedAt = Date.parse(delivery.nextAttemptAt ?? delivery.createdAt);
    recordAttempt(delivery, webhook, startedAt, outcome);
  });
  return delivery;
}

/**
 * Starts a test call as `POST /agents/{id}/test-call` does: each event is stored at once, through the
 * ingestion path, with its delivery due when the platform publishes it (Start now, End and Analytics
 * a few seconds later on the mock clock). Only the events the agent subscribes to get a delivery.
 */
export function scheduleTestCall(agentId: string): TestCallResponse {
  const now = mockNow();
  const callId = randomCallId('test_call');
  const events = EVENT_TYPES.map((eventType, index) => ({
    eventType,
    publishAt: new Date(now + index * TEST_CALL_SPACING_MS).toISOString(),
  }));
  const subscription = db.subscriptions.find((s) => s.agentId === agentId);
  const webhook = subscription && findWebhook(subscription.webhookId);
  if (subscription && webhook) {
    for (const { eventType, publishAt } of events) {
      if (!subscription.eventTypes.includes(eventType)) continue;
      const delivery = createDelivery({ webhook, agentId, callId, eventType, createdAtMs: now });
      if (delivery.nextAttemptAt !== null) {
        delivery.nextAttemptAt = new Date(Date.parse(publishAt) + QUEUE_DELAY_MS).toISOString();
      }
    }
  }
  return { callId, events };
}

/** How often a bulk retry job re-queues one more delivery (the server spreads them out too). */
export const RETRY_JOB_STEP_MS = 400;

/** Re-queues what each running bulk retry job has got to by `now`, and finishes the jobs that are done. */
function advanceRetryJobs(now: number): void {
  for (const job of db.retryJobs) {
    if (job.status !== 'running') continue;
    const created = Date.parse(job.createdAt);
    const due = Math.min(
      job.deliveryIds.length,
      Math.floor((now - created) / RETRY_JOB_STEP_MS) + 1,
    );
    while (job.requeued < due) {
      const at = created + job.requeued * RETRY_JOB_STEP_MS;
      const delivery = db.deliveries.find((d) => d.id === job.deliveryIds[job.requeued]);
      if (delivery && delivery.status === 'failed')
        requeue(delivery, at, 'redelivery', job.createdBy);
      job.requeued += 1;
    }
    if (job.requeued >= job.deliveryIds.length) {
      job.status = 'completed';
      job.finishedAt = new Date(
        created + Math.max(0, job.deliveryIds.length - 1) * RETRY_JOB_STEP_MS,
      ).toISOString();
    }
  }
}

/** Queues a settled delivery for one more attempt, as Redeliver and bulk retry do. */
export function requeue(
  delivery: DeliveryRecord,
  atMs: number,
  kind: 'redelivery' | 'scheduled',
  requestedBy: string | null,
): void {
  delivery.status = 'pending';
  delivery.nextAttemptAt = new Date(atMs).toISOString();
  delivery.nextAttemptKind = kind;
  delivery.nextAttemptRequestedBy = requestedBy;
  delivery.completedAt = null;
  // If it fails again it fails again, rather than restarting the whole schedule.
  delivery.retriesLeft = 0;
}

/**
 * Brings every delivery up to the mock clock, in time order, keeping each call's events in order per
 * endpoint. Called before the API reads or changes deliveries.
 */
export function advanceDeliveries(now = mockNow()): void {
  advanceRetryJobs(now);
  const sending = new Set<DeliveryRecord>();
  for (;;) {
    let next: DeliveryRecord | undefined;
    let nextDue = Infinity;
    for (const delivery of db.deliveries) {
      if (delivery.nextAttemptAt === null || sending.has(delivery)) continue;
      const due = Date.parse(delivery.nextAttemptAt);
      if (due > now || due >= nextDue || blockingDelivery(delivery)) continue;
      next = delivery;
      nextDue = due;
    }
    if (!next) break;
    const webhook = findWebhook(next.webhookId);
    if (!webhook || webhook.status === 'disabled') {
      next.status = 'skipped';
      next.nextAttemptAt = null;
      next.completedAt = new Date(nextDue).toISOString();
      releaseWaiting(next, nextDue);
      continue;
    }
    const outcome = RECEIVER_OUTCOME[webhook.receiver];
    if (now < nextDue + OUTCOME_DURATION_MS[outcome]) {
      sending.add(next);
      continue;
    }
    recordAttempt(next, webhook, nextDue, outcome);
  }
  for (const delivery of db.deliveries) {
    if (delivery.nextAttemptAt !== null) {
      delivery.status = sending.has(delivery) ? 'delivering' : 'pending';
    }
  }
}

export function toDeliverySummary(delivery: DeliveryRecord): DeliverySummary {
  const webhook = findWebhook(delivery.webhookId);
  const agent = db.agents.find((a) => a.id === delivery.agentId);
  // A one-off attempt to another URL says nothing about the endpoint: the summary is about the endpoint.
  const last = delivery.attempts.findLast((a) => a.kind !== 'redelivery_to_url');
  const skipped = delivery.status === 'skipped';
  const blocking = delivery.nextAttemptAt !== null ? blockingDelivery(delivery) : undefined;
  return {
    id: delivery.id,
    webhookId: delivery.webhookId,
    webhookUrl: webhook?.url ?? '',
    agentId: delivery.agentId,
    agentName: agent?.name ?? null,
    callId: delivery.callId,
    eventType: delivery.eventType,
    event: delivery.event,
    status: delivery.status,
    // A one-off attempt to another URL is history only: it does not count as one of the delivery's.
    attemptCount: delivery.attempts.filter((a) => a.kind !== 'redelivery_to_url').length,
    responseStatus: last?.response?.status ?? null,
    latencyMs: last?.durationMs ?? null,
    lastError: skipped
      ? 'The endpoint was disabled when the delivery was due, so nothing was sent'
      : delivery.status === 'succeeded'
        ? null
        : (last?.error?.message ?? null),
    lastErrorCategory: skipped
      ? 'endpoint_disabled'
      : delivery.status === 'succeeded'
        ? null
        : (last?.error?.category ?? null),
    isTest: delivery.isTest,
    createdAt: delivery.createdAt,
    // The time it is waiting for, which the server shows only while the delivery waits.
    nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
    completedAt: delivery.completedAt,
    waitingFor: blocking
      ? { id: blocking.id, eventType: blocking.eventType, status: blocking.status }
      : null,
  };
}

export function toDeliveryDetail(delivery: DeliveryRecord): DeliveryDetail {
  return { ...toDeliverySummary(delivery), body: delivery.body, attempts: delivery.attempts };
}

const SIGNATURE_CASES: Record<
  SignatureTestResult['cases'][number]['case'],
  { description: string; shouldAccept: boolean }
> = {
  valid: {
    description: 'Signed with the current secret, timestamp now',
    shouldAccept: true,
  },
  'wrong-signature': {
    description: 'Signed with a different secret',
    shouldAccept: false,
  },
  'stale-timestamp': {
    description: 'Correctly signed, timestamp 10 minutes old',
    shouldAccept: false,
  },
};

/** The three requests of the self-test, answered by the endpoint's pretend receiver. */
export function runSignatureTest(webhook: WebhookRecord): SignatureTestResult {
  const cases = (['valid', 'wrong-signature', 'stale-timestamp'] as const).map((name) => {
    const { description, shouldAccept } = SIGNATURE_CASES[name];
    let outcome = RECEIVER_OUTCOME[webhook.receiver];
    if (webhook.receiver === 'verifies' && name !== 'valid') outcome = 'unauthorized';
    const { response, error } = attemptResult(outcome, webhook);
    const accepted = response !== null && response.status >= 200 && response.status < 300;
    return {
      case: name,
      description,
      responseStatus: response?.status ?? null,
      error: response === null ? (error?.message ?? null) : null,
      accepted,
      shouldAccept,
    };
  });
  return { passed: cases.every((c) => c.accepted === c.shouldAccept), cases };
}

export type { Outcome as MockAttemptOutcome };
