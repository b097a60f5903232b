/**
 * `npm run bench:delivery`: end-to-end deliveries per second and ingest-to-received latency, on the
 * embedded database and on PostgreSQL, each as a ratio of the raw undici POST ceiling measured in the
 * same run against the same receiver (a separate process).
 *
 *   BENCH_EVENTS (default 5000)   BENCH_ENDPOINTS (default 4)   TEST_DATABASE_URL (PostgreSQL; skipped if unset)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { EVENT_TYPES } from '../src/contract/event-types';
import { EXAMPLE_PAYLOADS } from '../src/contract/call-event-examples';
import type { IngestEventRequest } from '../src/contract/call-events';
import { withScratchPostgres } from './bench/scratch-postgres';
import { openDatabase, type DatabaseHandle } from '../src/server/db/database';
import { insertAgent } from '../src/server/db/queries/agents';
import { upsertAgentWebhook } from '../src/server/db/queries/agent-webhooks';
import { insertOrganisation } from '../src/server/db/queries/organisations';
import { insertWebhook } from '../src/server/db/queries/webhooks';
import { parseEnv } from '../src/server/env';
import { createLogger } from '../src/server/logger';
import { createRuntime } from '../src/server/runtime';
import { SecretBox } from '../src/server/security/secret-box';
import { sealSecret } from '../src/server/security/webhook-credentials';
import { generateWebhookSecret } from '../src/server/security/tokens';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 4);
const CEILING_REQUESTS = Number(process.env.BENCH_CEILING_REQUESTS ?? 20_000);

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string }) => {
      if (message.type === type) {
        child.off('message', onMessage);
        resolve(message as T);
      }
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function rawCeiling(port: number, inFlight: number): Promise<number> {
  const agent = new Agent({ connections: inFlight, keepAliveTimeout: 30_000 });
  const body = JSON.stringify({
    ...EXAMPLE_PAYLOADS['post-conversation'],
    padding: 'x'.repeat(400),
  });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < CEILING_REQUESTS) {
        const response = await request(`http://127.0.0.1:${port}/ceiling`, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', 'webhook-id': `ceiling_${next}` },
          body,
        });
        await response.body.dump();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return CEILING_REQUESTS / seconds;
}

async function engine(label: string, handle: DatabaseHandle, receiver: ChildProcess, port: number) {
  await handle.migrate();
  const db = handle.db;
  const organisation = await insertOrganisation(db, `Bench ${randomBytes(3).toString('hex')}`);
  const agents: { id: string }[] = [];
  const secretBox = new SecretBox(randomBytes(32));
  for (let i = 0; i < ENDPOINTS; i++) {
    const id = crypto.randomUUID();
    const webhook = await insertWebhook(
      db,
      {
        id,
        organisationId: organisation.id,
        url: `http://127.0.0.1:${port}/e${i}`,
        description: null,
        headers: {},
        secret: sealSecret(secretBox, id, generateWebhookSecret()),
      },
      new Date(),
    );
    const agent = await insertAgent(db, { organisationId: organisation.id, name: `Agent ${i}` });
    await upsertAgentWebhook(
      db,
      {
        organisationId: organisation.id,
        agentId: agent.id,
        webhookId: webhook.id,
        eventTypes: [...EVENT_TYPES],
      },
      new Date(),
    );
    agents.push(agent);
  }
  const env = parseEnv({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
    RINGPOST_RETRY_SCHEDULE: '0s,5s,5m',
    RINGPOST_DELIVERY_TIMEOUT: '15s',
  });
  // The production wiring (runtime.ts): the same ingestion, wake-up and worker as `npm start`.
  const runtime = createRuntime(env, handle, {
    logger: createLogger('silent'),
    secretBox,
    connectionsPerOrigin: 16,
  });
  await runtime.startWorker();
  await ask(receiver, 'reset');

  const ingestedAt = new Map<string, number>();
  const { ingestion } = runtime.deps;
  const events: IngestEventRequest[] = Array.from({ length: EVENTS }, (_, i) => {
    const type = EVENT_TYPES[i % 3] ?? 'pre-conversation';
    const { agentId: _a, callId: _c, eventType: _e, ...metadata } = EXAMPLE_PAYLOADS[type].metadata;
    const agent = agents[Math.floor(i / 3) % agents.length];
    return {
      agentId: agent?.id ?? '',
      callId: `bench_${Math.floor(i / 3)}`,
      eventType: type,
      metadata,
    } as IngestEventRequest;
  });
  const started = performance.now();
  const startedAt = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < events.length) {
        const event = events[next++];
        if (!event) break;
        const result = await ingestion.publish({
          organisationId: organisation.id,
          event,
          now: new Date(),
          firstDelayMs: 0,
        });
        const at = Date.now();
        for (const id of result.deliveryIds) ingestedAt.set(id, at);
      }
    }),
  );
  const ingestSeconds = (performance.now() - started) / 1000;
  for (;;) {
    const stats = await ask<{ unique: number }>(receiver, 'stats');
    if (stats.unique >= EVENTS) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { arrivals } = await ask<{ arrivals: [string, number][] }>(receiver, 'arrivals');
  const lastArrival = Math.max(...arrivals.map(([, at]) => at));
  const seconds = (lastArrival - startedAt) / 1000;
  const latencies = arrivals
    .map(([id, at]) => at - (ingestedAt.get(id) ?? at))
    .sort((a, b) => a - b);
  await runtime.stop();
  return {
    label,
    perSecond: EVENTS / seconds,
    ingestPerSecond: EVENTS / ingestSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const receiver = fork(join(import.meta.dirname, 'bench', 'receiver.mjs'), { stdio: 'inherit' });
try {
  const { port } = await new Promise<{ port: number }>((resolve) =>
    receiver.once('message', (message: { type: string; port: number }) => resolve(message)),
  );
  console.log(
    `Ringpost delivery benchmark: ${EVENTS} events to ${ENDPOINTS} endpoints, receiver in its own process`,
  );
  const ceiling16 = await rawCeiling(port, 16);
  const ceiling1 = await rawCeiling(port, 1);
  console.log(
    `raw undici POST ceiling: ${ceiling16.toFixed(0)}/s at 16 in flight, ${ceiling1.toFixed(0)}/s at 1 in flight`,
  );

  const results = [];
  const embedded = await openDatabase({ kind: 'embedded-memory' });
  results.push(await engine('embedded (PGlite)', embedded, receiver, port));
  await embedded.close();

  const onPostgres = await withScratchPostgres(20, (postgres) =>
    engine('PostgreSQL', postgres, receiver, port),
  );
  if (onPostgres) results.push(onPostgres);

  console.log(
    '\n| database | deliveries/s | × ceiling (16 in flight) | ingest/s | latency p50 | latency p99 |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.label} | ${r.perSecond.toFixed(0)} | ${(r.perSecond / ceiling16).toFixed(3)} | ${r.ingestPerSecond.toFixed(0)} | ${r.p50} ms | ${r.p99} ms |`,
    );
  }
} finally {
  receiver.kill();
}
