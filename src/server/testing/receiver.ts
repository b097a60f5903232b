/**
 * A real HTTP receiver on 127.0.0.1 for delivery tests: records every request exactly as it arrived
 * and answers as the test scripts it (status, headers, body, delay, a reset connection, or raw bytes
 * that Node's own HTTP server would refuse to write).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, byte for byte: what signatures are computed over. */
  body: string;
  receivedAt: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  delayMs?: number;
  /** Drop the connection without answering. */
  reset?: boolean;
  /**
   * Write these bytes to the socket as the whole response, then close it: for replies that Node's HTTP
   * server refuses to produce (control bytes in a header, say). Include `Connection: close`.
   */
  raw?: Buffer;
}

export type Behaviour = (request: ReceivedRequest, index: number) => Reply | Promise<Reply>;

export interface Receiver {
  url: (path?: string) => string;
  requests: ReceivedRequest[];
  /** Requests to one path. */
  at: (path: string) => ReceivedRequest[];
  behave: (path: string, behaviour: Behaviour) => void;
  /** Requests received and not yet answered (or dropped), now and at most so far. */
  inFlight: () => number;
  peakInFlight: () => number;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const behaviours = new Map<string, Behaviour>();
  const counts = new Map<string, number>();
  let inFlight = 0;
  let peakInFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    let answered = false;
    const settle = () => {
      if (answered) return;
      answered = true;
      inFlight--;
    };
    // A client that gives up (a timeout) ends the request as surely as an answer does.
    res.on('close', settle);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const received: ReceivedRequest = {
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      requests.push(received);
      const index = counts.get(path) ?? 0;
      counts.set(path, index + 1);
      const behaviour = behaviours.get(path);
      void Promise.resolve(behaviour ? behaviour(received, index) : {}).then(async (reply) => {
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        if (reply.reset) {
          settle();
          req.socket.destroy();
          return;
        }
        if (res.destroyed) return;
        if (reply.raw) {
          settle();
          req.socket.end(reply.raw);
          return;
        }
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json',
          ...reply.headers,
        });
        settle();
        res.end(reply.body ?? '{"ok":true}');
      });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    requests,
    at: (path) => requests.filter((r) => r.path === path),
    behave: (path, behaviour) => behaviours.set(path, behaviour),
    inFlight: () => inFlight,
    peakInFlight: () => peakInFlight,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns a value that is not undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
