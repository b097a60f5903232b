/**
 * Ingestion stores the events of every organisation in shared batches: one request's bad event must fail
 * that request alone, whether the contract refuses it or (below the contract) the database does.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { IngestEventRequest } from '@contract/call-events';
import { IngestEventResponseSchema } from '@contract/deliveries';
import { UNSAFE_TEXT_MESSAGE } from '@contract/text';
import { rowsOf } from '../../../db/database';
import { exampleEvent } from '../../../testing/delivery-harness';
import { expectApiError } from '../../../testing/expect-api';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
} from '../../../testing/test-app';
import type { PublishOptions } from '../../../outbox/ingestion';

let ctx: TestContext;
let faulty: TestOrganisation;
let innocent: TestOrganisation;
let faultyKey: string;
let innocentKey: string;
let counter = 0;
const callId = (tag: string) => `call_isolation_${tag}_${++counter}`;

beforeAll(async () => {
  ctx = await createTestContext();
  faulty = await ctx.createOrganisation();
  innocent = await ctx.createOrganisation();
  faultyKey = (await ctx.createApiKey(faulty)).key;
  innocentKey = (await ctx.createApiKey(innocent)).key;
});
afterAll(async () => {
  await ctx.close();
});

function ingest(body: unknown, key: string) {
  return ctx.request('POST', '/api/v1/events', {
    body,
    headers: { authorization: `Bearer ${key}` },
    origin: null,
  });
}

async function storedCallIds(organisationId: string): Promise<string[]> {
  const result = await ctx.db.execute(
    sql`select call_id from events where organisation_id = ${organisationId} order by call_id`,
  );
  return rowsOf<{ call_id: string }>(result).map((row) => row.call_id);
}

/** A post-conversation event whose first transcript entry holds a NUL. */
function withNulInTranscript(agentId: string): IngestEventRequest {
  const event = exampleEvent(agentId, callId('nul'), 'post-conversation');
  if (event.eventType !== 'post-conversation') throw new Error('wrong example');
  const [first, ...rest] = event.metadata.transcript;
  if (!first) throw new Error('the example has no transcript');
  return {
    ...event,
    metadata: { ...event.metadata, transcript: [{ ...first, content: 'hello\u0000' }, ...rest] },
  };
}

function innocentEvents(count: number): IngestEventRequest[] {
  const agentId = innocent.agents[1]?.id ?? '';
  return Array.from({ length: count }, () =>
    exampleEvent(agentId, callId('ok'), 'pre-conversation'),
  );
}

describe('one organisation’s bad event among another’s good ones', () => {
  it('through the app: the bad one gets a 400 naming the field, the 60 good ones are all stored', async () => {
    const good = innocentEvents(60);
    const bad = withNulInTranscript(faulty.agents[0]?.id ?? '');
    // The bad event goes out in the middle, so that batches on either side of it hold good events.
    const responses = await Promise.all([
      ...good.slice(0, 30).map((event) => ingest(event, innocentKey)),
      ingest(bad, faultyKey),
      ...good.slice(30).map((event) => ingest(event, innocentKey)),
    ]);
    const badResponse = responses.splice(30, 1)[0];
    if (!badResponse) throw new Error('no answer for the bad event');

    const error = expectApiError(badResponse, 400, 'validation_failed');
    expect(error.fields).toEqual({ 'metadata.transcript.0.content': UNSAFE_TEXT_MESSAGE });
    expect(responses.map((r) => r.status)).toEqual(good.map(() => 202));
    for (const response of responses) IngestEventResponseSchema.parse(response.body);
    expect(await storedCallIds(innocent.id)).toEqual(good.map((e) => e.callId).sort());
    expect(await storedCallIds(faulty.id)).not.toContain(bad.callId);
  });

  it('below the contract: an event the database cannot store fails alone in its batch', async () => {
    const now = new Date();
    const publish = (organisationId: string, event: IngestEventRequest) =>
      ctx.deps.ingestion.publish({ organisationId, event, now, firstDelayMs: 0 });
    const good = innocentEvents(20);
    // Past zod: the details column is JSON, and PostgreSQL refuses the escape of a NUL in it.
    const unstorable = withNulInTranscript(faulty.agents[0]?.id ?? '');
    const fine = exampleEvent(faulty.agents[1]?.id ?? '', callId('fine'), 'pre-conversation');

    const results = await Promise.allSettled([
      ...good.slice(0, 10).map((event) => publish(innocent.id, event)),
      publish(faulty.id, unstorable),
      publish(faulty.id, fine),
      ...good.slice(10).map((event) => publish(innocent.id, event)),
    ]);

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 'rejected')).toHaveLength(1);
    expect(statuses[10]).toBe('rejected');
    expect(await storedCallIds(innocent.id)).toEqual(
      expect.arrayContaining(good.map((e) => e.callId)),
    );
    const faultyStored = await storedCallIds(faulty.id);
    expect(faultyStored).toContain(fine.callId);
    expect(faultyStored).not.toContain(unstorable.callId);
  });

  it('a value the database cannot store is a 400, not a 500, even past the contract', async () => {
    const real = ctx.deps.ingestion.publish.bind(ctx.deps.ingestion);
    // Stands in for a contract gap: the request is valid, the event handed to the database is not.
    const spy = vi
      .spyOn(ctx.deps.ingestion, 'publish')
      .mockImplementationOnce((options: PublishOptions) =>
        real({ ...options, event: withNulInTranscript(options.event.agentId) }),
      );
    try {
      const response = await ingest(
        exampleEvent(faulty.agents[0]?.id ?? '', callId('gap'), 'pre-conversation'),
        faultyKey,
      );
      const error = expectApiError(response, 400, 'validation_failed');
      expect(Object.keys(error.fields ?? {})).toEqual(['metadata']);
    } finally {
      spy.mockRestore();
    }
  });
});
