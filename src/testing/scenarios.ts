/**
 * The named scenes of design mode, as data: who is signed in, what the organisation holds, how the
 * network behaves. One list for Storybook's toolbar (.storybook/preview.tsx), mock mode's URL
 * (`?role=…&data=…&network=…`, src/client/mock-main.tsx) and component tests (`applyScenario`).
 * Every organisation is built from the demo seed and the mock database's factories, so a fixture
 * exists once.
 */
import { type Role, ROLES } from '@contract/auth';
import type { EventType } from '@contract/event-types';
import { configureMockApi, NETWORK_MODES, type NetworkMode } from './mocks/mock-api';
import {
  createMockAgent,
  createMockWebhook,
  db,
  mockNow,
  resetMockDb,
  signInMockUser,
  subscribeMockAgent,
  type WebhookRecord,
} from './mocks/mock-db';
import { createPastDelivery, randomCallId, type MockAttemptOutcome } from './mocks/mock-deliveries';
import { seedMockDb } from './mocks/mock-seed';

/** Keeps the given endpoints of the seeded organisation and forgets the rest with their deliveries. */
function keepOnlyWebhooks(kept: readonly WebhookRecord[]) {
  const ids = new Set(kept.map((webhook) => webhook.id));
  db.webhooks = db.webhooks.filter((webhook) => ids.has(webhook.id));
  db.subscriptions = db.subscriptions.filter((subscription) => ids.has(subscription.webhookId));
  db.deliveries = db.deliveries.filter((delivery) => ids.has(delivery.webhookId));
  db.retryJobs = db.retryJobs.filter((job) => ids.has(job.webhookId));
}

export const MANY_DELIVERIES = 5_000;

const CALL_EVENTS: readonly EventType[] = [
  'pre-conversation',
  'post-conversation',
  'analytics-completed',
];

/**
 * One agent's busy endpoint with 5,000 deliveries (a call every 3 minutes, three events each, one
 * call in 40 retried once): for long lists, virtualisation and paging.
 */
function seedManyDeliveries() {
  const agent = createMockAgent({ name: 'Reception', description: 'Answers inbound calls.' });
  const webhook = createMockWebhook({
    url: 'https://crm.northwind.example/hooks/ringpost',
    description: 'CRM sync: call outcomes and transcripts',
  });
  subscribeMockAgent(agent.id, webhook.id, CALL_EVENTS);
  const calls = Math.ceil(MANY_DELIVERIES / CALL_EVENTS.length);
  const start = mockNow() - calls * 3 * 60_000;
  for (let index = 0; index < MANY_DELIVERIES; index += 1) {
    const call = Math.floor(index / CALL_EVENTS.length);
    const eventType = CALL_EVENTS[index % CALL_EVENTS.length] ?? 'pre-conversation';
    const outcomes: MockAttemptOutcome[] = call % 40 === 0 ? ['unavailable', 'ok'] : ['ok'];
    createPastDelivery({
      webhook,
      agent,
      eventType,
      callId: randomCallId('call'),
      at: start + call * 3 * 60_000 + (index % CALL_EVENTS.length) * 20_000,
      outcomes,
    });
  }
}

export interface DataScenario {
  title: string;
  /** Fills the (freshly reset) mock database. */
  build: () => void;
}

export const DATA_SCENARIOS = {
  demo: { title: 'Typical (the demo organisation)', build: () => void seedMockDb() },
  empty: { title: 'Empty organisation', build: () => undefined },
  'no-endpoints': {
    title: 'Agents, no endpoints',
    build: () => {
      seedMockDb();
      keepOnlyWebhooks([]);
    },
  },
  'disabled-endpoint': {
    title: 'A disabled endpoint with skipped deliveries',
    build: () => keepOnlyWebhooks([seedMockDb().webhooks.legacy]),
  },
  'failing-endpoint': {
    title: 'A failing endpoint',
    build: () => keepOnlyWebhooks([seedMockDb().webhooks.analytics]),
  },
  'many-deliveries': { title: '5,000 deliveries', build: seedManyDeliveries },
} satisfies Record<string, DataScenario>;

export type DataScenarioName = keyof typeof DATA_SCENARIOS;

export const NETWORK_TITLES: Record<NetworkMode, string> = {
  instant: 'Instant',
  slow: 'Slow (2.5 s per answer)',
  offline: 'Offline (network errors)',
  'server-errors': 'Server errors (500)',
};

/** `none` is nobody signed in (the sign-in page). */
export type ScenarioRole = Role | 'none';

export const ROLE_TITLES: Record<ScenarioRole, string> = {
  admin: 'Admin',
  support: 'Support',
  viewer: 'Viewer',
  none: 'Signed out',
};

export interface Scenario {
  role: ScenarioRole;
  data: DataScenarioName;
  network: NetworkMode;
}

export const DEFAULT_SCENARIO: Scenario = { role: 'admin', data: 'demo', network: 'instant' };

/** The allowed values of each part of a scenario, in the order a menu lists them. */
export const SCENARIO_CHOICES = {
  role: [...ROLES, 'none'] as readonly ScenarioRole[],
  data: Object.keys(DATA_SCENARIOS) as DataScenarioName[],
  network: NETWORK_MODES,
} satisfies { [Part in keyof Scenario]: readonly Scenario[Part][] };

export type ScenarioPart = keyof Scenario;

export interface ScenarioProblem {
  part: ScenarioPart;
  value: string;
  allowed: readonly string[];
}

/**
 * Reads a scenario from loose values (a URL's query parameters): what is missing takes the default,
 * what is unknown is reported, so that a typo is shown instead of silently ignored.
 */
export function parseScenario(values: Partial<Record<ScenarioPart, string | null>>): {
  scenario: Scenario;
  problems: ScenarioProblem[];
} {
  const scenario = { ...DEFAULT_SCENARIO };
  const problems: ScenarioProblem[] = [];
  for (const part of ['role', 'data', 'network'] as const) {
    const value = values[part];
    if (value === undefined || value === null) continue;
    const allowed: readonly string[] = SCENARIO_CHOICES[part];
    // Checked against the part's own list just above.
    if (allowed.includes(value)) Object.assign(scenario, { [part]: value });
    else problems.push({ part, value, allowed });
  }
  return { scenario, problems };
}

/** Puts the mock API into a scenario: a fresh database, its data, its signed-in user, its network. */
export function applyScenario(scenario: Partial<Scenario>, options: { latencyMs?: number } = {}) {
  const { role, data, network } = { ...DEFAULT_SCENARIO, ...scenario };
  resetMockDb();
  DATA_SCENARIOS[data].build();
  if (role !== 'none') signInMockUser(role);
  configureMockApi({ ...options, network });
}
