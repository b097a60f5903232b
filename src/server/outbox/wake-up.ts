/**
 * Wakes idle delivery workers in other processes after ingestion, through PostgreSQL's NOTIFY, at most
 * once per interval (a worker in the ingesting process is woken directly: see runtime.ts).
 *
 * Not inside the ingestion statement: a transaction that NOTIFYs takes a global lock through its commit
 * (and its WAL flush), which serialises every concurrent ingestion. A separate, throttled NOTIFY after
 * the commit costs one cheap statement per interval instead. If the process dies between the two, the
 * workers' regular poll finds the delivery anyway.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/database';
import type { Logger } from '../logger';

/** The NOTIFY channel workers LISTEN on for new or newly due deliveries. */
export const DELIVERIES_CHANNEL = 'ringpost_deliveries';

/** Wakes idle workers (delivered when the surrounding transaction commits). */
export async function notifyWorkers(db: Queryable) {
  await db.execute(sql`select pg_notify(${DELIVERIES_CHANNEL}, '')`);
}

export type WorkerNudge = () => void;

export function createWorkerNudge(db: Queryable, logger: Logger, intervalMs = 5): WorkerNudge {
  let timer: NodeJS.Timeout | undefined;
  let lastSent = 0;
  const send = () => {
    timer = undefined;
    lastSent = Date.now();
    notifyWorkers(db).catch((error: unknown) => logger.warn('could not notify workers', { error }));
  };
  return () => {
    if (timer) return;
    const wait = Math.max(0, lastSent + intervalMs - Date.now());
    if (wait === 0) send();
    else timer = setTimeout(send, wait);
  };
}
