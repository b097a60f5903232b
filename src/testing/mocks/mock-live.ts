/**
 * `GET /live` of the mock API: a `text/event-stream` that sends a `change` event (validated by the
 * contract's LiveChangeSchema) whenever the mock engine's deliveries, endpoints or retry jobs change,
 * and nothing otherwise, as the server does. Changes are found by comparing the records with what was
 * last sent: after each change a handler makes (`publishLiveChanges`), when a test moves the mock clock,
 * and in mock mode on a short tick of the mock's own clock, which follows the wall clock.
 */
import { HttpResponse, http } from 'msw';
import { LIVE_EVENT, LiveChangeSchema, type LiveChange } from '@contract/live-updates';
import { API, guard } from './mock-api';
import { advanceDeliveries, toDeliverySummary } from './mock-deliveries';
import { db, onMockClockAdvanced, onMockDbReset } from './mock-db';

/** How often mock mode's clock looks for changes while a stream is open. */
const TICK_MS = 500;
/** The server sends a comment this often so that proxies keep the connection. */
const HEARTBEAT_MS = 25_000;

interface Snapshot {
  deliveries: Map<string, string>;
  webhooks: Map<string, string>;
  retryJobs: Map<string, string>;
}

const encoder = new TextEncoder();
const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
let snapshot: Snapshot | null = null;
let ticker: ReturnType<typeof setInterval> | undefined;
let ticks = 0;

function takeSnapshot(): Snapshot {
  return {
    deliveries: new Map(
      db.deliveries.map((d) => {
        const summary = toDeliverySummary(d);
        return [d.id, `${d.status}|${d.attempts.length}|${summary.waitingFor?.id ?? ''}`];
      }),
    ),
    webhooks: new Map(db.webhooks.map((w) => [w.id, w.status])),
    retryJobs: new Map(db.retryJobs.map((j) => [j.id, `${j.status}|${j.requeued}`])),
  };
}

function send(text: string) {
  const chunk = encoder.encode(text);
  for (const controller of streams) {
    try {
      controller.enqueue(chunk);
    } catch {
      streams.delete(controller);
    }
  }
}

/** Sends one `change` event naming whatever changed since the last one (nothing if nothing did). */
export function publishLiveChanges(): void {
  advanceDeliveries();
  const next = takeSnapshot();
  const previous = snapshot;
  snapshot = next;
  if (!previous || streams.size === 0) return;
  const change: LiveChange = {
    deliveries: db.deliveries
      .filter((d) => previous.deliveries.get(d.id) !== next.deliveries.get(d.id))
      .map((d) => ({ id: d.id, webhookId: d.webhookId, callId: d.callId, status: d.status })),
    webhooks: db.webhooks
      .filter((w) => previous.webhooks.get(w.id) !== w.status)
      .map((w) => ({ id: w.id, status: w.status })),
    retryJobs: db.retryJobs
      .filter((j) => previous.retryJobs.get(j.id) !== next.retryJobs.get(j.id))
      .map((j) => ({ id: j.id, webhookId: j.webhookId })),
  };
  if (change.deliveries.length + change.webhooks.length + change.retryJobs.length === 0) return;
  const data = LiveChangeSchema.parse(change);
  send(`event: ${LIVE_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
}

function startTicker() {
  if (ticker !== undefined) return;
  ticker = setInterval(() => {
    ticks += 1;
    if ((ticks * TICK_MS) % HEARTBEAT_MS === 0) send(': keep-alive\n\n');
    publishLiveChanges();
  }, TICK_MS);
}

function stopTickerIfIdle() {
  if (streams.size > 0 || ticker === undefined) return;
  clearInterval(ticker);
  ticker = undefined;
}

/** Ends every open stream (the client reconnects after the `retry` delay), as a server restart would. */
export function dropLiveStreams(): void {
  for (const controller of streams) {
    try {
      controller.close();
    } catch {
      // Already closed by the client.
    }
  }
  streams.clear();
  stopTickerIfIdle();
}

/** How many live streams are open (tests check that a page opens one, and closes it). */
export function openLiveStreams(): number {
  return streams.size;
}

onMockClockAdvanced(publishLiveChanges);
onMockDbReset(() => {
  dropLiveStreams();
  snapshot = null;
});

export const liveHandlers = [
  http.get(`${API}/live`, () =>
    guard('signedIn', () => {
      let own: ReadableStreamDefaultController<Uint8Array> | undefined;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          own = controller;
          streams.add(controller);
          controller.enqueue(encoder.encode('retry: 2000\n\n'));
          if (!snapshot) {
            advanceDeliveries();
            snapshot = takeSnapshot();
          }
          startTicker();
        },
        cancel() {
          if (own) streams.delete(own);
          stopTickerIfIdle();
        },
      });
      return new HttpResponse(stream, {
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
      });
    }),
  ),
];
