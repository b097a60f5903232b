/**
 * Runs the work that arrives together as one batch: a database group-commit in miniature. Every caller
 * still gets its own result, only once its batch has run. Ingestion and attempt recording use it: each
 * statement costs far more than each row, on the embedded database above all.
 *
 * There is no fixed wait. An item that finds a batch slot free starts a batch at the end of the current
 * turn of the event loop (so that what arrived in the same turn joins it); items that arrive while every
 * slot is busy gather, and go together as soon as a slot frees. So a quiet system answers at once, and a
 * busy one makes batches exactly as large as the database's own pace makes them.
 */
export interface MicroBatcherOptions {
  maxBatch?: number;
  /**
   * Batches running at once. One keeps them in arrival order (and suits a single-threaded database);
   * more lets a connection pool work several at once.
   */
  concurrency?: number;
  /** When a batch fails, whether to run its items one by one so that one bad item fails alone. */
  retryOneByOne?: (error: unknown) => boolean;
}

interface Waiting<In, Out> {
  item: In;
  resolve: (result: Out) => void;
  reject: (error: unknown) => void;
}

export class MicroBatcher<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private scheduled = false;
  private running = 0;
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private readonly retryOneByOne: (error: unknown) => boolean;

  /** `run` answers one result per item, in the items' order. */
  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    options: MicroBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 100;
    this.concurrency = options.concurrency ?? 1;
    this.retryOneByOne = options.retryOneByOne ?? (() => true);
  }

  add(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.running >= this.concurrency || this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.startBatches();
      });
    });
  }

  private startBatches(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.running++;
      void this.runBatch(batch).finally(() => {
        this.running--;
        this.startBatches();
      });
    }
  }

  private async runBatch(batch: Waiting<In, Out>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.item));
      batch.forEach((w, i) => {
        if (i < results.length) w.resolve(results[i] as Out);
        else w.reject(new Error('the batch answered fewer results than items'));
      });
    } catch (error) {
      if (batch.length === 1 || !this.retryOneByOne(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      for (const w of batch) {
        try {
          const [result] = await this.run([w.item]);
          w.resolve(result as Out);
        } catch (single) {
          w.reject(single);
        }
      }
    }
  }
}
