/**
 * One valid example of each delivered body. Test events, mocks and the API docs use them, and
 * call-events.test.ts proves each one parses, so they cannot drift from the schemas.
 */
import type { EventType } from './event-types';
import type { WebhookPayload } from './call-events';

const agentId = '3f1c2a9e-5b7d-4e8a-9c61-2d4f8b0a7e13';
const callId = 'call_01JX8Q4R7ZK3M2N5P6T9V0W1Y2';
const url = 'https://example.com/webhooks/ringpost';
const description = 'CRM sync';

const callData = {
  fromNumber: '+14155550123',
  toNumber: '+14155550199',
  callDuration: 142.6,
  callStatus: 'completed',
  callDirection: 'outbound',
  answerTime: '2026-11-26T09:30:04.000Z',
  endTime: '2026-11-26T09:32:26.600Z',
} as const;

export const EXAMPLE_PAYLOADS: Record<EventType, WebhookPayload> = {
  'pre-conversation': {
    id: 'msg_2b7c9d1e4f5a6b7c8d9e0f1a',
    event: `${agentId}.pre-conversation`,
    url,
    description,
    metadata: {
      agentId,
      eventType: 'pre-conversation',
      conversationType: 'telephonyOutbound',
      callId,
      toPhone: '+14155550199',
      fromPhone: '+14155550123',
    },
  },
  'post-conversation': {
    id: 'msg_3c8d0e2f5a6b7c8d9e0f1a2b',
    event: `${agentId}.post-conversation`,
    url,
    description,
    metadata: {
      agentId,
      eventType: 'post-conversation',
      conversationType: 'telephonyOutbound',
      callId,
      recordingUrl: 'https://recordings.example.com/call_01JX8Q4R7ZK3M2N5P6T9V0W1Y2.mp3',
      callData,
      transcript: [
        {
          role: 'agent',
          content: 'Hello, this is Ava from Northwind Dental. Am I speaking with Sam?',
          timestamp: '2026-11-26T09:30:05.100Z',
        },
        {
          role: 'user',
          content: 'Yes, speaking. Is this about my appointment on Friday?',
          timestamp: '2026-11-26T09:30:09.800Z',
        },
        {
          role: 'agent',
          content: 'It is. Could we move it to 3 pm the same day?',
          timestamp: '2026-11-26T09:30:13.400Z',
        },
        {
          role: 'user',
          content: 'That works for me, thanks.',
          timestamp: '2026-11-26T09:30:17.900Z',
        },
      ],
      variables: { customerName: 'Sam Lee', appointmentDate: '2026-11-28' },
    },
  },
  'analytics-completed': {
    id: 'msg_4d9e1f3a6b7c8d9e0f1a2b3c',
    event: `${agentId}.analytics-completed`,
    url,
    description,
    metadata: {
      agentId,
      eventType: 'analytics-completed',
      conversationType: 'telephonyOutbound',
      callId,
      callData,
      analytics: {
        summary: 'The customer agreed to move their Friday appointment to 3 pm.',
        dispositionMetrics: [
          {
            identifier: 'appointment_rescheduled',
            value: true,
            confidence: 0.97,
            reasoning: 'The customer said "That works for me" to the new time.',
            dispositionMetricPrompt: 'Did the customer accept the new appointment time?',
            dispositionMetricType: 'BOOLEAN',
          },
          {
            identifier: 'new_time',
            value: '15:00',
            confidence: 0.92,
            reasoning: 'The agent proposed 3 pm and the customer accepted.',
            dispositionMetricPrompt: 'What time was the appointment moved to?',
            dispositionMetricType: 'STRING',
          },
        ],
        successMetrics: [
          {
            identifier: 'customer_satisfaction',
            value: 4,
            confidence: 0.71,
            reasoning: 'Polite, brief exchange with thanks at the end.',
            dispositionMetricPrompt: 'Rate the customer satisfaction from 1 to 5.',
            dispositionMetricType: 'INTEGER',
          },
        ],
      },
    },
  },
};
