import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  it('runs items that arrive together as one batch and answers each caller', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>((items) => {
      batches.push(items);
      return Promise.resolve(items.map((n) => n * 2));
    });
    expect(await Promise.all([1, 2, 3].map((n) => batcher.add(n)))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives while a batch runs into the next, never more than maxBatch', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items;
      },
      { maxBatch: 2 },
    );
    const first = batcher.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    // The first batch is running: these wait for it, then go two at a time.
    const rest = [2, 3, 4].map((n) => batcher.add(n));
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('runs up to `concurrency` batches at once', async () => {
    let running = 0;
    let most = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return items;
      },
      { maxBatch: 1, concurrency: 3 },
    );
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.add(n)));
    expect(most).toBe(3);
  });

  it('fails only the bad item when a batch fails and items may be retried alone', async () => {
    const batcher = new MicroBatcher<number, number>((items) =>
      items.includes(13) ? Promise.reject(new Error('unlucky')) : Promise.resolve(items),
    );
    const results = await Promise.allSettled([12, 13, 14].map((n) => batcher.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails the whole batch when the error is not one to retry item by item', async () => {
    let runs = 0;
    const batcher = new MicroBatcher<number, number>(
      () => {
        runs++;
        return Promise.reject(new Error('database down'));
      },
      { retryOneByOne: () => false },
    );
    const results = await Promise.allSettled([1, 2].map((n) => batcher.add(n)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(runs).toBe(1);
  });
});
