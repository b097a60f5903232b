import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from './event-types';
import { EXAMPLE_PAYLOADS } from './call-event-examples';
import { IngestEventRequestSchema, WebhookPayloadSchema } from './call-events';

describe('call event wire format', () => {
  it.each(EVENT_TYPES)('the %s example is a valid delivered body', (eventType) => {
    const example = EXAMPLE_PAYLOADS[eventType];
    expect(WebhookPayloadSchema.parse(example)).toEqual(example);
    expect(example.metadata.eventType).toBe(eventType);
    expect(example.event).toBe(`${example.metadata.agentId}.${eventType}`);
  });

  it.each(EVENT_TYPES)(
    'the %s example, reshaped for ingestion, is a valid ingestion request',
    (eventType) => {
      const { agentId, callId, eventType: type, ...details } = EXAMPLE_PAYLOADS[eventType].metadata;
      const parsed = IngestEventRequestSchema.safeParse({
        agentId,
        callId,
        eventType: type,
        metadata: details,
      });
      expect(parsed.success).toBe(true);
    },
  );

  it('refuses a metric whose value does not match its declared type', () => {
    const example = structuredClone(EXAMPLE_PAYLOADS['analytics-completed']);
    if (example.metadata.eventType !== 'analytics-completed') throw new Error('wrong example');
    const metric = example.metadata.analytics.successMetrics[0];
    if (!metric) throw new Error('example has no metric');
    metric.value = 'four';
    const result = WebhookPayloadSchema.safeParse(example);
    expect(result.success).toBe(false);
  });

  it('refuses phone numbers that are not E.164, unknown event types and extra fields', () => {
    const base = EXAMPLE_PAYLOADS['pre-conversation'];
    const badPhone = { ...base, metadata: { ...base.metadata, toPhone: '4155550199' } };
    expect(WebhookPayloadSchema.safeParse(badPhone).success).toBe(false);
    const badType = { ...base, metadata: { ...base.metadata, eventType: 'mid-conversation' } };
    expect(WebhookPayloadSchema.safeParse(badType).success).toBe(false);
    expect(WebhookPayloadSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});
