/**
 * Attempt results are written in batches (recordAttempts, one statement) rather than one transaction
 * each. A crash before a result is stored loses only the record: the delivery's lease expires and another
 * attempt follows (at least once).
 */
import type { Database } from '../db/database';
import { recordAttempts, type AttemptResult } from '../db/queries/deliveries';
import { MicroBatcher } from '../lib/micro-batcher';

export function createAttemptRecorder(
  db: Database,
  workerId: string,
): MicroBatcher<AttemptResult, void> {
  return new MicroBatcher<AttemptResult, void>(async (results) => {
    await recordAttempts(db, workerId, results);
    return results.map(() => undefined);
  });
}
