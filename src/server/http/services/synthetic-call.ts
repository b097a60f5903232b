/**
 * "Make test call": a plausible call, as the platform would report it, so that an admin sees exactly
 * what their endpoint will receive. Start is published now, End and Analytics Completed a few seconds
 * later, each through the real ingestion path.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { IngestEventRequest } from '@contract/call-events';

export const TEST_CALL_GAPS_MS = { end: 3_000, analytics: 6_000 } as const;

const SCRIPTS = [
  {
    variables: { customerName: 'Sam Lee', appointmentDate: 'Friday' },
    lines: [
      ['agent', 'Hello, this is Ava calling from Northwind Dental. Am I speaking with Sam?'],
      ['user', 'Yes, this is Sam.'],
      [
        'agent',
        'I am calling about your appointment on Friday at 10 am. Could we move it to 3 pm the same day?',
      ],
      ['user', 'Three works for me. Thanks for letting me know.'],
      ['agent', 'Wonderful, you are booked for Friday at 3 pm. Have a great day!'],
    ],
    summary: 'The customer agreed to move their Friday appointment from 10 am to 3 pm.',
    outcome: 'rescheduled',
  },
  {
    variables: { customerName: 'Priya Shah', orderNumber: 'A-10423' },
    lines: [
      [
        'agent',
        'Hi Priya, this is Ringpost Support. I see order A-10423 has not shipped yet. How can I help?',
      ],
      ['user', 'I wanted to change the delivery address before it ships.'],
      ['agent', 'I can do that. What is the new address?'],
      ['user', '42 Harbour Street, Bristol.'],
      ['agent', 'Done: order A-10423 will ship to 42 Harbour Street, Bristol.'],
    ],
    summary: 'The customer changed the delivery address of order A-10423 before shipping.',
    outcome: 'address_changed',
  },
] as const;

function phone(): string {
  return `+1415555${String(randomInt(0, 10_000)).padStart(4, '0')}`;
}

export function syntheticCall(
  agentId: string,
  start: Date,
): { callId: string; events: { event: IngestEventRequest; publishAt: Date }[] } {
  const callId = `test_call_${randomBytes(8).toString('hex')}`;
  const script = SCRIPTS[randomInt(0, SCRIPTS.length)] ?? SCRIPTS[0];
  const from = phone();
  const to = phone();
  const answerTime = new Date(start.getTime() + 1_200);
  let at = answerTime.getTime();
  const transcript = script.lines.map(([role, content]) => {
    at += 2_000 + content.length * 45;
    return { role, content, timestamp: new Date(at).toISOString() };
  });
  const endTime = new Date(at + 1_500);
  const callData = {
    fromNumber: from,
    toNumber: to,
    callDuration: Math.round((endTime.getTime() - answerTime.getTime()) / 100) / 10,
    callStatus: 'completed',
    callDirection: 'outbound',
    answerTime: answerTime.toISOString(),
    endTime: endTime.toISOString(),
  } as const;
  const conversationType = 'telephonyOutbound' as const;

  return {
    callId,
    events: [
      {
        publishAt: start,
        event: {
          agentId,
          callId,
          eventType: 'pre-conversation',
          metadata: { conversationType, toPhone: to, fromPhone: from },
        },
      },
      {
        publishAt: new Date(start.getTime() + TEST_CALL_GAPS_MS.end),
        event: {
          agentId,
          callId,
          eventType: 'post-conversation',
          metadata: {
            conversationType,
            recordingUrl: `https://recordings.example.com/${callId}.mp3`,
            callData,
            transcript,
            variables: { ...script.variables },
          },
        },
      },
      {
        publishAt: new Date(start.getTime() + TEST_CALL_GAPS_MS.analytics),
        event: {
          agentId,
          callId,
          eventType: 'analytics-completed',
          metadata: {
            conversationType,
            callData,
            analytics: {
              summary: script.summary,
              dispositionMetrics: [
                {
                  identifier: 'outcome',
                  value: script.outcome,
                  confidence: 0.94,
                  reasoning: 'The customer confirmed the change before the call ended.',
                  dispositionMetricPrompt: 'What was the outcome of the call?',
                  dispositionMetricType: 'STRING',
                },
                {
                  identifier: 'resolved',
                  value: true,
                  confidence: 0.97,
                  reasoning: 'The request was completed during the call.',
                  dispositionMetricPrompt: 'Was the customer request resolved?',
                  dispositionMetricType: 'BOOLEAN',
                },
              ],
              successMetrics: [
                {
                  identifier: 'customer_satisfaction',
                  value: 4,
                  confidence: 0.72,
                  reasoning: 'Short, polite exchange ending with thanks.',
                  dispositionMetricPrompt: 'Rate customer satisfaction from 1 to 5.',
                  dispositionMetricType: 'INTEGER',
                },
              ],
            },
          },
        },
      },
    ],
  };
}
