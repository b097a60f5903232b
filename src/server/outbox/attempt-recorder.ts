/**
 * Attempt results are written in batches (recordAttempts, one statement) rather than one transaction
 * each. A crash before a result is stored loses only the record: the delivery's lease expires and another
 * attempt follows (at least once).
 *
 * A result the database refuses must not leave its delivery to that lease: the receiver would be sent
 * the delivery again every lease, for ever. So a refused result is recorded again in outline (see
 * minimalAttempt), and only if that fails too is the lease the last resort.
 */
import type { Database } from '../db/database';
import type { AttemptTarget } from './claim';
import { recordAttempts, type AttemptResult } from './record';
import type { Logger } from '../logger';
import { MicroBatcher } from '../lib/micro-batcher';
import { minimalAttempt } from './storable-attempt';

/** In full, in outline only, or not at all (the lease will expire and the delivery go again). */
export type RecordedAs = 'full' | 'outline' | 'lost';

export interface Recorded {
  as: RecordedAs;
  /** The next delivery of the lane, leased to this worker as this one finished (recordAttempts). */
  next: AttemptTarget | undefined;
}

export interface AttemptRecorder {
  record(result: AttemptResult): Promise<Recorded>;
}

export function createAttemptRecorder(
  db: Database,
  workerId: string,
  logger: Logger,
  /** Batches written at once: one on the embedded database, a few on a pool. */
  concurrency = 1,
): AttemptRecorder {
  // A batch that fails is run again item by item, so that one refused result fails alone. A delivery
  // has one attempt in flight at a time, so batches running at once never hold the same delivery.
  const batcher = new MicroBatcher<AttemptResult, AttemptTarget | undefined>(
    async (results) => {
      const handedOn = await recordAttempts(db, workerId, results);
      return results.map((result) => handedOn.get(result.deliveryId));
    },
    { concurrency },
  );
  return {
    async record(result) {
      try {
        return { as: 'full', next: await batcher.add(result) };
      } catch (error) {
        logger.warn('an attempt could not be recorded in full; recording it in outline', {
          error,
          deliveryId: result.deliveryId,
        });
      }
      try {
        return { as: 'outline', next: await batcher.add(minimalAttempt(result)) };
      } catch (error) {
        logger.error(
          'an attempt could not be recorded; the delivery goes again when its lease ends',
          {
            error,
            deliveryId: result.deliveryId,
          },
        );
        return { as: 'lost', next: undefined };
      }
    },
  };
}
