/**
 * Whatever bytes a receiver answers with, the attempt is recorded and the delivery moves on: NUL bytes
 * in a 200's body, a 500's body that is not UTF-8, bytes outside ASCII in a header, control bytes in a
 * header (which the HTTP client refuses). Each delivery is attempted exactly once per step of the
 * schedule and never again once the lease (2 × timeout + 1 s) has run out — an attempt that cannot be
 * stored would be sent again every time it did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryDetailSchema, type DeliveryDetail } from '@contract/deliveries';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../testing/delivery-harness';
import { eventually, type Reply } from '../testing/receiver';
import { leaseFor } from './worker';

/** A whole HTTP/1.1 response, byte for byte, with the given header lines. */
function rawResponse(status: string, headerLines: Buffer[], body = 'ok'): Buffer {
  const crlf = Buffer.from('\r\n');
  return Buffer.concat([
    Buffer.from(`HTTP/1.1 ${status}\r\n`),
    ...headerLines.flatMap((line) => [line, crlf]),
    Buffer.from(
      `Content-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    ),
  ]);
}

const NUL_BODY = Buffer.from('{"ok":true}\u0000\u0000trailer', 'utf8');
const NOT_UTF8_BODY = Buffer.from([0x62, 0x6f, 0xff, 0xfe, 0x6f, 0x6d, 0xc3]);
const LATIN1_HEADER = Buffer.concat([Buffer.from('X-Odd: caf'), Buffer.from([0xe9, 0xff])]);
const CONTROL_HEADER = Buffer.concat([Buffer.from('X-Odd: caf'), Buffer.from([0xe9, 0x01])]);

const CASES = {
  nulBody: { status: 200, body: NUL_BODY },
  notUtf8: { status: 500, body: NOT_UTF8_BODY },
  latin1Header: { raw: rawResponse('200 OK', [LATIN1_HEADER]) },
  controlHeader: { raw: rawResponse('200 OK', [CONTROL_HEADER]) },
} satisfies Record<string, Reply>;
type CaseName = keyof typeof CASES;

let h: DeliveryHarness;
const deliveryOf = new Map<CaseName, string>();

async function detail(id: string): Promise<DeliveryDetail> {
  return DeliveryDetailSchema.parse(
    (await h.ctx.request('GET', `/api/v1/deliveries/${id}`, { as: h.org.users.viewer })).body,
  );
}

/** What the receiver got for one delivery. */
const requestsFor = (name: CaseName) =>
  h.receiver.at('/bytes').filter((r) => r.headers['webhook-id'] === deliveryOf.get(name));

beforeAll(async () => {
  h = await createDeliveryHarness();
  const endpoint = await h.createEndpoint('/bytes');
  const agentId = await h.subscribe(0, endpoint.id);
  const caseOfCall = new Map<string, CaseName>();
  h.receiver.behave('/bytes', (req) => {
    const body = JSON.parse(req.body) as { metadata: { callId: string } };
    const name = caseOfCall.get(body.metadata.callId);
    return name ? CASES[name] : {};
  });
  for (const name of Object.keys(CASES) as CaseName[]) {
    const callId = `call_bytes_${name}_${Date.now()}`;
    caseOfCall.set(callId, name);
    const response = await h.ingest(exampleEvent(agentId, callId, 'pre-conversation'));
    expect(response.status).toBe(202);
    const [id] = (response.body as { deliveryIds: string[] }).deliveryIds;
    deliveryOf.set(name, id ?? '');
  }
  await eventually(
    () => Object.keys(CASES).every((name) => requestsFor(name as CaseName).length > 0),
    5_000,
    'every case to be attempted',
  );
  // Past the lease of the first attempts: an attempt that was not recorded would be sent again by now.
  await new Promise((resolve) =>
    setTimeout(resolve, leaseFor(h.ctx.deps.env.RINGPOST_DELIVERY_TIMEOUT) + 700),
  );
}, 30_000);

afterAll(async () => {
  await h.close();
});

describe('what a receiver answers is recorded, whatever its bytes', () => {
  it('a 200 with NUL bytes in its body: delivered once, the body kept as base64', async () => {
    const delivery = await detail(deliveryOf.get('nulBody') ?? '');
    expect(requestsFor('nulBody')).toHaveLength(1);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts).toHaveLength(1);
    const response = delivery.attempts[0]?.response;
    expect(response?.status).toBe(200);
    expect(response?.bodyEncoding).toBe('base64');
    expect(Buffer.from(response?.body ?? '', 'base64').equals(NUL_BODY)).toBe(true);
    expect(response?.bodyTruncated).toBe(false);
  });

  it('a 500 whose body is not UTF-8: retried on schedule, each attempt with the exact bytes', async () => {
    const delivery = await detail(deliveryOf.get('notUtf8') ?? '');
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(4);
    expect(requestsFor('notUtf8')).toHaveLength(4);
    for (const attempt of delivery.attempts) {
      expect(attempt.error).toEqual({ category: 'http_status', message: 'Answered 500' });
      expect(attempt.response?.bodyEncoding).toBe('base64');
      expect(Buffer.from(attempt.response?.body ?? '', 'base64').equals(NOT_UTF8_BODY)).toBe(true);
    }
  });

  it('a header with bytes outside ASCII: delivered once, the header kept as read', async () => {
    const delivery = await detail(deliveryOf.get('latin1Header') ?? '');
    expect(requestsFor('latin1Header')).toHaveLength(1);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.attempts).toHaveLength(1);
    const response = delivery.attempts[0]?.response;
    // HTTP header bytes are read as Latin-1.
    expect(response?.headers['x-odd']).toBe('caf\u00e9\u00ff');
    expect(response?.body).toBe('ok');
    expect(response?.bodyEncoding).toBe('utf8');
  });

  it('a header with control bytes: the client refuses the answer; each refusal recorded once', async () => {
    const delivery = await detail(deliveryOf.get('controlHeader') ?? '');
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(4);
    expect(requestsFor('controlHeader')).toHaveLength(4);
    for (const attempt of delivery.attempts) {
      expect(attempt.response).toBeNull();
      expect(attempt.error?.category).toBe('connect');
    }
  });
});
