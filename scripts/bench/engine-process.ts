/**
 * One Ringpost engine process of the delivery benchmark, forked by scripts/bench-delivery.ts and driven
 * over IPC. In a process of its own so that its peak RSS is its own (not the benchmark's bookkeeping),
 * and so that several worker processes can share one PostgreSQL queue as production's do.
 *
 * Built with createRuntime, the composition root main.ts uses, for RINGPOST_ROLE `all` (ingestion and
 * a worker, as `npm start`), `api` (ingestion only) or `worker`.
 *
 * It times, with its own wrappers and no engine code, the database statements this process sends
 * (client-observed, from send to answer) and the HTTP attempts (WebhookSender.send), so that the
 * benchmark can say where a worker's time goes.
 *
 * Memory: the run's peak RSS is the kernel's high-water mark (VmHWM), reset when publishing starts, so
 * that it leaves out the start (PGlite's initdb and the migrations peak far above the steady state)
 * and answers what grows with the number of events. The V8 heap, external memory and ArrayBuffers are
 * sampled beside it, to say which of them grows.
 *
 *   BENCH_DATABASE_URL (PostgreSQL), or BENCH_DATA_DIR (the embedded database on disk, as `npm start`
 *   runs it; the parent creates and removes it), BENCH_SECRET_KEY (base64, shared by every process),
 *   BENCH_ROLE (all | api | worker), BENCH_POOL (connections, PostgreSQL), BENCH_HEAP_SNAPSHOT (a
 *   directory: a heap snapshot there after the run's final collection)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { EVENT_TYPES } from '../../src/contract/event-types';
import { openDatabase } from '../../src/server/db/database';
import { insertAgent } from '../../src/server/db/queries/agents';
import { upsertAgentWebhook } from '../../src/server/db/queries/agent-webhooks';
import { insertOrganisation } from '../../src/server/db/queries/organisations';
import { insertWebhook } from '../../src/server/db/queries/webhooks';
import { parseEnv } from '../../src/server/env';
import { createLogger } from '../../src/server/logger';
import { createRuntime } from '../../src/server/runtime';
import { SecretBox } from '../../src/server/security/secret-box';
import { generateWebhookSecret } from '../../src/server/security/tokens';
import { sealSecret } from '../../src/server/security/webhook-credentials';
import { scenarioEvent } from '../../src/server/testing/bench-scenario';
import type { EngineReply, EngineRequest, EngineStats } from './engine-protocol';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR;
const secretKey = process.env.BENCH_SECRET_KEY ?? '';
const role = (process.env.BENCH_ROLE ?? 'all') as 'all' | 'api' | 'worker';

// ---- Timers of the benchmark's own: statements and HTTP attempts, summed across concurrent ones.
let statements = 0;
let databaseMs = 0;
let sends = 0;
let httpMs = 0;
function timed<T>(promise: Promise<T>, done: (ms: number) => void): Promise<T> {
  const started = performance.now();
  return promise.finally(() => done(performance.now() - started));
}
const countStatement = (ms: number) => {
  statements++;
  databaseMs += ms;
};
if (databaseUrl) {
  // node-postgres: the pool calls client.query(text, values, callback); drizzle's own calls pass none.
  // Read without binding: it is called below with each client as `this`.
  const query = Reflect.get(pg.Client.prototype, 'query') as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (
    this: pg.Client,
    ...args: unknown[]
  ) {
    const started = performance.now();
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...results: unknown[]) => {
        countStatement(performance.now() - started);
        (callback as (...r: unknown[]) => void)(...results);
      };
      return query.apply(this, args);
    }
    const result = query.apply(this, args);
    return result instanceof Promise ? timed(result, countStatement) : result;
  };
} else {
  const query: PGlite['query'] = Reflect.get(PGlite.prototype, 'query');
  PGlite.prototype.query = function (this: PGlite, ...args: Parameters<PGlite['query']>) {
    return timed(query.apply(this, args), countStatement);
  } as PGlite['query'];
}

const env = parseEnv({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  RINGPOST_ROLE: role,
  RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8',
  RINGPOST_RETRY_SCHEDULE: '0s,5s,5m',
  RINGPOST_DELIVERY_TIMEOUT: '15s',
  RINGPOST_SECRET_KEY: secretKey,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const handle = await openDatabase(
  databaseUrl
    ? { kind: 'postgres', url: databaseUrl, poolSize: Number(process.env.BENCH_POOL ?? 20) }
    : dataDir
      ? { kind: 'embedded', dataDir }
      : { kind: 'embedded-memory' },
);
await handle.migrate();
const secretBox = SecretBox.fromBase64(secretKey);
const runtime = createRuntime(env, handle, {
  logger: createLogger('silent'),
  secretBox,
  connectionsPerOrigin: 16,
});
const { sender } = runtime.deps;
const send = sender.send.bind(sender);
sender.send = (input) =>
  timed(send(input), (ms) => {
    sends++;
    httpMs += ms;
  });

const reply = (message: EngineReply) => process.send?.(message);
const eluStart = performance.eventLoopUtilization();

// ---- Memory. The kernel keeps the peak RSS (VmHWM) exactly; writing 5 to clear_refs resets it (Linux).
const procStatus = '/proc/self/status';
function kernelPeakRssKb(): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(procStatus, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
// A full collection on demand, without starting the process with --expose-gc: the run's peaks must not
// count garbage the start left (a fresh data directory's initdb instance, ~400 MB of external memory),
// and what is left after one at the end is what the run kept.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');

let runPeakExact = false;
/** The peak before the run's began: resetting the kernel's high-water mark resets getrusage's too. */
let startPeakKb = 0;
const runPeak = { rssKb: 0, heapUsedKb: 0, externalKb: 0, arrayBuffersKb: 0 };
function sampleMemory() {
  const m = process.memoryUsage();
  runPeak.rssKb = Math.max(runPeak.rssKb, m.rss / 1024);
  runPeak.heapUsedKb = Math.max(runPeak.heapUsedKb, m.heapUsed / 1024);
  runPeak.externalKb = Math.max(runPeak.externalKb, m.external / 1024);
  runPeak.arrayBuffersKb = Math.max(runPeak.arrayBuffersKb, m.arrayBuffers / 1024);
}
let sampler: NodeJS.Timeout | undefined;

/**
 * Full collections until external memory stops falling: a fresh data directory's initdb instance is
 * freed only a few collections after PGlite.create returns.
 */
async function settle() {
  let lowest = Infinity;
  for (let round = 0, steady = 0; round < 20 && steady < 5; round++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { external } = process.memoryUsage();
    if (external < lowest * 0.99) [lowest, steady] = [external, 0];
    else steady++;
  }
}

/** From now on, peaks are the run's: the start's are left behind. */
async function startRunPeak() {
  await settle();
  startPeakKb = Math.max(startPeakKb, kernelPeakRssKb() ?? process.resourceUsage().maxRSS);
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    runPeakExact = kernelPeakRssKb() !== undefined;
  } catch {
    runPeakExact = false;
  }
  Object.assign(runPeak, { rssKb: 0, heapUsedKb: 0, externalKb: 0, arrayBuffersKb: 0 });
  sampleMemory();
  sampler ??= setInterval(sampleMemory, 50);
  sampler.unref();
}

/** The run's peaks, and what is still in use after a full collection, once every delivery arrived. */
let runEnd: { peakRssKb: number; heapUsedKb: number; externalKb: number } | undefined;
function endRun() {
  sampleMemory();
  clearInterval(sampler);
  const peakRssKb = (runPeakExact ? kernelPeakRssKb() : undefined) ?? runPeak.rssKb;
  collectGarbage();
  const m = process.memoryUsage();
  runEnd = { peakRssKb, heapUsedKb: m.heapUsed / 1024, externalKb: m.external / 1024 };
  const snapshots = process.env.BENCH_HEAP_SNAPSHOT;
  if (snapshots) {
    const kind = databaseUrl ? 'postgres' : 'embedded';
    console.log(
      `heap snapshot: ${writeHeapSnapshot(`${snapshots}/engine-${kind}-${process.pid}.heapsnapshot`)}`,
    );
  }
}

function stats(): EngineStats {
  const elu = performance.eventLoopUtilization(eluStart);
  const runPeakRssKb = runEnd?.peakRssKb ?? runPeak.rssKb;
  return {
    maxRssKb: Math.max(startPeakKb, runPeakRssKb, process.resourceUsage().maxRSS),
    runPeakRssKb,
    runPeakHeapUsedKb: runPeak.heapUsedKb,
    runPeakExternalKb: runPeak.externalKb,
    runPeakArrayBuffersKb: runPeak.arrayBuffersKb,
    retainedHeapUsedKb: runEnd?.heapUsedKb ?? 0,
    retainedExternalKb: runEnd?.externalKb ?? 0,
    statements,
    databaseMs,
    sends,
    httpMs,
    eventLoopUtilisation: elu.utilization,
  };
}

async function seed(endpoints: number, receiverPort: number) {
  const { db } = handle;
  const organisation = await insertOrganisation(db, `Bench ${process.pid}`);
  const agentIds: string[] = [];
  for (let i = 0; i < endpoints; i++) {
    const id = crypto.randomUUID();
    await insertWebhook(
      db,
      {
        id,
        organisationId: organisation.id,
        url: `http://127.0.0.1:${receiverPort}/e${i}`,
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
        webhookId: id,
        eventTypes: [...EVENT_TYPES],
      },
      new Date(),
    );
    agentIds.push(agent.id);
  }
  return { organisationId: organisation.id, agentIds };
}

/** Wall-clock milliseconds with a fraction, comparable with the receiver's (another process). */
const stamp = () => performance.timeOrigin + performance.now();

/**
 * Publishes the scenario's events: `publishers` at a time, each waiting for its answer (closed loop), or
 * one every 1/rate s whatever the answers (open loop). Ingestion stamps go to the parent in chunks, so
 * that this process keeps none of them.
 */
async function publish(request: Extract<EngineRequest, { type: 'publish' }>) {
  // Made one at a time: an array of every event would be the benchmark's memory, growing with the run.
  const count = request.events;
  const eventAt = (index: number) => scenarioEvent(index, request.agentIds);
  let stamps: [string, number][] = [];
  const flushStamps = () => {
    if (stamps.length > 0) reply({ type: 'stamps', stamps });
    stamps = [];
  };
  const one = async (index: number) => {
    const event = eventAt(index);
    const result = await runtime.deps.ingestion.publish({
      organisationId: request.organisationId,
      event,
      now: new Date(),
      firstDelayMs: 0,
    });
    const at = stamp();
    for (const id of result.deliveryIds) stamps.push([id, at]);
    if (stamps.length >= 1_000) flushStamps();
  };
  const started = performance.now();
  let behindMs = 0;
  if (request.rate) {
    const interval = 1_000 / request.rate;
    // Counted rather than kept: a list of every publish's promise would grow with the run.
    let pending = 0;
    let dispatched = false;
    let failed: Error | undefined;
    let allAnswered: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (allAnswered = resolve));
    for (let i = 0; i < count; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      else behindMs = Math.max(behindMs, -wait);
      pending++;
      void one(i)
        .catch(
          (error: unknown) =>
            (failed ??= error instanceof Error ? error : new Error(String(error))),
        )
        .finally(() => {
          if (--pending === 0 && dispatched) allAnswered();
        });
    }
    dispatched = true;
    if (pending > 0) await answered;
    if (failed) throw failed;
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: request.publishers }, async () => {
        while (next < count) await one(next++);
      }),
    );
  }
  flushStamps();
  return { seconds: (performance.now() - started) / 1000, behindMs };
}

process.on('message', (message: EngineRequest) => {
  void (async () => {
    switch (message.type) {
      case 'seed':
        reply({ type: 'seeded', ...(await seed(message.endpoints, message.receiverPort)) });
        break;
      case 'start-worker':
        await runtime.startWorker();
        // A worker-only process publishes nothing: its run begins here.
        await startRunPeak();
        reply({ type: 'worker-started' });
        break;
      case 'publish':
        await startRunPeak();
        reply({ type: 'published', ...(await publish(message)) });
        break;
      case 'stats':
        reply({ type: 'stats', stats: stats() });
        break;
      case 'stop': {
        // Before stopping: what the running engine holds once every delivery has gone out.
        endRun();
        await runtime.stop();
        const final = stats();
        await handle.close();
        reply({ type: 'stopped', stats: final });
        process.disconnect();
        break;
      }
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
reply({ type: 'ready' });
