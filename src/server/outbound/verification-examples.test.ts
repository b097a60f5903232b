/**
 * The verification code we publish (docs/examples, shown on the create page and linked from the README)
 * verifies real deliveries, and refuses tampered and stale ones. The Python example runs in a real
 * python3 with a stand-in for the `flask` import, so that the test needs no pip install.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../testing/delivery-harness';
import { eventually, type ReceivedRequest } from '../testing/receiver';
import { ROOT_DIR } from '../paths';
import { verifySignature } from '../../../docs/examples/verify-webhook.mjs';

let h: DeliveryHarness;
let secret = '';
let received: ReceivedRequest[] = [];

beforeAll(async () => {
  h = await createDeliveryHarness();
  const endpoint = await h.createEndpoint('/examples');
  secret = endpoint.secret;
  const agentId = await h.subscribe(0, endpoint.id);
  for (const type of ['pre-conversation', 'post-conversation', 'analytics-completed'] as const) {
    await h.ingest(exampleEvent(agentId, 'call_examples', type));
  }
  received = await eventually(
    () => (h.receiver.at('/examples').length === 3 ? h.receiver.at('/examples') : undefined),
    10_000,
    'three deliveries',
  );
});
afterAll(async () => {
  await h.close();
});

const headersOf = (r: ReceivedRequest) => ({
  'webhook-id': String(r.headers['webhook-id']),
  'webhook-timestamp': String(r.headers['webhook-timestamp']),
  'webhook-signature': String(r.headers['webhook-signature']),
});

describe('docs/examples/verify-webhook.mjs', () => {
  it('accepts every real delivery and refuses a tampered body, a wrong secret and a stale timestamp', () => {
    for (const request of received) {
      expect(verifySignature(request.body, headersOf(request), secret)).toBe(true);
      expect(verifySignature(request.body.replace('"', ' "'), headersOf(request), secret)).toBe(
        false,
      );
      expect(
        verifySignature(
          request.body,
          headersOf(request),
          'whsec_' + Buffer.alloc(32, 1).toString('base64'),
        ),
      ).toBe(false);
      const sentAt = Number(request.headers['webhook-timestamp']);
      expect(verifySignature(request.body, headersOf(request), secret, sentAt + 10 * 60)).toBe(
        false,
      );
    }
  });
});

describe('docs/examples/verify_webhook.py', () => {
  it('accepts every real delivery and refuses a tampered body, a wrong secret and a stale timestamp', () => {
    const cases = received.flatMap((request) => {
      const sentAt = Number(request.headers['webhook-timestamp']);
      return [
        { expect: true, body: request.body, headers: headersOf(request), secret, now: sentAt + 1 },
        {
          expect: false,
          body: request.body + ' ',
          headers: headersOf(request),
          secret,
          now: sentAt + 1,
        },
        {
          expect: false,
          body: request.body,
          headers: headersOf(request),
          secret: 'whsec_' + Buffer.alloc(32, 1).toString('base64'),
          now: sentAt + 1,
        },
        {
          expect: false,
          body: request.body,
          headers: headersOf(request),
          secret,
          now: sentAt + 600,
        },
      ];
    });
    const script = `
import json, sys, types
flask = types.ModuleType("flask")
class Flask:
    def __init__(self, *args, **kwargs): pass
    def post(self, *args, **kwargs): return lambda f: f
flask.Flask = Flask
for name in ("abort", "jsonify", "request"): setattr(flask, name, None)
sys.modules["flask"] = flask
sys.path.insert(0, sys.argv[1])
import verify_webhook
results = []
for case in json.load(sys.stdin):
    results.append(verify_webhook.verify_signature(case["body"].encode(), case["headers"], case["secret"], now=case["now"]))
print(json.dumps(results))
`;
    const python = spawnSync('python3', ['-c', script, join(ROOT_DIR, 'docs', 'examples')], {
      input: JSON.stringify(cases),
      encoding: 'utf8',
    });
    expect(python.stderr).toBe('');
    expect(JSON.parse(python.stdout)).toEqual(cases.map((c) => c.expect));
  });
});
