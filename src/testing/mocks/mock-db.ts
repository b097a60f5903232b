/**
 * An in-memory stand-in for the server's database, for tests and (later) design mode: records
 * shaped like the server's tables, factories to seed them, and the views the API returns, built
 * with the contract's types so that a contract change breaks these mocks at compile time.
 */
import type { Agent } from '@contract/agents';
import { API_KEY_PREFIX, type ApiKey } from '@contract/api-keys';
import type { Organisation, Role, Session, SessionUser } from '@contract/auth';
import type { AttemptKind, DeliveryAttempt, DeliveryStatus } from '@contract/deliveries';
import type { RetryJobStatus } from '@contract/retry-jobs';
import { sortEventTypes, type EventType } from '@contract/event-types';
import {
  maskHeaderValues,
  WEBHOOK_SECRET_PREFIX,
  type WebhookDetail,
  type WebhookStatus,
  type WebhookSummary,
} from '@contract/webhooks';

export interface UserRecord extends SessionUser {
  password: string;
}

export interface AgentRecord {
  id: string;
  /** The call platform's id, for an agent it registered; the design mode's agents have none. */
  externalId: string | null;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * How the pretend server behind an endpoint answers, which drives the delivery simulation and the
 * signature self-test: a receiver that verifies signatures, one that accepts anything, one whose
 * proxy answers 502, and one nobody listens on.
 */
export type MockReceiver =
  | 'verifies'
  | 'accepts-anything'
  | 'server-error'
  | 'unreachable'
  /** Answers 410 Gone: the engine disables the endpoint at the first attempt. */
  | 'gone';

export interface WebhookRecord {
  id: string;
  url: string;
  description: string | null;
  status: WebhookStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  headers: Record<string, string>;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  failingSince: string | null;
  receiver: MockReceiver;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionRecord {
  agentId: string;
  webhookId: string;
  eventTypes: EventType[];
  updatedAt: string;
}

export interface DeliveryRecord {
  id: string;
  webhookId: string;
  agentId: string | null;
  callId: string;
  eventType: EventType;
  event: string;
  isTest: boolean;
  /** The JSON body exactly as sent. */
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  nextAttemptAt: string | null;
  /** Why the next attempt will be made: the schedule, or a person's Redeliver (or bulk retry). */
  nextAttemptKind: Exclude<AttemptKind, 'redelivery_to_url'>;
  /** Who asked for the next attempt, when a person did. */
  nextAttemptRequestedBy: string | null;
  /** Automatic retries still allowed after the next failure; a manual redelivery gets none. */
  retriesLeft: number;
  createdAt: string;
  completedAt: string | null;
}

/** A bulk retry: the failed deliveries it found when it was created, re-queued a few at a time. */
export interface RetryJobRecord {
  id: string;
  webhookId: string;
  since: string;
  status: RetryJobStatus;
  deliveryIds: string[];
  requeued: number;
  createdAt: string;
  createdBy: string | null;
  finishedAt: string | null;
}

export type ApiKeyRecord = ApiKey;

interface MockDb {
  organisation: Organisation;
  users: UserRecord[];
  agents: AgentRecord[];
  webhooks: WebhookRecord[];
  /** One per agent at most, as on the server. */
  subscriptions: SubscriptionRecord[];
  deliveries: DeliveryRecord[];
  retryJobs: RetryJobRecord[];
  apiKeys: ApiKeyRecord[];
  sessionUserId: string | null;
  failedSignIns: number;
  /** Added to the wall clock by `mockNow()`, so tests can move the delivery simulation forward. */
  clockOffsetMs: number;
  /** Set by `freezeMockClock()`: the wall-clock time the mock clock stopped at. */
  clockFrozenAt: number | null;
}

let sequence = 0;

/** Deterministic, valid v4-shaped UUIDs, so test output and snapshots do not change run to run. */
export function nextMockId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

/** Seeded records get fixed times (a day apart, in order); records made through the API get "now". */
const BASE_TIME = Date.UTC(2026, 10, 20, 9, 30);
export function seededTime(): string {
  return new Date(BASE_TIME + sequence * 86_400_000).toISOString();
}

export function generateMockSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `${WEBHOOK_SECRET_PREFIX}${btoa(String.fromCharCode(...bytes))}`;
}

function emptyDb(): MockDb {
  return {
    organisation: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Northwind Health' },
    users: [],
    agents: [],
    webhooks: [],
    subscriptions: [],
    deliveries: [],
    retryJobs: [],
    apiKeys: [],
    sessionUserId: null,
    failedSignIns: 0,
    clockOffsetMs: 0,
    clockFrozenAt: null,
  };
}

export const db: MockDb = emptyDb();

/** The mock server's clock: the wall clock (or the time it was frozen at), moved by `advanceMockClock`. */
export function mockNow(): number {
  return (db.clockFrozenAt ?? Date.now()) + db.clockOffsetMs;
}

/** Stops the mock clock, so that only `advanceMockClock` moves it: a slow test run sees the same states. */
export function freezeMockClock(): void {
  db.clockFrozenAt = Date.now();
}

export function mockNowIso(): string {
  return new Date(mockNow()).toISOString();
}

const clockListeners = new Set<() => void>();

/** Called after every `advanceMockClock` (the live stream publishes what the engine did meanwhile). */
export function onMockClockAdvanced(listener: () => void): () => void {
  clockListeners.add(listener);
  return () => clockListeners.delete(listener);
}

/** Moves the mock server's time forward: scheduled events publish and due attempts run on the next request. */
export function advanceMockClock(ms: number): void {
  db.clockOffsetMs += ms;
  clockListeners.forEach((listener) => listener());
}

export const MOCK_PASSWORD = 'correct horse battery staple';

const resetListeners = new Set<() => void>();

/** Called by every `resetMockDb` (the live stream forgets its subscribers and what it last sent). */
export function onMockDbReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => resetListeners.delete(listener);
}

/** Empties every table and signs out; the organisation and one user per role remain. */
export function resetMockDb(): void {
  sequence = 0;
  Object.assign(db, emptyDb());
  resetListeners.forEach((listener) => listener());
  createMockUser({ name: 'Ada Admin', email: 'admin@example.com', role: 'admin' });
  createMockUser({ name: 'Sam Support', email: 'support@example.com', role: 'support' });
  createMockUser({ name: 'Vic Viewer', email: 'viewer@example.com', role: 'viewer' });
}

export function createMockUser(overrides: Partial<UserRecord> = {}): UserRecord {
  const user: UserRecord = {
    id: nextMockId(),
    name: 'Test User',
    email: `user${sequence}@example.com`,
    role: 'admin',
    password: MOCK_PASSWORD,
    ...overrides,
  };
  db.users.push(user);
  return user;
}

export function createMockAgent(overrides: Partial<AgentRecord> = {}): AgentRecord {
  const now = seededTime();
  const agent: AgentRecord = {
    id: nextMockId(),
    externalId: null,
    name: `Agent ${sequence}`,
    description: '',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  db.agents.push(agent);
  return agent;
}

export function createMockWebhook(overrides: Partial<WebhookRecord> = {}): WebhookRecord {
  const now = seededTime();
  const webhook: WebhookRecord = {
    id: nextMockId(),
    url: `https://hooks.example.com/ringpost/${sequence}`,
    description: null,
    status: 'enabled',
    disabledReason: null,
    disabledAt: null,
    headers: {},
    secret: generateMockSecret(),
    previousSecret: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    receiver: 'verifies',
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  db.webhooks.push(webhook);
  return webhook;
}

export function createMockApiKey(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  const key: ApiKeyRecord = {
    id: nextMockId(),
    name: `Key ${sequence}`,
    prefix: `${API_KEY_PREFIX}${sequence.toString(36).padStart(8, 'x')}`,
    createdAt: seededTime(),
    createdBy: 'Ada Admin',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
  db.apiKeys.push(key);
  return key;
}

/** Gives an agent its (one) endpoint, replacing any it had: what PUT webhook-subscriptions does. */
export function subscribeMockAgent(
  agentId: string,
  webhookId: string,
  eventTypes: readonly EventType[],
  updatedAt = new Date().toISOString(),
): SubscriptionRecord {
  db.subscriptions = db.subscriptions.filter((s) => s.agentId !== agentId);
  const subscription = { agentId, webhookId, eventTypes: sortEventTypes(eventTypes), updatedAt };
  db.subscriptions.push(subscription);
  return subscription;
}

export function signInMockUser(role: Role = 'admin'): UserRecord {
  const user = db.users.find((u) => u.role === role);
  if (!user) throw new Error(`No mock user with role ${role}`);
  db.sessionUserId = user.id;
  return user;
}

export function signOutMockUser(): void {
  db.sessionUserId = null;
}

export function currentMockUser(): UserRecord | null {
  return db.users.find((u) => u.id === db.sessionUserId) ?? null;
}

// The views below are what the API answers: the contract's shapes, built from the records.

export function toSession(user: UserRecord): Session {
  const { password: _password, ...sessionUser } = user;
  return { user: sessionUser, organisation: db.organisation };
}

export function toAgent(agent: AgentRecord): Agent {
  const subscription = db.subscriptions.find((s) => s.agentId === agent.id);
  const webhook = subscription && db.webhooks.find((w) => w.id === subscription.webhookId);
  return {
    ...agent,
    webhook:
      subscription && webhook
        ? {
            webhookId: webhook.id,
            url: webhook.url,
            status: webhook.status,
            disabledReason: webhook.disabledReason,
            disabledAt: webhook.disabledAt,
            eventTypes: subscription.eventTypes,
            updatedAt: subscription.updatedAt,
          }
        : null,
  };
}

export function toWebhookSummary(webhook: WebhookRecord): WebhookSummary {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    status: webhook.status,
    disabledReason: webhook.disabledReason,
    disabledAt: webhook.disabledAt,
    failingSince: webhook.failingSince,
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
    // By agent name, as the server lists them (and names them when refusing to delete the endpoint).
    subscriptions: db.subscriptions
      .filter((s) => s.webhookId === webhook.id)
      .flatMap((s) => {
        const agent = db.agents.find((a) => a.id === s.agentId);
        return agent
          ? [{ agentId: agent.id, agentName: agent.name, eventTypes: s.eventTypes }]
          : [];
      })
      .sort((a, b) => a.agentName.localeCompare(b.agentName) || a.agentId.localeCompare(b.agentId)),
  };
}

export function toWebhookDetail(webhook: WebhookRecord, role: Role): WebhookDetail {
  const previousValid =
    webhook.previousSecretExpiresAt !== null &&
    new Date(webhook.previousSecretExpiresAt) > new Date();
  return {
    ...toWebhookSummary(webhook),
    headers: role === 'admin' ? webhook.headers : maskHeaderValues(webhook.headers),
    secret: role === 'admin' ? webhook.secret : null,
    previousSecretExpiresAt: previousValid ? webhook.previousSecretExpiresAt : null,
    skippedDeliveryCount: db.deliveries.filter(
      (d) => d.webhookId === webhook.id && d.status === 'skipped',
    ).length,
  };
}

resetMockDb();
