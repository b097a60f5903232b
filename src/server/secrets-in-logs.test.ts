/**
 * A whole run of the real process, logging at debug level, through every path that handles a
 * credential: sign-in (wrong and right), API keys (used, wrong, revoked), endpoints with credential
 * headers, secret rotation, deliveries that succeed and fail, test events and the signature self-test.
 * Then its entire output is searched for every secret the run created: none may appear.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentListSchema } from '@contract/agents';
import { CreatedApiKeySchema } from '@contract/api-keys';
import { WebhookDetailSchema } from '@contract/webhooks';
import { exampleEvent } from './testing/delivery-harness';
import { eventually, startReceiver } from './testing/receiver';
import { startRingpost } from './testing/ringpost-process';
import { createPostgresDatabase, usesPostgres } from './testing/test-database';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('secrets in logs', () => {
  it('a full run writes none of the secrets it created', { timeout: 120_000 }, async () => {
    const secrets: Record<string, string> = {};
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());
    receiver.behave('/fails', () => ({ status: 500, body: 'down for maintenance' }));
    // A NUL byte in a 200's body once made the attempt unrecordable, and the database's error — every
    // bound parameter of the statement, the request's credential headers among them — went to the log.
    receiver.behave('/ok', (_request, index) => (index === 0 ? { body: Buffer.from('ok\0') } : {}));

    const env: Record<string, string> = {
      LOG_LEVEL: 'debug',
      RINGPOST_ADMIN_EMAIL: 'admin@logs.test',
      RINGPOST_ADMIN_PASSWORD: `admin-pw-${randomBytes(8).toString('hex')}`,
      RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
      RINGPOST_RETRY_SCHEDULE: '0ms,50ms,100ms',
      RINGPOST_DELIVERY_TIMEOUT: '2s',
    };
    secrets.adminPassword = env.RINGPOST_ADMIN_PASSWORD ?? '';
    if (usesPostgres()) {
      const database = await createPostgresDatabase();
      cleanups.push(() => database.drop());
      env.DATABASE_URL = database.url;
      env.RINGPOST_SECRET_KEY = randomBytes(32).toString('base64');
      secrets.secretKey = env.RINGPOST_SECRET_KEY;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'ringpost-logs-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      env.DATA_DIR = dataDir;
    }
    const ringpost = await startRingpost(env);
    cleanups.push(() => {
      ringpost.child.kill('SIGKILL');
    });
    const base = `http://127.0.0.1:${ringpost.port}`;
    let cookie = '';
    const call = async (method: string, path: string, body?: unknown, auth?: string) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          origin: base,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(auth ? { authorization: auth } : { cookie }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text ? (JSON.parse(text) as unknown) : null,
      };
    };

    // Sign-in: a wrong password, then the right one.
    expect(
      (
        await call('POST', '/auth/login', {
          email: 'admin@logs.test',
          password: 'wrong-password-1',
        })
      ).status,
    ).toBe(401);
    const login = await call('POST', '/auth/login', {
      email: 'admin@logs.test',
      password: secrets.adminPassword,
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    secrets.sessionToken = cookie.split('=')[1] ?? '';

    // API keys: one used, one revoked and tried.
    const key = CreatedApiKeySchema.parse(
      (await call('POST', '/api-keys', { name: 'platform' })).body,
    );
    const revoked = CreatedApiKeySchema.parse(
      (await call('POST', '/api-keys', { name: 'old' })).body,
    );
    secrets.apiKey = key.key;
    secrets.revokedKey = revoked.key;
    expect((await call('DELETE', `/api-keys/${revoked.id}`)).status).toBe(204);

    // Endpoints whose headers carry the customer's credentials; one answers 500.
    secrets.headerToken = `hdr-token-${randomBytes(6).toString('hex')}`;
    secrets.headerKey = `hdr-key-${randomBytes(6).toString('hex')}`;
    const ok = WebhookDetailSchema.parse(
      (
        await call('POST', '/webhooks', {
          url: receiver.url('/ok'),
          headers: {
            Authorization: `Bearer ${secrets.headerToken}`,
            'X-Api-Key': secrets.headerKey,
          },
        })
      ).body,
    );
    const failing = WebhookDetailSchema.parse(
      (await call('POST', '/webhooks', { url: receiver.url('/fails') })).body,
    );
    secrets.okSecret = ok.secret ?? '';
    secrets.failingSecret = failing.secret ?? '';
    const rotated = WebhookDetailSchema.parse(
      (await call('POST', `/webhooks/${ok.id}/rotate-secret`)).body,
    );
    secrets.rotatedSecret = rotated.secret ?? '';

    const agents = AgentListSchema.parse((await call('GET', '/agents')).body).items;
    const [first, second] = agents;
    if (!first || !second) throw new Error('the seed has agents');
    const events = ['pre-conversation', 'post-conversation', 'analytics-completed'] as const;
    for (const [agent, webhook] of [
      [first, ok],
      [second, failing],
    ] as const) {
      expect(
        (
          await call('PUT', `/agents/${agent.id}/webhook-subscriptions`, {
            webhookId: webhook.id,
            eventTypes: events,
          })
        ).status,
      ).toBe(200);
    }

    // Ingestion with the key, with a wrong key and with the revoked key.
    for (const agent of [first, second]) {
      for (const eventType of events) {
        const sent = await call(
          'POST',
          '/events',
          exampleEvent(agent.id, `call_${agent.id.slice(0, 8)}`, eventType),
          `Bearer ${key.key}`,
        );
        expect(sent.status).toBe(202);
      }
    }
    const event = exampleEvent(first.id, 'call_refused', 'pre-conversation');
    expect((await call('POST', '/events', event, `Bearer ${key.key}x`)).status).toBe(401);
    expect((await call('POST', '/events', event, `Bearer ${revoked.key}`)).status).toBe(401);

    // Test tools.
    expect(
      (await call('POST', `/webhooks/${ok.id}/test`, { eventType: 'post-conversation' })).status,
    ).toBe(202);
    expect((await call('POST', `/webhooks/${ok.id}/signature-test`)).status).toBe(200);

    await eventually(
      () => receiver.at('/ok').length >= 3 + 1 + 3 && receiver.at('/fails').length >= 3 * 3,
      30_000,
      'deliveries, retries and the self-test',
    );
    // The receiver really got the credentials: they were sent, only never logged.
    expect(receiver.at('/ok')[0]?.headers['x-api-key']).toBe(secrets.headerKey);

    ringpost.child.kill('SIGTERM');
    expect(await ringpost.exited).toBe(0);
    const log = ringpost.output();
    expect(log).toContain('"msg":"delivery attempt failed"');

    const found = Object.entries(secrets).filter(([, secret]) => {
      expect(secret.length).toBeGreaterThan(8);
      // The whole secret, and for whsec_/rpk_ values the random part alone.
      const random = secret.replace(/^(whsec_|rpk_)/, '');
      return log.includes(secret) || log.includes(random);
    });
    expect(found.map(([name]) => name)).toEqual([]);
  });
});
