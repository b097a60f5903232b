/**
 * A Ringpost webhook receiver that verifies every request (Node.js 18+, no dependencies).
 *
 * 1) Save this code as verify-webhook.mjs
 * 2) Run it with your endpoint's signing secret:
 *      WEBHOOK_SECRET=whsec_... node verify-webhook.mjs
 * 3) It listens on http://localhost:4242/webhook
 *
 * Ringpost signs the Standard Webhooks way: the `webhook-signature` header holds one or more
 * space-separated `v1,<base64 HMAC-SHA256>` entries (two while a rotated secret is still valid),
 * computed over `<webhook-id>.<webhook-timestamp>.<raw body>` with the base64-decoded part of the
 * secret after `whsec_`. Checking the timestamp stops an old request from being replayed.
 */
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const TOLERANCE_SECONDS = 5 * 60;

export function verifySignature(rawBody, headers, secret, nowSeconds = Date.now() / 1000) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return false;

  const sentAt = Number(timestamp);
  if (!Number.isInteger(sentAt) || Math.abs(nowSeconds - sentAt) > TOLERANCE_SECONDS) return false;

  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();

  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) return false;
    const received = Buffer.from(signature, 'base64');
    return received.length === expected.length && timingSafeEqual(received, expected);
  });
}

export function createReceiver(secret, onEvent = (event) => console.log('Received', event.event)) {
  return createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/webhook') {
      res.writeHead(404).end();
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      // Verify the raw bytes: re-serialising parsed JSON would change them and break the signature.
      const rawBody = Buffer.concat(chunks);
      if (!verifySignature(rawBody, req.headers, secret)) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end('{"error":"invalid signature"}');
        return;
      }
      onEvent(JSON.parse(rawBody.toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.WEBHOOK_SECRET ?? 'whsec_your_secret_here';
  const port = Number(process.env.PORT ?? 4242);
  createReceiver(secret).listen(port, () =>
    console.log(`Listening on http://localhost:${port}/webhook`),
  );
}
