/**
 * The Ringpost process: `npm start` runs it. RINGPOST_ROLE decides what it does: `api` serves the API
 * and the SPA, `worker` delivers (and serves only /healthz, /readyz and /metrics), `all` (the default)
 * does both in one process.
 */
import { serve, type ServerType } from '@hono/node-server';
import { createApp, createOperationalApp } from './http/create-app';
import type { AppDeps } from './http/app-env';
import { createLogger } from './logger';
import { EnvError, parseEnv } from './env';
import { openMigratedDatabase } from './runtime';
import { DELIVERIES_CHANNEL } from './db/database';
import { firstAdminNotice, seedIfEmpty } from './db/seed';
import { createWorkerNudge } from './db/worker-nudge';
import { IngestionBatcher } from './http/services/publish-event';
import { startMaintenance } from './maintenance';
import { DeliveryWorker } from './delivery/worker';
import { RetryJobRunner } from './delivery/retry-job-runner';
import { LiveChangePublisher, LiveHub } from './db/live-changes';
import { Metrics } from './observability/metrics';
import { WebhookSender } from './outbound/send-webhook';
import { UrlGuard } from './security/url-guard';
import { loadSecretBox } from './security/secret-key-file';
import { SecretBoxError } from './security/secret-box';
import { resealAllCredentials } from './security/reseal-credentials';

async function main() {
  const startedAt = performance.now();
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL, { service: 'ringpost', role: env.RINGPOST_ROLE });
  const secretBox = loadSecretBox(env);
  const database = await openMigratedDatabase(env);
  // Values stored before encryption, or under a key being rotated out, move to the current key.
  const sealed = await resealAllCredentials(database.db, secretBox).catch((error: unknown) => {
    throw error instanceof SecretBoxError
      ? new EnvError(
          `Ringpost cannot start: endpoint secrets in this database cannot be opened with the configured key.\n` +
            `  ${error.message}.\n` +
            '  Set RINGPOST_SECRET_KEY (or restore DATA_DIR/secret.key) to the key they were sealed with.',
        )
      : error;
  });
  if (sealed.resealed > 0) logger.info('sealed endpoint credentials with the current key', sealed);
  const target = env.DATABASE_URL ? 'postgresql' : `embedded database in ${env.DATA_DIR}`;

  const seed = await seedIfEmpty(database.db, {
    email: env.RINGPOST_ADMIN_EMAIL,
    password: env.RINGPOST_ADMIN_PASSWORD,
  });
  if (seed.created) logger.info('seeded the demo organisation', { adminEmail: seed.adminEmail });
  const notice = firstAdminNotice(seed);
  // Printed once, deliberately outside the JSON log (which redacts passwords), for the person at the console.
  if (notice) process.stdout.write(notice);

  if (env.RINGPOST_ROLE === 'api' && !env.DATABASE_URL) {
    // The embedded database serves one process, so no worker process can share it.
    logger.warn(
      'RINGPOST_ROLE=api on the embedded database: nothing will deliver events. Use all, or PostgreSQL.',
    );
  }
  const urlGuard = new UrlGuard(env.RINGPOST_ALLOWED_TARGETS);
  const sender = new WebhookSender(urlGuard);
  const metrics = new Metrics();
  const servesApi = env.RINGPOST_ROLE === 'all' || env.RINGPOST_ROLE === 'api';
  const nudge = createWorkerNudge(database.db, logger);
  const ingested = new LiveChangePublisher(database.db, logger);
  const deps: AppDeps = {
    db: database.db,
    env,
    logger,
    urlGuard,
    sender,
    metrics,
    secretBox,
    ingestion: new IngestionBatcher(database.db, (deliveries) => {
      nudge();
      for (const { organisationId, ...delivery } of deliveries)
        ingested.add({ organisationId, deliveries: [delivery] });
    }),
    // One LISTEN per API process feeds every open GET /live stream (docs/decisions/0014).
    ...(servesApi
      ? { live: await LiveHub.start((channel, on) => database.listen(channel, on), logger) }
      : {}),
    ping: () => database.ping(),
  };
  const stops: (() => Promise<void>)[] = [];

  const app = servesApi ? createApp(deps, { serveClient: true }) : createOperationalApp(deps);
  const server: ServerType = serve(
    { fetch: app.fetch, port: env.PORT, hostname: env.HOST },
    (info) => {
      const host = env.HOST === '0.0.0.0' || env.HOST === '127.0.0.1' ? 'localhost' : env.HOST;
      logger.info('listening', {
        url: `http://${host}:${info.port}`,
        database: target,
        startupMs: Math.round(performance.now() - startedAt),
      });
    },
  );
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  );
  if (servesApi)
    stops.push(startMaintenance(database.db, logger, { retentionMs: env.RINGPOST_RETENTION }));
  // First: open streams would hold server.close() open; browsers reconnect after `retry`.
  const { live } = deps;
  if (live) stops.unshift(() => live.close());

  if (env.RINGPOST_ROLE === 'all' || env.RINGPOST_ROLE === 'worker') {
    const worker = new DeliveryWorker({
      db: database.db,
      sender,
      secretBox,
      logger,
      metrics,
      retrySchedule: env.RINGPOST_RETRY_SCHEDULE,
      timeoutMs: env.RINGPOST_DELIVERY_TIMEOUT,
      perOrganisation: env.RINGPOST_MAX_IN_FLIGHT_PER_ORG,
    });
    const unlisten = await database.listen(DELIVERIES_CHANNEL, () => worker.wake());
    worker.start();
    const retryJobs = new RetryJobRunner({ db: database.db, logger });
    retryJobs.start();
    logger.info('delivery worker started', { workerId: worker.workerId });
    // Stop claiming first, finish (or release) what is in flight, then stop listening.
    stops.unshift(async () => {
      await Promise.all([worker.stop(), retryJobs.stop()]);
      await unlisten();
    });
  }
  stops.push(
    () => sender.close(),
    () => ingested.flush(),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    for (const stop of stops) await stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof Error && ['EnvError', 'DataDirLockedError'].includes(error.name);
  process.stderr.write(
    known
      ? `${message}\n`
      : `Ringpost failed to start: ${error instanceof Error ? (error.stack ?? message) : message}\n`,
  );
  process.exit(1);
});
