/**
 * `npm run bench:delivery`: the delivery engine against the raw undici POST ceiling measured in the same
 * run against the same receiver. The receiver and every engine are processes of their own
 * (scripts/bench/receiver.mjs, scripts/bench/engine-process.ts, built with createRuntime), so that the
 * engine's peak RSS is its own and several workers can share one PostgreSQL queue.
 *
 *   (default)             closed loop: BENCH_PUBLISHERS publishers (8) each wait for their answer, as
 *                         many events as BENCH_EVENTS (5000); embedded, then PostgreSQL
 *   BENCH_RATE=1000       open loop: one event every 1/rate s whatever the answers; ingest → received
 *   BENCH_WORKERS=1,2,4   PostgreSQL only: one ingesting process (RINGPOST_ROLE=api) and N worker
 *                         processes; deliveries/s, the workers' database time against HTTP, duplicates
 *   --all                 one markdown table per goal: throughput, open loop (PostgreSQL at 1,000/s,
 *                         embedded at 500/s), scale-out (1, 2, 4 workers), peak RSS (as --memory)
 *   --memory              only the peak RSS table: the engine process's peak RSS from the first event
 *                         published to the last delivery received, at each of BENCH_MEMORY_EVENTS
 *                         (5000,50000), each BENCH_MEMORY_REPEATS times (1), and how much it grows
 *
 *   The embedded database is on disk in a temporary directory, as `npm start` runs it (removed after
 *   each run); BENCH_EMBEDDED=memory runs PGlite in memory instead, where the database's files are
 *   ArrayBuffers in the engine process and its RSS grows with the data by design.
 *   BENCH_ENGINE_ARGS: Node flags for the engine processes, e.g. "--max-old-space-size=128".
 *
 *   BENCH_ENDPOINTS (4)   TEST_DATABASE_URL (PostgreSQL; skipped if unset)   BENCH_CEILING_REQUESTS (20000)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { EXAMPLE_PAYLOADS } from '../src/contract/call-event-examples';
import { EVENT_TYPES } from '../src/contract/event-types';
import { withScratchPostgresUrl } from './bench/scratch-postgres';
import type { EngineReply, EngineRequest, EngineStats } from './bench/engine-protocol';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 4);
const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 8);
const CEILING_REQUESTS = Number(process.env.BENCH_CEILING_REQUESTS ?? 20_000);
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const WORKERS = process.env.BENCH_WORKERS?.split(',').map(Number);
const MEMORY_EVENTS = (process.env.BENCH_MEMORY_EVENTS ?? '5000,50000').split(',').map(Number);
const MEMORY_REPEATS = Number(process.env.BENCH_MEMORY_REPEATS ?? 1);
const EMBEDDED_IN_MEMORY = process.env.BENCH_EMBEDDED === 'memory';
const ENGINE_ARGS = process.env.BENCH_ENGINE_ARGS?.split(' ').filter(Boolean) ?? [];
const ALL = process.argv.includes('--all');
const MEMORY = process.argv.includes('--memory');
/** A run whose receiver sees nothing new for this long has stalled: fail rather than wait for ever. */
const STALL_MS = 60_000;

type Database = 'embedded' | 'postgres';
const LABEL: Record<Database, string> = { embedded: 'embedded (PGlite)', postgres: 'PostgreSQL' };

const stamp = () => performance.timeOrigin + performance.now();

/** Sends `message` (if any) and resolves with the child's first reply of `type`. */
function ask<T>(child: ChildProcess, type: string, message?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { type: string }) => {
      if (reply.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(reply as T);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`a benchmark process exited (${code}) before answering ${type}`));
    child.on('message', onMessage);
    child.once('exit', onExit);
    if (message) child.send(message);
  });
}

const engineAsk = <K extends EngineReply['type']>(
  child: ChildProcess,
  type: K,
  message?: EngineRequest,
) => ask<Extract<EngineReply, { type: K }>>(child, type, message);

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

/**
 * The floor (scripts/bench/floor-process.ts) on one database: deliveries per second for `events` events
 * from PUBLISHERS publishers, with as many senders as the engine's in-flight caps allow (8 per endpoint).
 */
async function runFloor(receiver: ChildProcess, port: number, url: string | undefined) {
  const dataDir = url ? undefined : mkdtempSync(join(tmpdir(), 'ringpost-floor-'));
  const floor = fork(join(import.meta.dirname, 'bench', 'floor-process.ts'), {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(url ? { BENCH_DATABASE_URL: url } : {}),
      ...(dataDir ? { BENCH_DATA_DIR: dataDir } : {}),
    },
  });
  try {
    await ask(floor, 'ready');
    await ask(floor, 'started', { type: 'start', receiverPort: port, senders: 8 * ENDPOINTS });
    await ask(receiver, 'reset', { type: 'reset' });
    const bodies = EVENT_TYPES.map((eventType) => JSON.stringify(EXAMPLE_PAYLOADS[eventType]));
    const started = performance.now();
    await ask(floor, 'published', {
      type: 'publish',
      bodies,
      events: EVENTS,
      publishers: PUBLISHERS,
    });
    for (;;) {
      const stats = await ask<{ count: number }>(receiver, 'stats', { type: 'stats' });
      if (stats.count >= EVENTS) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return EVENTS / ((performance.now() - started) / 1000);
  } finally {
    floor.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

function startEngine(
  role: 'all' | 'api' | 'worker',
  url: string | undefined,
  secretKey: string,
  dataDir: string | undefined,
) {
  return fork(join(import.meta.dirname, 'bench', 'engine-process.ts'), {
    execArgv: ['--import', 'tsx', ...ENGINE_ARGS],
    stdio: 'inherit',
    env: {
      ...process.env,
      BENCH_ROLE: role,
      BENCH_SECRET_KEY: secretKey,
      // Workers on a 2-core machine gain nothing from twenty connections each.
      BENCH_POOL: role === 'worker' ? '8' : '20',
      ...(url ? { BENCH_DATABASE_URL: url } : {}),
      ...(dataDir ? { BENCH_DATA_DIR: dataDir } : {}),
    },
  });
}

interface RunOptions {
  database: Database;
  url?: string;
  events: number;
  rate?: number;
  /** Worker processes beside one ingesting process; unset: one process does both. */
  workers?: number;
}

interface RunResult {
  events: number;
  perSecond: number;
  ingestPerSecond: number;
  p50: number;
  p99: number;
  /** How far the open loop's publisher fell behind its schedule, at worst (ms). */
  behindMs: number;
  duplicates: number;
  /** The engine process's peak RSS over its life, start included (with workers: the ingesting one's). */
  maxRssMb: number;
  /** The same process's peaks from the first event published to the last delivery received (MB). */
  run: { rssMb: number; heapUsedMb: number; externalMb: number; arrayBuffersMb: number };
  /** What the same process still held after a full collection at the end (MB). */
  retained: { heapUsedMb: number; externalMb: number };
  /** Summed over the processes that run workers. */
  workerStats: EngineStats;
}

async function run(receiver: ChildProcess, port: number, options: RunOptions): Promise<RunResult> {
  const secretKey = randomBytes(32).toString('base64');
  // Made and removed here, not in the engine, so that a run that fails leaves nothing behind.
  const dataDir =
    options.database === 'embedded' && !EMBEDDED_IN_MEMORY
      ? mkdtempSync(join(tmpdir(), 'ringpost-bench-'))
      : undefined;
  const ingesting = startEngine(options.workers ? 'api' : 'all', options.url, secretKey, dataDir);
  const workers = Array.from({ length: options.workers ?? 0 }, () =>
    startEngine('worker', options.url, secretKey, undefined),
  );
  const everyone = [ingesting, ...workers];
  try {
    // Each migrates the database at start (under an advisory lock on PostgreSQL).
    await Promise.all(everyone.map((child) => engineAsk(child, 'ready')));
    const seeded = await engineAsk(ingesting, 'seeded', {
      type: 'seed',
      endpoints: ENDPOINTS,
      receiverPort: port,
    });
    const deliverers = options.workers ? workers : [ingesting];
    for (const child of deliverers)
      await engineAsk(child, 'worker-started', { type: 'start-worker' });
    await ask(receiver, 'reset', { type: 'reset' });

    const ingestedAt = new Map<string, number>();
    const onStamps = (reply: EngineReply) => {
      if (reply.type === 'stamps') for (const [id, at] of reply.stamps) ingestedAt.set(id, at);
    };
    ingesting.on('message', onStamps);
    const startedAt = stamp();
    const published = await engineAsk(ingesting, 'published', {
      type: 'publish',
      organisationId: seeded.organisationId,
      agentIds: seeded.agentIds,
      events: options.events,
      publishers: PUBLISHERS,
      ...(options.rate ? { rate: options.rate } : {}),
    });
    ingesting.off('message', onStamps);

    let seen = 0;
    let progressAt = Date.now();
    for (;;) {
      const stats = await ask<{ unique: number }>(receiver, 'stats', { type: 'stats' });
      if (stats.unique >= options.events) break;
      if (stats.unique > seen) [seen, progressAt] = [stats.unique, Date.now()];
      else if (Date.now() - progressAt > STALL_MS)
        throw new Error(`stalled at ${stats.unique} of ${options.events} deliveries`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { arrivals } = await ask<{ arrivals: [string, number][] }>(receiver, 'arrivals', {
      type: 'arrivals',
    });
    let lastArrival = 0;
    const latencies: number[] = [];
    for (const [id, at] of arrivals) {
      lastArrival = Math.max(lastArrival, at);
      const ingested = ingestedAt.get(id);
      if (ingested !== undefined) latencies.push(at - ingested);
    }
    latencies.sort((a, b) => a - b);

    const stopped = await Promise.all(
      everyone.map((child) => engineAsk(child, 'stopped', { type: 'stop' })),
    );
    // After the workers stopped: a late repeat (a lease that expired) would have arrived by now.
    const { duplicates } = await ask<{ duplicates: number }>(receiver, 'stats', { type: 'stats' });
    const deliverersStats = options.workers ? stopped.slice(1) : stopped;
    const workerStats = deliverersStats.reduce(
      (sum, { stats }) => ({
        maxRssKb: Math.max(sum.maxRssKb, stats.maxRssKb),
        runPeakRssKb: Math.max(sum.runPeakRssKb, stats.runPeakRssKb),
        runPeakHeapUsedKb: Math.max(sum.runPeakHeapUsedKb, stats.runPeakHeapUsedKb),
        runPeakExternalKb: Math.max(sum.runPeakExternalKb, stats.runPeakExternalKb),
        runPeakArrayBuffersKb: Math.max(sum.runPeakArrayBuffersKb, stats.runPeakArrayBuffersKb),
        retainedHeapUsedKb: Math.max(sum.retainedHeapUsedKb, stats.retainedHeapUsedKb),
        retainedExternalKb: Math.max(sum.retainedExternalKb, stats.retainedExternalKb),
        statements: sum.statements + stats.statements,
        databaseMs: sum.databaseMs + stats.databaseMs,
        sends: sum.sends + stats.sends,
        httpMs: sum.httpMs + stats.httpMs,
        eventLoopUtilisation: sum.eventLoopUtilisation + stats.eventLoopUtilisation,
      }),
      {
        maxRssKb: 0,
        runPeakRssKb: 0,
        runPeakHeapUsedKb: 0,
        runPeakExternalKb: 0,
        runPeakArrayBuffersKb: 0,
        retainedHeapUsedKb: 0,
        retainedExternalKb: 0,
        statements: 0,
        databaseMs: 0,
        sends: 0,
        httpMs: 0,
        eventLoopUtilisation: 0,
      },
    );
    workerStats.eventLoopUtilisation /= deliverersStats.length;
    return {
      events: options.events,
      perSecond: options.events / ((lastArrival - startedAt) / 1000),
      ingestPerSecond: options.events / published.seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      behindMs: published.behindMs,
      duplicates,
      maxRssMb: (stopped[0]?.stats.maxRssKb ?? 0) / 1024,
      run: {
        rssMb: (stopped[0]?.stats.runPeakRssKb ?? 0) / 1024,
        heapUsedMb: (stopped[0]?.stats.runPeakHeapUsedKb ?? 0) / 1024,
        externalMb: (stopped[0]?.stats.runPeakExternalKb ?? 0) / 1024,
        arrayBuffersMb: (stopped[0]?.stats.runPeakArrayBuffersKb ?? 0) / 1024,
      },
      retained: {
        heapUsedMb: (stopped[0]?.stats.retainedHeapUsedKb ?? 0) / 1024,
        externalMb: (stopped[0]?.stats.retainedExternalKb ?? 0) / 1024,
      },
      workerStats,
    };
  } finally {
    for (const child of everyone) if (child.exitCode === null) child.kill();
    // After the engine is gone: PGlite holds its files until then.
    if (dataDir) {
      const running = everyone.filter(
        (child) => child.exitCode === null && child.signalCode === null,
      );
      await Promise.all(
        running.map((child) => new Promise((resolve) => child.once('exit', resolve))),
      );
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

/** Runs on the embedded database (unless `postgresOnly`) and on a scratch PostgreSQL database each. */
async function onEach(
  receiver: ChildProcess,
  port: number,
  options: Omit<RunOptions, 'database' | 'url'>,
  rates: Partial<Record<Database, number>> = {},
  postgresOnly = false,
): Promise<{ database: Database; result: RunResult }[]> {
  const results: { database: Database; result: RunResult }[] = [];
  if (!postgresOnly) {
    const rate = rates.embedded ?? options.rate;
    results.push({
      database: 'embedded',
      result: await run(receiver, port, {
        ...options,
        database: 'embedded',
        ...(rate ? { rate } : {}),
      }),
    });
  }
  const rate = rates.postgres ?? options.rate;
  const onPostgres = await withScratchPostgresUrl((url) =>
    run(receiver, port, { ...options, database: 'postgres', url, ...(rate ? { rate } : {}) }),
  );
  if (onPostgres) results.push({ database: 'postgres', result: onPostgres });
  return results;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mark = (ok: boolean) => (ok ? 'yes' : '**no**');

function table(headers: string[], rows: string[][]) {
  console.log(`\n| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

function shares(stats: EngineStats) {
  const total = stats.databaseMs + stats.httpMs;
  return {
    database: total > 0 ? stats.databaseMs / total : 0,
    http: total > 0 ? stats.httpMs / total : 0,
  };
}

const receiver = fork(join(import.meta.dirname, 'bench', 'receiver.mjs'), { stdio: 'inherit' });
try {
  const { port } = await ask<{ port: number }>(receiver, 'ready');
  if (!process.env.TEST_DATABASE_URL)
    console.log('TEST_DATABASE_URL is not set: PostgreSQL skipped');
  console.log(
    `Ringpost delivery benchmark: ${ENDPOINTS} endpoints, ${PUBLISHERS} publishers in the closed loop; receiver and engines in processes of their own`,
  );
  const ceiling = await rawCeiling(port, 16);
  const ceiling1 = await rawCeiling(port, 1);
  console.log(
    `raw undici POST ceiling: ${ceiling.toFixed(0)}/s at 16 in flight, ${ceiling1.toFixed(0)}/s at 1 in flight`,
  );
  const ratio = (perSecond: number) => (perSecond / ceiling).toFixed(3);

  if (ALL || (!MEMORY && !RATE && !WORKERS)) {
    const closed = await onEach(receiver, port, { events: EVENTS });
    // The floor on each database, after the engine's runs so that neither warms the other's disk cache.
    const floor: Partial<Record<Database, number>> = {
      embedded: await runFloor(receiver, port, undefined),
    };
    const onPostgres = await withScratchPostgresUrl((url) => runFloor(receiver, port, url));
    if (onPostgres !== undefined) floor.postgres = onPostgres;
    console.log(`\n### Throughput, closed loop (${EVENTS} events)`);
    const goal: Record<Database, number> = { embedded: 0.1, postgres: 0.25 };
    table(
      [
        'database',
        'deliveries/s',
        `× ceiling (${ceiling.toFixed(0)}/s)`,
        'goal',
        'met',
        'ingest/s',
        'p50',
        'p99',
        'duplicates',
        'peak RSS (run)',
        'floor/s',
        'engine ÷ floor',
      ],
      closed.map(({ database, result: r }) => [
        LABEL[database],
        r.perSecond.toFixed(0),
        ratio(r.perSecond),
        `≥ ${goal[database]}`,
        mark(r.perSecond / ceiling >= goal[database]),
        r.ingestPerSecond.toFixed(0),
        ms(r.p50),
        ms(r.p99),
        String(r.duplicates),
        `${r.run.rssMb.toFixed(0)} MB`,
        `${floor[database]?.toFixed(0) ?? '–'} (${ratio(floor[database] ?? 0)} ×)`,
        floor[database] ? (r.perSecond / floor[database]).toFixed(2) : '–',
      ]),
    );
    console.log(
      '\nThe floor (scripts/bench/floor-process.ts): the same events and publishers through one batched insert, an in-memory hand-off, a signed POST and one batched update each — what the machine allows before validation, order, caps, leases and the attempt record.',
    );
  }

  if (ALL || RATE) {
    const rates = ALL ? { embedded: 500, postgres: 1_000 } : {};
    const open = await onEach(
      receiver,
      port,
      { events: EVENTS, ...(RATE ? { rate: RATE } : {}) },
      rates,
    );
    console.log(`\n### Open loop (${EVENTS} events at a fixed rate; latency ingest → received)`);
    table(
      ['database', 'rate/s', 'deliveries/s', 'kept up', 'p50', 'p99', 'goal', 'met', 'duplicates'],
      open.map(({ database, result: r }) => {
        const rate = rates[database] ?? RATE ?? 0;
        // Kept up: the publisher never fell a second behind, and deliveries kept pace with it.
        const keptUp = r.behindMs < 1_000 && r.perSecond >= 0.95 * rate;
        const goal = database === 'postgres' ? 'p50 ≤ 5 ms, p99 ≤ 25 ms' : 'p99 ≤ 50 ms';
        const met =
          database === 'postgres' ? r.p50 <= 5 && r.p99 <= 25 && keptUp : r.p99 <= 50 && keptUp;
        return [
          LABEL[database],
          String(rate),
          r.perSecond.toFixed(0),
          mark(keptUp),
          ms(r.p50),
          ms(r.p99),
          goal,
          mark(met),
          String(r.duplicates),
        ];
      }),
    );
  }

  if ((ALL || WORKERS) && process.env.TEST_DATABASE_URL) {
    const counts = WORKERS ?? [1, 2, 4];
    const rows: string[][] = [];
    for (const workers of counts) {
      const r = await withScratchPostgresUrl((url) =>
        run(receiver, port, { database: 'postgres', url, events: EVENTS, workers }),
      );
      if (!r) continue;
      const share = shares(r.workerStats);
      rows.push([
        String(workers),
        r.perSecond.toFixed(0),
        ratio(r.perSecond),
        r.ingestPerSecond.toFixed(0),
        ms(r.p50),
        ms(r.p99),
        (r.workerStats.statements / r.events).toFixed(2),
        `${(share.database * 100).toFixed(0)} % / ${(share.http * 100).toFixed(0)} %`,
        `${(r.workerStats.eventLoopUtilisation * 100).toFixed(0)} %`,
        String(r.duplicates),
      ]);
    }
    console.log(
      `\n### Scale-out on PostgreSQL (${EVENTS} events, one ingesting process, N worker processes)`,
    );
    table(
      [
        'workers',
        'deliveries/s',
        '× ceiling',
        'ingest/s',
        'p50',
        'p99',
        'worker statements / delivery',
        'workers: database / HTTP time',
        'worker event loop busy',
        'sent twice',
      ],
      rows,
    );
    console.log(
      '\n(Database and HTTP time are summed client-observed times in the worker processes, concurrent ones adding up; signing is neither, and is under 2 % of CPU.)',
    );
  }

  if (ALL || MEMORY) {
    const rows: string[][] = [];
    // Run peaks in MB by database, then by number of events, one per repeat.
    const peaks = new Map<Database, Map<number, number[]>>();
    const mb = (value: number) => `${value.toFixed(0)} MB`;
    // Repeats go round every size in turn, so that a busy spell on the machine does not fall on one size.
    for (let repeat = 1; repeat <= MEMORY_REPEATS; repeat++) {
      for (const events of MEMORY_EVENTS) {
        for (const { database, result: r } of await onEach(receiver, port, { events })) {
          const bySize = peaks.get(database) ?? new Map<number, number[]>();
          bySize.set(events, [...(bySize.get(events) ?? []), r.run.rssMb]);
          peaks.set(database, bySize);
          rows.push([
            LABEL[database],
            String(events),
            String(repeat),
            mb(r.run.rssMb),
            mb(r.run.heapUsedMb),
            mb(r.run.externalMb),
            mb(r.run.arrayBuffersMb),
            `${mb(r.retained.heapUsedMb)} / ${mb(r.retained.externalMb)}`,
            mb(r.maxRssMb),
            r.perSecond.toFixed(0),
          ]);
        }
      }
    }
    console.log(
      `\n### Peak RSS of the engine process (closed loop; embedded ${EMBEDDED_IN_MEMORY ? 'in memory' : 'on disk'})`,
    );
    table(
      [
        'database',
        'events',
        'run',
        'peak RSS',
        'V8 heap used',
        'external',
        'ArrayBuffers',
        'kept after GC: heap / external',
        'peak RSS with the start',
        'deliveries/s',
      ],
      rows,
    );
    console.log(
      '\n(Peaks from the first event published to the last delivery received, after a full collection of what the start left — initdb, migrations —, which only "with the start" includes. External memory includes ArrayBuffers and WebAssembly memory. "Kept after GC": after a full collection once every delivery arrived, the worker still running.)',
    );
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2
        ? (sorted[middle] ?? 0)
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
    };
    for (const [database, bySize] of peaks) {
      const medians = MEMORY_EVENTS.map((events) => median(bySize.get(events) ?? []));
      const spreads = MEMORY_EVENTS.map((events) => {
        const values = bySize.get(events) ?? [];
        return values.length > 1 ? ` (${mb(Math.min(...values))}–${mb(Math.max(...values))})` : '';
      });
      const growth = (medians.at(-1) ?? 0) / (medians[0] || 1);
      console.log(
        `${LABEL[database]}: peak RSS ${MEMORY_EVENTS.map((events, i) => `${mb(medians[i] ?? 0)}${spreads[i]} at ${events}`).join(', ')} events${MEMORY_REPEATS > 1 ? ` (median of ${MEMORY_REPEATS})` : ''}: × ${growth.toFixed(2)}`,
      );
    }
  }
} finally {
  receiver.kill();
}
