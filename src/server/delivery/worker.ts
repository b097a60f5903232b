/**
 * The delivery worker: claims due deliveries under a lease, attempts them concurrently (bounded overall,
 * per endpoint and per organisation), records every attempt, and schedules retries. Any number of workers, in any number
 * of processes, share the queue through the database alone.
 *
 * It wakes on a database notification (new deliveries), when an attempt finishes (a slot is free), when
 * the earliest retry it scheduled comes due, and otherwise every `pollMs` (retries scheduled by other
 * workers, expired leases).
 */
import { randomBytes } from 'node:crypto';
import type { DeliveryStatus } from '@contract/deliveries';
import type { Database } from '../db/database';
import {
  claimDueDeliveries,
  analyzeDeliveries,
  reclaimExpiredLeases,
  releaseLeases,
  type AttemptTarget,
} from '../outbox/claim';
import { markSkipped } from '../outbox/record';
import { recordEndpointHealth } from '../outbox/endpoint-health';
import { LiveChangePublisher } from '../db/live-changes';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import type { WebhookSender } from '../outbound/send-webhook';
import type { SecretBox } from '../security/secret-box';
import { openCredentials } from '../security/webhook-credentials';
import { attemptDelivery } from './attempt';
import { createAttemptRecorder, type AttemptRecorder } from '../outbox/attempt-recorder';

export interface WorkerOptions {
  db: Database;
  sender: WebhookSender;
  /** Opens the endpoint's sealed secret and header values just before signing. */
  secretBox: SecretBox;
  logger: Logger;
  metrics: Metrics;
  retrySchedule: readonly number[];
  timeoutMs: number;
  /** Attempts in flight in this worker. */
  concurrency?: number;
  /** Attempts in flight per endpoint, across all workers. */
  perEndpoint?: number;
  /** Attempts in flight per organisation, across all workers (RINGPOST_MAX_IN_FLIGHT_PER_ORG). */
  perOrganisation?: number;
  pollMs?: number;
  /** Attempt-record batches written at once: one on the embedded database, a few on a pool. */
  recordConcurrency?: number;
  /**
   * Whether recording a finished delivery also leases the next one of its lane (recordAttempts), so
   * that a call's End and Analytics Completed go without waiting for a claim. On PostgreSQL it halves
   * the open loop's latency; on the embedded database's one thread the heavier record costs more than
   * the claims it saves (docs/decisions/0018), so there it is off.
   */
  handOnLanes?: boolean;
  workerId?: string;
  now?: () => Date;
}

/**
 * How long a claim is held: past the attempt's own timeout, with room to record the result. A worker
 * that dies holds its deliveries this long before another worker takes them.
 */
export function leaseFor(timeoutMs: number): number {
  return timeoutMs * 2 + 1_000;
}

/** How long a busy worker gathers freed slots before claiming again. */
const CLAIM_COALESCE_MS = 3;
/** How often a worker looks for deliveries whose worker died (expired leases). */
const RECLAIM_EVERY_MS = 2_000;
/** A claim slower than this suggests stale planner statistics; refresh them, at most every ANALYZE_EVERY_MS. */
const SLOW_CLAIM_MS = 20;
const ANALYZE_EVERY_MS = 10_000;

export class DeliveryWorker {
  readonly workerId: string;
  private readonly inFlight = new Map<string, Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wakePending = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryAt = Infinity;
  private readonly concurrency: number;
  private readonly perEndpoint: number;
  private readonly perOrganisation: number;
  private readonly pollMs: number;
  private readonly now: () => Date;
  private readonly recorder: AttemptRecorder;
  /** Tells open pages what changed (docs/decisions/0014), a few notifications a second at most. */
  private readonly live: LiveChangePublisher;
  private lastReclaim = 0;
  private lastAnalyze = 0;

  constructor(private readonly options: WorkerOptions) {
    this.workerId = options.workerId ?? `worker-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.concurrency = options.concurrency ?? 64;
    this.perEndpoint = options.perEndpoint ?? 8;
    this.perOrganisation = options.perOrganisation ?? 32;
    this.pollMs = options.pollMs ?? 1_000;
    this.now = options.now ?? (() => new Date());
    this.recorder = createAttemptRecorder(
      options.db,
      this.workerId,
      options.logger,
      options.recordConcurrency,
    );
    this.live = new LiveChangePublisher(options.db, options.logger);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something may be due: look now rather than at the next poll. */
  wake(): void {
    this.wakePending = true;
    this.wakeUp?.();
  }

  /**
   * Stops claiming, lets attempts in flight finish for up to `graceMs`, then gives back the leases of
   * any still running so that another worker (or this one, restarted) delivers them.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.retryTimer);
    this.wake();
    await this.loop;
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'over'>(
      (resolve) => (timer = setTimeout(resolve, graceMs, 'over')),
    );
    // Again until none is left: an attempt recorded as the worker began stopping may have handed its
    // slot on to the next delivery of its lane, which joins the ones in flight.
    while (this.inFlight.size > 0) {
      const pending = Promise.allSettled([...this.inFlight.values()]);
      if ((await Promise.race([pending, graceOver])) === 'over') break;
    }
    clearTimeout(timer);
    const unfinished = [...this.inFlight.keys()];
    if (unfinished.length > 0) {
      await releaseLeases(this.options.db, this.workerId, unfinished, this.now());
      this.options.logger.warn('released deliveries still in flight at shutdown', {
        count: unfinished.length,
      });
    }
    await this.live.flush();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.wakePending = false;
      const capacity = Math.min(this.concurrency - this.inFlight.size, 100);
      let claimed = 0;
      if (capacity > 0) {
        try {
          claimed = await this.claim(capacity);
        } catch (error) {
          this.options.logger.error('claiming deliveries failed', {
            error,
            workerId: this.workerId,
          });
        }
      }
      // A full batch means more may be waiting: go round again at once.
      if (claimed > 0 && claimed === capacity) continue;
      await this.sleep();
      // Busy: slots free up one attempt at a time. A moment's wait lets one claim fill several.
      if (this.inFlight.size > 0)
        await new Promise((resolve) => setTimeout(resolve, CLAIM_COALESCE_MS));
    }
  }

  /** Claims up to `limit` deliveries and starts them; returns how many. */
  private async claim(limit: number): Promise<number> {
    const { db, logger } = this.options;
    if (Date.now() - this.lastReclaim >= RECLAIM_EVERY_MS) {
      this.lastReclaim = Date.now();
      const reclaimed = await reclaimExpiredLeases(db, this.now());
      if (reclaimed > 0)
        logger.warn('took over deliveries whose lease expired', {
          count: reclaimed,
          workerId: this.workerId,
        });
    }
    const started = performance.now();
    const targets = await claimDueDeliveries(db, {
      workerId: this.workerId,
      now: this.now(),
      limit,
      perEndpoint: this.perEndpoint,
      perOrganisation: this.perOrganisation,
      leaseMs: leaseFor(this.options.timeoutMs),
    });
    for (const target of targets) this.track(target);
    if (
      performance.now() - started > SLOW_CLAIM_MS &&
      Date.now() - this.lastAnalyze > ANALYZE_EVERY_MS
    ) {
      this.lastAnalyze = Date.now();
      await analyzeDeliveries(db);
    }
    return targets.length;
  }

  private sleep(): Promise<void> {
    if (this.wakePending) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakeUp = done;
    });
  }

  private wakeAt(at: Date): void {
    const when = at.getTime();
    if (when >= this.retryAt) return;
    clearTimeout(this.retryTimer);
    this.retryAt = when;
    this.retryTimer = setTimeout(
      () => {
        this.retryAt = Infinity;
        this.wake();
      },
      Math.max(0, when - Date.now()),
    );
    this.retryTimer.unref();
  }

  private track(target: AttemptTarget): void {
    const id = target.delivery.id;
    let handedOn = false;
    const work = this.attempt(target)
      .then((passed) => {
        handedOn = passed;
      })
      .catch((error: unknown) => {
        // The lease expires and another attempt follows: nothing is lost, but say why.
        this.options.logger.error('a delivery attempt failed unexpectedly', {
          error,
          deliveryId: id,
        });
      })
      .finally(() => {
        this.inFlight.delete(id);
        // A slot handed on to the lane's next delivery is taken again: no claim needed for it.
        if (!handedOn) this.wake();
      });
    this.inFlight.set(id, work);
  }

  /** Attempts and records one delivery; true when its slot went on to the next of its lane. */
  private async attempt(target: AttemptTarget): Promise<boolean> {
    const { db, sender, logger, metrics, retrySchedule, timeoutMs } = this.options;
    const { delivery, webhook } = target;
    if (webhook.status === 'disabled') {
      await markSkipped(db, delivery.id, this.now());
      metrics.countOutcome('skipped', 'endpoint_disabled');
      this.publish(target, 'skipped');
      return false;
    }
    const open: AttemptTarget = {
      delivery,
      webhook: { ...webhook, ...openCredentials(this.options.secretBox, webhook) },
    };
    const decision = await attemptDelivery(sender, open, {
      schedule: retrySchedule,
      timeoutMs,
      now: this.now,
    });
    const now = this.now();
    const recorded = await this.recorder.record({
      deliveryId: delivery.id,
      webhookId: webhook.id,
      acceptedAt: delivery.createdAt,
      attempt: decision.record,
      outcome: decision.outcome,
      // A stopping worker takes nothing more, not even its lanes' next deliveries.
      handOn:
        this.running && this.options.handOnLanes !== false
          ? { now, leaseUntil: new Date(now.getTime() + leaseFor(timeoutMs)) }
          : null,
    });
    // Nothing changed in the database: the delivery goes again when its lease ends.
    if (recorded.as === 'lost') return false;
    // Leased in the statement that finished this one: it takes this slot, before anything else below.
    if (recorded.next) this.track(recorded.next);
    this.publish(target, decision.outcome.status);
    const succeeded = decision.outcome.status === 'succeeded';
    // A success on a healthy endpoint changes nothing: skip the write on the hot path.
    const disabled =
      succeeded && webhook.failingSince === null
        ? null
        : await recordEndpointHealth(db, webhook.id, {
            succeeded,
            gone: decision.gone,
            now: this.now(),
          });
    metrics.observeAttemptSeconds(decision.record.durationMs / 1000);
    const category = decision.record.errorCategory ?? 'none';
    const outcome =
      decision.outcome.status === 'pending'
        ? 'retrying'
        : decision.outcome.status === 'succeeded'
          ? 'succeeded'
          : 'failed';
    metrics.countOutcome(outcome, category);
    if (decision.outcome.nextAttemptAt) this.wakeAt(decision.outcome.nextAttemptAt);
    const fields = {
      deliveryId: delivery.id,
      webhookId: webhook.id,
      attempt: delivery.attemptCount + 1,
      outcome,
      status: decision.record.responseStatus,
      durationMs: decision.record.durationMs,
    };
    if (decision.outcome.status === 'succeeded') logger.debug('delivered', fields);
    else logger.info('delivery attempt failed', { ...fields, error: decision.outcome.lastError });
    if (disabled) {
      logger.warn('endpoint disabled', { webhookId: webhook.id, reason: disabled });
      this.live.add({
        organisationId: delivery.organisationId,
        webhooks: [{ id: webhook.id, status: 'disabled' }],
      });
    }
    return recorded.next !== undefined;
  }

  private publish(target: AttemptTarget, status: DeliveryStatus): void {
    const { delivery, webhook } = target;
    this.live.add({
      organisationId: delivery.organisationId,
      deliveries: [{ id: delivery.id, webhookId: webhook.id, callId: delivery.callId, status }],
    });
  }
}
