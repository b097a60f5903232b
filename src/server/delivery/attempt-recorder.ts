/**
 * Collects attempt results for a moment and writes them together (recordAttempts), so that a busy
 * worker spends one transaction on many deliveries instead of one each. Each caller's promise settles
 * when its own result is stored; a crash before that loses only the record, and the delivery's lease
 * expiring brings another attempt (at least once).
 */
import type { Database } from '../db/database';
import { recordAttempts, type AttemptResult } from '../db/queries/deliveries';

interface Pending {
  result: AttemptResult;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AttemptRecorder {
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly workerId: string,
    private readonly maxBatch = 100,
    private readonly delayMs = 2,
  ) {}

  record(result: AttemptResult): Promise<void> {
    return new Promise((resolve, reject) => {
      this.buffer.push({ result, resolve, reject });
      if (this.buffer.length >= this.maxBatch) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    });
  }

  /** Writes what is buffered; flushes run one after another, never interleaved. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return this.chain;
    this.chain = this.chain.then(async () => {
      try {
        await recordAttempts(
          this.db,
          this.workerId,
          batch.map((pending) => pending.result),
        );
        for (const pending of batch) pending.resolve();
      } catch {
        // One bad row must not lose the others' records: store them one by one.
        for (const pending of batch) {
          try {
            await recordAttempts(this.db, this.workerId, [pending.result]);
            pending.resolve();
          } catch (error) {
            pending.reject(error);
          }
        }
      }
    });
    return this.chain;
  }
}
