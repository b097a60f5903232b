/**
 * `npm run bench:start`: how long `npm start` takes to answer, on a data directory that already exists
 * (the everyday restart), measured from spawning the process to the first 200 from GET /readyz. In the
 * same run, and interleaved with it so that both see the same machine load, a bare Hono server on
 * @hono/node-server started the same way, as one esbuild bundle run by node
 * (scripts/bench/readyz-baseline.ts): the ratio to it is what to compare across days and machines.
 * The goal is 1.0 s from spawn to the first 200 (docs/decisions/0019-server-starts-from-a-bundle.md).
 *
 * The server's own 'listening' log line says where its time went (`startupMs`, from process start):
 * modules (loading and evaluating code before main() runs), databaseOpen, migrations, seedAndReseal,
 * listen (the app, background work and the socket), total.
 *
 *   BENCH_RUNS (default 5)   BENCH_POLL_MS (default 5)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 5);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What `npm start` runs (package.json), without npm's own start-up in front of it. */
const RINGPOST = ['scripts/start.mjs'];
/** Bundled in main() beside the data directory, as scripts/build-server.mjs bundles the server. */
const BASELINE_SOURCE = join(ROOT, 'scripts', 'bench', 'readyz-baseline.ts');
const GOAL_MS = 1_000;
const PHASES = [
  'modules',
  'databaseOpen',
  'migrations',
  'seedAndReseal',
  'listen',
  'total',
  'mainToListening',
];

interface Run {
  /** Spawn to the first 200 from /readyz. */
  readyMs: number;
  /** The server's own account, from its 'listening' line (Ringpost only). */
  startupMs: Record<string, number>;
  /** start.mjs rebuilt the SPA during this run (someone changed its sources): not a restart. */
  rebuilt: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One GET /readyz on a fresh connection: true for a 200; false for a refused connection or any other answer. */
function readyOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/readyz', agent: false, timeout: 2_000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function listeningLine(output: string): Record<string, number> {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { msg?: string; startupMs?: unknown };
    if (entry.msg !== 'listening') continue;
    // Before the breakdown existed, startupMs was one number, from main() to listening.
    if (typeof entry.startupMs === 'number') return { mainToListening: entry.startupMs };
    return (entry.startupMs ?? {}) as Record<string, number>;
  }
  return {};
}

async function startOnce(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => resolve((exitCode = code))),
  );

  let readyMs: number | undefined;
  while (exitCode === undefined) {
    if (await readyOnce(port)) {
      readyMs = performance.now() - started;
      break;
    }
    await sleep(POLL_MS);
  }
  if (readyMs === undefined) throw new Error(`${args.join(' ')} exited (${exitCode}):\n${output}`);
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`${args.join(' ')} stopped with ${code}:\n${output}`);
  return {
    readyMs,
    startupMs: listeningLine(output),
    rebuilt: output.includes('Building the web app'),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (index: number) => sorted[index] ?? Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
};
const worst = (values: number[]) => Math.max(...values);
const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ringpost-bench-start-'));
  // In the repository's dist/ so that its package imports resolve from node_modules, as the server's do.
  const baselineBundle = join(ROOT, 'dist', 'bench', 'readyz-baseline.mjs');
  await build({
    entryPoints: [BASELINE_SOURCE],
    outfile: baselineBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const BASELINE = [baselineBundle];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    RINGPOST_ROLE: 'all',
    // The embedded database: the start this measures is `npm install && npm start`'s.
    DATABASE_URL: '',
    // Chosen, so that the first start prints no password.
    RINGPOST_ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
  };
  try {
    console.log(`Ringpost start benchmark: ${RUNS} starts on an existing data directory`);
    console.log(
      `load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    // Creates the database (initdb, migrations, seed) and, if needed, the SPA build: not measured.
    const first = await startOnce(RINGPOST, env);
    console.log(`prepared ${dataDir} (first start: ${ms(first.readyMs)})`);

    const ringpost: Run[] = [];
    const baseline: Run[] = [];
    while (ringpost.length < RUNS) {
      baseline.push(await startOnce(BASELINE, env));
      const run = await startOnce(RINGPOST, env);
      if (run.rebuilt)
        console.log('(a run rebuilt the SPA, whose sources changed meanwhile: run again)');
      else ringpost.push(run);
    }
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );

    const ready = ringpost.map((run) => run.readyMs);
    const floor = baseline.map((run) => run.readyMs);
    console.log(
      `| spawn → first 200 from /readyz | median | worst of ${RUNS} | × baseline (median) |`,
    );
    console.log('|---|---|---|---|');
    console.log(
      `| Ringpost (\`node ${RINGPOST.join(' ')}\`) | ${ms(median(ready))} | ${ms(worst(ready))} | ${(median(ready) / median(floor)).toFixed(2)} |`,
    );
    console.log(
      `| baseline: Hono alone, bundled the same way | ${ms(median(floor))} | ${ms(worst(floor))} | 1.00 |`,
    );
    console.log(
      `\ngoal: ≤ ${GOAL_MS} ms → ${median(ready) <= GOAL_MS ? 'met' : '**not met**'} (median ${ms(median(ready))}, worst ${ms(worst(ready))})`,
    );

    console.log(`\n| Ringpost's startupMs (its 'listening' line) | median | worst of ${RUNS} |`);
    console.log('|---|---|---|');
    for (const phase of PHASES) {
      const values = ringpost
        .map((run) => run.startupMs[phase])
        .filter((value): value is number => typeof value === 'number');
      if (values.length) console.log(`| ${phase} | ${ms(median(values))} | ${ms(worst(values))} |`);
    }
    const after = ringpost.flatMap(({ readyMs, startupMs: { total } }) =>
      total === undefined ? [] : [readyMs - total],
    );
    if (after.length)
      console.log(
        `| spawn → first 200, less total (process spawn, the first /readyz) | ${ms(median(after))} | ${ms(worst(after))} |`,
      );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
