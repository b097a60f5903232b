/**
 * Runs bulk retry jobs in worker processes: takes running jobs under a lease, and re-queues each one's
 * failed deliveries a small batch at a time, saving its position with every batch. A runner that stops
 * gives its jobs back; one that dies leaves leases that run out, and any runner then resumes the job
 * from its saved cursor. Cancelling a job (API) stops it before its next batch.
 *
 * Pacing. A job must never starve live deliveries. The claim reads each organisation's queue front in
 * due order, an even share of a window of rows each, and takes at most 8 deliveries in flight per
 * endpoint: thousands of re-queued deliveries due at once would fill that organisation's front, so that
 * live deliveries to its other endpoints were not even looked at until they had drained. So a runner
 * re-queues a batch (10) only while the endpoint has fewer than a few (5) deliveries due and waiting,
 * and at most one batch per interval (100 ms) per job: the job's backlog at the front stays below one
 * claim's share, live deliveries to other endpoints are always within reach, and live deliveries to the
 * same endpoint wait behind at most a batch, interleaved by due time. A fast receiver gets up to about
 * 100 re-queued deliveries a second from one job; a slow one sets the pace itself, since its queue stays
 * long; a failing one fails them quickly (one attempt each, as a Redeliver gives), so the job moves on.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import { publishChanges } from '../db/live-changes';
import { notifyWorkers } from '../outbox/wake-up';
import {
  completeRetryJob,
  countDueForEndpoint,
  leaseRetryJobs,
  lockLeasedRetryJob,
  releaseRetryJobs,
  requeueNextBatch,
  type LeasedRetryJob,
} from '../db/queries/retry-jobs';
import { findWebhook } from '../db/queries/webhooks';
import type { Logger } from '../logger';

export interface RetryJobRunnerOptions {
  db: Database;
  logger: Logger;
  runnerId?: string;
  /** Deliveries re-queued per batch. */
  batchSize?: number;
  /** A batch only while fewer than this many of the endpoint's deliveries are due and waiting. */
  maxDueBacklog?: number;
  /** At most one batch per job per interval. */
  intervalMs?: number;
  /** How often an idle runner looks for jobs. */
  idlePollMs?: number;
  /** Renewed with every round; only a runner that died holds a job this long. */
  leaseMs?: number;
  /** Jobs one runner works on at once (round-robin, one batch each per round). */
  maxJobs?: number;
  now?: () => Date;
}

export type BatchOutcome =
  /** Re-queued this many. */
  | { kind: 'requeued'; count: number }
  /** The endpoint's queue is long: nothing this round, another soon. */
  | { kind: 'waiting' }
  /** The endpoint is disabled: nothing until it is enabled (looked at again at the idle pace). */
  | { kind: 'paused' }
  | { kind: 'completed' }
  /** Cancelled, or another runner holds it now. */
  | { kind: 'stopped' };

export class RetryJobRunner {
  readonly runnerId: string;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly maxDueBacklog: number;
  private readonly intervalMs: number;
  private readonly idlePollMs: number;
  private readonly leaseMs: number;
  private readonly maxJobs: number;
  private readonly now: () => Date;

  constructor(private readonly options: RetryJobRunnerOptions) {
    this.runnerId =
      options.runnerId ?? `retry-runner-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.batchSize = options.batchSize ?? 10;
    this.maxDueBacklog = options.maxDueBacklog ?? 5;
    this.intervalMs = options.intervalMs ?? 100;
    this.idlePollMs = options.idlePollMs ?? 1_000;
    this.leaseMs = options.leaseMs ?? 5_000;
    this.maxJobs = options.maxJobs ?? 4;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Stops after the batch in progress. `release` (the default) gives the jobs back so that another
   * runner resumes them at once; without it they wait for their lease to run out, as after a crash.
   */
  async stop(options: { release?: boolean } = {}): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    if (options.release ?? true) await releaseRetryJobs(this.options.db, this.runnerId);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        busy = await this.round();
      } catch (error) {
        this.options.logger.error('running retry jobs failed', { error, runnerId: this.runnerId });
      }
      // stop() may have come during the round, before there was a sleep to cut short.
      if (this.stopping()) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakeUp = undefined;
          resolve();
        };
        const timer = setTimeout(done, busy ? this.intervalMs : this.idlePollMs);
        this.wakeUp = done;
      });
    }
  }

  private stopping(): boolean {
    return !this.running;
  }

  /** One batch for each job this runner holds; true while any is still running. */
  async round(): Promise<boolean> {
    const jobs = await leaseRetryJobs(this.options.db, {
      runnerId: this.runnerId,
      now: this.now(),
      leaseMs: this.leaseMs,
      limit: this.maxJobs,
    });
    let busy = false;
    for (const job of jobs) {
      if (!this.running) break;
      const outcome = await this.batch(job);
      if (outcome.kind === 'requeued' || outcome.kind === 'waiting') busy = true;
      if (outcome.kind === 'completed')
        this.options.logger.info('retry job completed', { retryJobId: job.id });
    }
    return busy;
  }

  /** One batch of one job, in one transaction with the job's row locked. */
  async batch(job: LeasedRetryJob): Promise<BatchOutcome> {
    const { db } = this.options;
    return db.transaction(async (tx): Promise<BatchOutcome> => {
      const now = this.now();
      const row = await lockLeasedRetryJob(tx, job.id, this.runnerId);
      if (!row) return { kind: 'stopped' };
      // Re-queued deliveries of a disabled endpoint would only be skipped: wait until it is enabled
      // (or the job is cancelled).
      const webhook = await findWebhook(tx, row.organisationId, row.webhookId);
      if (!webhook) return { kind: 'stopped' };
      if (webhook.status === 'disabled') return { kind: 'paused' };
      if ((await countDueForEndpoint(tx, job, now, this.maxDueBacklog)) >= this.maxDueBacklog)
        return { kind: 'waiting' };
      const requeued = await requeueNextBatch(tx, row, this.batchSize, now);
      if (requeued.length === 0) await completeRetryJob(tx, row.id, now);
      else await notifyWorkers(tx);
      // Sent when this transaction commits: pages see the progress and the deliveries going again.
      await publishChanges(tx, [
        {
          organisationId: row.organisationId,
          retryJobs: [{ id: row.id, webhookId: row.webhookId }],
          deliveries: requeued.map((d) => ({
            id: d.id,
            webhookId: row.webhookId,
            callId: d.callId,
            status: 'pending' as const,
          })),
        },
      ]);
      return requeued.length === 0
        ? { kind: 'completed' }
        : { kind: 'requeued', count: requeued.length };
    });
  }
}
