/**
 * Prometheus metrics in the text exposition format. Counters and the histogram live in this process
 * (each worker reports its own; Prometheus sums them); queue gauges are read from the database at
 * scrape time, so every process reports the same shared queue.
 */
const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];

export type AttemptOutcome = 'succeeded' | 'retrying' | 'failed' | 'skipped';

export class Metrics {
  private readonly outcomes = new Map<string, number>();
  private readonly buckets = new Array<number>(LATENCY_BUCKETS_SECONDS.length).fill(0);
  private latencyCount = 0;
  private latencySum = 0;

  countOutcome(outcome: AttemptOutcome, category = 'none'): void {
    const key = `outcome="${outcome}",failure="${category}"`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  observeAttemptSeconds(seconds: number): void {
    this.latencyCount++;
    this.latencySum += seconds;
    LATENCY_BUCKETS_SECONDS.forEach((bound, i) => {
      if (seconds <= bound) this.buckets[i] = (this.buckets[i] ?? 0) + 1;
    });
  }

  render(queue: { queued: number; due: number; oldestDueAgeSeconds: number }): string {
    const lines = [
      '# HELP ringpost_delivery_attempts_total Delivery attempts by outcome and failure category.',
      '# TYPE ringpost_delivery_attempts_total counter',
      ...[...this.outcomes].map(
        ([labels, value]) => `ringpost_delivery_attempts_total{${labels}} ${value}`,
      ),
      '# HELP ringpost_delivery_attempt_duration_seconds Time from sending a request to its outcome.',
      '# TYPE ringpost_delivery_attempt_duration_seconds histogram',
      ...LATENCY_BUCKETS_SECONDS.map(
        (bound, i) =>
          `ringpost_delivery_attempt_duration_seconds_bucket{le="${bound}"} ${this.buckets[i] ?? 0}`,
      ),
      `ringpost_delivery_attempt_duration_seconds_bucket{le="+Inf"} ${this.latencyCount}`,
      `ringpost_delivery_attempt_duration_seconds_sum ${this.latencySum}`,
      `ringpost_delivery_attempt_duration_seconds_count ${this.latencyCount}`,
      '# HELP ringpost_delivery_queue_depth Deliveries waiting or in flight.',
      '# TYPE ringpost_delivery_queue_depth gauge',
      `ringpost_delivery_queue_depth{state="queued"} ${queue.queued}`,
      `ringpost_delivery_queue_depth{state="due"} ${queue.due}`,
      '# HELP ringpost_delivery_oldest_due_age_seconds How long the oldest due delivery has been waiting.',
      '# TYPE ringpost_delivery_oldest_due_age_seconds gauge',
      `ringpost_delivery_oldest_due_age_seconds ${queue.oldestDueAgeSeconds}`,
    ];
    return lines.join('\n') + '\n';
  }
}
