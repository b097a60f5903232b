/**
 * Call events for tests and benchmarks, from the contract's examples: free of test-runner imports, so
 * that the benchmark's processes can use them too.
 */
import { EXAMPLE_PAYLOADS } from '@contract/call-event-examples';
import type { IngestEventRequest } from '@contract/call-events';
import type { EventType } from '@contract/event-types';

/** An ingestion request built from the contract's example of that event type. */
export function exampleEvent(
  agentId: string,
  callId: string,
  eventType: EventType,
): IngestEventRequest {
  const {
    agentId: _a,
    callId: _c,
    eventType: _e,
    ...metadata
  } = EXAMPLE_PAYLOADS[eventType].metadata;
  return { agentId, callId, eventType, metadata } as IngestEventRequest;
}
