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

  it('starts a batch at once when it is full', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      (items) => {
        batches.push(items);
        return Promise.resolve(items);
      },
      { maxBatch: 2, delayMs: 1_000 },
    );
    await Promise.all([batcher.add(1), batcher.add(2)]);
    expect(batches).toEqual([[1, 2]]);
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
