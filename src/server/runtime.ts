/**
 * The composition root: the one place that wires Ringpost's parts together. main.ts (the real process),
 * the test harnesses and the benchmarks all build their world with createRuntime, so that what tests and
 * benchmarks measure is the wiring that runs in production.
 *
 * RINGPOST_ROLE decides what `start()` runs: `api` the live-update hub and housekeeping, `worker` the
 * delivery worker and bulk-retry jobs, `all` both. Tests start single parts (`startWorker`) instead.
 */
import type { Env } from './env';
import type { Logger } from './logger';
import { openDatabase, type DatabaseHandle } from './db/database';
import { LiveChangePublisher, LiveHub } from './db/live-changes';
import type { AppDeps } from './http/app-env';
import { createApp, createOperationalApp } from './http/create-app';
import { startMaintenance } from './maintenance';
import { DeliveryWorker, type WorkerOptions } from './delivery/worker';
import { RetryJobRunner } from './delivery/retry-job-runner';
import { Metrics } from './observability/metrics';
import { WebhookSender } from './outbound/send-webhook';
import { IngestionBatcher } from './outbox/ingestion';
import { DELIVERIES_CHANNEL, createWorkerNudge } from './outbox/wake-up';
import type { ScryptCost } from './security/passwords';
import type { SecretBox } from './security/secret-box';
import { UrlGuard } from './security/url-guard';

/**
 * Opens the configured database (PostgreSQL if DATABASE_URL is set, else PGlite in DATA_DIR), migrated.
 * `onOpened` runs between opening and migrating: main.ts times the two apart.
 */
export async function openMigratedDatabase(
  env: Env,
  onOpened?: () => void,
): Promise<DatabaseHandle> {
  const handle = await openDatabase(
    env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'embedded', dataDir: env.DATA_DIR },
  );
  onOpened?.();
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** How the worker is tuned; the defaults are production's, tests shorten the poll. */
export type WorkerTuning = Partial<
  Pick<WorkerOptions, 'concurrency' | 'perEndpoint' | 'perOrganisation' | 'pollMs' | 'workerId'>
>;

export interface RuntimeOptions {
  logger: Logger;
  secretBox: SecretBox;
  urlGuard?: UrlGuard;
  /** Connections per receiver origin (the sender's pool). */
  connectionsPerOrigin?: number;
  /** Serve the built SPA beside the API (the real process). */
  serveClient?: boolean;
  worker?: WorkerTuning;
  passwordCost?: ScryptCost;
  now?: () => Date;
}

export interface Runtime {
  readonly deps: AppDeps;
  /** The HTTP app for this role: the API (and SPA), or only /healthz, /readyz and /metrics. */
  readonly app: ReturnType<typeof createApp>;
  /** This process's delivery worker, once started. */
  readonly worker: DeliveryWorker | undefined;
  /** Starts what the role runs. */
  start(): Promise<void>;
  /** Starts a delivery worker that wakes on new deliveries from this and other processes. */
  startWorker(tuning?: WorkerTuning): Promise<DeliveryWorker>;
  /**
   * Stops what was started, in order: claiming first, then what is in flight, then the listeners;
   * `closeServer` runs after the live streams end (they would hold it open) and before housekeeping.
   */
  stop(closeServer?: () => Promise<void>): Promise<void>;
}

export function createRuntime(
  env: Env,
  database: DatabaseHandle,
  options: RuntimeOptions,
): Runtime {
  const { logger, secretBox } = options;
  const db = database.db;
  const urlGuard = options.urlGuard ?? new UrlGuard(env.RINGPOST_ALLOWED_TARGETS);
  const sender = new WebhookSender(
    urlGuard,
    options.connectionsPerOrigin ? { connectionsPerOrigin: options.connectionsPerOrigin } : {},
  );
  const metrics = new Metrics();
  const servesApi = env.RINGPOST_ROLE === 'all' || env.RINGPOST_ROLE === 'api';
  const runsWorker = env.RINGPOST_ROLE === 'all' || env.RINGPOST_ROLE === 'worker';
  // Workers in other processes hear of new deliveries through NOTIFY; one in this process is woken
  // directly, which is sooner and, on the embedded database, saves a statement on its only thread.
  const notify = database.kind === 'postgres' ? createWorkerNudge(db, logger) : () => undefined;
  const ingested = new LiveChangePublisher(db, logger);
  // PGlite runs one statement at a time; a PostgreSQL pool runs a few batches at once.
  const batchConcurrency = database.kind === 'postgres' ? 3 : 1;
  let worker: DeliveryWorker | undefined;

  const deps: AppDeps = {
    db,
    env,
    logger,
    urlGuard,
    sender,
    metrics,
    secretBox,
    ingestion: new IngestionBatcher(
      db,
      (deliveries) => {
        notify();
        worker?.wake();
        for (const { organisationId, ...delivery } of deliveries)
          ingested.add({ organisationId, deliveries: [delivery] });
      },
      { concurrency: batchConcurrency },
    ),
    ping: () => database.ping(),
    ...(options.passwordCost ? { passwordCost: options.passwordCost } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  const app = servesApi
    ? createApp(deps, { serveClient: options.serveClient ?? false })
    : createOperationalApp(deps);

  // Run in this order at stop; what start() adds goes first where it must stop first.
  const stops: (() => Promise<void>)[] = [];
  const background: (() => Promise<void>)[] = [];

  async function startWorker(tuning: WorkerTuning = {}): Promise<DeliveryWorker> {
    if (worker) return worker;
    const started = new DeliveryWorker({
      db,
      sender,
      secretBox,
      logger,
      metrics,
      retrySchedule: env.RINGPOST_RETRY_SCHEDULE,
      timeoutMs: env.RINGPOST_DELIVERY_TIMEOUT,
      perOrganisation: env.RINGPOST_MAX_IN_FLIGHT_PER_ORG,
      recordConcurrency: batchConcurrency,
      handOnLanes: database.kind === 'postgres',
      ...options.worker,
      ...tuning,
      ...(options.now ? { now: options.now } : {}),
    });
    const unlisten = await database.listen(DELIVERIES_CHANNEL, () => started.wake());
    started.start();
    worker = started;
    // Stop claiming first, finish (or release) what is in flight, then stop listening.
    stops.unshift(async () => {
      await started.stop();
      await unlisten();
    });
    return started;
  }

  return {
    deps,
    app,
    get worker() {
      return worker;
    },
    startWorker,
    async start() {
      if (servesApi) {
        // One LISTEN per API process feeds every open GET /live stream (docs/decisions/0014).
        const live = await LiveHub.start((channel, on) => database.listen(channel, on), logger);
        deps.live = live;
        // First: open streams would hold the server's close open; browsers reconnect after `retry`.
        stops.unshift(() => live.close());
        background.push(startMaintenance(db, logger, { retentionMs: env.RINGPOST_RETENTION }));
      }
      if (runsWorker) {
        const started = await startWorker();
        const retryJobs = new RetryJobRunner({ db, logger });
        retryJobs.start();
        stops.unshift(() => retryJobs.stop());
        logger.info('delivery worker started', { workerId: started.workerId });
      }
    },
    async stop(closeServer) {
      for (const stop of stops.splice(0)) await stop();
      await closeServer?.();
      for (const stop of background.splice(0)) await stop();
      await sender.close();
      await ingested.flush();
    },
  };
}
