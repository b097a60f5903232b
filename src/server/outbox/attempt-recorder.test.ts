/**
 * A result the database refuses still moves its delivery on: it is recorded again in outline, and only
 * when that fails too is it left to the lease (and said so in the log).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { newDeliveryId } from '../db/ids';
import { insertDeliveries } from './enqueue';
import { type AttemptRecord, type AttemptResult } from './record';
import { listAttempts } from '../db/queries/delivery-search';
import { deliveries } from '../db/schema';
import { createLogger } from '../logger';
import { organisationWithEndpoint } from '../testing/outbox-fixtures';
import { createTestDatabase } from '../testing/test-database';
import { createAttemptRecorder } from './attempt-recorder';
import { UNRECORDABLE_MESSAGE } from './storable-attempt';

const WORKER = 'worker-recorder-test';
let database: DatabaseHandle;
let organisationId: string;
let webhookId: string;
const logged: { level: string; msg: string }[] = [];
const logger = createLogger('debug', {}, (line) => {
  logged.push(JSON.parse(line) as { level: string; msg: string });
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ organisationId, webhookId } = await organisationWithEndpoint(database.db, 'Recorder'));
});
afterAll(async () => {
  await database.close();
});

/** A delivery this worker holds the lease of, as the claim leaves it. */
async function leasedDelivery(): Promise<string> {
  const id = newDeliveryId();
  await insertDeliveries(database.db, [
    {
      id,
      organisationId,
      webhookId,
      callId: `call_${id}`,
      eventType: 'pre-conversation',
      sequence: 0,
      body: '{}',
      status: 'delivering',
      nextAttemptAt: new Date(),
      leaseExpiresAt: new Date(Date.now() + 60_000),
      leasedBy: WORKER,
    },
  ]);
  return id;
}

function result(deliveryId: string, attempt: Partial<AttemptRecord> = {}): AttemptResult {
  return {
    deliveryId,
    webhookId,
    acceptedAt: new Date(),
    attempt: {
      kind: 'scheduled',
      requestedBy: null,
      startedAt: new Date(),
      durationMs: 8,
      headersMs: 5,
      url: 'https://example.com/hook',
      requestHeaders: { 'content-type': 'application/json' },
      responseStatus: 500,
      responseHeaders: { 'content-type': 'text/plain' },
      responseBody: 'boom',
      responseBodyEncoding: 'utf8',
      responseTruncated: false,
      errorCategory: 'http_status',
      errorMessage: 'Answered 500',
      ...attempt,
    },
    outcome: {
      status: 'pending',
      nextAttemptAt: new Date(Date.now() + 5_000),
      completedAt: null,
      lastError: 'http_status: Answered 500',
    },
    handOn: null,
  };
}

async function deliveryRow(id: string) {
  const [row] = await database.db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}

describe('the attempt recorder', () => {
  it('records a refused result in outline, and its batch-mates in full', async () => {
    const recorder = createAttemptRecorder(database.db, WORKER, logger);
    const refusedId = await leasedDelivery();
    const fineId = await leasedDelivery();
    // Not made storable: PostgreSQL refuses NUL in text.
    const refused = result(refusedId, {
      responseBody: 'receiver\u0000text',
      responseHeaders: { 'x-receiver': 'receiver text' },
    });
    const [refusedAs, fineAs] = await Promise.all([
      recorder.record(refused),
      recorder.record(result(fineId)),
    ]);
    expect(refusedAs.as).toBe('outline');
    expect(fineAs.as).toBe('full');

    const outline = await deliveryRow(refusedId);
    expect(outline).toMatchObject({
      status: 'pending',
      attemptCount: 1,
      leasedBy: null,
      lastResponseStatus: 500,
      lastErrorCategory: 'http_status',
      lastError: `http_status: ${UNRECORDABLE_MESSAGE}`,
    });
    expect(outline?.nextAttemptAt?.getTime()).toBe(refused.outcome.nextAttemptAt?.getTime());
    const [attempt] = await listAttempts(database.db, refusedId);
    expect(attempt).toMatchObject({
      number: 1,
      responseStatus: 500,
      responseHeaders: {},
      responseBody: '',
      errorCategory: 'http_status',
      errorMessage: UNRECORDABLE_MESSAGE,
    });
    expect(JSON.stringify(attempt)).not.toContain('receiver');

    expect(await deliveryRow(fineId)).toMatchObject({ status: 'pending', attemptCount: 1 });
    expect((await listAttempts(database.db, fineId))[0]?.responseBody).toBe('boom');
    expect(logged.some((l) => l.level === 'warn' && /in outline/.test(l.msg))).toBe(true);
  });

  it('says so when not even the outline can be stored', async () => {
    const recorder = createAttemptRecorder(database.db, WORKER, logger);
    // No such delivery: the attempt's foreign key refuses both.
    const missing = newDeliveryId();
    expect((await recorder.record(result(missing, { responseBody: 'a\u0000b' }))).as).toBe('lost');
    expect(await listAttempts(database.db, missing)).toHaveLength(0);
    expect(logged.some((l) => l.level === 'error' && /could not be recorded/.test(l.msg))).toBe(
      true,
    );
  });
});
