/**
 * Nothing is lost, nothing is doubled without cause, with real processes:
 * - kill -9 in the middle of 1,000 deliveries, start again: every delivery reaches the receiver at least
 *   once (embedded database in the `server` project, PostgreSQL in `server-postgres`);
 * - on PostgreSQL, three worker processes deliver 10,000 events: each received, none twice.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '@contract/event-types';
import { openDatabase } from './db/database';
import { insertAgent } from './db/queries/agents';
import { upsertAgentWebhook } from './db/queries/agent-webhooks';
import { insertOrganisation } from './db/queries/organisations';
import { insertWebhook } from './db/queries/webhooks';
import { parseEnv } from './env';
import { createRuntime } from './runtime';
import { SecretBox } from './security/secret-box';
import { createLogger } from './logger';
import { generateWebhookSecret } from './security/tokens';
import { exampleEvent } from './testing/delivery-harness';
import { eventually, startReceiver } from './testing/receiver';
import { startRingpost, type RingpostProcess } from './testing/ringpost-process';
import { createPostgresDatabase, usesPostgres } from './testing/test-database';

const ADMIN = { email: 'admin@durability.test', password: 'durability-password' };
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function databaseEnv(): Promise<Record<string, string>> {
  if (usesPostgres()) {
    const database = await createPostgresDatabase();
    cleanups.push(() => database.drop());
    return { DATABASE_URL: database.url, RINGPOST_SECRET_KEY: randomBytes(32).toString('base64') };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ringpost-crash-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return { DATA_DIR: dataDir };
}

function track(process: RingpostProcess): RingpostProcess {
  cleanups.push(() => {
    process.child.kill('SIGKILL');
  });
  return process;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pooled<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

describe('a crash mid-delivery', () => {
  it('loses nothing: after kill -9 and a restart, all 1,000 deliveries arrive at least once', async () => {
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    // Held until every event is accepted, then answered a little slowly, so the kill lands mid-stream.
    receiver.behave('/crash', async () => {
      await gate;
      return { delayMs: 2 };
    });

    const env = {
      ...(await databaseEnv()),
      RINGPOST_ADMIN_EMAIL: ADMIN.email,
      RINGPOST_ADMIN_PASSWORD: ADMIN.password,
      RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
      RINGPOST_RETRY_SCHEDULE: '0ms,200ms,400ms,800ms,1s,2s,5s,5s',
      RINGPOST_DELIVERY_TIMEOUT: '2s',
    };
    const first = track(await startRingpost(env));
    const base = `http://127.0.0.1:${first.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', origin: base, cookie },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const { key } = (await call('POST', '/api-keys', { name: 'crash' })) as { key: string };
    const { id: webhookId } = (await call('POST', '/webhooks', {
      url: receiver.url('/crash'),
    })) as { id: string };
    const agentId =
      ((await call('GET', '/agents')) as { items: { id: string }[] }).items[0]?.id ?? '';
    await call('PUT', `/agents/${agentId}/webhook-subscriptions`, {
      webhookId,
      eventTypes: [...EVENT_TYPES],
    });

    const accepted = await pooled(
      Array.from({ length: 1_000 }, (_, i) => i),
      8,
      async (i) => {
        const response = await fetch(`${base}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify(exampleEvent(agentId, `call_crash_${i}`, 'pre-conversation')),
        });
        expect(response.status).toBe(202);
        return ((await response.json()) as { deliveryIds: string[] }).deliveryIds;
      },
    );
    const expected = new Set(accepted.flat());
    expect(expected.size).toBe(1_000);

    openGate();
    const received = () =>
      new Set(receiver.at('/crash').map((r) => String(r.headers['webhook-id'])));
    await eventually(() => received().size >= 250, 30_000, '250 deliveries before the crash');
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeRestart = received().size;
    expect(beforeRestart).toBeLessThan(1_000);

    const second = track(await startRingpost(env));
    await eventually(() => received().size >= 1_000, 60_000, 'every delivery after the restart');
    expect([...expected].every((id) => received().has(id))).toBe(true);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 150_000);
});

if (usesPostgres()) {
  describe('several workers on PostgreSQL', () => {
    it('three worker processes deliver 10,000 events: each received, none twice', async () => {
      const receiver = await startReceiver();
      cleanups.push(() => receiver.close());
      const { DATABASE_URL: url = '', RINGPOST_SECRET_KEY: key = '' } = await databaseEnv();
      const database = await openDatabase({ kind: 'postgres', url, poolSize: 16 });
      cleanups.push(() => database.close());
      await database.migrate();

      const organisation = await insertOrganisation(database.db, 'Scale');
      const webhook = await insertWebhook(
        database.db,
        {
          id: crypto.randomUUID(),
          organisationId: organisation.id,
          url: receiver.url('/scale'),
          description: null,
          headers: {},
          secret: generateWebhookSecret(),
        },
        new Date(),
      );
      const agents = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          insertAgent(database.db, { organisationId: organisation.id, name: `Agent ${i}` }),
        ),
      );
      for (const agent of agents) {
        await upsertAgentWebhook(
          database.db,
          {
            organisationId: organisation.id,
            agentId: agent.id,
            webhookId: webhook.id,
            eventTypes: [...EVENT_TYPES],
          },
          new Date(),
        );
      }

      const workerEnv = {
        DATABASE_URL: url,
        // The endpoint above was written with a plain secret, as before encryption existed: the
        // workers seal it at start (three at once, racing) and then sign with it.
        RINGPOST_SECRET_KEY: key,
        RINGPOST_ROLE: 'worker',
        RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
        RINGPOST_ADMIN_PASSWORD: 'scale-test-password',
      };
      const workers = await Promise.all(
        [1, 2, 3].map(async () => track(await startRingpost(workerEnv))),
      );

      // This process only ingests (role api): the three workers above deliver.
      const { ingestion } = createRuntime(
        parseEnv({ NODE_ENV: 'test', RINGPOST_ROLE: 'api', DATABASE_URL: url }),
        database,
        { logger: createLogger('silent'), secretBox: new SecretBox(randomBytes(32)) },
      ).deps;
      // 10,000 events through the ingestion code itself: 3,334 calls × up to three event types.
      const events = Array.from({ length: 10_000 }, (_, i) => {
        const agent = agents[i % agents.length];
        return exampleEvent(
          agent?.id ?? '',
          `call_scale_${Math.floor(i / 3)}`,
          EVENT_TYPES[i % 3] ?? 'pre-conversation',
        );
      });
      await pooled(events, 12, (event) =>
        ingestion.publish({
          organisationId: organisation.id,
          event,
          now: new Date(),
          firstDelayMs: 0,
        }),
      );

      await eventually(() => receiver.at('/scale').length >= 10_000, 120_000, '10,000 deliveries');
      // Give any duplicate the chance to arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const ids = receiver.at('/scale').map((r) => String(r.headers['webhook-id']));
      expect(ids).toHaveLength(10_000);
      expect(new Set(ids).size).toBe(10_000);

      // Every worker took part.
      for (const worker of workers) {
        const metrics = await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text();
        const succeeded =
          /ringpost_delivery_attempts_total\{outcome="succeeded",failure="none"\} (\d+)/.exec(
            metrics,
          );
        expect(Number(succeeded?.[1] ?? 0)).toBeGreaterThan(0);
      }
      for (const worker of workers) worker.child.kill('SIGTERM');
      await Promise.all(workers.map((worker) => worker.exited));
    }, 240_000);
  });
}
