/**
 * Pruning what RINGPOST_RETENTION no longer keeps: finished deliveries (with their attempts) and the
 * events left without deliveries, older than the retention period. Runs in the API role's housekeeping
 * (maintenance.ts), in small batches with a pause between them, so that the delivery queue and the
 * inspector never wait long behind it, however much history is due at once.
 */
import { deleteEventsWithoutDeliveries, deleteFinishedDeliveries } from './db/queries/retention';
import type { Queryable } from './db/database';

export interface PruneOptions {
  retentionMs: number;
  now: Date;
  /** Rows per statement. */
  batchSize?: number;
  /** Between batches: room for the queue's own statements. */
  pauseMs?: number;
  /** Checked between batches: true stops the run (shutdown). */
  stopped?: () => boolean;
}

export interface Pruned {
  deliveries: number;
  events: number;
}

export const PRUNE_BATCH_SIZE = 500;
const PRUNE_PAUSE_MS = 50;

export async function pruneExpired(db: Queryable, options: PruneOptions): Promise<Pruned> {
  const { batchSize = PRUNE_BATCH_SIZE, pauseMs = PRUNE_PAUSE_MS, stopped = () => false } = options;
  const before = new Date(options.now.getTime() - options.retentionMs);
  const inBatches = async (deleteBatch: () => Promise<number>) => {
    let total = 0;
    while (!stopped()) {
      const deleted = await deleteBatch();
      total += deleted;
      // A short batch means nothing more is due.
      if (deleted < batchSize) break;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    return total;
  };
  // Deliveries first: the events they leave without deliveries go in the same run.
  const deliveries = await inBatches(() => deleteFinishedDeliveries(db, before, batchSize));
  const events = await inBatches(() => deleteEventsWithoutDeliveries(db, before, batchSize));
  return { deliveries, events };
}
