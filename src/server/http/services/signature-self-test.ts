/**
 * The signature self-test: three requests to the endpoint — correctly signed, signed with the wrong
 * secret, and correctly signed but stale — to show whether the receiver really verifies. A receiver
 * passes when it accepts (2xx) the first and refuses the other two.
 */
import { randomBytes } from 'node:crypto';
import { EXAMPLE_PAYLOADS } from '@contract/call-event-examples';
import type { SignatureTestResult } from '@contract/deliveries';
import type { WebhookSender } from '../../outbound/send-webhook';
import { outboundRequest } from '../../outbound/delivery-request';
import { generateWebhookSecret } from '../../security/tokens';
import { newDeliveryId } from '../../db/ids';

/** Standard Webhooks receivers refuse timestamps more than 5 minutes away; 10 minutes is clearly stale. */
const STALE_BY_SECONDS = 10 * 60;

const CASES = [
  {
    case: 'valid',
    shouldAccept: true,
    description: 'Signed with the current secret, timestamp now',
  },
  { case: 'wrong-signature', shouldAccept: false, description: 'Signed with a different secret' },
  {
    case: 'stale-timestamp',
    shouldAccept: false,
    description: 'Correctly signed, timestamp 10 minutes old',
  },
] as const;

export async function runSignatureSelfTest(
  sender: WebhookSender,
  endpoint: {
    url: string;
    description: string | null;
    headers: Record<string, string>;
    secret: string;
  },
  options: { timeoutMs: number; now: Date },
): Promise<SignatureTestResult> {
  const results: SignatureTestResult['cases'] = [];
  for (const testCase of CASES) {
    const id = newDeliveryId(options.now.getTime());
    const example = EXAMPLE_PAYLOADS['pre-conversation'];
    const body = JSON.stringify({
      ...example,
      id,
      url: endpoint.url,
      description: endpoint.description ?? '',
    });
    const signedAt =
      testCase.case === 'stale-timestamp'
        ? new Date(options.now.getTime() - STALE_BY_SECONDS * 1000)
        : options.now;
    const request = outboundRequest(
      { id, body },
      {
        url: endpoint.url,
        headers: endpoint.headers,
        secret: testCase.case === 'wrong-signature' ? generateWebhookSecret() : endpoint.secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
      },
      options.now,
      {
        signedAt,
        extraHeaders: {
          'x-ringpost-test': `signature-self-test; case=${testCase.case}; nonce=${randomBytes(4).toString('hex')}`,
        },
      },
    );
    const sent = await sender.send({ ...request, timeoutMs: options.timeoutMs });
    const status = sent.response?.status ?? null;
    const accepted = status !== null && status >= 200 && status < 300;
    results.push({
      case: testCase.case,
      description: testCase.description,
      responseStatus: status,
      // A 4xx is the answer we hope for in the negative cases, not an error; only failures to get an answer are.
      error: sent.response ? null : (sent.error?.message ?? null),
      accepted,
      shouldAccept: testCase.shouldAccept,
    });
  }
  return {
    passed: results.every(
      (r) => r.accepted === r.shouldAccept && (r.shouldAccept || r.responseStatus !== null),
    ),
    cases: results,
  };
}
