/**
 * An in-memory stand-in for the server's database, for tests and (later) design mode: records
 * shaped like the server's tables, factories to seed them, and the views the API returns, built
 * with the contract's types so that a contract change breaks these mocks at compile time.
 */
import type { Agent } from '@contract/agents';
import type { Organisation, Role, Session, SessionUser } from '@contract/auth';
import { sortEventTypes, type EventType } from '@contract/event-types';
import {
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
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookRecord {
  id: string;
  url: string;
  description: string | null;
  status: WebhookStatus;
  disabledReason: string | null;
  headers: Record<string, string>;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionRecord {
  agentId: string;
  webhookId: string;
  eventTypes: EventType[];
  updatedAt: string;
}

interface MockDb {
  organisation: Organisation;
  users: UserRecord[];
  agents: AgentRecord[];
  webhooks: WebhookRecord[];
  /** One per agent at most, as on the server. */
  subscriptions: SubscriptionRecord[];
  sessionUserId: string | null;
  failedSignIns: number;
}

let sequence = 0;

/** Deterministic, valid v4-shaped UUIDs, so test output and snapshots do not change run to run. */
export function nextMockId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

/** Seeded records get fixed times (a day apart, in order); records made through the API get "now". */
const BASE_TIME = Date.UTC(2026, 10, 20, 9, 30);
function seededTime(): string {
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
    sessionUserId: null,
    failedSignIns: 0,
  };
}

export const db: MockDb = emptyDb();

export const MOCK_PASSWORD = 'correct horse battery staple';

/** Empties every table and signs out; the organisation and one user per role remain. */
export function resetMockDb(): void {
  sequence = 0;
  Object.assign(db, emptyDb());
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
    headers: {},
    secret: generateMockSecret(),
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
  db.webhooks.push(webhook);
  return webhook;
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

/**
 * A small believable organisation: three agents, three endpoints (one disabled by the delivery
 * engine), two agents subscribed. Returns the records so callers can refer to them.
 */
export function seedMockDb() {
  const crm = createMockWebhook({
    url: 'https://crm.northwind.example/hooks/ringpost',
    description: 'CRM sync: call outcomes and transcripts',
    headers: { 'X-Api-Key': 'nw_live_4f9a2c' },
  });
  const analytics = createMockWebhook({
    url: 'https://analytics.northwind.example/ingest/calls',
    description: 'Warehouse ingestion',
  });
  const legacy = createMockWebhook({
    url: 'https://legacy.northwind.example/webhook',
    status: 'disabled',
    disabledReason: 'Disabled automatically on 24 Nov 2026: every delivery failed for 5 days',
  });
  const reception = createMockAgent({
    name: 'Reception',
    description: 'Answers inbound calls, books and moves appointments.',
  });
  const reminders = createMockAgent({
    name: 'Appointment reminders',
    description: 'Calls patients the day before their appointment.',
  });
  const survey = createMockAgent({
    name: 'Satisfaction survey',
    description: 'Asks three questions after a visit.',
  });
  subscribeMockAgent(
    reception.id,
    crm.id,
    ['pre-conversation', 'post-conversation', 'analytics-completed'],
    seededTime(),
  );
  subscribeMockAgent(reminders.id, crm.id, ['post-conversation'], seededTime());
  return { webhooks: { crm, analytics, legacy }, agents: { reception, reminders, survey } };
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
    createdAt: webhook.createdAt,
    updatedAt: webhook.updatedAt,
    subscriptions: db.subscriptions
      .filter((s) => s.webhookId === webhook.id)
      .flatMap((s) => {
        const agent = db.agents.find((a) => a.id === s.agentId);
        return agent
          ? [{ agentId: agent.id, agentName: agent.name, eventTypes: s.eventTypes }]
          : [];
      }),
  };
}

export function toWebhookDetail(webhook: WebhookRecord, role: Role): WebhookDetail {
  const previousValid =
    webhook.previousSecretExpiresAt !== null &&
    new Date(webhook.previousSecretExpiresAt) > new Date();
  return {
    ...toWebhookSummary(webhook),
    headers: webhook.headers,
    secret: role === 'admin' ? webhook.secret : null,
    previousSecretExpiresAt: previousValid ? webhook.previousSecretExpiresAt : null,
  };
}

resetMockDb();
