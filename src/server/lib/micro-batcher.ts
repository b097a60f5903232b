/**
 * Gathers the work that arrives within a few milliseconds and runs it as one batch, one batch at a time:
 * a database group-commit in miniature. Every caller still gets its own result, only once its batch has
 * run. Ingestion and attempt recording use it: on the embedded database each statement costs far more
 * than each row.
 */
export interface MicroBatcherOptions {
  maxBatch?: number;
  delayMs?: number;
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
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;
  private readonly delayMs: number;
  private readonly retryOneByOne: (error: unknown) => boolean;

  /** `run` answers one result per item, in the items' order. */
  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    options: MicroBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 100;
    this.delayMs = options.delayMs ?? 2;
    this.retryOneByOne = options.retryOneByOne ?? (() => true);
  }

  add(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxBatch) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
    });
  }

  /** Runs what is waiting now; resolves when every batch started so far has run. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length > 0) this.chain = this.chain.then(() => this.runBatch(batch));
    return this.chain;
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
