/**
 * The benchmark's floor: the least work a delivery can cost on this machine with the guarantee that
 * matters most (stored before the publisher's answer), in a process of its own like an engine's, so that
 * `npm run bench:delivery` can say how far the engine is from what the machine allows, in the same run.
 *
 * Per event: one row inserted (events arriving together share a statement, through the engine's own
 * MicroBatcher), handed to a sender in memory (no claim, no lease), signed with the engine's signing
 * code, POSTed with undici keep-alive to the benchmark's receiver, and marked done (batched the same
 * way). What it leaves out is what the engine adds: validation, the endpoint lookup, per-call order,
 * the in-flight caps, leases that survive a crash, the attempt record and the health rollup. A floor,
 * not a design: a crash here would lose the deliveries in memory.
 *
 *   BENCH_DATABASE_URL (PostgreSQL), or BENCH_DATA_DIR (PGlite on disk, as `npm start` runs it)
 */
import pg from 'pg';
import { Pool } from 'undici';
import { MicroBatcher } from '../../src/server/lib/micro-batcher';
import { signatureHeaders } from '../../src/server/outbound/signing';
import { generateWebhookSecret } from '../../src/server/security/tokens';

export type FloorRequest =
  | { type: 'start'; receiverPort: number; senders: number }
  | { type: 'publish'; bodies: string[]; events: number; publishers: number };

export type FloorReply = { type: 'ready' } | { type: 'started' } | { type: 'published' };

interface Sql {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

async function openSql(): Promise<Sql> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    return { query: (text, params) => pool.query(text, params), close: () => pool.end() };
  }
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('BENCH_DATABASE_URL or BENCH_DATA_DIR must be set');
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create(`${dataDir}/pgdata`);
  return { query: (text, params) => lite.query(text, params), close: () => lite.close() };
}

const reply = (message: FloorReply) => process.send?.(message);

const sql = await openSql();
await sql.query(
  'create table floor_outbox (id bigserial primary key, body text not null, done boolean not null default false)',
  [],
);
// As the engine's batchers: one batch at a time on the embedded database, a few on a pool.
const concurrency = process.env.BENCH_DATABASE_URL ? 4 : 1;
const insert = new MicroBatcher<string, string>(
  async (bodies) =>
    (
      await sql.query('insert into floor_outbox (body) select unnest($1::text[]) returning id', [
        bodies,
      ])
    ).rows.map((row) => String((row as { id: string | number }).id)),
  { concurrency },
);
const complete = new MicroBatcher<string, void>(
  async (ids) => {
    await sql.query('update floor_outbox set done = true where id = any($1::bigint[])', [ids]);
    return ids.map(() => undefined);
  },
  { concurrency },
);

const secret = generateWebhookSecret();
const queue: { id: string; body: string }[] = [];
const idle: ((job: { id: string; body: string }) => void)[] = [];
const handOff = (job: { id: string; body: string }) => {
  const sender = idle.shift();
  if (sender) sender(job);
  else queue.push(job);
};

function startSenders(receiverPort: number, senders: number) {
  const http = new Pool(`http://127.0.0.1:${receiverPort}`, {
    connections: senders,
    keepAliveTimeout: 30_000,
  });
  for (let i = 0; i < senders; i++) {
    void (async () => {
      for (;;) {
        const job =
          queue.shift() ??
          (await new Promise<{ id: string; body: string }>((resolve) => idle.push(resolve)));
        const headers = signatureHeaders(
          { current: secret },
          `floor_${job.id}`,
          Math.floor(Date.now() / 1000),
          job.body,
        );
        const response = await http.request({
          path: '/',
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: job.body,
        });
        await response.body.dump();
        await complete.add(job.id);
      }
    })();
  }
}

/** The bodies in turn (a call's three events), `publishers` at a time, each waiting for its answer. */
async function publish(bodies: string[], events: number, publishers: number) {
  let next = 0;
  await Promise.all(
    Array.from({ length: publishers }, async () => {
      while (next < events) {
        const body = bodies[next++ % bodies.length] ?? '';
        const id = await insert.add(body);
        handOff({ id, body });
      }
    }),
  );
}

process.on('message', (message: FloorRequest) => {
  void (async () => {
    if (message.type === 'start') {
      startSenders(message.receiverPort, message.senders);
      reply({ type: 'started' });
    } else {
      await publish(message.bodies, message.events, message.publishers);
      reply({ type: 'published' });
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
process.on('disconnect', () => void sql.close().finally(() => process.exit(0)));
reply({ type: 'ready' });
